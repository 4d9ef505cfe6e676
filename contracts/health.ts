import { z } from 'zod';
import { Count } from './numbers';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  engine: z.enum(['sqlite', 'postgres']),
  engineVersion: z.string(),
  migrations: z.object({
    applied: Count,
    pending: Count,
    latest: z.string().nullable(),
  }),
  time: z.string(),
});
