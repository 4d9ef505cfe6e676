/**
 * The Love Alliance (S1) harness descriptor: its records and canaries built through the API by
 * the users who would really make them, which record each `:id` route acts on, which records
 * body fields name, which canaries its lists show, and the disposable records of the
 * malformed-input harness.
 *
 * Records of the Love Alliance relate to organisations in more ways than one owner: a household
 * belongs to its federation and is linked to every partner that screened it or was routed it
 * ('org' then means "linked to the actor's organisation", as in actor.ts); an archive is managed
 * by its federation and reviewed by the federation it was reported to; a draft is its screener's
 * alone. Help records, evidence, measures, consents and visits sit on a household and reach as
 * far as it does (assigning a visit to an organisation links it to the household); templates are
 * their federation's; a resource and a referral belong to their caring unit, and a referral is
 * also reached through its household (help.manage, RecordRef.scopeFor).
 */
import { expect } from 'vitest';
import type { HarnessDescriptor } from '../descriptor';
import type { Agent, TestApp } from '../../test-app';
import { signIn } from '../../test-app';
import { NO_HINT, SAMPLE_DIVISION } from '../schema';
import {
  ancestry,
  federationOf,
  isFederation,
  keyOf,
  orgById,
  orgRecords,
  policyAllows,
  principal,
  sameFederation,
  tag,
  world,
  type Canary,
  type Principal,
  type RecordRef,
  type Role,
} from '../world';
import {
  FUTURE_DATE,
  SAMPLE_DATE,
  SESSION_ROUTE_ACTIONS,
  STANDARD_2026,
  TODAY,
  addMeasure,
  createTemplate,
  giveConsent,
  ok as expectStatus,
  publishResource,
  recordHelp,
  refer,
  reportArchive,
  screen,
  screeningForm,
  uploadEvidence,
  verify,
  verifyAndArchive,
} from './assistance-fixtures';

const CANARY_PASSWORD = world.password;
const { canaries } = world;
let t: TestApp;

export const s1 = {
  members: [] as RecordRef[],
  campaigns: [] as RecordRef[],
  households: [] as RecordRef[],
  householdMembers: [] as RecordRef[],
  archives: [] as RecordRef[],
  pairs: [] as RecordRef[],
  /** One per screener, for the `:id` routes; another per screener for `body.draftId`. */
  drafts: [] as RecordRef[],
  refDrafts: [] as RecordRef[],
  // Part 2.
  resources: [] as RecordRef[],
  consents: [] as RecordRef[],
  referrals: [] as RecordRef[],
  measures: [] as RecordRef[],
  templates: [] as RecordRef[],
  helpRecords: [] as RecordRef[],
  evidence: [] as RecordRef[],
  visits: [] as RecordRef[],
};

/**
 * Love Alliance data in both city federations, each piece with a canary: standards, alliance
 * members, campaigns, households screened by partners and by the federations (some verified,
 * archived and reported up to 宁夏), a merge pair per federation, and every screener's drafts.
 */
async function setUpLoveAlliance(withHelp: boolean): Promise<void> {
  const admin = world.admin!;
  const orgId = (key: string) => t.orgs.get(key)!;
  const staff = { qtx: principal('qtx_staff'), yinchuan: principal('yc_staff') };
  // A screener of 银川's own: a grassroots cadre of 银川公交集团工会.
  const created = await admin.post('/api/users', {
    orgId: orgId('yinchuan_bus'),
    username: 'ycb_screener',
    displayName: '银川公交摸排员',
    roles: ['grassroots_cadre'],
    password: CANARY_PASSWORD,
  });
  expect(created.statusCode, created.body).toBe(201);
  const ycbAgent = await signIn(t, 'ycb_screener', CANARY_PASSWORD);
  // A password set by an administrator must be changed before the account can work.
  expectStatus(
    await ycbAgent.post('/api/auth/password', {
      currentPassword: CANARY_PASSWORD,
      newPassword: `${CANARY_PASSWORD}-own`,
    }),
    200,
    'password change',
  );
  const ycb = { agent: ycbAgent, orgId: orgId('yinchuan_bus') };

  for (const f of Object.values(staff)) {
    expectStatus(await f.agent.post('/api/standards', STANDARD_2026), 201, 'standard');
  }

  // Alliance members, one per alliance organisation, each named with its organisation's canary.
  const memberOrgs: [Principal, string][] = [
    [staff.qtx, 'qtx'],
    [staff.qtx, 'yingxin'],
    [staff.qtx, 'guxia'],
    [staff.qtx, 'chunyu'],
    [staff.qtx, 'jindu'],
    [staff.yinchuan, 'yinchuan'],
    [staff.yinchuan, 'yinchuan_bus'],
  ];
  for (const [by, key] of memberOrgs) {
    const name = tag(key, 'mb');
    const m = expectStatus(
      await by.agent.post('/api/alliance/members', { orgId: orgId(key), name, joinedOn: SAMPLE_DATE }),
      201,
      'alliance member',
    );
    const rec = { id: String(m.id), orgId: orgId(key), ownerId: null, label: `member of ${key}` };
    s1.members.push(rec);
    canaries.push({ value: name, rec, shows: ['member'] });
  }

  // A campaign per federation.
  const campaignOf: [Principal, string, string, string][] = [
    [staff.qtx, 'qtx', '640381', 'chunyu'],
    [staff.yinchuan, 'yinchuan', '640104', 'yinchuan_bus'],
  ];
  for (const [by, key, area, target] of campaignOf) {
    const name = tag(key, 'cp');
    const c = expectStatus(
      await by.agent.post('/api/campaigns', {
        name,
        startsOn: '2026-05-01',
        endsOn: '2026-06-30',
        areas: [area],
        targets: [{ orgId: orgId(target), target: 10 }],
      }),
      201,
      'campaign',
    );
    const rec = { id: String(c.id), orgId: orgId(key), ownerId: null, label: `campaign of ${key}` };
    s1.campaigns.push(rec);
    canaries.push({ value: name, rec, shows: ['campaign'] });
  }

  // Households. The federation is found by the tree (the screener's nearest federation); the
  // linked organisations are the screener's and the one the screening was routed to.
  const households: Record<string, { rec: RecordRef; canary: Canary; address: Canary }> = {};
  const addHousehold = async (
    name: string,
    by: { agent: Agent; orgId: string },
    over: Record<string, unknown> = {},
  ) => {
    const canary = tag(keyOf(by.orgId), 'hh');
    // The address has a canary of its own: part-2 lists show a head name, never an address.
    const address = tag(keyOf(by.orgId), 'as');
    const r = await screen(
      by.agent,
      screeningForm({ headName: canary, addressDetail: `幸福路 ${address}`, ...over }),
      name,
    );
    const linked = [...new Set([by.orgId, ...(r.responsibleOrgId ? [r.responsibleOrgId] : [])])];
    const rec: RecordRef = {
      id: r.householdId,
      orgId: federationOf(by.orgId)!,
      ownerId: null,
      linkedOrgIds: linked,
      label: `household ${name} linked to ${linked.map(keyOf).join('+')}`,
    };
    const c: Canary = {
      value: canary,
      rec,
      shows: ['household'],
      via: { 'GET /api/archives': null, 'GET /api/merge-candidates': null },
    };
    const a: Canary = {
      value: address,
      rec,
      shows: ['household'],
      via: { ...c.via, ...Object.fromEntries(NO_ADDRESS_LISTS().map((k) => [k, null])) },
    };
    canaries.push(c, a);
    households[name] = { rec, canary: c, address: a };
    return rec;
  };
  const yc = { agent: staff.yinchuan.agent, orgId: staff.yinchuan.orgId };
  const qtx = { agent: staff.qtx.agent, orgId: staff.qtx.orgId };
  // A migrant worker screened by a volunteer: routed to the social-work partner (古峡).
  await addHousehold('qtx-by-volunteer', principal('cy_volunteer'), { situation: 'migrant_worker' });
  await addHousehold('qtx-by-cadre', principal('yx_cadre'));
  await addHousehold('qtx-reported', qtx);
  await addHousehold('qtx-archived', qtx);
  await addHousehold('yc-by-cadre', ycb, { divisionCode: '640104' });
  await addHousehold('yc-archived', yc, { divisionCode: '640104' });
  await addHousehold('yc-reported', yc, { divisionCode: '640104' });
  s1.households.push(...Object.values(households).map((h) => h.rec));

  // Cross-check the linked organisations with household_org, so the oracle knows the data.
  for (const h of s1.households) {
    const rows = await t.platform.db
      .selectFrom('householdOrg')
      .select('orgId')
      .where('householdId', '=', h.id)
      .execute();
    expect([...new Set(rows.map((r) => r.orgId))].sort(), h.label).toEqual([...h.linkedOrgIds!].sort());
  }

  // Archives: verified and archived by the federation; two of them reported to the one above.
  const archive = async (name: string, by: Principal, report: boolean) => {
    const h = households[name];
    const a = await verifyAndArchive(by.agent, h.rec.id);
    if (report) await reportArchive(by.agent, a);
    const upper = federationOf(orgById.get(h.rec.orgId)!.parentId!)!;
    const rec: RecordRef = {
      id: a.id,
      orgId: h.rec.orgId,
      ownerId: null,
      scopeFor: { 'archive.review': report ? { id: a.id, orgId: upper, ownerId: null } : null },
      label: `archive ${name}`,
    };
    s1.archives.push(rec);
    h.canary.shows.push('archive');
    h.canary.via!['GET /api/archives'] = rec;
    h.address.via!['GET /api/archives'] = rec;
  };
  await archive('qtx-reported', staff.qtx, true);
  await archive('qtx-archived', staff.qtx, false);
  await archive('yc-archived', staff.yinchuan, false);
  await archive('yc-reported', staff.yinchuan, true);

  // A household member per household, for body.memberId of /reveal.
  for (const h of s1.households) {
    const by = federationOf(h.orgId) === federationOf(staff.qtx.orgId) ? staff.qtx : staff.yinchuan;
    const d = expectStatus(await by.agent.get(`/api/households/${h.id}`), 200, 'household');
    const m = (d.members as { id: string }[])[0];
    s1.householdMembers.push({ id: m.id, orgId: h.orgId, ownerId: null, parentId: h.id });
  }

  // A merge pair per federation: the same name and address, different ID numbers.
  for (const [by, division] of [
    [staff.qtx, '640381'],
    [staff.yinchuan, '640104'],
  ] as const) {
    const canary = tag(keyOf(by.orgId), 'pr');
    const form = { headName: canary, addressDetail: `团结路 ${canary}`, divisionCode: division, members: [] };
    const first = await screen(by.agent, screeningForm(form), 'pair');
    const second = await screen(by.agent, screeningForm(form), 'pair');
    const queue = expectStatus(await by.agent.get('/api/merge-candidates'), 200, 'merge queue');
    const pair = (queue.items as { id: string; a: { id: string }; b: { id: string } }[]).find(
      (c) => [c.a.id, c.b.id].sort().join() === [first.householdId, second.householdId].sort().join(),
    );
    if (!pair) throw new Error('setup: the near match did not reach the merge queue');
    const fed = federationOf(by.orgId)!;
    const rec = { id: pair.id, orgId: fed, ownerId: null, label: `merge pair of ${keyOf(fed)}` };
    s1.pairs.push(rec);
    const hh = { id: first.householdId, orgId: fed, ownerId: null, linkedOrgIds: [by.orgId] };
    canaries.push({
      value: canary,
      rec: hh,
      shows: ['household', 'pair'],
      via: { 'GET /api/archives': null },
    });
  }

  // Every screener's drafts: one named with a canary (the `:id` routes), one for body.draftId.
  for (const p of world.principals.filter((x) => policyAllows(x, 'screening.create'))) {
    const canary = tag(keyOf(p.orgId), 'dr');
    const d = expectStatus(
      await p.agent.post('/api/screenings/drafts', { form: { headName: canary } }),
      201,
      'draft',
    );
    const rec = {
      id: String(d.id),
      orgId: p.orgId,
      ownerId: p.userId,
      ownerOnly: true,
      label: `draft of ${p.username}`,
    };
    s1.drafts.push(rec);
    canaries.push({ value: canary, rec, shows: ['draft'] });
    const r = expectStatus(await p.agent.post('/api/screenings/drafts', { form: {} }), 201, 'draft');
    s1.refDrafts.push({ ...rec, id: String(r.id), label: `second draft of ${p.username}` });
  }

  if (withHelp) await setUpHelp(households, staff);
}

/**
 * Part 2, through the API as the users who would really do it: each caring unit publishes a
 * resource (the federation one for a community of 裕民), consents then referrals to four units
 * (one sent by a partner), measures (一户一策 by a partner, 个案专策 by the federation), a
 * template per federation, urgent help with a photo, a visit assigned to an organisation not
 * linked to its household and a recorded visit. 银川 has no caring unit: no resources there.
 */
async function setUpHelp(
  households: Record<string, { rec: RecordRef; canary: Canary; address: Canary }>,
  staff: { qtx: Principal; yinchuan: Principal },
): Promise<void> {
  const orgId = (key: string) => t.orgs.get(key)!;
  const hh = (name: string) => {
    const h = households[name];
    if (!h) throw new Error(`setup: no household ${name}`);
    return h;
  };

  // Resources: a unit publishes as itself; the federation names the unit.
  const resources: Record<string, RecordRef> = {};
  for (const [by, key, asItself] of [
    [principal('rmyy_staff'), 'hospital', true],
    [principal('rzs_staff'), 'restaurant', true],
    [principal('ym_staff'), 'yumin', true],
    [staff.qtx, 'yumin_guangchang', false],
  ] as const) {
    const title = tag(key, 'rs');
    const id = await publishResource(by.agent, { title, ...(asItself ? {} : { orgId: orgId(key) }) });
    const rec: RecordRef = { id, orgId: orgId(key), ownerId: null, label: `resource of ${key}` };
    resources[key] = rec;
    s1.resources.push(rec);
    canaries.push({ value: title, rec, shows: ['resource'] });
  }

  // Consent to the unit, then the referral; the need carries a canary. The unit sees the head
  // name through its referral (the canary's via for the referral list).
  for (const [by, name, unit] of [
    [staff.qtx, 'qtx-archived', 'hospital'],
    [principal('cy_volunteer'), 'qtx-by-volunteer', 'restaurant'],
    [staff.qtx, 'qtx-by-cadre', 'yumin'],
    [staff.qtx, 'qtx-reported', 'yumin_guangchang'],
  ] as const) {
    const h = hh(name);
    const res = resources[unit];
    const consent = await giveConsent(by.agent, h.rec.id, res.orgId);
    s1.consents.push({ ...h.rec, id: consent, label: `consent of ${name} for ${unit}` });
    const need = tag(unit, 'rf');
    const r = await refer(by.agent, h.rec.id, res.id, `需求 ${need}`);
    const rec: RecordRef = {
      id: r.id,
      orgId: res.orgId,
      ownerId: null,
      scopeFor: { 'help.manage': h.rec },
      label: `referral of ${name} to ${unit}`,
    };
    s1.referrals.push(rec);
    canaries.push({ value: need, rec, shows: ['referral'] });
    const prev = h.canary.via!['GET /api/referrals'];
    h.canary.via!['GET /api/referrals'] = {
      ...rec,
      linkedOrgIds: [...(prev?.linkedOrgIds ?? []), res.orgId],
    };
  }

  // Measures: a partner's 一户一策, the federation's 个案专策 (pending approval), one in 银川.
  for (const [by, name, policy, responsible] of [
    [principal('yx_cadre'), 'qtx-by-cadre', 'household', 'yingxin'],
    [staff.qtx, 'qtx-archived', 'case', 'guxia'],
    [staff.yinchuan, 'yc-archived', 'household', 'yinchuan_bus'],
  ] as const) {
    const h = hh(name);
    const canary = tag(keyOf(by.orgId), 'ms');
    const id = await addMeasure(by.agent, h.rec.id, {
      policy,
      description: `措施 ${canary}`,
      responsibleOrgId: orgId(responsible),
    });
    const rec: RecordRef = { ...h.rec, id, label: `${policy} measure on ${name}` };
    s1.measures.push(rec);
    canaries.push({ value: canary, rec, shows: ['measure'] });
  }

  // A 同类同策 template per federation.
  for (const by of [staff.qtx, staff.yinchuan]) {
    const name = tag(keyOf(by.orgId), 'tp');
    const id = await createTemplate(by.agent, name, by.orgId);
    const rec: RecordRef = { id, orgId: by.orgId, ownerId: null, label: `template of ${keyOf(by.orgId)}` };
    s1.templates.push(rec);
    canaries.push({ value: name, rec, shows: ['template'] });
  }

  // Urgent help with a photo, by a partner and by 银川: each schedules its follow-up visit.
  for (const [by, name] of [
    [principal('cy_volunteer'), 'qtx-by-volunteer'],
    [staff.yinchuan, 'yc-by-cadre'],
  ] as const) {
    const h = hh(name);
    const id = await recordHelp(by.agent, h.rec.id);
    s1.helpRecords.push({ ...h.rec, id, label: `help record on ${name}` });
    const e = await uploadEvidence(by.agent, id);
    s1.evidence.push({ ...h.rec, id: e, label: `evidence on ${name}` });
  }

  // A visit assigned to an organisation and member the household was not linked to (禁毒协会):
  // the organisation is assigned the household with it, so from now on it reaches the household
  // (and everything on it) like a partner that screened it.
  const jinduMember = s1.members.find((m) => m.orgId === orgId('jindu'))!;
  expectStatus(
    await staff.qtx.agent.post(`/api/households/${hh('qtx-by-cadre').rec.id}/visits`, {
      dueOn: FUTURE_DATE,
      assigneeOrgId: orgId('jindu'),
      assigneeMemberId: jinduMember.id,
    }),
    201,
    'visit',
  );
  // In place: the records built on this household share its linkedOrgIds array.
  hh('qtx-by-cadre').rec.linkedOrgIds!.push(orgId('jindu'));
  // 银川 records its follow-up visit, in the household's own words.
  const words = tag('yinchuan', 'vw');
  const ycVisits = expectStatus(await staff.yinchuan.agent.get('/api/visits'), 200, 'visits');
  const ycVisit = (ycVisits.items as { id: string; householdId: string; version: number }[]).find(
    (v) => v.householdId === hh('yc-by-cadre').rec.id,
  );
  if (!ycVisit) throw new Error('setup: the help did not schedule a visit');
  expectStatus(
    await staff.yinchuan.agent.post(`/api/visits/${ycVisit.id}/record`, {
      version: ycVisit.version,
      visitedOn: TODAY,
      visitors: '王磊',
      change: 'better',
      satisfaction: 5,
      householdWords: `感谢 ${words}`,
    }),
    200,
    'record visit',
  );

  // The visits as stored (which the help scheduled, whom they went to): a visit reaches as far as
  // its household (its assignee organisation is linked to it). Head names and assigned members' names
  // show in the visit lists through the visits.
  const rows = await t.platform.db
    .selectFrom('returnVisit')
    .select(['id', 'householdId', 'assigneeOrgId', 'assigneeMemberId'])
    .execute();
  for (const v of rows) {
    const h = Object.entries(households).find(([, x]) => x.rec.id === v.householdId);
    if (!h) throw new Error(`setup: a visit of an unknown household ${v.householdId}`);
    const [name, { rec: hrec, canary }] = h;
    const rec: RecordRef = {
      ...hrec,
      id: v.id,
      linkedOrgIds: hrec.linkedOrgIds,
      label: `visit of ${name} assigned to ${keyOf(v.assigneeOrgId)}`,
    };
    s1.visits.push(rec);
    const prev = canary.via!['GET /api/visits'];
    canary.via!['GET /api/visits'] = {
      ...rec,
      linkedOrgIds: [...new Set([...(prev?.linkedOrgIds ?? []), ...rec.linkedOrgIds!])],
    };
    if (v.id === ycVisit.id) canaries.push({ value: words, rec, shows: ['visit'] });
    const member = canaries.find((c) => c.rec.id === v.assigneeMemberId);
    if (member) {
      member.via = { ...member.via, 'GET /api/visits': rec, 'GET /api/visits/worklist': rec };
    }
  }
  expect(s1.visits.length).toBeGreaterThanOrEqual(3);
}

/** Part-2 lists that never show a household's address (only the head name, through a record). */
const NO_ADDRESS_LISTS = () =>
  Object.keys(assistanceHarness.matrix.listShows ?? {}).filter((k) =>
    /^GET \/api\/(resources|referrals|measures|plan-templates|visits|help-settings|dashboard)/.test(k),
  );

// The malformed-input harness's disposable records and users.
/** The records `:id` routes act on: disposable ones, so a value that is accepted harms nothing. */
const targets = new Map<string, string>();
/** An alliance organisation in 青铜峡's jurisdiction, for `orgId` fields of S1 bodies. */
let s1OrgId = '';
/** A resource of 青铜峡市人民医院 the target household has consented to, for `resourceId`. */
let refResourceId = '';
/**
 * The platform admin holds no Love Alliance action (need to know), so S1 routes are driven as
 * the users who do: federation staff of 青铜峡 (manage, screen, standards) and the provincial
 * reviewer (archive review). Otherwise every S1 request would stop at 403 before validation.
 */
let qtxStaff: Agent;
let reviewer: Agent;
/** A caring unit's staff (青铜峡市人民医院): answers referrals (referral.respond), publishes as itself. */
let caringStaff: Agent;
const idOf = (res: Parameters<typeof expectStatus>[0], what: string, status: number, key = 'id'): string =>
  String(expectStatus(res, status, what)[key]);

export const assistanceHarness = {
  name: 'assistance',
  routes: [
    '/api/alliance',
    '/api/campaigns',
    '/api/screenings',
    '/api/households',
    '/api/merge-candidates',
    '/api/archives',
    '/api/standards',
    // Its own public routes only (/api/public/vote is the vote's).
    '/api/public/otp',
    '/api/public/self-report',
    '/api/public/status',
    '/api/public/self-test',
    '/api/resources',
    '/api/referrals',
    '/api/consents',
    '/api/measures',
    '/api/plan-templates',
    '/api/help-records',
    '/api/help',
    '/api/evidence',
    '/api/visits',
    '/api/help-settings',
    '/api/dashboard',
  ],
  // Its set-up names the demo organisations; the organisation canaries (identity's) must not
  // show in its lists (the organisations of `GET /api/help/orgs`).
  needs: ['organisation', 'identity'],
  sessionRouteActions: SESSION_ROUTE_ACTIONS,
  matrix: {
    // Part 'households': part 1 alone (households and their people, alliance members, campaigns,
    // archives, merge pairs, drafts), for the lists that could show those and nothing of part 2.
    async setUp(app, part) {
      if (part !== undefined && part !== 'households') throw new Error(`assistance: no set-up part ${part}`);
      t = app;
      await setUpLoveAlliance(part === undefined);
    },
    recordRoutes: {
      // Alliance members belong to their organisation.
      '/api/alliance/members/:id': { records: () => s1.members },
      // Campaigns are their federation's plan.
      '/api/campaigns/:id': { records: () => s1.campaigns },
      // Drafts belong to their screener only.
      '/api/screenings/drafts/:id': {
        records: () => s1.drafts,
        own: (p) => s1.drafts.find((d) => d.ownerId === p.userId),
      },
      // A household belongs to its federation and is linked to the partners that screened it or
      // were routed it; 建档 (/archive) acts on the household too.
      '/api/households/:id': { records: () => s1.households },
      // An archive is managed by its federation and reviewed by the federation it was reported to.
      '/api/archives/:id': { records: () => s1.archives },
      '/api/merge-candidates/:id': { records: () => s1.pairs },
      // Import jobs live in memory and only their starter reads them: only the missing id is driven.
      '/api/screenings/import/:id': { records: () => [] },
      // Part 2. What sits on a household reaches as far as the household does (its federation, the
      // partners linked to it); 个案专策 approval (/decide, plan.approve) is the federation's.
      '/api/help-records/:id': { records: () => s1.helpRecords },
      '/api/evidence/:id': { records: () => s1.evidence },
      '/api/measures/:id': { records: () => s1.measures },
      '/api/consents/:id': { records: () => s1.consents },
      // A return visit sits on its household; assigning it links the assignee organisation.
      '/api/visits/:id': { records: () => s1.visits },
      // Templates are their federation's plan.
      '/api/plan-templates/:id': { records: () => s1.templates },
      // A resource belongs to its caring unit (resource.manage: the unit itself, or its federation).
      '/api/resources/:id': { records: () => s1.resources },
      // A referral belongs to the caring unit it was sent to (referral.read / .respond) and is
      // reached through its household (help.manage): RecordRef.scopeFor.
      '/api/referrals/:id': { records: () => s1.referrals },
    },
    referenceTypes: {
      // An organisation the data goes to or that is responsible (consent, measure, template measure,
      // visit assignee): any organisation of the actor's federation's jurisdiction, whatever the
      // route's action lets the actor do to that organisation's own records.
      jurisdictionOrg: {
        orgValued: true,
        records: orgRecords,
        allowed: (p, _action, ref) => sameFederation(p.orgId, ref.orgId),
      },
      // Who gave the help: an organisation of the jurisdiction or, for upper-federation aid, a
      // federation above the actor's (宁夏总工会 送温暖). Driven as upper aid, so both count.
      giver: {
        orgValued: true,
        records: orgRecords,
        allowed: (p, _action, ref) =>
          sameFederation(p.orgId, ref.orgId) ||
          (isFederation(ref.orgId) &&
            ancestry(federationOf(p.orgId) ?? '')
              .slice(1)
              .includes(ref.orgId)),
        extra: { route: 'upper' },
      },
      // The caring unit a resource is published for: the new resource must be one the actor may
      // manage (resource.manage: a caring unit its own, the federation any of its jurisdiction).
      caringUnit: {
        orgValued: true,
        records: orgRecords,
        allowed: (p, _action, ref) =>
          orgById.get(ref.orgId)?.kind === 'caring_unit' && policyAllows(p, 'resource.manage', ref),
      },
      // A resource referred to must be one the actor may read.
      resource: {
        records: () => s1.resources,
        allowed: (p, _action, ref) => policyAllows(p, 'resource.read', ref),
      },
      // The member a consent or a referral is for: one of the household's own.
      ownMember: {
        records: () => s1.householdMembers,
        allowed: (_p, _action, ref, anchor) => ref.parentId === anchor?.id,
      },
      // A visit's assignee: an alliance member of the jurisdiction, named with an organisation (the
      // actor's own, the same for every value so that only the member varies).
      allianceMember: {
        records: () => s1.members,
        allowed: (p, _action, ref) => sameFederation(p.orgId, ref.orgId),
        extra: (p: Principal) => ({ assigneeOrgId: p.orgId }),
      },
      // Naming a campaign needs reading it: it is the federation's plan (alliance.plan_read).
      campaign: {
        records: () => s1.campaigns,
        allowed: (p, _action, ref) => policyAllows(p, 'alliance.plan_read', ref),
      },
      draft: { records: () => s1.refDrafts, allowed: (p, action, ref) => policyAllows(p, action, ref) },
      // A return visit names a household the screener may read (its organisation's, or the
      // federation's jurisdiction).
      revisitHousehold: {
        records: () => s1.households,
        allowed: (p, _action, ref) => policyAllows(p, 'household.read', ref),
      },
      // A member's ID number is revealed through its own household only.
      householdMember: {
        records: () => s1.householdMembers,
        allowed: (_p, _action, ref, anchor) => ref.parentId === anchor?.id,
        extra: { field: 'memberIdNumber' },
      },
    },
    referenceFields: {
      campaignId: 'campaign',
      draftId: 'draft',
      memberId: 'householdMember',
      givenByOrgId: 'giver',
      responsibleOrgId: 'jurisdictionOrg',
      assigneeOrgId: 'jurisdictionOrg',
      assigneeMemberId: 'allianceMember',
      resourceId: 'resource',
      householdId: 'revisitHousehold',
    },
    referenceOverrides: {
      // Consent to share with an organisation of the federation; for one of the household's members.
      'POST /api/households/:id/consents body.orgId': 'jurisdictionOrg',
      'POST /api/households/:id/consents body.memberId': 'ownMember',
      'POST /api/households/:id/referrals body.memberId': 'ownMember',
      // The caring unit that gives the resource.
      'POST /api/resources body.orgId': 'caringUnit',
    },
    uncheckedFields: {
      'POST /api/households/query body.orgId': 'filter',
      'POST /api/households/query body.campaignId': 'filter',
      'POST /api/screenings/drafts body.form.campaignId': 'draft',
      'PATCH /api/screenings/drafts/:id body.form.campaignId': 'draft',
      'POST /api/households/export body.orgId': 'filter',
      'POST /api/households/export body.campaignId': 'filter',
    },
    listShows: {
      'GET /api/alliance/members': ['member'],
      'GET /api/alliance/summary': [],
      'GET /api/alliance/responsibility': [],
      'GET /api/campaigns': ['campaign'],
      'GET /api/screenings/drafts': ['draft'],
      'POST /api/households/query': ['household'],
      'GET /api/merge-candidates': ['pair'],
      'GET /api/archives': ['archive'],
      'GET /api/standards': [],
      'GET /api/screenings/template': [],
      'POST /api/households/export': ['household'],
      // Part 2. Head names show in the measure, referral and visit lists and in the drill-down, each
      // through its own record (Canary.via); a caring unit sees its own referrals with the minimum
      // (head name, masked phone, the need) and its own resources, never an address.
      'GET /api/resources': ['resource'],
      'GET /api/referrals': ['referral'],
      'GET /api/measures': ['measure'],
      'GET /api/plan-templates': ['template'],
      'GET /api/visits': ['visit'],
      'GET /api/visits/worklist': [],
      'GET /api/help-settings': [],
      // Organisation names only (the organisation canaries are addresses and user names).
      'GET /api/help/orgs': [],
      'GET /api/dashboard': ['resource'],
      'GET /api/dashboard/drill': ['household'],
      'GET /api/dashboard/export': ['resource'],
    },
    listQuery: {
      // Every household of the jurisdiction: the first stage of the funnel.
      'GET /api/dashboard/drill': { metric: 'funnel', key: 'screened' },
    },
    // Visits and measures cannot be due in the past; deliveries happen by today.
    hints: { dueOn: () => FUTURE_DATE },
  },
  malformed: {
    // Base bodies take the organisation's and identity's hints (a real parent, a role that fits).
    needs: ['organisation', 'identity'],
    async setUp(app, h) {
      t = app;
      qtxStaff = await h.throwaway('qtx_staff');
      reviewer = await h.throwaway('nx_reviewer');
      caringStaff = await h.throwaway('rmyy_staff');
      s1OrgId = t.orgs.get('chunyu')!;
      // Love Alliance records, built through the API by the federation that owns them.
      expectStatus(await qtxStaff.post('/api/standards', STANDARD_2026), 201, 'standard');
      targets.set(
        'member',
        idOf(
          await qtxStaff.post('/api/alliance/members', {
            orgId: s1OrgId,
            name: '畸形输入成员',
            joinedOn: SAMPLE_DATE,
          }),
          'alliance member',
          201,
        ),
      );
      targets.set(
        'campaign',
        idOf(
          await qtxStaff.post('/api/campaigns', {
            name: '畸形输入摸排行动',
            startsOn: '2026-05-01',
            endsOn: '2026-06-30',
            areas: [SAMPLE_DIVISION],
            targets: [{ orgId: s1OrgId, target: 5 }],
          }),
          'campaign',
          201,
        ),
      );
      targets.set(
        'draft',
        idOf(await qtxStaff.post('/api/screenings/drafts', { form: { headName: '草稿户' } }), 'draft', 201),
      );
      const household = await screen(qtxStaff, screeningForm({ headName: '畸形输入户' }));
      targets.set('household', household.householdId);
      const verified = await screen(
        qtxStaff,
        screeningForm({ headName: '待建档户', addressDetail: '待建档' }),
      );
      await verify(qtxStaff, verified.householdId);
      targets.set('verified', verified.householdId);
      const archived = await screen(
        qtxStaff,
        screeningForm({ headName: '已建档户', addressDetail: '已建档' }),
      );
      targets.set('archive', (await verifyAndArchive(qtxStaff, archived.householdId)).id);
      const reported = await screen(
        qtxStaff,
        screeningForm({ headName: '已上报户', addressDetail: '已上报' }),
      );
      const reportedArchive = await verifyAndArchive(qtxStaff, reported.householdId);
      await reportArchive(qtxStaff, reportedArchive);
      targets.set('reported', reportedArchive.id);
      // Same name and address, different ID numbers: a pair in the merge queue.
      const twin = { headName: '疑似重复户', addressDetail: '重复 1 号', members: [] };
      await screen(qtxStaff, screeningForm(twin));
      await screen(qtxStaff, screeningForm(twin));
      const pairs = expectStatus(await qtxStaff.get('/api/merge-candidates'), 200, 'merge queue');
      const pair = (pairs.items as { id: string }[])[0];
      if (!pair) throw new Error('setup: no merge candidate');
      targets.set('pair', pair.id);

      // Part 2, on the target household: urgent help with a photo (which schedules the visit), a
      // planned and a pending measure, a template, consents (one to revoke), and a resource of the
      // hospital the household may be referred to.
      const hid = household.householdId;
      const hospital = t.orgs.get('hospital')!;
      targets.set('helpRecord', await recordHelp(qtxStaff, hid));
      targets.set('evidence', await uploadEvidence(qtxStaff, targets.get('helpRecord')!));
      targets.set('measure', await addMeasure(qtxStaff, hid, { responsibleOrgId: s1OrgId }));
      targets.set(
        'caseMeasure',
        await addMeasure(qtxStaff, hid, { policy: 'case', responsibleOrgId: s1OrgId }),
      );
      targets.set('template', await createTemplate(qtxStaff, '畸形输入模板', s1OrgId));
      await giveConsent(qtxStaff, hid, hospital);
      targets.set('consent', await giveConsent(qtxStaff, hid, s1OrgId));
      targets.set('resource', await publishResource(caringStaff, { title: '畸形输入资源' }));
      refResourceId = await publishResource(caringStaff, { title: '可转介资源' });
      const visits = expectStatus(await qtxStaff.get('/api/visits'), 200, 'visits');
      const visit = (visits.items as { id: string; householdId: string }[]).find(
        (v) => v.householdId === hid,
      );
      if (!visit) throw new Error('setup: the help scheduled no visit');
      targets.set('visit', visit.id);
      // Referrals of another household, each to a resource of its own (one open referral per
      // household and resource): three sent, one accepted by the hospital.
      const referred = await screen(
        qtxStaff,
        screeningForm({ headName: '已转介户', addressDetail: '转介 1 号' }),
      );
      await giveConsent(qtxStaff, referred.householdId, hospital);
      for (const key of ['referral', 'toAccept', 'toDecline']) {
        const resourceId = await publishResource(caringStaff, { title: `转介资源 ${key}` });
        targets.set(key, (await refer(qtxStaff, referred.householdId, resourceId)).id);
      }
      const toDeliver = await refer(
        qtxStaff,
        referred.householdId,
        await publishResource(caringStaff, { title: '待送达资源' }),
      );
      expectStatus(
        await caringStaff.post(`/api/referrals/${toDeliver.id}/accept`, { version: toDeliver.version }),
        200,
        'accept',
      );
      targets.set('toDeliver', toDeliver.id);
    },
    drivers: () => [
      { agent: qtxStaff, roles: ['federation_staff'] as Role[] },
      { agent: reviewer, roles: ['upper_reviewer'] as Role[] },
      { agent: caringStaff, roles: ['caring_unit_staff'] as Role[] },
    ],
    recordPrefixes: {
      '/api/alliance/members/:id': { id: () => targets.get('member')!, table: 'allianceMember' },
      '/api/campaigns/:id': { id: () => targets.get('campaign')!, table: 'campaign' },
      // Drafts are their screener's own: qtx_staff's.
      '/api/screenings/drafts/:id': { id: () => targets.get('draft')!, table: 'screening' },
      '/api/households/:id': { id: () => targets.get('household')!, table: 'household' },
      // 建档 needs a verified household: one of its own, untouched by the state changes above.
      '/api/households/:id/archive': { id: () => targets.get('verified')!, table: 'household' },
      '/api/archives/:id': { id: () => targets.get('archive')!, table: 'archive' },
      // Review acts on an archive that has been reported to the reviewer's federation.
      '/api/archives/:id/approve': { id: () => targets.get('reported')!, table: 'archive' },
      '/api/archives/:id/return': { id: () => targets.get('reported')!, table: 'archive' },
      '/api/merge-candidates/:id': { id: () => targets.get('pair')! },
      // Part 2: each on 青铜峡's target household, the referrals to 青铜峡市人民医院's resources.
      '/api/help-records/:id': { id: () => targets.get('helpRecord')! },
      '/api/evidence/:id': { id: () => targets.get('evidence')! },
      '/api/measures/:id': { id: () => targets.get('measure')!, table: 'planMeasure' },
      // 个案专策 approval needs a measure still pending.
      '/api/measures/:id/decide': { id: () => targets.get('caseMeasure')!, table: 'planMeasure' },
      '/api/plan-templates/:id': { id: () => targets.get('template')!, table: 'planTemplate' },
      '/api/resources/:id': { id: () => targets.get('resource')!, table: 'resource' },
      '/api/consents/:id': { id: () => targets.get('consent')! },
      // Read and withdrawn while sent; accepted, declined and delivered each on a referral of its own
      // in the state the step starts from.
      '/api/referrals/:id': { id: () => targets.get('referral')!, table: 'referral' },
      '/api/referrals/:id/accept': { id: () => targets.get('toAccept')!, table: 'referral' },
      '/api/referrals/:id/decline': { id: () => targets.get('toDecline')!, table: 'referral' },
      '/api/referrals/:id/deliver': { id: () => targets.get('toDeliver')!, table: 'referral' },
      '/api/visits/:id': { id: () => targets.get('visit')!, table: 'returnVisit' },
    },
    rawUploads: {
      'POST /api/help-records/:id/evidence': { fileNameHeader: 'x-file-name', maxBytes: 5 * 1024 * 1024 },
      // The signed consent form (one per consent: after the first, a valid file is a 409).
      'POST /api/consents/:id/evidence': { fileNameHeader: 'x-file-name', maxBytes: 5 * 1024 * 1024 },
    },
    /**
     * Federation staff must name the caring unit in a resource's optional `orgId`, a caring unit
     * publishes as itself.
     */
    preferredRole: { 'POST /api/resources': 'caring_unit_staff' },
    hint(field, _schema, ctx) {
      if (field === 'orgId' && !ctx.asAdmin) return s1OrgId;
      // Part 2: responsible organisations of the jurisdiction, a resource the target household
      // consented to, visits due ahead, deliveries made today.
      if (field === 'responsibleOrgId') return s1OrgId;
      if (field === 'resourceId') return refResourceId;
      if (field === 'dueOn') return FUTURE_DATE;
      if (field === 'deliveredOn') return TODAY;
      return NO_HINT;
    },
  },
} satisfies HarnessDescriptor;
