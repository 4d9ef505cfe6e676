import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidIdNumber, isValidMobile } from '../platform/personal-data/identity';
import { createTestApp, type TestApp } from '../test/test-app';
import { SHANXI_ORGS, SHANXI_USERS, seedShanxiFoundation } from './foundation';
import { demoContexts } from './index';
import {
  DEMO_MEMBER,
  DEMO_PUBLIC_PHONE,
  planRoll,
  ROLL_UNITS,
  seedMembership,
  type MembershipSeedSummary,
} from './membership';

/** The Shanxi tree and its membership roll, seeded through the services into a fresh database. */

let t: TestApp;
let summary: MembershipSeedSummary;
let as: ReturnType<typeof demoContexts>;

beforeAll(async () => {
  t = await createTestApp();
  await seedShanxiFoundation(t.platform, t);
  as = demoContexts(t.users, (id) => t.services.users.loadActor(id, 'seed'));
  summary = await seedMembership(t.platform, t.services, t.orgs, as);
}, 180_000);
afterAll(() => t?.close());

const roll = () => t.services.membership.membership;

describe('the Shanxi tree', () => {
  it('puts the provincial federation under the national one, the cities under it, the units under the cities', async () => {
    const rows = await t.platform.db
      .selectFrom('organisation as o')
      .leftJoin('organisation as up', 'up.id', 'o.parentId')
      .select(['o.name', 'o.kind', 'o.divisionCode', 'up.name as parentName'])
      .execute();
    const parent = new Map(rows.map((r) => [r.name, r.parentName]));
    expect(parent.get('山西省总工会')).toBe('中华全国总工会');
    for (const city of ['太原市总工会', '大同市总工会', '吕梁市总工会'])
      expect(parent.get(city)).toBe('山西省总工会');
    expect(parent.get('太钢集团工会')).toBe('太原市总工会');
    expect(parent.get('大同煤矿集团工会')).toBe('大同市总工会');
    expect(parent.get('中阳钢铁工会')).toBe('吕梁市总工会');
    expect(rows.filter((r) => r.divisionCode.startsWith('14'))).toHaveLength(SHANXI_ORGS.length);
  });

  it('gives every Shanxi account its organisation and roles', async () => {
    for (const u of SHANXI_USERS) {
      const actor = await t.services.users.loadActor(t.users.get(u.username)!, 'test');
      expect(actor, u.username).not.toBeNull();
      expect(actor!.roles).toEqual(u.roles);
    }
    expect((await as('sx_staff')).actor.orgId).toBe(t.orgs.get('shanxi'));
    expect((await as('tg_cadre')).actor.orgId).toBe(t.orgs.get('taigang'));
  });
});

describe('the Shanxi membership roll', () => {
  it('plans about 3,000 people with valid ID numbers and mobiles, none twice', () => {
    const plan = planRoll();
    expect(plan.length).toBeGreaterThanOrEqual(2900);
    expect(plan.length).toBeLessThanOrEqual(3200);
    expect(plan.every((m) => isValidIdNumber(m.idNumber) && isValidMobile(m.phone))).toBe(true);
    expect(new Set(plan.map((m) => m.idNumber)).size).toBe(plan.length);
    expect(new Set(plan.map((m) => m.phone)).size).toBe(plan.length);
    expect(plan.some((m) => m.phone === DEMO_PUBLIC_PHONE)).toBe(false);
  });

  it('counts each unit’s active members: imported, less the leavers, one moved from 太钢 to 山西焦煤', async () => {
    const active = new Map<string, number>();
    for (const staff of ['ty_staff', 'dt_staff', 'll_staff']) {
      const counts = await roll().counts(await as(staff), 2026);
      for (const i of counts.items) active.set(i.orgId, i.active);
    }
    const leavers = new Map<string, number>();
    for (const u of ROLL_UNITS) {
      const page = await roll().search(await as(u.importer), {
        orgId: t.orgs.get(u.key)!,
        state: 'left',
        page: 1,
        pageSize: 50,
      });
      leavers.set(u.key, page.total);
    }
    expect([...leavers.values()].reduce((a, b) => a + b, 0)).toBe(summary.leavers);
    expect(summary.leavers).toBe(12);
    for (const u of ROLL_UNITS) {
      const moved = u.key === 'taigang' ? -1 : u.key === 'jiaomei' ? 1 : 0;
      expect(active.get(t.orgs.get(u.key)!), u.key).toBe(u.count - leavers.get(u.key)! + moved);
    }
    const mover = await roll().get(await as('ty_staff'), summary.transferred);
    expect(mover.orgName).toBe('山西焦煤集团工会');
    expect(mover.transfers).toHaveLength(1);
    expect(mover.transfers[0]!.fromOrgName).toBe('太钢集团工会');
  });

  it('has the phone demo’s worker on the 太钢 roll and leaves the public phone off every roll', async () => {
    const match = await roll().matchByPhone(DEMO_MEMBER.phone);
    expect(match).not.toBeNull();
    const unit = await roll().unitOf(match!.memberId);
    expect(unit).toMatchObject({ orgName: '太钢集团工会', state: 'active' });
    expect(await roll().matchByPhone(DEMO_PUBLIC_PHONE)).toBeNull();
    const page = await roll().search(await as('tg_cadre'), {
      phone: DEMO_MEMBER.phone,
      page: 1,
      pageSize: 5,
    });
    expect(page.items.map((m) => m.name)).toEqual([DEMO_MEMBER.name]);
    const revealed = await roll().reveal(await as('tg_cadre'), page.items[0]!.id);
    expect(isValidIdNumber(revealed.idNumber)).toBe(true);
    expect(revealed.phone).toBe(DEMO_MEMBER.phone);
  });
});
