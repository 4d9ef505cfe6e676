import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningForm } from '../../../../contracts/assistance';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import { screenHousehold } from '../../../test/factories/assistance';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';
import { evidenceStoredName } from './help.service';

// Issue 9 item 17: evidence kept the uploader's extension (a PNG saved as `.html`) and bidi
// control characters in its name.
let t: TestApp;
let staff: Agent;
let volunteer: Agent;
let recordId = '';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('<html><script>alert(1)</script></html>'),
]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF');

const form = (): ScreeningForm => ({
  method: 'home_visit',
  screenedOn: '2026-05-20',
  headName: '杨春花',
  idNumber: makeIdNumber('640381', '19830707', '066'),
  phone: '13995120066',
  situation: 'migrant_worker',
  divisionCode: '640381101',
  addressDetail: '大坝镇韦桥村二队 6 号',
  householdSize: 3,
  annualIncomeFen: 2_000_000,
  rigidExpenseFen: 500_000,
  causes: ['serious_illness'],
  members: [{ relation: 'spouse', name: '马有禄' }],
  needs: [{ kind: 'living', urgency: 'urgent', description: '冬季取暖煤' }],
});

const upload = (body: Buffer, type: string, name: string) =>
  volunteer.request({
    method: 'POST',
    url: `/api/help-records/${recordId}/evidence`,
    payload: body,
    headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
  });

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  volunteer = await signIn(t, 'cy_volunteer');
  const householdId = await screenHousehold(volunteer, form());
  const help = await volunteer.post(`/api/households/${householdId}/help`, {
    route: 'urgent',
    kind: 'goods',
    what: '取暖煤 1 吨',
    valueFen: 50_000,
    givenOn: '2026-05-30',
  });
  expect(help.statusCode).toBe(201);
  recordId = help.json().id;
});
afterAll(() => t.close());

describe('evidence is named by its checked type', () => {
  it('stores and serves a PNG sent as .html under .png, with a safe disposition and nosniff', async () => {
    const res = await upload(PNG, 'image/png', '通知.html');
    expect(res.statusCode).toBe(201);
    expect(res.json().fileName).toBe('通知.png');
    const row = await t.platform.db
      .selectFrom('evidence')
      .select('fileName')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row.fileName).toBe('通知.png');
    const file = await staff.get(`/api/evidence/${res.json().id}`);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="__.png"; filename*=UTF-8''${encodeURIComponent('通知.png')}`,
    );
  });

  it('strips bidi and other invisible characters from the name', async () => {
    // Shown as "invoice‮gnp.lmth" → reads "invoicehtml.png" in a right-to-left override.
    const res = await upload(PDF, 'application/pdf', 'invoice\u202Egnp.lmth\u200B.pdf');
    expect(res.statusCode).toBe(201);
    expect(res.json().fileName).toBe('invoicegnp.lmth.pdf');
    const ledger = (await staff.get(`/api/evidence/${res.json().id}`)).headers['content-disposition'];
    expect(String(ledger)).not.toMatch(/%E2%80%AE|%E2%80%8B/);
  });

  it('serves rows stored before the rule under their checked type too', async () => {
    const res = await upload(PNG, 'image/png', 'old.png');
    // A row written by the old code, as a hostile upload left it.
    await t.platform.db
      .updateTable('evidence')
      .set({ fileName: '\u2067page\u2069.html' })
      .where('id', '=', res.json().id)
      .execute();
    const file = await staff.get(`/api/evidence/${res.json().id}`);
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="page.png"; filename*=UTF-8''page.png`,
    );
  });

  it('keeps a name that already fits, and the usual other spellings of a type', () => {
    expect(evidenceStoredName('入户照片 1.png', 'image/png')).toBe('入户照片 1.png');
    expect(evidenceStoredName('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
    expect(evidenceStoredName('photo', 'image/webp')).toBe('photo.webp');
    expect(evidenceStoredName('scan.pdf.exe', 'application/pdf')).toBe('scan.pdf.pdf');
    expect(evidenceStoredName('\u202E', 'image/png')).toBe('file.png');
    // Emoji sequences keep their zero-width joiners.
    expect(evidenceStoredName('工会👨‍👩‍👧‍👦.png', 'image/png')).toBe('工会👨‍👩‍👧‍👦.png');
  });
});
