import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningForm } from '../../../../contracts/assistance';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import { screenHousehold, setStandard, verifyHousehold } from '../../../test/factories/assistance';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

let t: TestApp;
let staff: Agent;
let volunteer: Agent;
let social: Agent;
let reviewer: Agent;

const ID = makeIdNumber('640381', '19850312', '042');
const form = (over: Partial<ScreeningForm> = {}): ScreeningForm => ({
  method: 'home_visit',
  screenedOn: '2026-05-20',
  headName: '喜登花',
  idNumber: ID,
  phone: '13995123456',
  situation: 'migrant_worker',
  divisionCode: '640381101',
  addressDetail: '大坝镇韦桥村三队 12 号',
  householdSize: 4,
  annualIncomeFen: 2_400_000,
  rigidExpenseFen: 600_000,
  causes: ['serious_illness', 'schooling'],
  members: [
    { relation: 'spouse', name: '马有福', health: '慢性肝病，不能上班' },
    { relation: 'child', name: '马小花', age: 12, school: '大坝镇中心小学' },
    { relation: 'child', name: '马小军', age: 9, school: '大坝镇中心小学' },
  ],
  needs: [{ kind: 'medical', urgency: 'urgent', description: '丈夫肝病需复查' }],
  leads: '邻居反映家中无稳定收入',
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  volunteer = await signIn(t, 'cy_volunteer');
  social = await signIn(t, 'gx_social');
  reviewer = await signIn(t, 'nx_reviewer');
  await setStandard(staff, 2026, { note: '宁夏 2026 城市低保' });
});
afterAll(() => t.close());

describe('screening to archive', () => {
  let householdId = '';

  it('a volunteer screens a household; it is routed by the responsibility table', async () => {
    const res = await volunteer.post('/api/screenings', { form: form(), clientRef: 'phone-form-0001' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ match: 'new', responsibleOrgName: '古峡社工协会' });
    householdId = res.json().householdId;
    // The same submission retried (a bad line) does nothing new.
    const again = await volunteer.post('/api/screenings', { form: form(), clientRef: 'phone-form-0001' });
    expect(again.json().householdId).toBe(householdId);
    expect(again.json().screeningId).toBe(res.json().screeningId);
  });

  it('rejects a bad ID checksum and a bad phone, naming the fields', async () => {
    const bad = await volunteer.post('/api/screenings', {
      form: form({ idNumber: ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1'), phone: '12345' }),
    });
    expect(bad.statusCode).toBe(422);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.form.idNumber', 'body.form.phone']));
  });

  it('a social worker screening the same person finds the same household', async () => {
    const res = await social.post('/api/screenings', {
      form: form({ method: 'phone_survey', screenedOn: '2026-05-22', leads: '社工电话回访' }),
    });
    expect(res.json()).toMatchObject({ householdId, match: 'id_number' });
    // Phone + name matches too, when no ID number is given.
    const byPhone = await social.post('/api/screenings', {
      form: form({ idNumber: undefined, screenedOn: '2026-05-23' }),
    });
    expect(byPhone.json()).toMatchObject({ householdId, match: 'phone_name' });
  });

  it('shows partners their own notes only, masked identifiers, and the whole timeline', async () => {
    const asVolunteer = (await volunteer.get(`/api/households/${householdId}`)).json();
    // Issue 9 item 3: the check digit and the phone's first three digits are no longer shown.
    expect(asVolunteer.idNumberMasked).toBe(`**************${ID.slice(-4, -1)}*`);
    expect(asVolunteer.phoneMasked).toBe('*******3456');
    expect(JSON.stringify(asVolunteer)).not.toContain(ID);
    const notes = asVolunteer.screeningList.map((s: { leads: string | null }) => s.leads);
    expect(notes).toContain('邻居反映家中无稳定收入');
    expect(notes).not.toContain('社工电话回访');
    const hiddenFlags = asVolunteer.screeningList.map((s: { orgName: string; leadsHidden: boolean }) => [
      s.orgName,
      s.leadsHidden,
    ]);
    expect(hiddenFlags).toContainEqual(['古峡社工协会', true]);
    expect(hiddenFlags).toContainEqual(['春雨志愿者协会', false]);
    expect(asVolunteer.canReveal).toBe(false);
    const asStaff = (await staff.get(`/api/households/${householdId}`)).json();
    expect(asStaff.screeningList.map((s: { leads: string | null }) => s.leads)).toContain('社工电话回访');
    expect(asStaff.timeline.filter((e: { kind: string }) => e.kind === 'screened')).toHaveLength(3);
  });

  it('reveals an ID number only to permitted roles, and audits it', async () => {
    const denied = await volunteer.post(`/api/households/${householdId}/reveal`, {
      field: 'idNumber',
      reason: '核对',
    });
    expect(denied.statusCode).toBe(403);
    const ok = await staff.post(`/api/households/${householdId}/reveal`, {
      field: 'idNumber',
      reason: '入户核实',
    });
    expect(ok.json().value).toBe(ID);
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'household.reveal')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].details).not.toContain(ID);
  });

  it('finds households by two-character words, phone, ID number and state, in reach only', async () => {
    const byWord = (await staff.post('/api/households/query', { q: '登花' })).json();
    expect(byWord.items.map((h: { id: string }) => h.id)).toEqual([householdId]);
    const byPlace = (await staff.post('/api/households/query', { q: '韦桥' })).json();
    expect(byPlace.total).toBe(1);
    const byId = (await staff.post('/api/households/query', { idNumber: ID })).json();
    expect(byId.total).toBe(1);
    const byPhone = (await staff.post('/api/households/query', { phone: '139 9512 3456' })).json();
    expect(byPhone.total).toBe(1);
    const none = (await staff.post('/api/households/query', { q: '花登' })).json();
    expect(none.total).toBe(0);
    const other = await signIn(t, 'yc_staff');
    expect((await other.post('/api/households/query', { q: '登花' })).json().total).toBe(0);
    expect((await other.get(`/api/households/${householdId}`)).statusCode).toBe(404);
    const hospital = await signIn(t, 'rmyy_staff');
    expect((await hospital.post('/api/households/query', {})).statusCode).toBe(403);
  });

  it('verifies, shows the calculator working, archives with a readable number', async () => {
    const h = (await staff.get(`/api/households/${householdId}`)).json();
    const early = await staff.post(`/api/households/${householdId}/archive`, {
      version: h.version,
      primaryCause: 'serious_illness',
    });
    expect(early.statusCode).toBe(409);
    const v = await staff.post(`/api/households/${householdId}/verify`, {
      version: h.version,
      verifiedOn: '2026-05-28',
      homeVisit: true,
      documents: ['id_card', 'medical_records'],
      incomeConsent: true,
      result: 'confirmed',
      migrantQualified: true,
    });
    expect(v.statusCode).toBe(200);
    expect(v.json().state).toBe('verifying');
    const assessment = (await staff.get(`/api/households/${householdId}/assessment`)).json();
    // (24000 − 6000) ÷ 12 ÷ 4 = 375.00 ≤ 770.00
    expect(assessment).toMatchObject({
      eligible: true,
      category: 'deep',
      perCapitaMonthlyFen: 37500,
      tier: 'provincial',
    });
    expect(assessment.steps[0].zh).toContain('375.00');
    const archived = await staff.post(`/api/households/${householdId}/archive`, {
      version: v.json().version,
      primaryCause: 'serious_illness',
      secondaryCauses: ['schooling'],
    });
    expect(archived.statusCode).toBe(201);
    expect(archived.json().archiveNo).toBe('640381-2026-00001');
    expect(archived.json().explanation.rule).toBe('per_capita_at_most_min_living');
  });

  it('reports up; the reviewer returns it; staff fix and report again; the reviewer approves', async () => {
    const archive = (await staff.get(`/api/households/${householdId}`)).json().archive;
    const reported = await staff.post(`/api/archives/${archive.id}/report`, { version: archive.version });
    expect(reported.json()).toMatchObject({ state: 'reported', reportedToName: '宁夏回族自治区总工会' });
    const queue = (await reviewer.get('/api/archives?state=reported')).json();
    expect(queue.items.map((a: { id: string }) => a.id)).toContain(archive.id);
    expect((await reviewer.get(`/api/archives/${archive.id}`)).json().household.headName).toBe('喜登花');
    const returned = await reviewer.post(`/api/archives/${archive.id}/return`, {
      version: reported.json().version,
      reason: '次要致困原因请补充“无社会保险”',
    });
    expect(returned.json()).toMatchObject({ state: 'returned' });
    const fixed = await staff.patch(`/api/archives/${archive.id}`, {
      version: returned.json().version,
      secondaryCauses: ['schooling', 'no_social_insurance'],
    });
    expect(fixed.json().secondaryCauses).toEqual(['schooling', 'no_social_insurance']);
    const again = await staff.post(`/api/archives/${archive.id}/report`, { version: fixed.json().version });
    const approved = await reviewer.post(`/api/archives/${archive.id}/approve`, {
      version: again.json().version,
    });
    expect(approved.json().state).toBe('approved');
    // The reviewer cannot manage, and federation staff cannot approve their own archive.
    expect(
      (await staff.post(`/api/archives/${archive.id}/approve`, { version: approved.json().version }))
        .statusCode,
    ).toBe(403);
    const kinds = (await staff.get(`/api/households/${householdId}`))
      .json()
      .timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['archived', 'reported', 'returned', 'archive_fixed', 'approved']),
    );
  });

  it('puts a near match in the merge queue; merging keeps every screening', async () => {
    const near = await volunteer.post('/api/screenings', {
      form: form({ idNumber: undefined, phone: '13700001111', screenedOn: '2026-05-25', needs: [] }),
    });
    expect(near.json()).toMatchObject({ match: 'new', nearMatches: 1 });
    const queue = (await staff.get('/api/merge-candidates')).json().items;
    expect(queue).toHaveLength(1);
    const pair = queue[0];
    const keep = pair.a.id === householdId ? 'a' : 'b';
    const wrongKeep = keep === 'a' ? 'b' : 'a';
    expect(
      (await staff.post(`/api/merge-candidates/${pair.id}/merge`, { keep: wrongKeep })).json().code,
    ).toBe('merge.keep_archived');
    const merged = await staff.post(`/api/merge-candidates/${pair.id}/merge`, { keep });
    expect(merged.json().householdId).toBe(householdId);
    const h = (await staff.get(`/api/households/${householdId}`)).json();
    expect(h.screeningList).toHaveLength(4);
    expect((await staff.get(`/api/households/${near.json().householdId}`)).statusCode).toBe(404);
    expect((await staff.get('/api/merge-candidates')).json().items).toHaveLength(0);
  });

  it('keeps yearly reviews and exits with a reason', async () => {
    const archive = (await staff.get(`/api/households/${householdId}`)).json().archive;
    expect((await staff.get('/api/archives?reviewDue=true')).json().total).toBe(0);
    t.clock.advance(370 * 86_400_000);
    staff = await signIn(t, 'qtx_staff'); // a year on, yesterday's session is long gone
    const due = (await staff.get('/api/archives?reviewDue=true')).json();
    expect(due.items.map((a: { id: string }) => a.id)).toEqual([archive.id]);
    const reviewed = await staff.post(`/api/archives/${archive.id}/review-done`, {
      version: archive.version,
    });
    expect(reviewed.json().reviewDueOn > archive.reviewDueOn).toBe(true);
    const exited = await staff.post(`/api/archives/${archive.id}/exit`, {
      version: reviewed.json().version,
      kind: 'out_of_difficulty',
      reason: '丈夫康复返岗，家庭收入稳定',
    });
    expect(exited.json()).toMatchObject({ state: 'exited', exitKind: 'out_of_difficulty' });
    expect((await staff.get(`/api/households/${householdId}`)).json().state).toBe('closed');
    t.clock.set('2026-06-01T08:00:00.000Z');
    [staff, volunteer, social] = await Promise.all(
      ['qtx_staff', 'cy_volunteer', 'gx_social'].map((u) => signIn(t, u)),
    );
  });
});

describe('concurrency held by the database', () => {
  it('keeps one household per ID number under parallel screenings', async () => {
    const id = makeIdNumber('640381', '19790101', '113');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? volunteer : social).post('/api/screenings', {
          form: form({ idNumber: id, headName: '并发户', phone: undefined, addressDetail: `并发 ${i}` }),
        }),
      ),
    );
    for (const r of results) expect(r.statusCode).toBe(200);
    expect(new Set(results.map((r) => r.json().householdId)).size).toBe(1);
    const rows = await t.platform.db
      .selectFrom('household')
      .select('id')
      .where('headIdBidx', '=', t.platform.blindIndex('id_number', id))
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('numbers archives uniquely and without gaps under parallel establishment', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const hid = await screenHousehold(
        staff,
        form({
          idNumber: makeIdNumber('640381', '19800101', String(200 + i)),
          headName: `建档户${i}`,
          phone: undefined,
          addressDetail: `建档 ${i}`,
        }),
      );
      const version = await verifyHousehold(staff, hid, { verifiedOn: '2026-05-30' });
      ids.push(`${hid}:${version}`);
    }
    const res = await Promise.all(
      ids.map((x) => {
        const [hid, version] = x.split(':');
        return staff.post(`/api/households/${hid}/archive`, {
          version: Number(version),
          primaryCause: 'laid_off',
        });
      }),
    );
    for (const r of res) expect(r.statusCode).toBe(201);
    const seqs = res.map((r) => Number(r.json().archiveNo.split('-')[2])).sort((a, b) => a - b);
    const first = seqs[0];
    expect(seqs).toEqual(Array.from({ length: 6 }, (_, i) => first + i));
  });
});
