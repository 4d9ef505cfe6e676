import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import type { OfflineItem, OfflineStore } from '../kit/offline';
import {
  CODE_REQUIRED,
  HELP_OWNER,
  HELP_RECEIPT_KIND,
  HELP_REQUEST_KIND,
  createHelpSenders,
  fieldNameOf,
  formIssuesOf,
  maskName,
  plainFields,
  receiptOf,
  requestBody,
  requestLabel,
  type HelpRequestPayload,
} from './offline-request';

const sendSelfReport = vi.hoisted(() => vi.fn());
vi.mock('./help-api', () => ({ sendSelfReport }));

const payload: HelpRequestPayload = {
  phone: '13912340000',
  code: '123456',
  form: {
    headName: '韩晓梅',
    situation: 'unemployed',
    divisionCode: '640381001',
    addressDetail: '朝阳社区 2 栋 101',
    householdSize: 2,
    annualIncomeFen: 900_000,
    rigidExpenseFen: 100_000,
    causes: [],
    members: [],
    needs: [],
    story: '工厂停工半年',
  },
};

const item = (p: HelpRequestPayload = payload): OfflineItem<HelpRequestPayload> => ({
  id: 'ref-0001-abcdefgh',
  kind: HELP_REQUEST_KIND,
  owner: HELP_OWNER,
  label: requestLabel(p),
  payload: p,
  createdAt: 1,
  updatedAt: 1,
  seq: 1,
  state: 'sending',
  attempts: 1,
});

describe("a worker's request on the phone's queue", () => {
  it('masks the name as the server does and labels the item with name and phone masked', () => {
    expect(maskName('韩晓梅')).toBe('韩**');
    expect(maskName(' 李 ')).toBe('*');
    expect(maskName('')).toBe('');
    expect(requestLabel(payload)).toBe('韩** · *******0000');
    expect(requestLabel({ ...payload, form: { ...payload.form, headName: '' } })).toBe('*******0000');
  });

  it('sends the payload with the item id as clientRef', () => {
    expect(requestBody(item({ ...payload, phone: '139 1234 0000' }))).toEqual({
      ...payload,
      clientRef: 'ref-0001-abcdefgh',
    });
  });

  it('keeps only the reference and masked identifiers in a receipt', () => {
    expect(receiptOf(payload, 'QT-2026-0001', 42)).toEqual({
      reference: 'QT-2026-0001',
      headNameMasked: '韩**',
      phoneMasked: '*******0000',
      at: 42,
    });
  });

  it('names the refused fields in the form’s terms', () => {
    expect(fieldNameOf('body.code')).toEqual({ key: 'code' });
    expect(fieldNameOf('body.phone')).toEqual({ key: 'phone' });
    expect(fieldNameOf('body.form.headName')).toEqual({ key: 'field', field: 'headName' });
    expect(fieldNameOf('body.form.annualIncomeFen')).toEqual({ key: 'field', field: 'annualIncome' });
    expect(fieldNameOf('body.form.members.1.name')).toEqual({ key: 'member', n: 2 });
    expect(fieldNameOf('body.form.needs.0')).toEqual({ key: 'need', n: 1 });
    expect(fieldNameOf('body.form')).toEqual({ key: 'form' });
  });

  it('drops the server’s English field messages, keeping path and code; the form still reads them', () => {
    const error = plainFields({
      code: 'request.invalid',
      message: 'invalid',
      fields: [
        { path: 'body.form.headName', message: 'required' },
        { path: 'body.form.idNumber', message: 'bad check digit', code: 'id_number' },
        { path: 'body.code', message: 'the code is wrong or has expired; ask for a new one' },
      ],
    });
    expect(error.fields).toEqual([
      { path: 'body.form.headName', message: '', code: 'required' },
      { path: 'body.form.idNumber', message: '', code: 'id_number' },
      { path: 'body.code', message: '' },
    ]);
    expect(formIssuesOf(error)).toEqual([
      { path: 'headName', message: 'required' },
      { path: 'idNumber', message: '', code: 'id_number' },
    ]);
    expect(formIssuesOf(CODE_REQUIRED)).toEqual([]);
  });
});

describe('the sender of the workers’ queue', () => {
  const saved: unknown[] = [];
  const store = { saveRecord: vi.fn(async (r: unknown) => saved.push(r)) } as unknown as OfflineStore;
  const senders = createHelpSenders(
    () => store,
    () => 99,
  );
  const send = (i: OfflineItem<HelpRequestPayload>) =>
    senders[HELP_REQUEST_KIND](i, { signal: new AbortController().signal });

  beforeEach(() => {
    saved.length = 0;
    sendSelfReport.mockReset();
  });

  it('on success keeps a receipt under the item id', async () => {
    sendSelfReport.mockResolvedValue({ reference: 'QT-7', received: true });
    expect(await send(item())).toEqual({ kind: 'done' });
    expect(sendSelfReport).toHaveBeenCalledWith({ ...payload, clientRef: 'ref-0001-abcdefgh' });
    expect(saved).toEqual([
      {
        owner: HELP_OWNER,
        kind: HELP_RECEIPT_KIND,
        key: 'ref-0001-abcdefgh',
        data: { reference: 'QT-7', headNameMasked: '韩**', phoneMasked: '*******0000', at: 99 },
      },
    ]);
  });

  it('does not send a request without a code', async () => {
    expect(await send(item({ ...payload, code: '' }))).toEqual({ kind: 'invalid', error: CODE_REQUIRED });
    expect(sendSelfReport).not.toHaveBeenCalled();
  });

  it('an expired code comes back invalid on body.code; the network away means retry', async () => {
    sendSelfReport.mockRejectedValueOnce(
      new ApiError(422, 'otp.invalid', 'Invalid', {
        errors: [{ field: 'body.code', message: 'the code is wrong or has expired; ask for a new one' }],
      } as never),
    );
    expect(await send(item())).toMatchObject({
      kind: 'invalid',
      error: { code: 'otp.invalid', fields: [{ path: 'body.code', message: '' }] },
    });
    sendSelfReport.mockRejectedValueOnce(new ApiError(0, 'client.network', 'offline'));
    expect(await send(item())).toMatchObject({ kind: 'retry' });
    sendSelfReport.mockRejectedValueOnce(new ApiError(503, 'server.error', 'down'));
    expect(await send(item())).toMatchObject({ kind: 'retry' });
    expect(saved).toEqual([]);
  });
});
