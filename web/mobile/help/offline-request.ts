import type { ItemError, OfflineItem } from '../kit/offline/db';
import type { OfflineStore } from '../kit/offline/store';
import type { Outcome, Senders } from '../kit/offline/syncer';
import { offlineStore } from '../kit/offline/store';
import { sendWith } from '../kit/offline/outcome';
import { compactPhone, maskPhone } from '../kit/phone-number';
import { screenFieldOf } from '../assistance/field-path';
import { sendSelfReport, type SelfReportInput } from './help-api';

/**
 * A worker's request for help on the phone's offline queue (web/mobile/kit/offline): what a
 * queued request holds, how it is sent, the small receipt kept after it went through, and how a
 * refused field is named on the workers' pages. Pure, apart from the sender's one API call and
 * its receipt.
 */
export const HELP_OWNER = 'public';
export const HELP_REQUEST_KIND = 'help.request';
/** What a request sent later by the queue leaves on the phone: its 受理编号, until 知道了. */
export const HELP_RECEIPT_KIND = 'help.receipt';

/** The request as the worker filled it in; the queue item's id goes with it as `clientRef`. */
export type HelpRequestPayload = Omit<SelfReportInput, 'clientRef'>;

export interface HelpReceipt {
  reference: string;
  headNameMasked: string;
  phoneMasked: string;
  /** When the server took it (ms since the epoch). */
  at: number;
}

/** As the server masks a name: the first character, then one * for each of the rest. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** What the queue shows for a request: masked name and phone (the phone may be someone else's). */
export function requestLabel(payload: Pick<HelpRequestPayload, 'phone' | 'form'>): string {
  return [maskName(payload.form.headName ?? ''), maskPhone(payload.phone)].filter(Boolean).join(' · ');
}

/** The body sent for a queued request: its item id is the idempotency key. */
export function requestBody(item: Pick<OfflineItem<HelpRequestPayload>, 'id' | 'payload'>): SelfReportInput {
  return {
    phone: compactPhone(item.payload.phone),
    code: item.payload.code,
    form: item.payload.form,
    clientRef: item.id,
  };
}

export function receiptOf(payload: HelpRequestPayload, reference: string, at: number): HelpReceipt {
  return {
    reference,
    headNameMasked: maskName(payload.form.headName ?? ''),
    phoneMasked: maskPhone(payload.phone),
    at,
  };
}

/** A request kept while the phone could not get a code: it waits for one (state 'invalid'). */
export const CODE_REQUIRED: ItemError = {
  code: 'otp.required',
  message: 'a one-time code is needed before sending',
  fields: [{ path: 'body.code', message: '', code: 'otp.required' }],
};

/** Does the request carry a code to send with (six digits, as the server's body asks)? */
export const hasCode = (payload: Pick<HelpRequestPayload, 'code'>) => /^\d{6}$/.test(payload.code);

/**
 * The server's refusal as the queued item keeps it: the field messages are the server's English,
 * for developers — the workers' pages say each field in their own words (`fieldLabel`), so only
 * the path and a code stay ('required' kept as a code so the form can say "请填写…").
 */
export function plainFields(error: ItemError): ItemError {
  if (!error.fields) return error;
  return {
    ...error,
    fields: error.fields.map((f) => {
      const code = f.code ?? (f.message === 'required' ? 'required' : undefined);
      return { path: f.path, message: '', ...(code ? { code } : {}) };
    }),
  };
}

/** What a refused field is called on the request form, as a dictionary key and a row number. */
export type FieldName =
  | { key: 'code' | 'phone' | 'form' }
  | { key: 'member' | 'need'; n: number }
  | { key: 'field'; field: string };

const FORM_FIELDS = new Set([
  'headName',
  'idNumber',
  'situation',
  'divisionCode',
  'addressDetail',
  'householdSize',
  'annualIncome',
  'rigidExpense',
  'causes',
  'suddenEvent',
  'story',
]);

export function fieldNameOf(path: string): FieldName {
  if (path === 'body.code') return { key: 'code' };
  if (path === 'body.phone') return { key: 'phone' };
  const field = screenFieldOf(path);
  const row = /^(members|needs)\.(\d+)(?:\.|$)/.exec(field);
  if (row) return { key: row[1] === 'members' ? 'member' : 'need', n: Number(row[2]) + 1 };
  if (FORM_FIELDS.has(field)) return { key: 'field', field };
  return { key: 'form' };
}

/** The server's field errors of a queued item, as the form step marks them (path → code/message). */
export function formIssuesOf(
  error: ItemError | undefined,
): { path: string; message: string; code?: string }[] {
  return (error?.fields ?? [])
    .filter((f) => f.path !== 'body.code' && f.path !== 'body.phone')
    .map((f) => ({
      path: screenFieldOf(f.path),
      message: f.message || (f.code === 'required' ? 'required' : ''),
      ...(f.code && f.code !== 'required' ? { code: f.code } : {}),
    }));
}

const NO_CONFLICTS: ReadonlySet<string> = new Set();

/**
 * The workers' senders. A request that went through leaves a receipt (owner 'public', key = the
 * item id) so the worker sees its 受理编号 later; a repeat after a lost answer returns the same
 * reference, so the receipt is the same too.
 */
export function createHelpSenders(
  store: () => OfflineStore = offlineStore,
  now: () => number = Date.now,
): Senders {
  return {
    [HELP_REQUEST_KIND]: async (item: OfflineItem<HelpRequestPayload>): Promise<Outcome> => {
      // Kept while no code could be had: nothing to send until the worker gets one.
      if (!hasCode(item.payload)) return { kind: 'invalid', error: CODE_REQUIRED };
      let reference: string | undefined;
      const outcome = await sendWith(async () => {
        reference = (await sendSelfReport(requestBody(item))).reference;
      }, NO_CONFLICTS);
      if (outcome.kind === 'invalid') return { kind: 'invalid', error: plainFields(outcome.error) };
      if (outcome.kind === 'done' && reference !== undefined) {
        await store().saveRecord<HelpReceipt>({
          owner: HELP_OWNER,
          kind: HELP_RECEIPT_KIND,
          key: item.id,
          data: receiptOf(item.payload, reference, now()),
        });
      }
      return outcome;
    },
  };
}

export const HELP_SENDERS: Senders = createHelpSenders();
