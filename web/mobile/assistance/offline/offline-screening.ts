import type { RevisitHousehold } from '../../../../contracts/assistance';
import { SubmitResult } from '../../../../contracts/assistance';
import { apiSend } from '../../../api/client';
import { fenToYuanText } from '../../../components/money/money';
import {
  CAUSE_LABELS,
  RELATION_LABELS,
  SITUATION_LABELS,
  labelOf,
  type LabelLang,
} from '../../../features/assistance/core/labels';
import type { ConflictChoice, ConflictField } from '../../kit/offline/conflict-view';
import type { OfflineItem } from '../../kit/offline/db';
import type { Senders } from '../../kit/offline/syncer';
import { sendWith } from '../../kit/offline/outcome';
import {
  chinaToday,
  emptyForm,
  fromDraft,
  type DraftForm,
  type FormState,
  type ScreeningFormInput,
} from '../form-model';

/**
 * The screening form on the phone's offline queue (web/mobile/kit/offline): what a queued
 * screening holds, how it is sent, and — for a return visit refused because the household changed
 * — the fields the screener compares and how their choices make the new form. Pure, apart from the
 * sender's one API call.
 */
export const SCREENING_KIND = 'screening';
/** Households taken along for a return visit (offline records), by household id. */
export const REVISIT_KIND = 'revisit';

export interface ScreeningPayload {
  form: ScreeningFormInput;
  /** The household a return visit is about, at the version the phone fetched. */
  revisit?: { householdId: string; version: number };
  draftId?: string;
}

/** Where the wizard keeps a screening the server could not take now (the phone's offline queue). */
export interface ScreeningQueue {
  /**
   * Keeps the screening under `clientRef` to be sent when the network returns; with `conflict`
   * (the household as the server has it now) it waits for the screener to compare instead.
   */
  keep(payload: ScreeningPayload, clientRef: string, conflict?: unknown): Promise<void>;
  /** The form as typed so far, kept on the phone while the draft cannot reach the server. */
  saveForm(clientRef: string, form: DraftForm, draft: { id: string; version: number } | null): Promise<void>;
  dropForm(clientRef: string): Promise<void>;
}

/** Forms kept on the phone while offline (offline records), by the form's reference. */
export const FORM_KIND = 'screening.form';
export interface PhoneForm {
  form: DraftForm;
  draft: { id: string; version: number } | null;
}

const CONFLICTS = new Set(['screening.household_changed']);

/** Sends a queued screening under its item id as the idempotency key. */
export const screeningSenders: Senders = {
  [SCREENING_KIND]: (item: OfflineItem<ScreeningPayload>) =>
    sendWith(
      () =>
        apiSend(
          'POST',
          '/api/screenings',
          {
            form: item.payload.form,
            clientRef: item.id,
            ...(item.payload.draftId ? { draftId: item.payload.draftId } : {}),
            ...(item.payload.revisit ? { revisit: item.payload.revisit } : {}),
          },
          SubmitResult,
        ),
      CONFLICTS,
    ),
};

/** What the queue shows for a screening: the head's name and the address (on the phone only). */
export function screeningLabel(form: Pick<ScreeningFormInput, 'headName' | 'addressDetail'>): string {
  return [form.headName.trim(), form.addressDetail.trim()].filter(Boolean).join(' · ');
}

/**
 * A return visit's form, started from the household as fetched: the screener confirms or changes
 * each field. ID number and phone stay empty (the phone holds them only masked): left empty, the
 * household keeps them.
 */
export function formFromRevisit(h: RevisitHousehold, today = chinaToday()): FormState {
  return {
    ...fromDraft({
      method: 'home_visit',
      screenedOn: today,
      headName: h.headName,
      situation: h.situation,
      divisionCode: h.divisionCode,
      addressDetail: h.addressDetail,
      householdSize: h.householdSize,
      annualIncomeFen: h.annualIncomeFen,
      rigidExpenseFen: h.rigidExpenseFen,
      causes: h.causes,
      suddenEvent: h.suddenEvent ?? undefined,
      members: h.members.map((m) => ({
        relation: m.relation,
        name: m.name,
        ...(m.age !== null ? { age: m.age } : {}),
        ...(m.school ? { school: m.school } : {}),
        ...(m.health ? { health: m.health } : {}),
        ...(m.work ? { work: m.work } : {}),
        ...(m.monthlyIncomeFen !== null ? { monthlyIncomeFen: m.monthlyIncomeFen } : {}),
      })),
    }),
    idNumber: '',
    phone: '',
  };
}

/** A queued form back as the screen holds it (to fix what the server refused). */
export function formFromPayload(p: ScreeningPayload): FormState {
  return p.form ? fromDraft(p.form as unknown as Record<string, unknown>) : emptyForm();
}

type FieldKey =
  | 'headName'
  | 'situation'
  | 'division'
  | 'addressDetail'
  | 'householdSize'
  | 'annualIncome'
  | 'rigidExpense'
  | 'causes'
  | 'suddenEvent'
  | 'members';

export interface ConflictWords {
  lang: LabelLang;
  label: (key: FieldKey) => string;
  divisionName: (code: string) => string;
  yuan: (text: string) => string;
}

const memberText = (
  lang: LabelLang,
  members: ReadonlyArray<{ relation: string; name: string; age?: number | null }>,
) => {
  const L = labelOf(lang);
  return members
    .map((m) => {
      const rel = m.relation in RELATION_LABELS ? L(RELATION_LABELS, m.relation as never) : m.relation;
      return `${rel} ${m.name}${m.age !== undefined && m.age !== null ? ` ${m.age}` : ''}`;
    })
    .join('；');
};

/** Mine (the queued visit) and theirs (the household now), field by field, as text. */
export function revisitConflictFields(
  mine: ScreeningFormInput,
  theirs: RevisitHousehold,
  w: ConflictWords,
): ConflictField[] {
  const L = labelOf(w.lang);
  const causes = (list: readonly string[]) =>
    list.map((c) => (c in CAUSE_LABELS ? L(CAUSE_LABELS, c as never) : c)).join('、');
  const field = (key: FieldKey, a: string, b: string, editable = false): ConflictField => ({
    key,
    label: w.label(key),
    mine: a,
    theirs: b,
    ...(editable ? { editable } : {}),
  });
  return [
    field('headName', mine.headName, theirs.headName, true),
    field('situation', L(SITUATION_LABELS, mine.situation), L(SITUATION_LABELS, theirs.situation)),
    field('division', w.divisionName(mine.divisionCode), w.divisionName(theirs.divisionCode)),
    field('addressDetail', mine.addressDetail, theirs.addressDetail, true),
    field('householdSize', String(mine.householdSize), String(theirs.householdSize)),
    field(
      'annualIncome',
      w.yuan(fenToYuanText(mine.annualIncomeFen)),
      w.yuan(fenToYuanText(theirs.annualIncomeFen)),
    ),
    field(
      'rigidExpense',
      w.yuan(fenToYuanText(mine.rigidExpenseFen)),
      w.yuan(fenToYuanText(theirs.rigidExpenseFen)),
    ),
    field('causes', causes(mine.causes ?? []), causes(theirs.causes)),
    field('suddenEvent', mine.suddenEvent ?? '', theirs.suddenEvent ?? '', true),
    field('members', memberText(w.lang, mine.members ?? []), memberText(w.lang, theirs.members)),
  ];
}

/**
 * The visit to send again: for each field the screener's choice — their own value, the
 * household's as it is now, or (free-text fields) what they typed combining both.
 */
export function resolveRevisit(
  mine: ScreeningFormInput,
  theirs: RevisitHousehold,
  choice: Record<string, ConflictChoice>,
  edited: Record<string, string>,
): ScreeningFormInput {
  const pick = (key: FieldKey) => choice[key] ?? 'mine';
  const text = (key: FieldKey, own: string, server: string) =>
    pick(key) === 'theirs' ? server : pick(key) === 'edited' ? (edited[key] ?? own).trim() : own;
  const next: ScreeningFormInput = { ...mine };
  next.headName = text('headName', mine.headName, theirs.headName);
  next.addressDetail = text('addressDetail', mine.addressDetail, theirs.addressDetail);
  const event = text('suddenEvent', mine.suddenEvent ?? '', theirs.suddenEvent ?? '');
  if (event) next.suddenEvent = event;
  else delete next.suddenEvent;
  if (pick('situation') === 'theirs') next.situation = theirs.situation;
  if (pick('division') === 'theirs') next.divisionCode = theirs.divisionCode;
  if (pick('householdSize') === 'theirs') next.householdSize = theirs.householdSize;
  if (pick('annualIncome') === 'theirs') next.annualIncomeFen = theirs.annualIncomeFen;
  if (pick('rigidExpense') === 'theirs') next.rigidExpenseFen = theirs.rigidExpenseFen;
  if (pick('causes') === 'theirs') next.causes = [...theirs.causes];
  if (pick('members') === 'theirs') {
    next.members = theirs.members.map((m) => ({
      relation: m.relation,
      name: m.name,
      ...(m.age !== null ? { age: m.age } : {}),
      ...(m.school ? { school: m.school } : {}),
      ...(m.health ? { health: m.health } : {}),
      ...(m.work ? { work: m.work } : {}),
      ...(m.monthlyIncomeFen !== null ? { monthlyIncomeFen: m.monthlyIncomeFen } : {}),
    }));
  }
  // The household may not be smaller than its head and the members listed.
  const listed = (next.members?.length ?? 0) + 1;
  if (next.householdSize < listed) next.householdSize = listed;
  return next;
}
