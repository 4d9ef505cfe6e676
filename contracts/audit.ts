import { z } from 'zod';
import { BigSerial, Count } from './numbers';
import { Id, IsoDateTime, PageQuery, pageOf } from './common';

export const AuditEntry = z.object({
  seq: BigSerial,
  id: z.string(),
  at: IsoDateTime,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  result: z.enum(['success', 'denied', 'failure']),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = pageOf(AuditEntry);

export const AuditFilter = z.strictObject({
  actorId: Id.optional(),
  actor: z.string().trim().max(50).optional(),
  action: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z_.]*$/, 'letters, _ and .')
    .optional(),
  subjectType: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z_]*$/, 'letters and _')
    .optional(),
  subjectId: z.string().trim().max(64).optional(),
  result: z.enum(['success', 'denied', 'failure']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const AuditListQuery = AuditFilter.extend(PageQuery.shape);

export const ChainCheck = z.object({
  ok: z.boolean(),
  checked: Count,
  brokenAt: BigSerial.optional(),
  reason: z.string().optional(),
  /** The newest signed checkpoint (kept outside the database) the chain was compared with. */
  checkpoint: z.object({ seq: BigSerial, at: z.string() }).optional(),
});

/**
 * The problem codes the audit module answers with.
 */
export const AUDIT_ERROR_CODES = ['audit.export_too_large'] as const;
