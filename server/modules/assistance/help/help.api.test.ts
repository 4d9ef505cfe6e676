import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningForm } from '../../../../contracts/assistance';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import { screenHousehold, setStandard, verifyHousehold } from '../../../test/factories/assistance';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

let t: TestApp;
let staff: Agent;
let volunteer: Agent;
let social: Agent;
let outsider: Agent;
let hospital: Agent;
let otherFederation: Agent;

const form = (idSeq: string, over: Partial<ScreeningForm> = {}): ScreeningForm => ({
  method: 'home_visit',
  screenedOn: '2026-05-20',
  headName: '喜登花',
  idNumber: makeIdNumber('640381', '19850312', idSeq),
  phone: `1399512${idSeq}0`.slice(0, 11),
  situation: 'migrant_worker',
  divisionCode: '640381101',
  addressDetail: `大坝镇韦桥村三队 ${idSeq} 号`,
  householdSize: 4,
  annualIncomeFen: 2_400_000,
  rigidExpenseFen: 600_000,
  causes: ['serious_illness', 'schooling'],
  members: [{ relation: 'spouse', name: '马有福', health: '慢性肝病' }],
  needs: [
    { kind: 'medical', urgency: 'urgent', description: '丈夫肝病需复查' },
    { kind: 'living', urgency: 'urgent', description: '冬季取暖煤' },
  ],
  ...over,
});

const screen = (idSeq: string, over: Partial<ScreeningForm> = {}) =>
  screenHousehold(volunteer, form(idSeq, over));

const urgent = (over: Record<string, unknown> = {}) => ({
  route: 'urgent',
  kind: 'goods',
  what: '米面油一份、取暖煤 1 吨',
  valueFen: 80_000,
  givenOn: '2026-05-30',
  ...over,
});

const fields = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  volunteer = await signIn(t, 'cy_volunteer');
  social = await signIn(t, 'gx_social');
  outsider = await signIn(t, 'jd_volunteer');
  hospital = await signIn(t, 'rmyy_staff');
  otherFederation = await signIn(t, 'yc_staff');
  await setStandard(staff);
});
afterAll(() => t.close());

describe('urgent help while screening goes on', () => {
  let householdId = '';
  let needIds: string[] = [];
  let firstRecordId = '';

  it('a volunteer of a linked partner records urgent help; it solves the need and is provisional', async () => {
    householdId = await screen('101');
    const detail = (await staff.get(`/api/households/${householdId}`)).json();
    needIds = detail.needs.map((n: { id: string }) => n.id);
    const res = await volunteer.post(
      `/api/households/${householdId}/help`,
      urgent({ solvesNeedIds: [needIds[1]] }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      route: 'urgent',
      sourceId: null,
      provisional: true,
      reconciledAt: null,
      givenByName: '春雨志愿者协会',
      recordedByName: '马文斌',
      evidence: [],
    });
    firstRecordId = res.json().id;
    const after = (await staff.get(`/api/households/${householdId}`)).json();
    const statuses = Object.fromEntries(
      after.needs.map((n: { id: string; status: string }) => [n.id, n.status]),
    );
    expect(statuses).toEqual({ [needIds[0]]: 'open', [needIds[1]]: 'solved' });
    expect(after.urgentOpen).toBe(1);
    expect(after.timeline.map((e: { kind: string }) => e.kind)).toContain('urgent_help');
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'help.urgent')
      .where('subjectId', '=', householdId)
      .execute();
    expect(audit).toHaveLength(1);
    // The delivery schedules the follow-up visit.
    const visits = await t.platform.db
      .selectFrom('returnVisit')
      .selectAll()
      .where('householdId', '=', householdId)
      .execute();
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ reason: 'after_help', state: 'due' });
  });

  it('refuses bad input naming the field', async () => {
    const url = `/api/households/${householdId}/help`;
    const noGiver = await staff.post(url, urgent({ route: 'upper' }));
    expect(noGiver.statusCode).toBe(422);
    expect(fields(noGiver)).toEqual(['body.givenByOrgId']);
    const foreignOrg = await staff.post(url, urgent({ givenByOrgId: t.orgs.get('yinchuan_bus') }));
    expect(foreignOrg.statusCode).toBe(422);
    expect(fields(foreignOrg)).toEqual(['body.givenByOrgId']);
    // The upper federation may give upper aid, not urgent help in the city's name.
    const upperAsUrgent = await staff.post(url, urgent({ givenByOrgId: t.orgs.get('ningxia') }));
    expect(fields(upperAsUrgent)).toEqual(['body.givenByOrgId']);
    const unknownNeed = await staff.post(url, urgent({ solvesNeedIds: [needIds[0], 'nope'] }));
    expect(unknownNeed.statusCode).toBe(422);
    expect(fields(unknownNeed)).toEqual(['body.solvesNeedIds.1']);
    const future = await staff.post(url, urgent({ givenOn: '2026-06-02' }));
    expect(future.statusCode).toBe(422);
    expect(fields(future)).toEqual(['body.givenOn']);
    const badKind = await staff.post(url, urgent({ kind: 'cash_in_envelope', valueFen: -1 }));
    expect(badKind.statusCode).toBe(400);
    expect(fields(badKind)).toEqual(expect.arrayContaining(['body.kind', 'body.valueFen']));
    const unknownField = await staff.post(url, urgent({ route: 'measure' }));
    expect(unknownField.statusCode).toBe(400);
    expect(fields(unknownField)).toContain('body.route');
  });

  it('records upper-federation aid by organisation or by name', async () => {
    const url = `/api/households/${householdId}/help`;
    const byOrg = await staff.post(
      url,
      urgent({
        route: 'upper',
        kind: 'living_subsidy',
        what: '自治区送温暖',
        givenByOrgId: t.orgs.get('ningxia'),
      }),
    );
    expect(byOrg.statusCode).toBe(201);
    expect(byOrg.json()).toMatchObject({
      route: 'upper',
      givenByName: '宁夏回族自治区总工会',
      provisional: false,
    });
    const byName = await staff.post(
      url,
      urgent({
        route: 'upper',
        kind: 'money',
        what: '慰问金',
        valueFen: 50_000,
        givenByName: '全总困难职工帮扶中心',
      }),
    );
    expect(byName.statusCode).toBe(201);
    expect(byName.json()).toMatchObject({ givenByName: '全总困难职工帮扶中心', provisional: false });
  });

  it('keeps households out of reach: unlinked partners and other federations see 404, caring units 403', async () => {
    const url = `/api/households/${householdId}/help`;
    expect((await outsider.post(url, urgent())).statusCode).toBe(404);
    expect((await outsider.get(url)).statusCode).toBe(404);
    expect((await otherFederation.post(url, urgent())).statusCode).toBe(404);
    expect((await hospital.post(url, urgent())).statusCode).toBe(403);
    expect((await hospital.get(url)).statusCode).toBe(403);
    expect((await staff.post('/api/households/no-such-household/help', urgent())).statusCode).toBe(404);
    // The partner the case was routed to may record help too.
    expect((await social.post(url, urgent({ what: '药品' }))).statusCode).toBe(201);
  });

  it('reconciles provisional urgent help when the archive is established, and settles later help at once', async () => {
    const version = await verifyHousehold(staff, householdId, { verifiedOn: '2026-05-31' });
    // Still provisional while verifying.
    const before = (await staff.get(`/api/households/${householdId}/help`)).json();
    expect(before.ledger.filter((r: { provisional: boolean }) => r.provisional)).toHaveLength(2);
    const archived = await staff.post(`/api/households/${householdId}/archive`, {
      version,
      primaryCause: 'serious_illness',
    });
    expect(archived.statusCode).toBe(201);
    const archiveNo = archived.json().archiveNo as string;
    const after = (await staff.get(`/api/households/${householdId}/help`)).json();
    const urgentRows = after.ledger.filter((r: { route: string }) => r.route === 'urgent');
    expect(urgentRows).toHaveLength(2);
    for (const r of urgentRows) {
      expect(r).toMatchObject({
        provisional: false,
        reconciledWith: archiveNo,
        reconciledAt: '2026-06-01T08:00:00.000Z',
      });
    }
    // Upper aid is not urgent help: nothing to reconcile.
    expect(
      after.ledger.filter(
        (r: { route: string; reconciledAt: string | null }) => r.route === 'upper' && r.reconciledAt,
      ),
    ).toEqual([]);
    const later = await volunteer.post(`/api/households/${householdId}/help`, urgent({ what: '助学金' }));
    expect(later.json()).toMatchObject({ provisional: false, reconciledWith: archiveNo });
  });

  it('reconciles with below_standard and closed decisions', async () => {
    const below = await screen('102', { headName: '马金兰' });
    await volunteer.post(`/api/households/${below}/help`, urgent());
    let h = (await staff.get(`/api/households/${below}`)).json();
    const marked = await staff.post(`/api/households/${below}/below-standard`, {
      version: h.version,
      reason: '人均收入高于标准，给予临时帮扶',
    });
    expect(marked.statusCode).toBe(200);
    const ledger = (await staff.get(`/api/households/${below}/help`)).json().ledger;
    expect(ledger[0]).toMatchObject({ provisional: false, reconciledWith: 'below_standard' });

    const closed = await screen('103', { headName: '杨秀英' });
    await volunteer.post(`/api/households/${closed}/help`, urgent());
    h = (await staff.get(`/api/households/${closed}`)).json();
    expect(
      (await staff.post(`/api/households/${closed}/close`, { version: h.version, reason: '已迁出' }))
        .statusCode,
    ).toBe(200);
    expect((await staff.get(`/api/households/${closed}/help`)).json().ledger[0]).toMatchObject({
      reconciledWith: 'closed',
    });
    // A closed household can still be given help (recorded as settled).
    const after = await staff.post(`/api/households/${closed}/help`, urgent({ what: '慰问' }));
    expect(after.json()).toMatchObject({ provisional: false, reconciledWith: 'closed' });
  });

  it('shows the ledger with totals counting each row once, measures, and the visit the first delivery scheduled', async () => {
    const measure = await staff.post(`/api/households/${householdId}/measures`, {
      policy: 'household',
      kind: 'medical_aid',
      description: '协调人民医院绿色通道复查',
      responsibleOrgId: t.orgs.get('hospital'),
      dueOn: '2026-06-20',
      valueFen: 30_000,
    });
    expect(measure.statusCode).toBe(201);
    const done = await social.post(`/api/measures/${measure.json().id}/state`, {
      version: measure.json().version,
      state: 'done',
      doneOn: '2026-06-01',
      valueFen: 25_000,
    });
    expect(done.statusCode).toBe(200);
    const page = (await volunteer.get(`/api/households/${householdId}/help`)).json();
    const byRoute = { urgent: 0, measure: 0, referral: 0, upper: 0 } as Record<string, number>;
    for (const r of page.ledger) byRoute[r.route] += r.valueFen;
    expect(page.totals).toEqual({
      count: page.ledger.length,
      valueFen: Object.values(byRoute).reduce((a, b) => a + b, 0),
      byRoute,
    });
    expect(page.totals.byRoute.measure).toBe(25_000);
    expect(page.totals.count).toBe(6);
    const measureRow = page.ledger.find((r: { route: string }) => r.route === 'measure');
    expect(measureRow).toMatchObject({
      sourceId: measure.json().id,
      kind: 'medical_aid',
      givenByName: '青铜峡市人民医院',
      givenOn: '2026-06-01',
      recordedByName: '周红梅',
    });
    expect(page.measures).toHaveLength(1);
    expect(page.measures[0]).toMatchObject({ state: 'done', doneOn: '2026-06-01' });
    expect(page).toMatchObject({ referrals: [], consents: [] });
    // Help delivered schedules one return visit (at most one open per household).
    expect(page.visits).toHaveLength(1);
    expect(page.visits[0]).toMatchObject({ reason: 'after_help', state: 'due' });
    expect(page.ledger.find((r: { id: string }) => r.id === firstRecordId)).toBeTruthy();
  });

  it('takes referrals, consents and visits from the sources wired in', async () => {
    const help = t.services.assistance.help;
    const seen: string[] = [];
    help.useSources({
      referralsFor: async (id) => (seen.push(`r:${id}`), []),
      consentsFor: async (id) => (seen.push(`c:${id}`), []),
      visitsFor: async (id) => (seen.push(`v:${id}`), []),
    });
    await staff.get(`/api/households/${householdId}/help`);
    expect(seen).toEqual([`r:${householdId}`, `c:${householdId}`, `v:${householdId}`]);
  });
});

describe('evidence of a delivery', () => {
  let householdId = '';
  let recordId = '';
  const PNG = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from('IHDR fake image body'),
  ]);
  const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF');
  const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

  const upload = (agent: Agent, body: Buffer, type: string, name: string, id = recordId) =>
    agent.request({
      method: 'POST',
      url: `/api/help-records/${id}/evidence`,
      payload: body,
      headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
    });

  beforeAll(async () => {
    householdId = await screen('201', { headName: '丁玉梅' });
    const res = await volunteer.post(`/api/households/${householdId}/help`, urgent());
    recordId = res.json().id;
  });

  it('keeps a photo with its hash and gives it back as a download, audited', async () => {
    const res = await upload(volunteer, PNG, 'image/png', '入户照片 1.png');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      fileName: '入户照片 1.png',
      mime: 'image/png',
      sizeBytes: PNG.length,
    });
    const row = await t.platform.db
      .selectFrom('evidence')
      .select(['sha256', 'householdId'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    const { createHash } = await import('node:crypto');
    expect(row.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    expect(row.householdId).toBe(householdId);

    const file = await staff.get(`/api/evidence/${res.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="____ 1.png"; filename*=UTF-8''${encodeURIComponent('入户照片 1.png')}`,
    );
    expect(file.rawPayload.equals(PNG)).toBe(true);
    const reads = await t.platform.db
      .selectFrom('auditLog')
      .select('actorName')
      .where('action', '=', 'evidence.read')
      .where('subjectId', '=', res.json().id)
      .execute();
    expect(reads).toEqual([{ actorName: '李静' }]);

    for (const [body, type] of [
      [PDF, 'application/pdf'],
      [JPEG, 'image/jpeg'],
      [WEBP, 'image/webp; charset=binary'],
    ] as const) {
      expect((await upload(staff, body, type, `凭证.${type.slice(6, 10)}`)).statusCode).toBe(201);
    }
    const ledger = (await volunteer.get(`/api/households/${householdId}/help`)).json().ledger;
    expect(ledger[0].evidence.map((e: { mime: string }) => e.mime)).toEqual([
      'image/png',
      'application/pdf',
      'image/jpeg',
      'image/webp',
    ]);
  });

  it('checks the type by its first bytes, the size, and the file name', async () => {
    const lying = await upload(staff, PDF, 'image/png', 'a.png');
    expect(lying.statusCode).toBe(415);
    expect(lying.json()).toMatchObject({ code: 'evidence.type_mismatch' });
    expect(fields(lying)).toEqual(['body']);
    const html = await upload(staff, Buffer.from('<html><script>alert(1)</script>'), 'text/html', 'a.html');
    expect(html.statusCode).toBe(415);
    expect(fields(html)).toEqual(['headers.content-type']);
    const json = await staff.request({
      method: 'POST',
      url: `/api/help-records/${recordId}/evidence`,
      payload: { file: 'x' },
      headers: { 'x-file-name': 'a.json' },
    });
    expect(json.statusCode).toBe(415);
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await upload(staff, big, 'image/png', 'big.png');
    expect(tooBig.statusCode).toBe(413);
    expect(fields(tooBig)).toEqual(['body']);
    const empty = await upload(staff, Buffer.alloc(0), 'image/png', 'empty.png');
    expect(empty.statusCode).toBe(422);
    expect(fields(empty)).toEqual(['body']);
    const path = await upload(staff, PNG, 'image/png', '../../etc/passwd.png');
    expect(path.statusCode).toBe(422);
    expect(fields(path)).toEqual(['headers.x-file-name']);
    const long = await upload(staff, PNG, 'image/png', `${'长'.repeat(97)}.png`);
    expect(fields(long)).toEqual(['headers.x-file-name']);
    const noName = await staff.request({
      method: 'POST',
      url: `/api/help-records/${recordId}/evidence`,
      payload: PNG,
      headers: { 'content-type': 'image/png' },
    });
    expect(noName.statusCode).toBe(422);
    expect(fields(noName)).toEqual(['headers.x-file-name']);
    const badEncoding = await staff.request({
      method: 'POST',
      url: `/api/help-records/${recordId}/evidence`,
      payload: PNG,
      headers: { 'content-type': 'image/png', 'x-file-name': '%E4%B8' },
    });
    expect(fields(badEncoding)).toEqual(['headers.x-file-name']);
  });

  it('keeps at most ten files per delivery', async () => {
    const existing = (await volunteer.get(`/api/households/${householdId}/help`)).json().ledger[0].evidence
      .length;
    for (let i = existing; i < 10; i++) {
      expect((await upload(volunteer, PNG, 'image/png', `p${i}.png`)).statusCode).toBe(201);
    }
    const eleventh = await upload(volunteer, PNG, 'image/png', 'p10.png');
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json().code).toBe('evidence.too_many');
  });

  it('answers out-of-reach records and files like missing ones', async () => {
    expect((await upload(outsider, PNG, 'image/png', 'x.png')).statusCode).toBe(404);
    expect((await upload(otherFederation, PNG, 'image/png', 'x.png')).statusCode).toBe(404);
    expect((await upload(hospital, PNG, 'image/png', 'x.png')).statusCode).toBe(403);
    expect((await upload(staff, PNG, 'image/png', 'x.png', 'no-such-record')).statusCode).toBe(404);
    const ev = (await staff.get(`/api/households/${householdId}/help`)).json().ledger[0].evidence[0];
    expect((await outsider.get(`/api/evidence/${ev.id}`)).statusCode).toBe(404);
    expect((await otherFederation.get(`/api/evidence/${ev.id}`)).statusCode).toBe(404);
    expect((await hospital.get(`/api/evidence/${ev.id}`)).statusCode).toBe(403);
    expect((await staff.get('/api/evidence/no-such-file')).statusCode).toBe(404);
    expect((await volunteer.get(`/api/evidence/${ev.id}`)).statusCode).toBe(200);
  });
});

// Issue 9 item 12 (a): help recorded on a near-duplicate record follows the household when merged.
describe('merging two records of one household', () => {
  it('moves the ledger, consents, referrals and visits to the kept record; two due visits become one', async () => {
    const kept = await screen('301', { addressDetail: '合并村 1 号', headName: '合并户' });
    const dup = await screen('302', {
      idNumber: undefined,
      phone: '13700002222',
      addressDetail: '合并村 1 号',
      headName: '合并户',
      members: [],
    });
    expect(dup).not.toBe(kept);
    const help = await staff.post(`/api/households/${dup}/help`, urgent({ what: '重复记录上的救助金' }));
    expect(help.statusCode).toBe(201);
    expect(
      (await staff.post(`/api/households/${kept}/help`, urgent({ what: '原记录上的慰问' }))).statusCode,
    ).toBe(201);
    const consent = await staff.post(`/api/households/${dup}/consents`, {
      orgId: t.orgs.get('hospital'),
      givenBy: 'self',
      method: 'signed_form',
      givenOn: '2026-05-25',
    });
    expect(consent.statusCode).toBe(201);
    const pair = (await staff.get('/api/merge-candidates'))
      .json()
      .items.find((c: { a: { id: string }; b: { id: string } }) => [c.a.id, c.b.id].includes(dup));
    expect(pair).toBeDefined();
    const merged = await staff.post(`/api/merge-candidates/${pair.id}/merge`, {
      keep: pair.a.id === kept ? 'a' : 'b',
    });
    expect(merged.statusCode).toBe(200);
    const ledger = (await staff.get(`/api/households/${kept}/help`)).json();
    expect(ledger.ledger.map((r: { what: string }) => r.what).sort()).toEqual([
      '原记录上的慰问',
      '重复记录上的救助金',
    ]);
    expect(ledger.totals.count).toBe(2);
    // (An earlier test of this file stubs the page's consent and visit sources: read the tables.)
    const db = t.platform.db;
    const consents = await db.selectFrom('consent').select('id').where('householdId', '=', kept).execute();
    expect(consents.map((c) => c.id)).toEqual([consent.json().id]);
    const left = await db.selectFrom('helpRecord').select('id').where('householdId', '=', dup).execute();
    expect(left).toEqual([]);
    // Each delivery scheduled a return visit: one stays due, the other is cancelled (unique index).
    const visits = await db
      .selectFrom('returnVisit')
      .select('state')
      .where('householdId', '=', kept)
      .execute();
    const states = visits.map((v) => v.state).sort();
    expect(states).toEqual(['cancelled', 'due']);
  });
});

// Issue 9 item 12 (b): 同类同策 reaches households assisted below the standard.
describe('a template for households assisted below the standard', () => {
  it('selects assisted_below_standard households, which have no archive', async () => {
    const h = await screen('303', { addressDetail: '未达标准村 3 号', headName: '未达户' });
    const detail = (await staff.get(`/api/households/${h}`)).json();
    const below = await staff.post(`/api/households/${h}/below-standard`, {
      version: detail.version,
      reason: '收入略高于标准，给予帮扶',
    });
    expect(below.statusCode).toBe(200);
    expect(below.json().state).toBe('assisted_below_standard');
    const tpl = await staff.post('/api/plan-templates', {
      name: '未达标准户：临时救助',
      criteria: { archiveStates: [], householdStates: ['assisted_below_standard'] },
      measures: [
        {
          kind: 'living_subsidy',
          description: '临时救助',
          responsibleOrgId: t.orgs.get('qtx'),
          dueInDays: 30,
        },
      ],
    });
    expect(tpl.statusCode).toBe(201);
    const preview = (await staff.post(`/api/plan-templates/${tpl.json().id}/preview`, {})).json();
    expect(preview.households.map((x: { id: string }) => x.id)).toContain(h);
  });
});
