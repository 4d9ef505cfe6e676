import { isApiError } from '../../../api/client';
import type { ItemError } from './db';
import type { Outcome } from './syncer';

/** The codes that mean "this record changed on the server since the phone fetched it". */
export type ConflictCodes = ReadonlySet<string>;

function itemError(err: unknown): ItemError {
  if (!isApiError(err)) return { code: 'client.error', message: String(err) };
  return {
    code: err.code,
    message: err.detail ?? err.title,
    ...(err.fieldErrors.length
      ? {
          fields: err.fieldErrors.map((f) => ({
            path: f.field,
            message: f.message,
            ...(f.code ? { code: f.code } : {}),
          })),
        }
      : {}),
  };
}

/**
 * What a failed send means for a queued item, the same for every system's sender: the network
 * or the server is away (retry later), the person must sign in again (blocked: the item waits),
 * the record changed since it was fetched (conflict: the server's version, for the person to
 * compare), or the input is refused (invalid: shown on the item, field by field). `conflictCodes`
 * are the sender's own stale-record codes; the server's answer carries the record as `current`.
 */
export function outcomeOfError(err: unknown, conflictCodes: ConflictCodes): Outcome {
  const error = itemError(err);
  if (!isApiError(err)) return { kind: 'retry', error };
  if (err.status === 0 || err.status === 429 || err.status >= 500 || err.code === 'client.bad_response') {
    return { kind: 'retry', error };
  }
  if (err.status === 409 && conflictCodes.has(err.code)) {
    return { kind: 'conflict', current: err.problem?.['current'], error };
  }
  if (err.status === 401 || err.status === 403 || err.code === 'auth.csrf')
    return { kind: 'blocked', reason: error };
  return { kind: 'invalid', error };
}

/** Runs one send; its answer is done, any failure is sorted by `outcomeOfError`. */
export async function sendWith(send: () => Promise<unknown>, conflictCodes: ConflictCodes): Promise<Outcome> {
  try {
    await send();
    return { kind: 'done' };
  } catch (err) {
    return outcomeOfError(err, conflictCodes);
  }
}
