import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidIdNumber } from '../platform/personal-data/identity';
import { createTestApp, type TestApp } from '../test/test-app';
import { CAMPAIGN_NAME, planAssistanceDemo, seedAssistance, type SeedSummary } from './assistance';

/** The Qingtongxia demo, built through the real services on SQLite (slow-ish: one full seed per app). */

const seed = (t: TestApp) =>
  seedAssistance(t.platform, t.services.assistance, t, (id) => t.services.users.loadActor(id, 'seed'));

const qtx = (t: TestApp) => t.orgs.get('qtx')!;

/** What the determinism check compares: every household's name, place, state and category. */
async function households(t: TestApp): Promise<string[]> {
  const rows = await t.platform.db
    .selectFrom('household')
    .select(['headName', 'divisionCode', 'addressDetail', 'state', 'category', 'householdSize'])
    .where('jurisdictionId', '=', qtx(t))
    .execute();
  return rows
    .map((r) =>
      [r.headName, r.divisionCode, r.addressDetail, r.state, r.category ?? '', r.householdSize].join('|'),
    )
    .sort();
}

let t: TestApp;
let summary: SeedSummary;

beforeAll(async () => {
  t = await createTestApp();
  summary = await seed(t);
}, 120_000);
afterAll(() => t?.close());

describe('the Qingtongxia Love Alliance demo seed', () => {
  it('screens 765 households (distinct households, not screenings)', async () => {
    const live = await t.platform.db
      .selectFrom('household')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('jurisdictionId', '=', qtx(t))
      .where('state', '!=', 'merged')
      .executeTakeFirstOrThrow();
    expect(Number(live.n)).toBe(765);
    expect(summary.households).toBe(765);
    // Some were screened twice: by ID number and by phone and name.
    expect(summary.screenings).toBeGreaterThan(765);
    expect(summary.matches.id_number).toBeGreaterThanOrEqual(30);
    expect(summary.matches.phone_name).toBeGreaterThanOrEqual(10);
  });

  it('has 120 alliance members and the summer campaign with its targets and coverage', async () => {
    const staff = { actor: (await t.services.users.loadActor(t.users.get('qtx_staff')!, 's'))!, ip: null };
    expect((await t.services.assistance.alliance.summary(staff)).totalMembers).toBe(120);
    const campaigns = (await t.services.assistance.alliance.listCampaigns(staff)).items;
    const campaign = campaigns.find((c) => c.name === CAMPAIGN_NAME)!;
    expect(campaign).toMatchObject({ startsOn: '2023-06-01', endsOn: '2023-08-31' });
    expect(campaign.areas).toHaveLength(9);
    const target = campaign.targets.reduce((n, x) => n + x.target, 0);
    expect(target).toBeGreaterThanOrEqual(750);
    expect(target).toBeLessThanOrEqual(850);
    const coverage = await t.services.assistance.alliance.coverage(staff, campaign.id);
    expect(coverage.total).toBe(765);
  });

  it('leaves 5 near matches pending in the merge queue', async () => {
    const staff = { actor: (await t.services.users.loadActor(t.users.get('qtx_staff')!, 's'))!, ip: null };
    const pending = await t.services.assistance.merges.listCandidates(staff, 'pending');
    expect(pending).toHaveLength(5);
    for (const c of pending) {
      expect(c.a.headName).toBe(c.b.headName);
      expect(c.a.addressDetail).toBe(c.b.addressDetail);
    }
    expect(summary.mergeQueue).toBe(5);
  });

  it('archives in deep and relative difficulty, reported, approved and returned', () => {
    expect(summary.archivesByCategory.deep).toBeGreaterThan(40);
    expect(summary.archivesByCategory.relative).toBeGreaterThan(40);
    expect(summary.archivesByCategory.accident).toBeGreaterThan(0);
    expect(summary.archives).toBeGreaterThanOrEqual(110);
    expect(summary.archivesByState.reported).toBeGreaterThan(0);
    expect(summary.archivesByState.approved).toBeGreaterThan(0);
    expect(summary.archivesByState.returned).toBeGreaterThan(0);
    expect(summary.archivesByState.exited).toBeGreaterThan(0);
    expect(summary.householdsByState.assisted_below_standard).toBeGreaterThanOrEqual(35);
    expect(summary.householdsByState.closed).toBeGreaterThanOrEqual(20);
    expect(summary.verified).toBeGreaterThanOrEqual(180);
  });

  it('holds the news page household: 喜登花, archived, reported and approved', async () => {
    const h = await t.platform.db
      .selectFrom('household as h')
      .innerJoin('archive as a', 'a.householdId', 'h.id')
      .select(['h.id', 'h.state', 'h.situation', 'a.state as archiveState', 'a.category'])
      .where('h.headName', '=', '喜登花')
      .executeTakeFirstOrThrow();
    expect(h).toMatchObject({
      state: 'archived',
      situation: 'migrant_worker',
      archiveState: 'approved',
      category: 'deep',
    });
    const staff = { actor: (await t.services.users.loadActor(t.users.get('qtx_staff')!, 's'))!, ip: null };
    const detail = await t.services.assistance.households.getHousehold(staff, h.id);
    expect(detail.members.filter((m) => m.relation === 'child' && m.school)).toHaveLength(2);
    expect(detail.screeningList).toHaveLength(2);
    expect(detail.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['screened', 'verified', 'archived', 'reported', 'approved']),
    );
  });

  it('stores every ID number encrypted, never in plain text', async () => {
    const db = t.platform.db;
    const plain = /\d{17}[\dX]/;
    const heads = await db.selectFrom('household').select(['headIdEnc', 'headIdTail']).execute();
    const withId = heads.filter((h) => h.headIdEnc !== null);
    expect(withId.length).toBeGreaterThan(600);
    for (const h of withId) {
      expect(h.headIdEnc).not.toMatch(plain);
      const id = t.platform.cipher.decrypt(h.headIdEnc!);
      expect(isValidIdNumber(id)).toBe(true);
      expect(id.slice(0, 6)).toBe('640381');
      expect(id.slice(-4)).toBe(h.headIdTail);
    }
    const members = await db.selectFrom('householdMember').select('idEnc').execute();
    expect(members.some((m) => m.idEnc !== null)).toBe(true);
    for (const m of members) if (m.idEnc) expect(m.idEnc).not.toMatch(plain);
    const screenings = await db.selectFrom('screening').select('dataEnc').execute();
    for (const s of screenings) expect(s.dataEnc).not.toMatch(plain);
    const audit = await db.selectFrom('auditLog').select('details').execute();
    for (const a of audit) expect(a.details).not.toMatch(plain);
  });

  it('keeps the audit chain whole', async () => {
    const check = await t.platform.audit.verify(t.platform.db);
    expect(check.ok).toBe(true);
    expect(check.checked).toBeGreaterThan(1000);
  });
});

describe('determinism', () => {
  it('plans the same demo from the same seed, and another from another seed', () => {
    const a = planAssistanceDemo();
    const b = planAssistanceDemo();
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const names = (p: ReturnType<typeof planAssistanceDemo>) => p.households.map((h) => h.headName).join();
    expect(names(planAssistanceDemo(7))).not.toBe(names(a));
  });

  it('a second app seeded the same way holds the same households', async () => {
    const other = await createTestApp();
    try {
      await seed(other);
      expect(await households(other)).toEqual(await households(t));
    } finally {
      await other.close();
    }
  }, 120_000);

  it('running the seed again on the same database adds nothing', async () => {
    const before = await households(t);
    const again = await seed(t);
    expect(await households(t)).toEqual(before);
    const { elapsedMs: _a, ...first } = summary;
    const { elapsedMs: _b, ...second } = again;
    expect(second).toEqual(first);
    expect((await t.platform.audit.verify(t.platform.db)).ok).toBe(true);
  }, 120_000);
});
