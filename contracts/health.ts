import { z } from 'zod';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  engine: z.enum(['sqlite', 'postgres']),
  engineVersion: z.string(),
  migrations: z.object({
    applied: z.number().int(),
    pending: z.number().int(),
    latest: z.string().nullable(),
  }),
  time: z.string(),
});
