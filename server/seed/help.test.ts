import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app';
import { seedAssistance } from './assistance';
import { seedHelp, type HelpSeedSummary } from './help';
import { demoContexts } from './index';

/** The help side of the Qingtongxia demo, on top of the screening demo (SQLite, one full seed). */

let t: TestApp;
let summary: HelpSeedSummary;
const seed = () =>
  seedHelp(
    t.platform,
    t.services.assistance,
    t.orgs,
    demoContexts(t.users, (id) => t.services.users.loadActor(id, 'seed')),
  );

beforeAll(async () => {
  t = await createTestApp();
  await seedAssistance(t.platform, t.services.assistance, t, (id) => t.services.users.loadActor(id, 'seed'));
  summary = await seed();
}, 180_000);
afterAll(() => t?.close());

const db = () => t.platform.db;

describe('the help side of the demo seed', () => {
  it("publishes the news page's resources: 112 liver screenings, 8,000 coupons, green channel, home care, counselling", async () => {
    const rows = await db()
      .selectFrom('resource as r')
      .innerJoin('organisation as o', 'o.id', 'r.orgId')
      .select(['o.name', 'r.kind', 'r.quantity', 'r.reserved', 'r.delivered'])
      .orderBy('r.createdAt')
      .execute();
    const by = (kind: string) => rows.find((r) => r.kind === kind)!;
    expect(by('green_channel').name).toBe('青铜峡市人民医院');
    expect(by('free_screening')).toMatchObject({ name: '青铜峡市人民医院', quantity: 112, delivered: 112 });
    expect(by('coupons')).toMatchObject({ name: '如在蜀餐饮公司', quantity: 8000 });
    expect(by('home_care').name).toBe('裕民街道办事处');
    expect(by('counselling').name).toBe('裕民街道办事处');
    for (const r of rows) expect(r.reserved).toBeLessThanOrEqual(r.quantity);
  });

  it('puts every delivered referral in the ledger exactly once, with the consent it was sent under', async () => {
    const delivered = await db()
      .selectFrom('referral')
      .selectAll()
      .where('state', '=', 'delivered')
      .execute();
    expect(delivered.length).toBe(summary.referrals.delivered);
    const ledger = await db().selectFrom('helpRecord').selectAll().where('route', '=', 'referral').execute();
    expect(ledger.map((l) => l.sourceId).sort()).toEqual(delivered.map((r) => r.id).sort());
    expect(delivered.every((r) => r.consentId !== null)).toBe(true);
    // Open referrals wait in the caring units' inboxes.
    expect((summary.referrals.sent ?? 0) + (summary.referrals.accepted ?? 0)).toBeGreaterThan(0);
  });

  it('gave urgent help during screening, solving urgent needs, and 送温暖 for every approved archive', async () => {
    expect(summary.urgentHelp).toBeGreaterThan(20);
    const approved = await db()
      .selectFrom('archive')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'approved')
      .executeTakeFirstOrThrow();
    expect(summary.upperAid).toBe(Number(approved.n));
    const solved = await db()
      .selectFrom('need')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('urgency', '=', 'urgent')
      .where('status', '=', 'solved')
      .executeTakeFirstOrThrow();
    expect(Number(solved.n)).toBeGreaterThan(0);
  });

  it("holds 喜登花's plan and her return visit in her own words", async () => {
    const xdh = await db()
      .selectFrom('household')
      .select('id')
      .where('headName', '=', '喜登花')
      .executeTakeFirstOrThrow();
    const measures = await db()
      .selectFrom('planMeasure')
      .selectAll()
      .where('householdId', '=', xdh.id)
      .execute();
    expect(measures.map((m) => m.kind)).toEqual(expect.arrayContaining(['education_aid', 'skills_training']));
    const visit = await db()
      .selectFrom('returnVisit')
      .selectAll()
      .where('householdId', '=', xdh.id)
      .where('state', '=', 'done')
      .executeTakeFirstOrThrow();
    expect(visit.householdWords).toContain('现在日子好过多了');
    expect(visit.change).toBe('better');
  });

  it('leaves overdue visits on the worklist, one relapse flagged, and plans of all three kinds', async () => {
    expect(summary.visitsOpen).toBeGreaterThan(10);
    expect(summary.relapses).toBe(1);
    const policies = await db().selectFrom('planMeasure').select(['policy', 'state']).execute();
    expect(new Set(policies.map((p) => p.policy))).toEqual(new Set(['household', 'case', 'category']));
    expect(policies.some((p) => p.state === 'pending_approval')).toBe(true);
  });

  it('keeps the audit chain whole, and running again adds nothing', async () => {
    const before = await db().selectFrom('helpRecord').select('id').execute();
    const again = await seed();
    expect(again.resources).toBe(0);
    expect((await db().selectFrom('helpRecord').select('id').execute()).length).toBe(before.length);
    expect((await t.platform.audit.verify(t.platform.db)).ok).toBe(true);
  });
});
