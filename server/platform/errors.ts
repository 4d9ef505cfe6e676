/**
 * The one error type the services throw. `code` is stable and dotted (`org.not_found`) so the web
 * client and integrators can branch on it; `details` names fields for validation problems.
 */
export interface FieldIssue {
  field: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: { fields?: FieldIssue[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(`${what}.not_found`, 404, `${what} not found`);
export const forbidden = () => new AppError('auth.forbidden', 403, 'You may not do this');
export const unauthenticated = () => new AppError('auth.unauthenticated', 401, 'Sign in first');
export const conflict = (code: string, message: string) => new AppError(code, 409, message);
export const invalid = (code: string, field: string, message: string) =>
  new AppError(code, 422, message, { fields: [{ field, message }] });
