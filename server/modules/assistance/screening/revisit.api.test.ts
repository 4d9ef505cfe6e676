import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import { screenHousehold, screeningForm, verifyHousehold } from '../../../test/factories/assistance';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

// Issue 11: a return visit recorded offline and sent later must never be applied over a change
// someone made meanwhile (Primero #508): the server refuses a stale visit with the household as
// it is now; the visit, sent again on the new version, is recorded once.
let t: TestApp;
let volunteer: Agent;
let otherVolunteer: Agent;
let staff: Agent;

beforeAll(async () => {
  t = await createTestApp();
  volunteer = await signIn(t, 'cy_volunteer');
  otherVolunteer = await signIn(t, 'jd_volunteer');
  staff = await signIn(t, 'qtx_staff');
});
afterAll(() => t.close());

const count = async (table: 'screening' | 'household') =>
  Number(
    (
      await t.platform.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('return visits', () => {
  it('gives the phone the household as a visit starts from, masked, with its version', async () => {
    const id = await screenHousehold(
      volunteer,
      screeningForm(301, {
        phone: '13995120301',
        members: [{ relation: 'spouse', name: '马成', idNumber: makeIdNumber('640381', '19840101', '031') }],
        householdSize: 2,
      }),
    );
    const res = await volunteer.get(`/api/households/${id}/revisit`);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ id, version: 1, headName: '喜登花', householdSize: 2, state: 'screened' });
    expect(v.phoneMasked).toMatch(/0301$/);
    expect(JSON.stringify(v)).not.toContain('13995120301');
    expect(JSON.stringify(v)).not.toContain(makeIdNumber('640381', '19850312', '301'));
    expect(v.members).toEqual([expect.objectContaining({ relation: 'spouse', name: '马成' })]);
    // Another organisation's volunteer: as missing.
    expect((await otherVolunteer.get(`/api/households/${id}/revisit`)).statusCode).toBe(404);
  });

  it('records a visit on the version it is based on, keeping what the phone saw masked', async () => {
    const memberId = makeIdNumber('640381', '19840101', '032');
    const id = await screenHousehold(
      volunteer,
      screeningForm(302, {
        phone: '13995120302',
        members: [{ relation: 'spouse', name: '马成', idNumber: memberId }],
        householdSize: 2,
      }),
    );
    const before = await count('screening');
    const v = (await volunteer.get(`/api/households/${id}/revisit`)).json();
    const form = screeningForm(302, {
      idNumber: undefined,
      phone: undefined,
      annualIncomeFen: 1_800_000,
      householdSize: 2,
      members: [{ relation: 'spouse', name: '马成' }],
    });
    const res = await volunteer.post('/api/screenings', {
      form,
      clientRef: 'revisit-302-aaaa',
      revisit: { householdId: id, version: v.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ householdId: id, match: 'revisit' });
    // A retry of the same visit (the answer was lost): the same result, nothing written twice.
    const again = await volunteer.post('/api/screenings', {
      form,
      clientRef: 'revisit-302-aaaa',
      revisit: { householdId: id, version: v.version },
    });
    expect(again.json()).toEqual(res.json());
    expect(await count('screening')).toBe(before + 1);
    const h = (await volunteer.get(`/api/households/${id}/revisit`)).json();
    expect(h).toMatchObject({ version: v.version + 1, annualIncomeFen: 1_800_000 });
    expect(h.phoneMasked).toMatch(/0302$/);
    const row = await t.platform.db
      .selectFrom('householdMember')
      .selectAll()
      .where('householdId', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.idTail).toBe(memberId.slice(-4));
    expect(t.platform.cipher.decrypt(row.idEnc!)).toBe(memberId);
  });

  it('refuses a visit based on an older version, with the household as it is now', async () => {
    const id = await screenHousehold(volunteer, screeningForm(303, { householdSize: 3 }));
    const v = (await volunteer.get(`/api/households/${id}/revisit`)).json();
    // Meanwhile the federation verifies it and corrects the figures.
    const now = await verifyHousehold(staff, id, { householdSize: 5, annualIncomeFen: 900_000 });
    const before = await count('screening');
    const stale = await volunteer.post('/api/screenings', {
      form: screeningForm(303, { householdSize: 4, annualIncomeFen: 1_200_000 }),
      clientRef: 'revisit-303-aaaa',
      revisit: { householdId: id, version: v.version },
    });
    expect(stale.statusCode, stale.body).toBe(409);
    const problem = stale.json();
    expect(problem.code).toBe('screening.household_changed');
    expect(problem.current).toMatchObject({
      id,
      version: now,
      householdSize: 5,
      annualIncomeFen: 900_000,
      state: 'verifying',
    });
    expect(await count('screening')).toBe(before);
    const h = (await staff.get(`/api/households/${id}`)).json();
    expect(h).toMatchObject({ householdSize: 5, annualIncomeFen: 900_000, screenings: 1 });

    // Sent again on the version it was shown: recorded, once.
    const resolved = await volunteer.post('/api/screenings', {
      form: screeningForm(303, { householdSize: 5, annualIncomeFen: 1_200_000 }),
      clientRef: 'revisit-303-bbbb',
      revisit: { householdId: id, version: now },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ householdId: id, match: 'revisit' });
    expect(await count('screening')).toBe(before + 1);
  });

  it('points a visit to a merged household at the one it was merged into', async () => {
    const a = await screenHousehold(
      volunteer,
      screeningForm(304, { addressDetail: '大坝镇韦桥村五队 9 号' }),
    );
    const b = await screenHousehold(
      volunteer,
      screeningForm(305, { addressDetail: '大坝镇韦桥村五队 9 号', idNumber: undefined }),
    );
    const vb = (await volunteer.get(`/api/households/${b}/revisit`)).json();
    const pending = (await staff.get('/api/merge-candidates?status=pending')).json();
    const pair = pending.items.find(
      (c: { a: { id: string }; b: { id: string } }) =>
        [c.a.id, c.b.id].includes(a) && [c.a.id, c.b.id].includes(b),
    );
    expect(pair).toBeDefined();
    const keep = pair.a.id === a ? 'a' : 'b';
    const merged = await staff.post(`/api/merge-candidates/${pair.id}/merge`, { keep });
    expect(merged.statusCode, merged.body).toBe(200);
    const res = await volunteer.post('/api/screenings', {
      form: screeningForm(305, { addressDetail: '大坝镇韦桥村五队 9 号', idNumber: undefined }),
      revisit: { householdId: b, version: vb.version },
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().current.id).toBe(a);
  });

  it('refuses an ID number that is not the household’s, naming the field', async () => {
    const id = await screenHousehold(volunteer, screeningForm(306));
    const v = (await volunteer.get(`/api/households/${id}/revisit`)).json();
    const res = await volunteer.post('/api/screenings', {
      form: screeningForm(307),
      revisit: { householdId: id, version: v.version },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.form.idNumber' })]);
  });

  it('lets exactly one of two racing visits on one version through', async () => {
    const id = await screenHousehold(volunteer, screeningForm(308));
    const v = (await volunteer.get(`/api/households/${id}/revisit`)).json();
    const results = await Promise.all(
      ['racer-308-aaaa', 'racer-308-bbbb', 'racer-308-cccc'].map((clientRef) =>
        volunteer.post('/api/screenings', {
          form: screeningForm(308, { idNumber: undefined }),
          clientRef,
          revisit: { householdId: id, version: v.version },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
  });
});

describe('a lost phone', () => {
  it('is signed out by staff, and told so on its next request', async () => {
    const phone = await signIn(t, 'cy_volunteer');
    const id = t.users.get('cy_volunteer')!;
    const user = (await staff.get(`/api/users/${id}`)).json();
    const res = await staff.post(`/api/users/${id}/end-sessions`, { version: user.version });
    expect(res.statusCode, res.body).toBe(200);
    const next = await phone.get('/api/screenings/drafts');
    expect(next.statusCode).toBe(401);
    expect(next.json().code).toBe('auth.session_revoked');
    // Signing in again is a new session that works; a session that merely ended says so plainly.
    const again = await signIn(t, 'cy_volunteer');
    expect((await again.get('/api/screenings/drafts')).statusCode).toBe(200);
    await again.post('/api/auth/logout', {});
    expect((await again.get('/api/screenings/drafts')).json().code).toBe('auth.unauthenticated');
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'user.end_sessions')
      .execute();
    expect(audit).toHaveLength(1);
    volunteer = await signIn(t, 'cy_volunteer');
  });
});
