import type { ASSISTANCE_ERROR_CODES } from './assistance';
import type { AUDIT_ERROR_CODES } from './audit';
import type { ORGANISATION_ERROR_CODES } from './organisation';
import type { IDENTITY_ERROR_CODES } from './user';
import type { MEMBERSHIP_ERROR_CODES } from './membership';
import type { VOTE_BALLOT_ERROR_CODES } from './vote-ballots';
import type { VOTE_ERROR_CODES } from './vote';
import type { WORKER_ERROR_CODES } from './worker';

/**
 * The platform's own problem codes (authentication, request guards, text messages, assignments).
 */
export const PLATFORM_ERROR_CODES = [
  'assignment.exists',
  'auth.csrf',
  'auth.forbidden',
  'auth.password_change_required',
  'auth.session_revoked',
  'auth.unauthenticated',
  'request.invalid',
  'sms.send_failed',
] as const;

/**
 * Every stable problem code the server may answer with: the platform's and each module's list
 * (declared in its contract file). The server's AppError takes only these, so throwing an
 * undeclared code fails `tsc`; the back office's words are typed by the same union, so a code
 * without its words fails `tsc` too (web/app/error-messages.ts).
 */
export type ErrorCode =
  | (typeof PLATFORM_ERROR_CODES)[number]
  | (typeof ORGANISATION_ERROR_CODES)[number]
  | (typeof IDENTITY_ERROR_CODES)[number]
  | (typeof AUDIT_ERROR_CODES)[number]
  | (typeof ASSISTANCE_ERROR_CODES)[number]
  | (typeof MEMBERSHIP_ERROR_CODES)[number]
  | (typeof VOTE_BALLOT_ERROR_CODES)[number]
  | (typeof VOTE_ERROR_CODES)[number]
  | (typeof WORKER_ERROR_CODES)[number];

/** The subjects `notFound(what)` / `requireRecord(…, what)` may name: codes `<what>.not_found`. */
export type NotFoundSubject = ErrorCode extends infer C
  ? C extends `${infer S}.not_found`
    ? S
    : never
  : never;
