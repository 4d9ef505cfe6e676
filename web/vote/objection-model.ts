import type { VoteError } from './api';
import type { ObjectionBody } from './types';

/**
 * The objection form's model (公示期异议), without the page: what the worker typed, the few checks
 * the phone makes before sending (an empty text, control characters — the same rules as the
 * contract's `RequiredText`; the length the server alone judges, so no number is copied here),
 * and a refusal of the server turned back into the form's fields, so the page can name the field.
 */
export type ObjectionField = 'candidateId' | 'text';
/** Why a field is refused, each with its own plain words on the page. */
export type FieldProblem = 'required' | 'too_long' | 'bad_chars' | 'not_candidate' | 'invalid';
export type FieldProblems = Partial<Record<ObjectionField, FieldProblem>>;

/** The form as typed: `candidateId` '' means the result as a whole, not one candidate. */
export interface ObjectionDraft {
  candidateId: string;
  text: string;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function checkDraft(d: ObjectionDraft): FieldProblems {
  const problems: FieldProblems = {};
  const text = d.text.trim();
  if (!text) problems.text = 'required';
  else if (CONTROL.test(text)) problems.text = 'bad_chars';
  return problems;
}

export function toBody(d: ObjectionDraft): ObjectionBody {
  return { candidateId: d.candidateId || null, text: d.text.trim() };
}

function fieldOf(path: unknown): ObjectionField | null {
  if (typeof path !== 'string') return null;
  const name = path.replace(/^body\./, '');
  return name === 'candidateId' || name === 'text' ? name : null;
}

function problemOf(code: unknown, field: ObjectionField, message: unknown): FieldProblem {
  if (field === 'candidateId') return 'not_candidate';
  if (code === 'too_big' || (typeof message === 'string' && /too big|<=/i.test(message))) return 'too_long';
  if (code === 'too_small' || message === 'required') return 'required';
  if (typeof message === 'string' && /control characters/.test(message)) return 'bad_chars';
  return 'invalid';
}

/**
 * The fields a refusal names (400 `request.invalid` from the schema, 422 from the service, e.g.
 * `vote_candidate.not_found` on `body.candidateId`); null when it names none of the form's fields.
 */
export function refusedFields(err: Pick<VoteError, 'code' | 'field' | 'problem'>): FieldProblems | null {
  const listed = Array.isArray(err.problem?.errors)
    ? (err.problem.errors as { field?: unknown; code?: unknown; message?: unknown }[])
    : err.field
      ? [{ field: err.field }]
      : [];
  const problems: FieldProblems = {};
  for (const issue of listed) {
    const field = fieldOf(issue.field);
    if (field && !problems[field]) {
      problems[field] =
        err.code === 'vote_candidate.not_found'
          ? 'not_candidate'
          : problemOf(issue.code, field, issue.message);
    }
  }
  return Object.keys(problems).length ? problems : null;
}

/** My objections, newest first; the open ones (still waiting for an answer) counted. */
export function sortObjections<T extends { createdAt: string; state: string }>(items: T[]) {
  const sorted = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { items: sorted, open: sorted.filter((o) => o.state === 'open').length };
}
