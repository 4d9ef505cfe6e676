import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import { setStandard } from '../../../test/factories/assistance';
import { Agent, createTestApp, signIn, type TestApp } from '../../../test/test-app';

let t: TestApp;
let worker: Agent;
const PHONE = '13895001234';
let reference = '';

beforeAll(async () => {
  t = await createTestApp();
  const staff = await signIn(t, 'qtx_staff');
  await setStandard(staff);
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
    // Issue 9 item 2: the answer names no one and nothing about existing records.
    expect(res.json()).toEqual({ reference: expect.stringMatching(/^[0-9A-F]{8}$/), received: true });
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
    // Issue 9 item 2: the request's own state, never the household's.
    expect(res.json().items).toEqual([
      { reference, headNameMasked: '海*', submittedOn: '2026-06-01', state: 'received' },
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

// ---- issue 9 item 2: an unauthenticated report never changes an existing household ----

const VICTIM_ID = makeIdNumber('640381', '19750312', '045');
const victimForm = {
  method: 'home_visit',
  screenedOn: '2026-05-20',
  headName: '马建国',
  idNumber: VICTIM_ID,
  phone: '13895007777',
  situation: 'flexible_employment',
  divisionCode: '640381001',
  addressDetail: '裕民街道新华社区 9 栋',
  householdSize: 4,
  annualIncomeFen: 2_400_000,
  rigidExpenseFen: 500_000,
  causes: ['serious_illness'],
  members: [
    { relation: 'spouse', name: '李秀兰', age: 45 },
    { relation: 'child', name: '马小军', age: 15 },
  ],
  needs: [{ kind: 'medical', urgency: 'normal', description: '慢病用药' }],
};
const attackerForm = {
  headName: '假名字',
  idNumber: VICTIM_ID,
  situation: 'flexible_employment',
  divisionCode: '640381001',
  addressDetail: '别处 1 号',
  householdSize: 1,
  annualIncomeFen: 0,
  rigidExpenseFen: 0,
  causes: [],
  members: [],
  needs: [{ kind: 'living', urgency: 'urgent', description: '急需现金' }],
};

/**
 * A public call from an address of its own: the routes' per-address request limits count real
 * time, which the fake clock does not move.
 */
let address = 0;
const pub = (agent: Agent, url: string, body: unknown) =>
  agent.request({ method: 'POST', url, payload: body as object, remoteAddress: `10.9.0.${++address}` });

/** A fresh code for the phone (the clock moves past the resend wait first). */
async function codeFor(agent: Agent, phone: string): Promise<string> {
  t.clock.advance(61_000);
  const res = await pub(agent, '/api/public/otp', { phone });
  expect(res.statusCode).toBe(200);
  return t.sms.lastCodeFor(phone)!;
}

describe('a report with no account never changes an existing household (issue 9, item 2)', () => {
  const ATTACKER = '13895008888';
  let staff: Agent;
  let victimId = '';
  let reportId = '';
  let victimBefore: Record<string, unknown>;

  const detail = async (id: string) => (await staff.get(`/api/households/${id}`)).json();
  const funnelScreened = async () =>
    (await staff.get('/api/dashboard')).json().funnel.find((s: { stage: string }) => s.stage === 'screened')
      .households as number;

  beforeAll(async () => {
    staff = await signIn(t, 'qtx_staff');
    const res = await staff.post('/api/screenings', { form: victimForm });
    expect(res.statusCode).toBe(200);
    victimId = res.json().householdId;
    victimBefore = await detail(victimId);
  });

  it('a victim ID number with the attacker phone creates a new unverified household, and the victim is untouched', async () => {
    const funnelBefore = await funnelScreened();
    const attacker = new Agent(t);
    const res = await pub(attacker, '/api/public/self-report', {
      phone: ATTACKER,
      code: await codeFor(attacker, ATTACKER),
      form: attackerForm,
    });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['received', 'reference']);

    const victimAfter = await detail(victimId);
    for (const k of [
      'headName',
      'phoneMasked',
      'state',
      'householdSize',
      'annualIncomeFen',
      'divisionCode',
      'members',
      'needs',
      'version',
    ]) {
      expect(victimAfter[k], k).toEqual(victimBefore[k]);
    }
    expect(victimAfter.needs.some((n: { description: string }) => n.description === '急需现金')).toBe(false);

    const pairs = (await staff.get('/api/merge-candidates')).json().items;
    const pair = pairs.find(
      (p: { a: { id: string }; b: { id: string } }) => p.a.id === victimId || p.b.id === victimId,
    );
    expect(pair).toMatchObject({ reason: 'self_report', status: 'pending' });
    const report = pair.a.id === victimId ? pair.b : pair.a;
    expect(report).toMatchObject({ state: 'unverified', headName: '假名字' });
    reportId = report.id;
    const reported = await detail(reportId);
    expect(reported.needs).toEqual([
      expect.objectContaining({ description: '急需现金', source: 'self_report', unverified: true }),
    ]);
    // Not a screened household until a person accepts it.
    expect(await funnelScreened()).toBe(funnelBefore);
  });

  it('answers in the same shape and words whether the ID number is known or not', async () => {
    const a = new Agent(t);
    const phoneA = '13895008001';
    const phoneB = '13895008002';
    const known = await pub(a, '/api/public/self-report', {
      phone: phoneA,
      code: await codeFor(a, phoneA),
      form: { ...attackerForm, headName: '路人甲' },
    });
    const unknown = await pub(a, '/api/public/self-report', {
      phone: phoneB,
      code: await codeFor(a, phoneB),
      form: { ...attackerForm, headName: '路人乙', idNumber: makeIdNumber('640381', '19881111', '067') },
    });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    const shape = (b: { reference: string }) => ({ ...b, reference: b.reference.replace(/[0-9A-F]/g, 'X') });
    expect(shape(known.json())).toEqual(shape(unknown.json()));
    // The reference is the request's own, never the known household's.
    expect(known.json().reference).not.toBe(victimId.slice(-8).toUpperCase());
  });

  it("the attacker's phone sees only its own request, never the household's state", async () => {
    const attacker = new Agent(t);
    const res = await pub(attacker, '/api/public/status', {
      phone: ATTACKER,
      code: await codeFor(attacker, ATTACKER),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { reference: expect.any(String), headNameMasked: '假**', submittedOn: '2026-06-01', state: 'received' },
    ]);
    expect(res.body).not.toContain('马');
  });

  it('the request cannot be kept over the accepted household, nor kept apart under the same ID number', async () => {
    const pair = (await staff.get('/api/merge-candidates'))
      .json()
      .items.find(
        (p: { a: { id: string }; b: { id: string } }) => p.a.id === reportId || p.b.id === reportId,
      );
    const keepReport = await staff.post(`/api/merge-candidates/${pair.id}/merge`, {
      keep: pair.a.id === reportId ? 'a' : 'b',
    });
    expect(keepReport.statusCode).toBe(409);
    expect(keepReport.json().code).toBe('merge.keep_verified');
    const apart = await staff.post(`/api/merge-candidates/${pair.id}/keep-apart`);
    expect(apart.statusCode).toBe(409);
    expect(apart.json().code).toBe('household.same_id_number');
    expect((await detail(reportId)).state).toBe('unverified');
  });

  it('merging into the existing household accepts the needs, keeps the timeline and audits it', async () => {
    const funnelBefore = await funnelScreened();
    const pair = (await staff.get('/api/merge-candidates'))
      .json()
      .items.find(
        (p: { a: { id: string }; b: { id: string } }) => p.a.id === reportId || p.b.id === reportId,
      );
    const res = await staff.post(`/api/merge-candidates/${pair.id}/merge`, {
      keep: pair.a.id === victimId ? 'a' : 'b',
    });
    expect(res.statusCode).toBe(200);
    const after = await detail(victimId);
    // The person's own fields stay; the request's need joins them, accepted, still marked as self-reported.
    expect(after.headName).toBe('马建国');
    expect(after.householdSize).toBe(4);
    expect(after.needs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ description: '急需现金', source: 'self_report', unverified: false }),
      ]),
    );
    expect(after.screeningList.map((s: { method: string }) => s.method)).toEqual(
      expect.arrayContaining(['self_report', 'home_visit']),
    );
    expect(after.timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'merged', summary: expect.objectContaining({ via: 'self_report' }) }),
      ]),
    );
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'household.merge')
      .where('subjectId', '=', victimId)
      .execute();
    expect(audit).toHaveLength(1);
    // A merge adds no household to the funnel: the victim was counted already.
    expect(await funnelScreened()).toBe(funnelBefore);
    // The worker's request is now taken up — the same word whichever way a person decided.
    const attacker = new Agent(t);
    const status = await pub(attacker, '/api/public/status', {
      phone: ATTACKER,
      code: await codeFor(attacker, ATTACKER),
    });
    expect(status.json().items.map((i: { state: string }) => i.state)).toEqual(['reviewed']);
  });

  it('a request kept apart from the household it resembled becomes a screened household of its own', async () => {
    const worker2 = new Agent(t);
    const phone = '13895008003';
    const res = await pub(worker2, '/api/public/self-report', {
      phone,
      code: await codeFor(worker2, phone),
      form: {
        ...attackerForm,
        headName: '马建国',
        idNumber: makeIdNumber('640381', '19800101', '033'),
        divisionCode: '640381001',
        addressDetail: '裕民街道新华社区 9 栋',
      },
    });
    expect(res.statusCode).toBe(200);
    const pair = (await staff.get('/api/merge-candidates'))
      .json()
      .items.find(
        (p: { reason: string; a: { id: string; state: string }; b: { id: string; state: string } }) =>
          p.reason === 'self_report' && (p.a.id === victimId || p.b.id === victimId),
      );
    const own = pair.a.id === victimId ? pair.b : pair.a;
    expect(own.state).toBe('unverified');
    const funnelBefore = await funnelScreened();
    expect((await staff.post(`/api/merge-candidates/${pair.id}/keep-apart`)).statusCode).toBe(200);
    const accepted = await detail(own.id);
    expect(accepted.state).toBe('screened');
    expect(accepted.needs[0]).toMatchObject({ source: 'self_report', unverified: false });
    expect(await funnelScreened()).toBe(funnelBefore + 1);
    // Its ID number is now in the unique index: staff screening the same person find it.
    const again = await staff.post('/api/screenings', {
      form: { ...victimForm, idNumber: makeIdNumber('640381', '19800101', '033'), phone: undefined },
    });
    expect(again.json()).toMatchObject({ householdId: own.id, match: 'id_number' });
  });

  it('a request that resembles no one waits until a person verifies it', async () => {
    const w = new Agent(t);
    const phone = '13895008004';
    const res = await pub(w, '/api/public/self-report', {
      phone,
      code: await codeFor(w, phone),
      form: { ...attackerForm, headName: '单独申请', idNumber: makeIdNumber('640381', '19920202', '051') },
    });
    expect(res.statusCode).toBe(200);
    const found = (await staff.post('/api/households/query', { q: '单独申请' })).json();
    const h = await detail(found.items[0].id);
    expect(h.state).toBe('unverified');
    const verified = await staff.post(`/api/households/${h.id}/verify`, {
      version: h.version,
      verifiedOn: '2026-06-01',
      homeVisit: true,
      documents: ['id_card'],
      incomeConsent: true,
      result: 'confirmed',
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ state: 'verifying' });
    expect(verified.json().needs[0]).toMatchObject({ unverified: false });
  });
});

describe('a rejected request (issue 9, item 2)', () => {
  it('closing it leaves it unaccepted, and reopening it puts it back before a person', async () => {
    const staff = await signIn(t, 'qtx_staff');
    const w = new Agent(t);
    const phone = '13895008005';
    const res = await pub(w, '/api/public/self-report', {
      phone,
      code: await codeFor(w, phone),
      form: { ...attackerForm, headName: '拒绝申请', idNumber: undefined },
    });
    expect(res.statusCode).toBe(200);
    const found = (await staff.post('/api/households/query', { q: '拒绝申请' })).json();
    const h = (await staff.get(`/api/households/${found.items[0].id}`)).json();
    const closed = await staff.post(`/api/households/${h.id}/close`, {
      version: h.version,
      reason: '查无此人',
    });
    expect(closed.json()).toMatchObject({ state: 'closed' });
    expect(closed.json().needs[0]).toMatchObject({ unverified: true });
    const reopened = await staff.post(`/api/households/${h.id}/reopen`, {
      version: closed.json().version,
      reason: '职工来电补充',
    });
    expect(reopened.json()).toMatchObject({ state: 'unverified' });
  });
});

// ---- issue 9 item 19: the code is used up only with a valid form, exactly once ----

describe('the one-time code and the form (issue 9, item 19)', () => {
  it('a rejected form leaves the code usable', async () => {
    const w = new Agent(t);
    const phone = '13895009001';
    const code = await codeFor(w, phone);
    const bad = await pub(w, '/api/public/self-report', {
      phone,
      code,
      form: { ...selfForm, idNumber: makeIdNumber('640381', '19930303', '011'), householdSize: 1 },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'body.form.householdSize' })]);
    const good = await pub(w, '/api/public/self-report', {
      phone,
      code,
      form: { ...selfForm, idNumber: makeIdNumber('640381', '19930303', '011') },
    });
    expect(good.statusCode).toBe(200);
  });

  it('parallel submits with one code write one request', async () => {
    const w = new Agent(t);
    const phone = '13895009002';
    const code = await codeFor(w, phone);
    const before = await t.platform.db.selectFrom('screening').select('id').execute();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        pub(w, '/api/public/self-report', {
          phone,
          code,
          form: { ...selfForm, headName: `并发${i}`, idNumber: undefined },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 422, 422, 422, 422, 422]);
    expect(results.filter((r) => r.statusCode === 422).every((r) => r.json().code === 'otp.invalid')).toBe(
      true,
    );
    const after = await t.platform.db.selectFrom('screening').select('id').execute();
    expect(after.length - before.length).toBe(1);
  });
});

// ---- issue 11: the phone's offline queue sends a request again when the answer was lost ----

describe("a worker's request sent again by the phone's queue (issue 11)", () => {
  it('returns the first reference for the same client reference, without another code', async () => {
    const w = new Agent(t);
    const phone = '13895009003';
    const code = await codeFor(w, phone);
    const body = {
      phone,
      code,
      form: { ...selfForm, headName: '重发', idNumber: undefined },
      clientRef: 'queue-item-0001-abcd',
    };
    const before = await t.platform.db.selectFrom('screening').select('id').execute();
    const first = await pub(w, '/api/public/self-report', body);
    expect(first.statusCode, first.body).toBe(200);
    // The code is used up, yet the same request comes back with its reference.
    const again = await pub(w, '/api/public/self-report', body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    // Parallel sends of one queued request: one request.
    const racing = await Promise.all(
      Array.from({ length: 4 }, () => pub(w, '/api/public/self-report', body)),
    );
    expect(racing.every((r) => r.json().reference === first.json().reference)).toBe(true);
    const after = await t.platform.db.selectFrom('screening').select('id').execute();
    expect(after.length - before.length).toBe(1);
    // Another phone with the same reference learns nothing: its code is checked as ever.
    const other = await pub(w, '/api/public/self-report', { ...body, phone: '13895009004' });
    expect(other.json().code).toBe('otp.invalid');
  });
});

// ---- issue 9 item 8: the message is a template and parameters, sent by the configured sender ----

describe('the text message (issue 9, item 8)', () => {
  it('sends the one-time code as the otp template with its parameters', async () => {
    const w = new Agent(t);
    const phone = '13895009003';
    await codeFor(w, phone);
    const sent = t.sms.sent.at(-1)!;
    expect(sent.message).toEqual({
      template: 'otp',
      params: { code: expect.stringMatching(/^\d{6}$/), minutes: '5' },
    });
  });
});
