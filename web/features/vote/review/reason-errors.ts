import { ApiError, isApiError } from '../../../api/client';

/**
 * The reason dialog shows field errors on its `reason` and `kind` fields; the review's bodies name
 * them otherwise (`evidence`, `text`, `answer`; `decision`). Renames the server's fields so each
 * error lands next to the field the person typed into; anything else passes unchanged.
 */
export function asReasonErrors(err: unknown, rename: Record<string, 'reason' | 'kind'>): unknown {
  if (!isApiError(err) || err.fieldErrors.length === 0) return err;
  const errors = err.fieldErrors.map((e) => {
    const bare = e.field.replace(/^body\./, '');
    const to = rename[bare] ?? rename[bare.split('.')[0] ?? bare];
    return to ? { ...e, field: to } : e;
  });
  const problem = err.problem ?? {
    type: 'about:blank',
    title: err.title,
    status: err.status,
    code: err.code,
  };
  return new ApiError(err.status, err.code, err.title, { ...problem, errors });
}
