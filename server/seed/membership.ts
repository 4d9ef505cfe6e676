import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { App } from '../app';
import { MEMBER_COLUMNS } from '../modules/membership';
import { writeXlsx } from '../platform/excel';
import { makeIdNumber } from '../platform/personal-data/identity';
import type { Platform, RequestContext } from '../platform/platform';
import { mulberry32 } from './assistance';
import { FEMALE_GIVEN, MALE_GIVEN } from './names';

/**
 * The Shanxi membership roll (会员名册, S7b): about 3,000 members of the unit unions under 太原,
 * 大同 and 吕梁, imported by each city federation's staff through the roll's own Excel import (one
 * workbook a city, checked row by row, written in one transaction), then a few leavers and one
 * transfer through the roll service. Everything comes from a fixed seed.
 *
 * The phone demo: 王建明 (13903510001) is an active 太钢 member, so he signs in as tier 'member';
 * 13903519999 is on no roll, so that phone signs in as the public tier.
 */

export const MEMBER_SEED = 0x5eed1401;
export const DEMO_MEMBER = { name: '王建明', phone: '13903510001', unit: 'taigang' } as const;
export const DEMO_PUBLIC_PHONE = '13903519999';

/** Unit → members on the roll, its card prefix, the county its people mostly come from, its staff. */
export const ROLL_UNITS: readonly {
  key: string;
  count: number;
  card: string;
  county: string;
  importer: 'ty_staff' | 'dt_staff' | 'll_staff';
  femaleShare: number;
}[] = [
  { key: 'taigang', count: 860, card: 'TG', county: '140108', importer: 'ty_staff', femaleShare: 0.22 },
  { key: 'jiaomei', count: 620, card: 'JM', county: '140109', importer: 'ty_staff', femaleShare: 0.15 },
  { key: 'jiantou', count: 410, card: 'JT', county: '140105', importer: 'ty_staff', femaleShare: 0.2 },
  { key: 'ty_bus', count: 160, card: 'GJ', county: '140106', importer: 'ty_staff', femaleShare: 0.35 },
  { key: 'ty_hospital', count: 110, card: 'BQ', county: '140110', importer: 'ty_staff', femaleShare: 0.7 },
  { key: 'jinneng', count: 380, card: 'JN', county: '140213', importer: 'dt_staff', femaleShare: 0.18 },
  { key: 'tongmei', count: 290, card: 'TM', county: '140214', importer: 'dt_staff', femaleShare: 0.14 },
  { key: 'zhongyang', count: 130, card: 'ZY', county: '141129', importer: 'll_staff', femaleShare: 0.2 },
  { key: 'lanxian_edu', count: 60, card: 'LX', county: '141127', importer: 'll_staff', femaleShare: 0.6 },
];

/** Leavers (retired or left the company) and the one transfer: 太钢 → 山西焦煤. */
const LEAVERS = 12;
const LEAVE_REASONS = ['退休', '解除劳动合同', '调离本省', '退休', '辞职'];

/** Common surnames in Shanxi, weighted. */
const SX_SURNAMES: readonly [string, number][] = [
  ['王', 14],
  ['李', 10],
  ['张', 10],
  ['刘', 8],
  ['赵', 6],
  ['杨', 5],
  ['郭', 5],
  ['武', 4],
  ['韩', 3],
  ['阎', 3],
  ['梁', 3],
  ['贾', 3],
  ['田', 3],
  ['高', 3],
  ['史', 2],
  ['侯', 2],
  ['郝', 2],
  ['段', 2],
  ['任', 2],
  ['薛', 2],
  ['乔', 2],
  ['孟', 2],
  ['白', 2],
  ['马', 2],
  ['冯', 1],
  ['霍', 1],
  ['秦', 1],
  ['卫', 1],
  ['常', 1],
  ['温', 1],
  ['裴', 1],
  ['申', 1],
];

const MOBILE_HEADS = [
  '139',
  '138',
  '137',
  '136',
  '135',
  '150',
  '152',
  '158',
  '159',
  '182',
  '187',
  '188',
  '134',
];

export interface PlannedMember {
  unit: string;
  name: string;
  idNumber: string;
  phone: string;
  cardNumber: string;
  gender: 'male' | 'female';
  joinedOn: string;
}

export interface MembershipSeedSummary {
  perUnit: Record<string, number>;
  total: number;
  leavers: number;
  transferred: string;
}

export class SeedRng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((n, [, w]) => n + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A person: name, gender, a valid ID number born in a county, a unique mobile. */
export function makePerson(
  rng: SeedRng,
  county: string,
  used: { ids: Set<string>; phones: Set<string> },
  opts: { femaleShare?: number; bornFrom?: number; bornTo?: number } = {},
) {
  const female = rng.chance(opts.femaleShare ?? 0.3);
  const name = rng.weighted(SX_SURNAMES) + rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN);
  let idNumber: string;
  const year = rng.int(opts.bornFrom ?? 1966, opts.bornTo ?? 2002);
  do {
    const birth = `${year}${pad(rng.int(1, 12), 2)}${pad(rng.int(1, 28), 2)}`;
    // The sequence's last digit: odd for men, even for women (GB 11643).
    const seq = rng.int(0, 49) * 20 + rng.int(0, 4) * 2 + (female ? 0 : 1);
    idNumber = makeIdNumber(county, birth, pad(seq % 1000, 3));
  } while (used.ids.has(idNumber));
  used.ids.add(idNumber);
  let phone: string;
  do phone = rng.pick(MOBILE_HEADS) + pad(rng.int(0, 99_999_999), 8);
  while (used.phones.has(phone));
  used.phones.add(phone);
  return { name, gender: female ? ('female' as const) : ('male' as const), idNumber, phone, birthYear: year };
}

/** The roll, a pure function of the seed: the same members on every machine. */
export function planRoll(seed = MEMBER_SEED): PlannedMember[] {
  const rng = new SeedRng(seed);
  const demoId = makeIdNumber('140108', '19800312', '031');
  const used = { ids: new Set([demoId]), phones: new Set([DEMO_MEMBER.phone, DEMO_PUBLIC_PHONE]) };
  const out: PlannedMember[] = [];
  for (const u of ROLL_UNITS) {
    for (let i = 1; i <= u.count; i++) {
      const person = makePerson(rng, u.county, used, { femaleShare: u.femaleShare });
      // Joined at 18–30, never later than 2025.
      const joinYear = Math.min(2025, person.birthYear + rng.int(18, 30));
      const joinedOn = `${joinYear}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;
      const card = `${u.card}-${pad(i, 6)}`;
      out.push({ unit: u.key, ...person, cardNumber: card, joinedOn });
    }
  }
  // The phone demo's member: a 太钢 steelworker, somewhere in the middle of the unit's sheet.
  const at = out.findIndex((m) => m.unit === DEMO_MEMBER.unit) + 37;
  out[at] = {
    ...out[at]!,
    name: DEMO_MEMBER.name,
    gender: 'male',
    idNumber: demoId,
    phone: DEMO_MEMBER.phone,
    joinedOn: '2001-07-01',
  };
  return out;
}

async function writeWorkbook(file: string, rows: Record<string, string>[]): Promise<void> {
  const out = createWriteStream(file);
  const closed = finished(out);
  await writeXlsx(out, { sheetName: '会员名册', columns: MEMBER_COLUMNS, rows: rows as never });
  await closed;
}

/**
 * Imports the roll (one workbook per city federation, as its staff) and records the leavers and
 * the transfer. `orgs` maps the seed's keys to ids (see seedShanxiFoundation).
 */
export async function seedMembership(
  p: Platform,
  services: App['services'],
  orgs: Map<string, string>,
  as: (username: string) => Promise<RequestContext>,
): Promise<MembershipSeedSummary> {
  const plan = planRoll();
  const names = new Map<string, string>();
  for (const u of ROLL_UNITS) {
    const row = await p.db
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', orgs.get(u.key)!)
      .executeTakeFirstOrThrow();
    names.set(u.key, row.name);
  }
  const importerOf = new Map(ROLL_UNITS.map((u) => [u.key, u.importer]));
  const dir = await mkdtemp(join(tmpdir(), 'uc-seed-roll-'));
  try {
    for (const importer of ['ty_staff', 'dt_staff', 'll_staff'] as const) {
      const rows = plan
        .filter((m) => importerOf.get(m.unit) === importer)
        .map((m) => ({
          name: m.name,
          idNumber: m.idNumber,
          phone: m.phone,
          unitName: names.get(m.unit)!,
          cardNumber: m.cardNumber,
          gender: m.gender === 'male' ? '男' : '女',
          joinedOn: m.joinedOn,
        }));
      const file = join(dir, `${importer}.xlsx`);
      await writeWorkbook(file, rows);
      const ctx = await as(importer);
      const { finished } = await services.membership.memberImports.importWorkbook(ctx, file);
      const job = await finished;
      if (job.state !== 'done' || job.imported !== rows.length) {
        throw new Error(
          `demo seed: the roll import of ${importer} failed: ${job.message} ${JSON.stringify(job.errors.slice(0, 3))}`,
        );
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // Leavers: a dozen people spread over the units, retired or gone, in 2025 and this year.
  const rng = new SeedRng(MEMBER_SEED + 1);
  let leavers = 0;
  for (let i = 0; leavers < LEAVERS; i++) {
    const unit = ROLL_UNITS[i % ROLL_UNITS.length]!;
    const ctx = await as(unit.importer);
    const page = await services.membership.membership.search(ctx, {
      orgId: orgs.get(unit.key)!,
      state: 'active',
      page: rng.int(2, 4),
      pageSize: 20,
    });
    const m = page.items.find((x) => x.name !== DEMO_MEMBER.name && x.joinedOn < '2024-01-01');
    if (!m) continue;
    await services.membership.membership.leave(ctx, m.id, {
      version: m.version,
      leftOn: `${rng.chance(0.5) ? 2025 : 2026}-${pad(rng.int(1, 10), 2)}-${pad(rng.int(1, 28), 2)}`,
      reason: rng.pick(LEAVE_REASONS),
    });
    leavers += 1;
  }

  // One transfer: a 太钢 member moves to 山西焦煤 (both under 太原市总工会, so its staff does it).
  const ty = await as('ty_staff');
  const tgPage = await services.membership.membership.search(ty, {
    orgId: orgs.get('taigang')!,
    state: 'active',
    page: 5,
    pageSize: 20,
  });
  const mover = tgPage.items.find((x) => x.name !== DEMO_MEMBER.name)!;
  await services.membership.membership.transfer(ty, mover.id, {
    version: mover.version,
    toOrgId: orgs.get('jiaomei')!,
    reason: '工作调动：调入山西焦煤集团西山煤电公司',
  });

  const perUnit: Record<string, number> = {};
  for (const u of ROLL_UNITS) perUnit[u.key] = plan.filter((m) => m.unit === u.key).length;
  return { perUnit, total: plan.length, leavers, transferred: mover.id };
}
