import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../platform/identity';
import { Agent, createTestApp, signIn, type TestApp } from '../../test/test-app';

let t: TestApp;
let worker: Agent;
const PHONE = '13895001234';
let reference = '';

beforeAll(async () => {
  t = await createTestApp();
  const staff = await signIn(t, 'qtx_staff');
  await staff.post('/api/standards', {
    year: 2026,
    minLivingFen: 77000,
    relativeMultiplierPct: 200,
    accidentDropPct: 50,
  });
  worker = new Agent(t);
});
afterAll(() => t.close());

const selfForm = {
  headName: '海燕',
  idNumber: makeIdNumber('640381', '19900708', '021'),
  situation: 'flexible_employment',
  divisionCode: '640381001',
  addressDetail: '裕民街道朝阳社区 5 栋',
  householdSize: 3,
  annualIncomeFen: 1_800_000,
  rigidExpenseFen: 300_000,
  causes: ['laid_off'],
  members: [{ relation: 'child', name: '海小宝', age: 6 }],
  needs: [{ kind: 'employment', urgency: 'urgent', description: '需要一份稳定的工作' }],
  story: '去年饭店关门后一直打零工',
};

describe("a worker's own request, with no account", () => {
  it('sends a code through the SMS sender, and limits how often', async () => {
    const res = await worker.post('/api/public/otp', { phone: PHONE });
    expect(res.json()).toMatchObject({ sent: true, expiresInSeconds: 300 });
    expect(t.sms.lastCodeFor(PHONE)).toMatch(/^\d{6}$/);
    const soon = await worker.post('/api/public/otp', { phone: PHONE });
    expect(soon.statusCode).toBe(429);
    expect(soon.json().code).toBe('otp.too_soon');
    const bad = await worker.post('/api/public/otp', { phone: '12345' });
    expect(bad.json()).toMatchObject({ code: 'otp.bad_phone', errors: [{ field: 'body.phone' }] });
    // The code never reaches the database or the log in clear.
    const row = await t.platform.db.selectFrom('otpCode').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(t.sms.lastCodeFor(PHONE)!);
    expect(t.logs.join('')).not.toContain(PHONE);
  });

  it('turns the request into a routed self-report screening; a code works once', async () => {
    const code = t.sms.lastCodeFor(PHONE)!;
    const wrong = await worker.post('/api/public/self-report', {
      phone: PHONE,
      code: code === '000000' ? '111111' : '000000',
      form: selfForm,
    });
    expect(wrong.json()).toMatchObject({ code: 'otp.invalid', errors: [{ field: 'body.code' }] });
    const res = await worker.post('/api/public/self-report', { phone: PHONE, code, form: selfForm });
    expect(res.statusCode).toBe(200);
    expect(res.json().responsibleOrgName).toBe('春雨志愿者协会');
    reference = res.json().reference;
    const replay = await worker.post('/api/public/self-report', { phone: PHONE, code, form: selfForm });
    expect(replay.json().code).toBe('otp.invalid');

    const staff = await signIn(t, 'qtx_staff');
    const found = (await staff.post('/api/households/query', { phone: PHONE })).json();
    expect(found.total).toBe(1);
    const detail = (await staff.get(`/api/households/${found.items[0].id}`)).json();
    expect(detail.screeningList[0]).toMatchObject({
      method: 'self_report',
      leads: '去年饭店关门后一直打零工',
    });
    const volunteer = await signIn(t, 'cy_volunteer');
    expect((await volunteer.get(`/api/households/${found.items[0].id}`)).statusCode).toBe(200);
  });

  it('shows the worker the status of their requests with a fresh code', async () => {
    t.clock.advance(61_000);
    await worker.post('/api/public/otp', { phone: PHONE });
    const res = await worker.post('/api/public/status', { phone: PHONE, code: t.sms.lastCodeFor(PHONE)! });
    expect(res.json().items).toEqual([
      expect.objectContaining({
        reference,
        headNameMasked: '海*',
        state: 'screened',
        responsibleOrgName: '春雨志愿者协会',
      }),
    ]);
  });

  it('burns a code after five wrong guesses', async () => {
    t.clock.advance(61_000);
    await worker.post('/api/public/otp', { phone: PHONE });
    const code = t.sms.lastCodeFor(PHONE)!;
    const wrongCode = code === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) await worker.post('/api/public/status', { phone: PHONE, code: wrongCode });
    expect((await worker.post('/api/public/status', { phone: PHONE, code })).json().code).toBe('otp.invalid');
  });

  it('runs the archive self-test on the area standard without storing anything', async () => {
    const before = await t.platform.db.selectFrom('household').select('id').execute();
    const res = await worker.post('/api/public/self-test', {
      divisionCode: '640381001',
      householdSize: 3,
      annualIncomeFen: 1_800_000,
      rigidExpenseFen: 300_000,
    });
    // (18000 − 3000) ÷ 12 ÷ 3 = 416.66 ≤ 770
    expect(res.json()).toMatchObject({ eligible: true, category: 'deep', perCapitaMonthlyFen: 41666 });
    expect(await t.platform.db.selectFrom('household').select('id').execute()).toHaveLength(before.length);
    const nowhere = await worker.post('/api/public/self-test', {
      divisionCode: '110101',
      householdSize: 1,
      annualIncomeFen: 0,
      rigidExpenseFen: 0,
    });
    expect(nowhere.json().code).toBe('self_report.no_federation');
  });
});
