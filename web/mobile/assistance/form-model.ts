import type { z } from 'zod';
import { DateOnly, DraftBody, MemberInput, NeedInput, ScreeningForm } from '../../../contracts/assistance';
import { MONEY_MAX_FEN, Money } from '../../../contracts/numbers';
import type { Cause, Situation } from '../../../contracts/assistance';
import { fenToYuanText, yuanTextToFen } from '../../components/money/money';
import type { Method, NeedKind, Relation, Urgency } from '../../features/assistance/core/labels';
import {
  CAUSES,
  METHODS,
  NEED_KINDS,
  RELATIONS,
  SITUATIONS,
  URGENCIES,
} from '../../features/assistance/core/labels';
import type { MVars } from '../texts';
import type { SKey } from './texts';
import { maxOf } from '../kit/bounds';

/**
 * The screening form as the screen holds it: text as typed (money in yuan), so half-filled
 * fields survive; `toDraftForm` and `toScreeningForm` turn it into what the API takes (fen).
 */
export interface MemberState {
  key: string;
  relation: Relation | '';
  name: string;
  age: string;
  idNumber: string;
  school: string;
  health: string;
  work: string;
  monthlyIncome: string;
}

export interface NeedState {
  key: string;
  kind: NeedKind | '';
  urgency: Urgency;
  description: string;
}

export interface FormState {
  method: Method;
  screenedOn: string;
  campaignId: string;
  headName: string;
  idNumber: string;
  phone: string;
  situation: Situation | '';
  divisionCode: string;
  addressDetail: string;
  householdSize: string;
  annualIncome: string;
  rigidExpense: string;
  causes: Cause[];
  suddenEvent: string;
  members: MemberState[];
  needs: NeedState[];
  leads: string;
}

export type ScreeningFormInput = z.input<typeof ScreeningForm>;
export type DraftForm = z.input<typeof DraftBody>['form'];

export const STEPS = ['head', 'members', 'money', 'needs', 'leads', 'submit'] as const;
export type Step = (typeof STEPS)[number];

let keySeq = 0;
export const rowKey = () => `r${Date.now().toString(36)}${(keySeq += 1)}`;

/** A reference the server uses to recognise a retried submission: one per form. */
export function newClientRef(): string {
  const uuid =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(16)}${Math.random().toString(16).slice(2)}${Math.random().toString(16).slice(2)}`;
  return uuid.replace(/-/g, '').slice(0, 32);
}

/** Today in China, where screenings happen, whatever the phone's zone. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function emptyMember(): MemberState {
  return {
    key: rowKey(),
    relation: '',
    name: '',
    age: '',
    idNumber: '',
    school: '',
    health: '',
    work: '',
    monthlyIncome: '',
  };
}

export function emptyNeed(): NeedState {
  return { key: rowKey(), kind: '', urgency: 'normal', description: '' };
}

export function emptyForm(): FormState {
  return {
    method: 'home_visit',
    screenedOn: chinaToday(),
    campaignId: '',
    headName: '',
    idNumber: '',
    phone: '',
    situation: '',
    divisionCode: '',
    addressDetail: '',
    householdSize: '1',
    annualIncome: '',
    rigidExpense: '',
    causes: [],
    suddenEvent: '',
    members: [],
    needs: [],
    leads: '',
  };
}

// ---- editing the form as a person types: each edit gives a new form ----

/** The form with member `index` changed by `patch`. */
export const withMember = (f: FormState, index: number, patch: Partial<MemberState>): FormState => ({
  ...f,
  members: f.members.map((m, i) => (i === index ? { ...m, ...patch } : m)),
});

/** The form with need `index` changed by `patch`. */
export const withNeed = (f: FormState, index: number, patch: Partial<NeedState>): FormState => ({
  ...f,
  needs: f.needs.map((n, i) => (i === index ? { ...n, ...patch } : n)),
});

/** The form with one more, empty member; the household grows to hold the head and every member. */
export function withNewMember(f: FormState): FormState {
  const members = [...f.members, emptyMember()];
  const size = Number(f.householdSize) || 0;
  return {
    ...f,
    members,
    householdSize: size < members.length + 1 ? String(members.length + 1) : f.householdSize,
  };
}

export const withoutMember = (f: FormState, index: number): FormState => ({
  ...f,
  members: f.members.filter((_, i) => i !== index),
});

export const withNewNeed = (f: FormState): FormState => ({ ...f, needs: [...f.needs, emptyNeed()] });

export const withoutNeed = (f: FormState, index: number): FormState => ({
  ...f,
  needs: f.needs.filter((_, i) => i !== index),
});

/** The marks (problems or their words) by field path without `paths`: the same object when none was marked. */
export function withoutPaths<T>(marked: Record<string, T>, paths: readonly string[]): Record<string, T> {
  if (!paths.some((p) => marked[p])) return marked;
  const next = { ...marked };
  for (const p of paths) delete next[p];
  return next;
}

/** The marks without any on a list's rows (`members.…`, `needs.…`): a removed row shifts the rest. */
export const withoutRows = <T>(marked: Record<string, T>, list: 'members' | 'needs'): Record<string, T> =>
  Object.fromEntries(Object.entries(marked).filter(([k]) => !k.startsWith(`${list}.`)));

// ---- restoring a saved draft: whatever it holds, read defensively ----

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
const fenText = (v: unknown): string => (typeof v === 'number' ? fenToYuanText(v) : '');
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | '' =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : '';
const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

export function fromDraft(form: Record<string, unknown>): FormState {
  const base = emptyForm();
  const members = Array.isArray(form.members) ? form.members.map(record) : [];
  const needs = Array.isArray(form.needs) ? form.needs.map(record) : [];
  return {
    method: oneOf(METHODS, form.method) || base.method,
    screenedOn: str(form.screenedOn) || base.screenedOn,
    campaignId: str(form.campaignId),
    headName: str(form.headName),
    idNumber: str(form.idNumber),
    phone: str(form.phone),
    situation: oneOf(SITUATIONS, form.situation),
    divisionCode: str(form.divisionCode),
    addressDetail: str(form.addressDetail),
    householdSize: num(form.householdSize) || String(members.length + 1),
    annualIncome: fenText(form.annualIncomeFen),
    rigidExpense: fenText(form.rigidExpenseFen),
    causes: Array.isArray(form.causes) ? (form.causes.filter((c) => oneOf(CAUSES, c)) as Cause[]) : [],
    suddenEvent: str(form.suddenEvent),
    members: members.map((m) => ({
      key: rowKey(),
      relation: oneOf(RELATIONS, m.relation),
      name: str(m.name),
      age: num(m.age),
      idNumber: str(m.idNumber),
      school: str(m.school),
      health: str(m.health),
      work: str(m.work),
      monthlyIncome: fenText(m.monthlyIncomeFen),
    })),
    needs: needs.map((n) => ({
      key: rowKey(),
      kind: oneOf(NEED_KINDS, n.kind),
      urgency: oneOf(URGENCIES, n.urgency) || 'normal',
      description: str(n.description),
    })),
    leads: str(form.leads),
  };
}

// ---- to the API ----

const trimmed = (s: string) => s.trim();
const optionalText = (s: string) => (s.trim() ? s.trim() : undefined);
const intOf = (s: string): number | undefined => (/^\s*\d{1,3}\s*$/.test(s) ? Number(s) : undefined);
const compactPhone = (s: string) => s.trim().replace(/[\s-]/g, '');

/** Something worth keeping: a draft is not created for a form nobody has typed in. */
export function hasContent(f: FormState): boolean {
  return Boolean(
    f.headName.trim() ||
    f.idNumber.trim() ||
    f.phone.trim() ||
    f.addressDetail.trim() ||
    f.situation ||
    f.annualIncome.trim() ||
    f.rigidExpense.trim() ||
    f.leads.trim() ||
    f.suddenEvent.trim() ||
    f.members.length > 0 ||
    f.needs.length > 0,
  );
}

/** Keeps only the keys whose value the schema's field accepts: a draft saves whatever is valid so far. */
function keepValid<T extends Record<string, unknown>>(
  candidate: T,
  shape: Record<string, { safeParse: (v: unknown) => { success: boolean } }>,
): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(candidate)) {
    if (v === undefined) continue;
    if (shape[k]?.safeParse(v).success) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

function memberCandidate(m: MemberState) {
  return {
    relation: m.relation || undefined,
    name: optionalText(m.name),
    idNumber: optionalText(m.idNumber)?.toUpperCase(),
    age: intOf(m.age),
    school: optionalText(m.school),
    health: optionalText(m.health),
    work: optionalText(m.work),
    monthlyIncomeFen: yuanTextToFen(m.monthlyIncome),
  };
}

function needCandidate(n: NeedState) {
  return { kind: n.kind || undefined, urgency: n.urgency, description: optionalText(n.description) };
}

function formCandidate(f: FormState) {
  return {
    method: f.method,
    screenedOn: f.screenedOn || undefined,
    campaignId: f.campaignId || undefined,
    headName: optionalText(f.headName),
    idNumber: optionalText(f.idNumber)?.toUpperCase(),
    phone: f.phone.trim() ? compactPhone(f.phone) : undefined,
    situation: f.situation || undefined,
    divisionCode: f.divisionCode || undefined,
    addressDetail: optionalText(f.addressDetail),
    householdSize: intOf(f.householdSize),
    annualIncomeFen: yuanTextToFen(f.annualIncome),
    rigidExpenseFen: yuanTextToFen(f.rigidExpense),
    causes: f.causes.slice(0, maxOf(ScreeningForm.shape.causes)),
    suddenEvent: optionalText(f.suddenEvent),
    leads: optionalText(f.leads),
  };
}

type FieldShape = Record<string, { safeParse: (v: unknown) => { success: boolean } }>;
let draftShapes: { form: FieldShape; member: FieldShape; need: FieldShape } | undefined;

/** The draft's field schemas, built on the first save and kept: not again on every call. */
function draftShape() {
  draftShapes ??= {
    form: DraftBody.shape.form.shape as unknown as FieldShape,
    member: MemberInput.partial().shape as unknown as FieldShape,
    need: NeedInput.partial().shape as unknown as FieldShape,
  };
  return draftShapes;
}

export function toDraftForm(f: FormState): DraftForm {
  const { form: shape, member: memberShape, need: needShape } = draftShape();
  const members = f.members.map((m) => keepValid(memberCandidate(m), memberShape));
  const needs = f.needs.map((n) => keepValid(needCandidate(n), needShape));
  return {
    ...keepValid(formCandidate(f), shape),
    ...(members.length ? { members } : {}),
    ...(needs.length ? { needs } : {}),
  } as DraftForm;
}

// ---- checking before submit: the same rules as the server, said at once and by field ----

export interface Problem {
  key: SKey;
  vars?: MVars;
}
export type Problems = Record<string, Problem>;

/** A problem in words; its `{field}` holds a text key, translated too. */
export function problemText(t: (key: SKey, vars?: MVars) => string, p: Problem): string {
  const field = p.vars?.field;
  return t(p.key, { ...p.vars, ...(typeof field === 'string' ? { field: t(field as SKey) } : {}) });
}

/** A server field issue in our words: by its code where it has one, else by its message. */
export function serverProblem(
  issue: { message: string; code?: string },
  path: string,
  members: number,
): Problem {
  if (issue.code === 'id_number') return { key: 'v.idNumber' };
  if (issue.code === 'mobile') return { key: 'v.phone' };
  if (issue.code === 'revisit_id_number') return { key: 'v.revisitIdNumber' };
  if (issue.message === 'required') return requiredProblem(path.split('.').pop() ?? path);
  if (issue.message.startsWith('smaller than the head'))
    return { key: 'v.sizeMembers', vars: { n: members + 1 } };
  return { key: 'v.invalid' };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 shape and check character; the server checks the rest (region, birth date). */
export function looksLikeIdNumber(value: string): boolean {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17];
}

export function looksLikeMobile(value: string): boolean {
  return /^(?:\+?86)?(1[3-9]\d{9})$/.test(compactPhone(value));
}

const FIELD_LABEL: Record<string, SKey> = {
  headName: 'f.headName',
  situation: 'f.situation',
  divisionCode: 'f.division',
  addressDetail: 'f.address',
  annualIncome: 'f.income',
  rigidExpense: 'f.expense',
  relation: 'f.relation',
  name: 'f.name',
  kind: 'f.needKind',
  description: 'f.description',
  screenedOn: 'f.screenedOn',
};

/** `{field}` holds a text key, translated when shown; a field we have no name for says only "invalid". */
export const requiredProblem = (field: string): Problem =>
  FIELD_LABEL[field] ? { key: 'v.required', vars: { field: FIELD_LABEL[field] } } : { key: 'v.invalid' };
const required = requiredProblem;
const choose = (field: string): Problem =>
  FIELD_LABEL[field] ? { key: 'v.choose', vars: { field: FIELD_LABEL[field] } } : { key: 'v.invalid' };

interface Checkable {
  safeParse: (v: unknown) => { success: true } | { success: false; error: { issues: { code: string }[] } };
}

/**
 * What the shared contract says of a typed text (its bounds and its ban on control characters
 * come from contracts/, never from here): nothing, too long, or a character it refuses.
 */
export function textProblem(schema: Checkable, value: string): Problem | undefined {
  if (!value.trim()) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  return result.error.issues.some((i) => i.code === 'too_big') ? { key: 'v.tooLong' } : { key: 'v.control' };
}

/** An amount in yuan as the contract takes it: two decimals at most, and within one amount's bound. */
function amountProblem(value: string): Problem | undefined {
  if (!value.trim()) return undefined;
  const fen = yuanTextToFen(value);
  if (fen === undefined) return { key: 'v.amount' };
  return Money.safeParse(fen).success
    ? undefined
    : { key: 'v.amountMax', vars: { max: MONEY_MAX_FEN / 100 } };
}

const FORM = ScreeningForm.shape;
const MEMBER = MemberInput.shape;
const NEED = NeedInput.shape;

/** Problems per field path (`headName`, `members.0.name`), for the given step or all of them. */
export function check(f: FormState, step?: Step): Problems {
  const p: Problems = {};
  const on = (s: Step) => step === undefined || step === s;
  if (on('head')) {
    const headName = textProblem(FORM.headName, f.headName);
    if (!f.headName.trim()) p.headName = required('headName');
    else if (headName) p.headName = headName;
    if (f.idNumber.trim() && !looksLikeIdNumber(f.idNumber)) p.idNumber = { key: 'v.idNumber' };
    if (f.phone.trim() && !looksLikeMobile(f.phone)) p.phone = { key: 'v.phone' };
    if (!f.situation) p.situation = choose('situation');
    if (!f.divisionCode) p.divisionCode = choose('divisionCode');
    const address = textProblem(FORM.addressDetail, f.addressDetail);
    if (!f.addressDetail.trim()) p.addressDetail = required('addressDetail');
    else if (address) p.addressDetail = address;
  }
  if (on('members')) {
    const size = intOf(f.householdSize);
    if (size === undefined || size < 1 || size > 30) p.householdSize = { key: 'v.size' };
    else if (size < f.members.length + 1)
      p.householdSize = { key: 'v.sizeMembers', vars: { n: f.members.length + 1 } };
    f.members.forEach((m, i) => {
      if (!m.relation) p[`members.${i}.relation`] = choose('relation');
      const name = textProblem(MEMBER.name, m.name);
      if (!m.name.trim()) p[`members.${i}.name`] = required('name');
      else if (name) p[`members.${i}.name`] = name;
      for (const field of ['school', 'health', 'work'] as const) {
        const problem = textProblem(MEMBER[field], m[field]);
        if (problem) p[`members.${i}.${field}`] = problem;
      }
      const age = m.age.trim();
      if (age && (intOf(age) === undefined || Number(age) > 120)) p[`members.${i}.age`] = { key: 'v.age' };
      if (m.idNumber.trim() && !looksLikeIdNumber(m.idNumber))
        p[`members.${i}.idNumber`] = { key: 'v.idNumber' };
      const income = amountProblem(m.monthlyIncome);
      if (income) p[`members.${i}.monthlyIncome`] = income;
    });
  }
  if (on('money')) {
    const income = amountProblem(f.annualIncome);
    const expense = amountProblem(f.rigidExpense);
    if (!f.annualIncome.trim()) p.annualIncome = required('annualIncome');
    else if (income) p.annualIncome = income;
    if (!f.rigidExpense.trim()) p.rigidExpense = required('rigidExpense');
    else if (expense) p.rigidExpense = expense;
    const sudden = textProblem(FORM.suddenEvent, f.suddenEvent);
    if (sudden) p.suddenEvent = sudden;
  }
  if (on('needs')) {
    f.needs.forEach((n, i) => {
      if (!n.kind) p[`needs.${i}.kind`] = choose('kind');
      const description = textProblem(NEED.description, n.description);
      if (!n.description.trim()) p[`needs.${i}.description`] = required('description');
      else if (description) p[`needs.${i}.description`] = description;
    });
  }
  if (on('leads')) {
    // The contract's date: a real day of the calendar, not only its shape (no 2026-02-30).
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.screenedOn)) p.screenedOn = { key: 'v.date' };
    else if (!DateOnly.safeParse(f.screenedOn).success) p.screenedOn = { key: 'v.noSuchDate' };
    const leads = textProblem(FORM.leads, f.leads);
    if (leads) p.leads = leads;
  }
  return p;
}

/** The step a field path belongs to, to open the right page for a server's field error. */
export function stepOf(path: string): Step {
  const top = path.split('.')[0] ?? path;
  if (['headName', 'idNumber', 'phone', 'situation', 'divisionCode', 'addressDetail'].includes(top))
    return 'head';
  if (['householdSize', 'members'].includes(top)) return 'members';
  if (
    ['annualIncomeFen', 'annualIncome', 'rigidExpenseFen', 'rigidExpense', 'causes', 'suddenEvent'].includes(
      top,
    )
  )
    return 'money';
  if (top === 'needs') return 'needs';
  if (['leads', 'method', 'screenedOn', 'campaignId'].includes(top)) return 'leads';
  return 'submit';
}

// The server's field path → the form's (the help queue's sender needs it without the form model).
export { screenFieldOf } from './field-path';

/** The full form for submission; call after `check(f)` found nothing. */
export function toScreeningForm(f: FormState): ScreeningFormInput {
  const c = formCandidate(f);
  return {
    method: c.method,
    screenedOn: c.screenedOn ?? chinaToday(),
    ...(c.campaignId ? { campaignId: c.campaignId } : {}),
    headName: trimmed(f.headName),
    ...(c.idNumber ? { idNumber: c.idNumber } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
    situation: f.situation as Situation,
    divisionCode: f.divisionCode,
    addressDetail: trimmed(f.addressDetail),
    householdSize: c.householdSize ?? 1,
    annualIncomeFen: c.annualIncomeFen ?? 0,
    rigidExpenseFen: c.rigidExpenseFen ?? 0,
    causes: c.causes,
    ...(c.suddenEvent ? { suddenEvent: c.suddenEvent } : {}),
    members: f.members.map((m) => {
      const mc = memberCandidate(m);
      return {
        relation: m.relation as Relation,
        name: trimmed(m.name),
        ...(mc.idNumber ? { idNumber: mc.idNumber } : {}),
        ...(mc.age !== undefined ? { age: mc.age } : {}),
        ...(mc.school ? { school: mc.school } : {}),
        ...(mc.health ? { health: mc.health } : {}),
        ...(mc.work ? { work: mc.work } : {}),
        ...(mc.monthlyIncomeFen !== undefined ? { monthlyIncomeFen: mc.monthlyIncomeFen } : {}),
      };
    }),
    needs: f.needs.map((n) => ({
      kind: n.kind as NeedKind,
      urgency: n.urgency,
      description: trimmed(n.description),
    })),
    ...(c.leads ? { leads: c.leads } : {}),
  };
}
