import { z } from 'zod';
import { IsoDateTime } from './common';
import { Count } from './numbers';

/**
 * Worker sign-in (S7b): a worker proves a mobile number with a one-time code and gets a short,
 * revocable worker session (cookie `uc_worker`), separate from staff sessions. A worker on the
 * membership roll is tier 'member', anyone else 'public' (they may use only what a campaign opens
 * to the public tier).
 */
export const WORKER_ACTIONS = ['worker.end_sessions'] as const;

export const WORKER_ERROR_CODES = ['auth.worker_required'] as const;

const PhoneText = z.string().trim().max(20);
const CodeText = z.string().trim().max(10);

export const WorkerTier = z.enum(['member', 'public']);
export type WorkerTier = z.infer<typeof WorkerTier>;

export const WorkerCodeBody = z.strictObject({ phone: PhoneText });
export const WorkerCodeSent = z.object({ sent: z.literal(true), expiresInSeconds: Count });

export const WorkerSignInBody = z.strictObject({ phone: PhoneText, code: CodeText });

/** The signed-in worker, as the phone pages show them: masked, nothing to reveal. */
export const WorkerMe = z.object({
  tier: WorkerTier,
  phoneMasked: z.string(),
  /** The roll's name, masked (王*明); null for a public-tier worker. */
  memberName: z.string().nullable(),
  unitName: z.string().nullable(),
  signedInAt: IsoDateTime,
  expiresAt: IsoDateTime,
});
export type WorkerMe = z.infer<typeof WorkerMe>;

export const WorkerSignedOut = z.object({ signedOut: z.literal(true) });

/** Staff: end every worker session of a lost phone. */
export const EndWorkerSessionsBody = z.strictObject({ phone: PhoneText });
export const WorkerSessionsEnded = z.object({ ended: Count });
