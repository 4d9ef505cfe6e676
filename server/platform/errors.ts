import type { ErrorCode, NotFoundSubject } from '../../contracts/errors';

export type { ErrorCode, NotFoundSubject };

/**
 * The one error type the services throw. `code` is stable and dotted (`org.not_found`) so the web
 * client and integrators can branch on it; `details` names fields for validation problems.
 * Codes are declared per module in contracts/ (ErrorCode, contracts/errors.ts): an undeclared
 * code fails `tsc`.
 */
export interface FieldIssue {
  field: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details: { fields?: FieldIssue[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: NotFoundSubject) =>
  new AppError(`${what}.not_found` as const, 404, `${what} not found`);
export const forbidden = () => new AppError('auth.forbidden', 403, 'You may not do this');
export const unauthenticated = () => new AppError('auth.unauthenticated', 401, 'Sign in first');
export const conflict = (code: ErrorCode, message: string) => new AppError(code, 409, message);
export const invalid = (code: ErrorCode, field: string, message: string) =>
  new AppError(code, 422, message, { fields: [{ field, message }] });
