import type { z } from 'zod';
import type { ArchiveView, Cause, ScreeningForm, Situation, VerifyBody } from '../../contracts/assistance';
import type {
  AllianceService,
  ArchiveService,
  HouseholdService,
  MergeService,
  ScreeningService,
} from '../modules/assistance';
import type { Actor } from '../platform/auth/actor';
import { makeIdNumber } from '../platform/personal-data/identity';
import type { Platform, RequestContext } from '../platform/platform';
import * as W from './names';

/**
 * The Qingtongxia Love Alliance demo (systems.md S1): standards, 120 alliance members, the summer
 * 2023 screening campaign and its 765 households, then verification, archives, reports and the
 * upper federation's review — all through the real services, acting as the demo users, so every
 * invariant, encryption, blind index, audit row and timeline entry is the real one.
 *
 * Everything is generated from a fixed seed: the same database every time. Re-running on a
 * database that already holds the demo adds nothing (screenings carry fixed client references;
 * every later step checks how far the household already is).
 */

export interface AssistanceServices {
  alliance: AllianceService;
  households: HouseholdService;
  archives: ArchiveService;
  screenings: ScreeningService;
  merges: MergeService;
}

export interface SeedSummary {
  standards: number[];
  members: number;
  campaignId: string;
  campaignTarget: number;
  screenings: number;
  matches: Record<string, number>;
  households: number;
  householdsByState: Record<string, number>;
  verified: number;
  archives: number;
  archivesByCategory: Record<string, number>;
  archivesByState: Record<string, number>;
  mergeQueue: number;
  urgentNeedsOpen: number;
  suddenEvents: number;
  elapsedMs: number;
}

export const DEMO_SEED = 0x5eed2023;
export const CAMPAIGN_NAME = '2023年夏季困难职工摸排行动';
const CAMPAIGN_START = '2023-06-01';
const CAMPAIGN_DAYS = 92; // 1 June – 31 August
const STANDARDS = [
  { year: 2023, minLivingFen: 72000, note: '宁夏城市最低生活保障标准（2023 年）' },
  { year: 2026, minLivingFen: 77000, note: '宁夏城市最低生活保障标准（2026 年）' },
];

type Form = z.infer<typeof ScreeningForm>;
type PlannedForm = Omit<Form, 'campaignId'>;
type Verify = Omit<z.infer<typeof VerifyBody>, 'version'>;
type Screener = 'cy_volunteer' | 'jd_volunteer' | 'gx_social' | 'yx_cadre' | 'qtx_staff';
type Band = 'deep' | 'relative' | 'above';

export type Step =
  | { op: 'verify'; body: Verify }
  | { op: 'archive'; primaryCause: Cause; secondaryCauses: Cause[] }
  | { op: 'report' }
  | { op: 'approve' }
  | { op: 'return'; reason: string }
  | { op: 'fix'; primaryCause: Cause; secondaryCauses: Cause[] }
  | { op: 'below'; reason: string }
  | { op: 'close'; reason: string }
  | { op: 'exit'; kind: 'out_of_difficulty' | 'cancelled'; reason: string };

/** The steps after establishment that change the archive (each adds one to its version). */
const ARCHIVE_OPS = new Set<Step['op']>(['report', 'approve', 'return', 'fix', 'exit']);

export interface PlannedScreening {
  household: string;
  clientRef: string;
  user: Screener;
  form: PlannedForm;
}

export interface PlannedHousehold {
  key: string;
  headName: string;
  band: Band;
  steps: Step[];
}

export interface DemoPlan {
  members: { org: string; name: string; title: string; phone?: string; joinedOn: string }[];
  targets: { org: string; target: number }[];
  households: PlannedHousehold[];
  /** In the order they are submitted: by date, the first screening of a household before the rest. */
  screenings: PlannedScreening[];
}

// ---------------------------------------------------------------------------------------------
// A small seeded PRNG: the demo must be the same on every machine and every run.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((n, [, w]) => n + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates as plain YYYY-MM-DD strings.

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const minDate = (a: string, b: string) => (a < b ? a : b);

// ---------------------------------------------------------------------------------------------
// The plan: a pure function of the seed.

interface Draft {
  key: string;
  user: Screener;
  form: PlannedForm;
  band: Band;
  ill: boolean;
  disabled: boolean;
  hasId: boolean;
  /** The needs and notes that fit the household, for later screenings by other partners. */
  needOptions: NeedOption[];
  leadNotes: string[];
  steps: Step[];
}

/** Who each partner mostly screens (分工), and how. */
const SCREENER_MIX: Record<
  Screener,
  { count: number; situations: [Situation, number][]; methods: [Form['method'], number][] }
> = {
  cy_volunteer: {
    count: 269,
    situations: [
      ['flexible_employment', 55],
      ['special_group', 20],
      ['unemployed', 25],
    ],
    methods: [
      ['street_visit', 40],
      ['home_visit', 40],
      ['phone_survey', 20],
    ],
  },
  gx_social: {
    count: 235,
    situations: [
      ['migrant_worker', 65],
      ['social_org_employee', 35],
    ],
    methods: [
      ['home_visit', 55],
      ['phone_survey', 30],
      ['street_visit', 15],
    ],
  },
  jd_volunteer: {
    count: 95,
    situations: [
      ['special_group', 50],
      ['unemployed', 30],
      ['flexible_employment', 20],
    ],
    methods: [
      ['home_visit', 45],
      ['street_visit', 35],
      ['phone_survey', 20],
    ],
  },
  yx_cadre: {
    count: 60,
    situations: [
      ['union_unit_employee', 80],
      ['migrant_worker', 20],
    ],
    methods: [
      ['home_visit', 45],
      ['phone_survey', 40],
      ['street_visit', 10],
      ['self_report', 5],
    ],
  },
  qtx_staff: {
    count: 100,
    situations: [
      ['union_unit_employee', 60],
      ['unemployed', 15],
      ['flexible_employment', 15],
      ['other', 10],
    ],
    methods: [
      ['phone_survey', 40],
      ['home_visit', 35],
      ['self_report', 20],
      ['street_visit', 5],
    ],
  },
};

/** The partner a second screening of the same household most likely comes from. */
const SECOND_SCREENERS: Record<Situation, Screener[]> = {
  migrant_worker: ['gx_social', 'yx_cadre', 'cy_volunteer'],
  social_org_employee: ['gx_social', 'qtx_staff'],
  flexible_employment: ['cy_volunteer', 'jd_volunteer', 'qtx_staff'],
  special_group: ['jd_volunteer', 'cy_volunteer'],
  unemployed: ['cy_volunteer', 'jd_volunteer', 'qtx_staff'],
  union_unit_employee: ['yx_cadre', 'qtx_staff'],
  other: ['qtx_staff', 'cy_volunteer'],
};

type NeedKind = Form['needs'][number]['kind'];
interface NeedOption {
  kind: NeedKind;
  weight: number;
  texts: readonly string[];
}

/** The needs a household like this one would name, weighted by how likely it is to name them. */
function needOptionsFor(h: {
  situation: Situation;
  work: string;
  sick: string[];
  disabled: boolean;
  students: number[];
  married: boolean;
  children: boolean;
  size: number;
}): NeedOption[] {
  const T = W.NEED_TEXT;
  const out: NeedOption[] = [{ kind: 'living', weight: 3, texts: T.living }];
  out.push(
    h.sick.length
      ? { kind: 'medical', weight: 8, texts: [...h.sick.map((s) => `${s}，医药费负担重`), ...T.medicalIll] }
      : { kind: 'medical', weight: 1, texts: T.medicalWell },
  );
  const oldest = Math.max(-1, ...h.students);
  if (oldest >= 0) {
    const texts =
      oldest >= 18
        ? T.university
        : oldest >= 15
          ? T.highSchool
          : oldest >= 6
            ? h.students.length >= 2
              ? T.twoAtSchool
              : T.school
            : T.nursery;
    out.push({ kind: 'education', weight: 6, texts });
  }
  const jobless = h.situation === 'unemployed';
  out.push({
    kind: 'employment',
    weight: jobless || h.situation === 'flexible_employment' ? 6 : 1,
    texts: [...T.employment, ...(jobless ? T.unemployed : []), ...(h.married ? T.spouseJob : [])],
  });
  if (h.disabled || h.sick.length) {
    out.push({
      kind: 'care',
      weight: 4,
      texts: [...T.care, ...(h.disabled ? T.careDisabled : []), ...(h.children ? T.careChildren : [])],
    });
  }
  const recovering = h.work.includes('戒毒');
  out.push({
    kind: 'psychological',
    weight: h.situation === 'special_group' ? 6 : 1,
    texts: recovering ? T.recovery : [...T.psychological, ...(oldest >= 6 ? T.psychologicalSchool : [])],
  });
  if (h.situation === 'migrant_worker' || h.situation === 'flexible_employment') {
    out.push({ kind: 'legal', weight: 2, texts: T.legal });
  }
  out.push({ kind: 'housing', weight: 1, texts: [...T.housing, ...(h.size >= 4 ? T.crowded : [])] });
  return out;
}

class Generator {
  private readonly usedIds = new Set<string>();
  private readonly usedPhones = new Set<string>();
  private readonly usedAddresses = new Set<string>();
  private readonly usedMemberNames = new Set<string>();

  constructor(private readonly rng: Rng) {}

  surname(): string {
    return this.rng.weighted(W.SURNAMES);
  }

  personName(female: boolean): string {
    return this.surname() + this.rng.pick(female ? W.FEMALE_GIVEN : W.MALE_GIVEN);
  }

  /** A valid GB 11643 number from Qingtongxia (640381) whose sex digit matches the person. */
  idNumber(birthYear: number, female: boolean): string {
    for (;;) {
      const birth = `${birthYear}${String(this.rng.int(1, 12)).padStart(2, '0')}${String(this.rng.int(1, 28)).padStart(2, '0')}`;
      const sexDigit = 2 * this.rng.int(0, 4) + (female ? 0 : 1);
      const seq = `${String(this.rng.int(0, 99)).padStart(2, '0')}${sexDigit}`;
      const id = makeIdNumber('640381', birth, seq);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  phone(): string {
    for (;;) {
      const phone = this.rng.pick(W.MOBILE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, '0');
      if (!this.usedPhones.has(phone)) {
        this.usedPhones.add(phone);
        return phone;
      }
    }
  }

  reserveAddress(division: string, detail: string): void {
    this.usedAddresses.add(`${division}|${detail}`);
  }

  reserveId(id: string): void {
    this.usedIds.add(id);
  }

  reservePhone(phone: string): void {
    this.usedPhones.add(phone);
  }

  /** A street address no other household in the demo has (so no accidental near matches). */
  address(area: W.Area): string {
    for (;;) {
      const place = this.rng.pick(area.places);
      const detail =
        area.urban && place.endsWith('社区')
          ? this.rng.chance(0.75)
            ? `${place}${this.rng.int(1, 24)}号楼${this.rng.int(1, 4)}单元${this.rng.int(1, 6)}0${this.rng.int(1, 4)}室`
            : `${place}${this.rng.pick(['东', '西', '南', '北'])}巷${this.rng.int(1, 60)}号`
          : `${place}${this.rng.pick(W.TEAM_NUMERALS)}队${this.rng.int(1, 80)}号`;
      const key = `${area.code}|${detail}`;
      if (!this.usedAddresses.has(key)) {
        this.usedAddresses.add(key);
        return detail;
      }
    }
  }

  memberName(female: boolean): string {
    for (;;) {
      const name = this.personName(female);
      if (!this.usedMemberNames.has(name)) {
        this.usedMemberNames.add(name);
        return name;
      }
    }
  }

  reserveMemberName(name: string): void {
    this.usedMemberNames.add(name);
  }

  school(age: number, area: W.Area): string | undefined {
    if (age < 3) return undefined;
    if (age <= 5) return `${area.name}中心幼儿园`;
    if (age <= 11) return `${area.name}中心小学`;
    if (age <= 14)
      return area.urban ? `青铜峡市第${this.rng.pick(['二', '三', '五'])}中学` : `${area.name}中学`;
    if (age <= 17) return this.rng.pick(W.HIGH_SCHOOLS);
    if (age <= 22) return this.rng.pick(W.UNIVERSITIES);
    return undefined;
  }

  /** One household as its first screener records it. */
  household(key: string, user: Screener): Draft {
    const { rng } = this;
    const mix = SCREENER_MIX[user];
    const situation = rng.weighted(mix.situations);
    const method = rng.weighted(mix.methods);
    const area =
      user === 'yx_cadre' && rng.chance(0.7)
        ? W.AREAS.find((a) => a.code === '640381101')!
        : rng.weighted(W.AREAS.map((a) => [a, a.weight] as const));
    const female = rng.chance(situation === 'special_group' ? 0.55 : 0.42);
    const age = rng.int(24, 58);
    const birthYear = 2023 - age;
    const headName = this.personName(female);
    const hasId = rng.chance(method === 'phone_survey' || method === 'street_visit' ? 0.88 : 0.97);
    const idNumber = hasId ? this.idNumber(birthYear, female) : undefined;
    const phone = rng.chance(0.97) ? this.phone() : undefined;
    const size = rng.weighted([
      [1, 6],
      [2, 12],
      [3, 28],
      [4, 32],
      [5, 15],
      [6, 7],
    ] as const);

    // Members: a spouse, children, sometimes parents.
    const members: Form['members'] = [];
    /** Who is seriously ill with what, e.g. 丈夫尿毒症: for the needs and the leads. */
    const sick: string[] = [];
    let disabled = false;
    let inSchool = 0;
    let university = 0;
    const married = size >= 2 && rng.chance(0.85);
    const spouseSurname = this.surname();
    const childSurname = female ? (married ? spouseSurname : headName[0]) : headName[0];
    let spouseIncomeShare = 0;
    if (married) {
      const spouseAge = Math.max(22, age + rng.int(-5, 5));
      const r = rng.float();
      const health =
        r < 0.16
          ? rng.pick(W.SERIOUS_ILLNESS)
          : r < 0.22
            ? rng.pick(W.DISABILITY)
            : r < 0.32
              ? rng.pick(W.MINOR_HEALTH)
              : undefined;
      if (r < 0.16) sick.push(`${female ? '丈夫' : '妻子'}${health!.split('，')[0]}`);
      else if (r < 0.22) disabled = true;
      const working = r >= 0.22 && rng.chance(0.7);
      spouseIncomeShare = working ? rng.int(25, 45) : 0;
      members.push({
        relation: 'spouse',
        name: spouseSurname + rng.pick(female ? W.MALE_GIVEN : W.FEMALE_GIVEN),
        ...(rng.chance(0.5) ? { idNumber: this.idNumber(2023 - spouseAge, !female) } : {}),
        age: spouseAge,
        ...(health ? { health } : {}),
        work: working ? rng.pick(['务农', '打零工', '外出务工', '环卫临时工']) : health ? '无法工作' : '无业',
      });
    }
    // Up to two parents living with the household, one mother and one father.
    const parents = age >= 30 ? (rng.chance(0.5) ? [true, false] : [false, true]) : [];
    while (members.length < size - 1) {
      const slot = members.length;
      if (parents.length > 0 && slot >= 1 && rng.chance(0.3)) {
        const mother = parents.shift()!;
        const pAge = Math.min(90, age + rng.int(22, 32));
        const r = rng.float();
        const health =
          r < 0.3 ? rng.pick(W.SERIOUS_ILLNESS) : r < 0.65 ? rng.pick(W.MINOR_HEALTH) : undefined;
        if (r < 0.3) sick.push(`${mother ? '母亲' : '父亲'}${health!.split('，')[0]}`);
        members.push({
          relation: 'parent',
          name: mother
            ? this.surname() + rng.pick(W.ELDER_FEMALE_GIVEN)
            : headName[0] + rng.pick(W.ELDER_MALE_GIVEN),
          age: pAge,
          ...(health ? { health } : {}),
          work: '无',
        });
        continue;
      }
      const maxChildAge = Math.max(0, Math.min(age - 20, 24));
      const cAge = rng.int(0, maxChildAge);
      const school = this.school(cAge, area);
      if (school) inSchool++;
      if (cAge >= 18 && school) university++;
      const r = rng.float();
      const health = r < 0.05 ? rng.pick(W.SERIOUS_ILLNESS) : r < 0.08 ? rng.pick(W.DISABILITY) : undefined;
      if (r < 0.05) sick.push(`孩子${health!.split('，')[0]}`);
      else if (r < 0.08) disabled = true;
      members.push({
        relation: 'child',
        name: childSurname + rng.pick(W.CHILD_GIVEN),
        age: cAge,
        ...(school ? { school } : {}),
        ...(health ? { health } : {}),
        ...(cAge > 22 ? { work: rng.pick(['外出务工', '打零工', '无业']) } : {}),
      });
    }
    if (rng.chance(0.08)) sick.push(`本人${rng.pick(W.SERIOUS_ILLNESS).split('，')[0]}`);
    const ill = sick.length > 0;

    // Figures: a target per-capita income inside one band of the calculator, whichever year's
    // standard applies (72000 or 77000 fen a month; relative line twice that).
    const band = rng.weighted([
      ['deep', 38],
      ['relative', 34],
      ['above', 28],
    ] as const);
    const perCapita =
      band === 'deep'
        ? rng.int(15_000, 69_000)
        : band === 'relative'
          ? rng.int(83_000, 139_000)
          : rng.int(162_000, 380_000);
    let rigid = rng.int(0, 30) * 10_000;
    if (ill) rigid += rng.int(80, 300) * 10_000;
    rigid += inSchool * rng.int(5, 15) * 10_000 + university * rng.int(60, 120) * 10_000;
    const net = Math.ceil((perCapita * 12 * size) / 10_000) * 10_000;
    const income = net + rigid;
    if (married && spouseIncomeShare > 0) {
      members[0].monthlyIncomeFen = Math.floor((income * spouseIncomeShare) / 100 / 12 / 100) * 100;
    }

    // Causes, as on the national form: the most telling first.
    const causes: Cause[] = [];
    const add = (c: Cause) => {
      if (!causes.includes(c) && causes.length < 4) causes.push(c);
    };
    const work =
      user === 'yx_cadre' && situation === 'union_unit_employee'
        ? rng.pick(W.YINGXIN_WORK)
        : rng.pick(W.WORK_BY_SITUATION[situation]);
    if (ill) add('serious_illness');
    if (disabled) add('no_capacity');
    if (situation === 'unemployed') add(work.includes('下岗') ? 'laid_off' : 'unemployed_able');
    if (inSchool > 0 && band !== 'above') add('schooling');
    const uninsured =
      (situation === 'migrant_worker' || situation === 'flexible_employment') && rng.chance(0.5);
    if (uninsured) add('no_social_insurance');
    if (rng.chance(0.04)) add('insurance_unpaid');
    if (causes.length === 0) add('other');

    // Needs that fit this household, then the one to three it asked for, most urgent first.
    const students = members.filter((m) => m.school).map((m) => m.age ?? 0);
    const needOptions = needOptionsFor({
      situation,
      work,
      sick,
      disabled,
      students,
      married,
      children: members.some((m) => m.relation === 'child' && (m.age ?? 0) < 14),
      size,
    });
    const needs: Form['needs'] = [];
    const wanted = rng.int(1, 3);
    for (let i = 0; i < wanted; i++) {
      const open = needOptions.filter((o) => !needs.some((n) => n.kind === o.kind));
      const option = rng.weighted(open.map((o) => [o, o.weight] as const));
      const urgentChance = (band === 'deep' ? 0.3 : 0.15) + (option.kind === 'medical' && ill ? 0.3 : 0);
      needs.push({
        kind: option.kind,
        urgency: i === 0 && rng.chance(urgentChance) ? 'urgent' : 'normal',
        description: rng.pick(option.texts),
      });
    }

    const leadNotes = [
      ...W.LEAD_NOTES,
      ...sick.map((who) => `${who}，医药费占了大半收入`),
      ...(students.length ? W.LEAD_NOTES_SCHOOL : []),
      ...(uninsured ? W.LEAD_NOTES_UNINSURED : []),
    ];
    const addressDetail = this.address(area);
    const local = addressDetail.includes('社区') ? '社区网格员反映' : '村委会提供线索';
    const leads = `${rng.pick([...W.LEAD_SOURCES, local])}：本人${work}，${rng.pick(leadNotes)}。`;

    const form: PlannedForm = {
      method,
      screenedOn: addDays(CAMPAIGN_START, rng.int(0, CAMPAIGN_DAYS - 1)),
      headName,
      ...(idNumber ? { idNumber } : {}),
      ...(phone ? { phone } : {}),
      situation,
      divisionCode: area.code,
      addressDetail,
      householdSize: size,
      annualIncomeFen: income,
      rigidExpenseFen: rigid,
      causes,
      members,
      needs,
      leads,
    };
    return { key, user, form, band, ill, disabled, hasId, needOptions, leadNotes, steps: [] };
  }
}

/** The example household from the news page (喜登花), screened by a volunteer, archived and approved. */
function xiDenghua(): Draft {
  const form: PlannedForm = {
    method: 'home_visit',
    screenedOn: '2023-06-12',
    headName: '喜登花',
    idNumber: makeIdNumber('640381', '19840917', '062'),
    phone: '13995128866',
    situation: 'migrant_worker',
    divisionCode: '640381101',
    addressDetail: '韦桥村三队12号',
    householdSize: 4,
    annualIncomeFen: 3_000_000,
    rigidExpenseFen: 1_500_000,
    causes: ['serious_illness', 'schooling', 'no_social_insurance'],
    members: [
      { relation: 'spouse', name: '马有福', age: 42, health: '慢性肝病，不能上班', work: '无法工作' },
      { relation: 'child', name: '马雨欣', age: 14, school: '大坝镇中学' },
      { relation: 'child', name: '马浩然', age: 10, school: '大坝镇中心小学' },
    ],
    needs: [
      { kind: 'medical', urgency: 'urgent', description: '丈夫肝病需定期复查，医药费负担重' },
      { kind: 'education', urgency: 'normal', description: '两个孩子上学，希望申请助学金' },
    ],
    leads:
      '志愿者入户了解到：本人在宁夏塞上迎鑫农牧有限公司务工，丈夫生病不能上班，两个孩子在上学，生活重担全在她一人身上。',
  };
  return {
    key: 'xdh',
    user: 'cy_volunteer',
    form,
    band: 'deep',
    ill: true,
    disabled: false,
    hasId: true,
    needOptions: needOptionsFor({
      situation: 'migrant_worker',
      work: '在宁夏塞上迎鑫农牧有限公司务工',
      sick: ['丈夫慢性肝病'],
      disabled: false,
      students: [14, 10],
      married: true,
      children: true,
      size: 4,
    }),
    leadNotes: ['丈夫慢性肝病，医药费占了大半收入', '孩子上学开支大，家里已欠下外债'],
    steps: [
      {
        op: 'verify',
        body: {
          verifiedOn: '2023-07-05',
          homeVisit: true,
          documents: ['id_card', 'household_register', 'income_proof', 'medical_records'],
          incomeConsent: true,
          result: 'confirmed',
          migrantQualified: true,
          noticeStart: '2023-07-10',
          noticeEnd: '2023-07-16',
          noticeResult: '在宁夏塞上迎鑫农牧有限公司公示，公示期内无异议',
          notes: '入户核实：丈夫慢性肝病不能上班，两个孩子在校，家庭收入主要靠本人务工。',
        },
      },
      {
        op: 'archive',
        primaryCause: 'serious_illness',
        secondaryCauses: ['schooling', 'no_social_insurance'],
      },
      { op: 'report' },
      { op: 'approve' },
    ],
  };
}

/** Sudden events (突发事件), each given to a household it fits. */
const ACCIDENTS: {
  event: string;
  causes: Cause[];
  need: Form['needs'][number];
  fits: (d: Draft) => boolean;
}[] = [
  {
    event: '2023年7月本人在建筑工地摔伤致高位截瘫',
    causes: ['accident', 'no_capacity'],
    need: { kind: 'medical', urgency: 'urgent', description: '本人摔伤后需长期康复治疗，费用无着落' },
    fits: (d) => d.form.members.length > 0,
  },
  {
    event: '2023年6月孩子确诊白血病，治疗费用已超过30万元',
    causes: ['serious_illness'],
    need: { kind: 'medical', urgency: 'urgent', description: '孩子白血病化疗费用巨大，希望开通就医绿色通道' },
    fits: (d) => d.form.members.some((m) => m.relation === 'child' && (m.age ?? 0) < 18),
  },
  {
    event: '2023年8月家中突发火灾，房屋和财物烧毁',
    causes: ['accident', 'other'],
    need: { kind: 'housing', urgency: 'urgent', description: '房屋烧毁，一家人暂住亲戚家，急需安置' },
    fits: () => true,
  },
];

const RETURN_REASONS = [
  '致困原因与核实材料不一致，请补充医疗费用票据后重新上报',
  '家庭成员收入未逐一核实，请补充收入证明',
  '缺少单位公示结果，请补充后重新上报',
  '刚性支出缺少票据支撑，请核对后重新上报',
  '户籍信息与身份证号不一致，请核对',
  '请补充子女在校证明',
];

const BELOW_REASONS = [
  '人均收入高于相对困难线，纳入同类同策：按困难职工子女助学政策帮扶',
  '人均收入略高于相对困难线，纳入同类同策：冬季送温暖慰问',
  '个案专策：联系爱心单位提供就业岗位',
  '个案专策：协调青铜峡市人民医院开通就医绿色通道',
  '一户一策：制定家庭帮扶方案，社工跟进',
  '一户一策：志愿者定期上门开展家庭护理和心理疏导',
];

const CLOSE_DIRECT = [
  '本人表示暂无困难，谢绝帮扶',
  '已举家迁往银川市，转出本市',
  '与已建档家庭重复登记',
  '本人已外出务工，长期联系不上',
];

/** The alliance's members: the named demo users and the article's 王东 first, then generated ones. */
const MEMBER_ORGS: { org: string; kind: string; count: number; named: [string, string][] }[] = [
  {
    org: 'qtx',
    kind: 'city',
    count: 10,
    named: [
      ['王东', '党组书记、常务副主席'],
      ['李静', '权益保障部干事'],
    ],
  },
  { org: 'yingxin', kind: 'grassroots', count: 8, named: [['杨建国', '工会主席']] },
  { org: 'qtx_school', kind: 'grassroots', count: 6, named: [] },
  { org: 'qtx_logistics', kind: 'grassroots', count: 6, named: [] },
  { org: 'guxia', kind: 'social_work', count: 30, named: [['周红梅', '督导']] },
  { org: 'chunyu', kind: 'volunteer', count: 42, named: [['马文斌', '志愿者队长']] },
  { org: 'jindu', kind: 'association', count: 18, named: [['丁海燕', '禁毒社工']] },
];

function planMembers(rng: Rng, gen: Generator): DemoPlan['members'] {
  const members: DemoPlan['members'] = [];
  for (const o of MEMBER_ORGS) for (const [name] of o.named) gen.reserveMemberName(name);
  for (const o of MEMBER_ORGS) {
    const titles = W.TITLES[o.kind];
    const leadTitles = titles.lead.filter((t) => !o.named.some(([, named]) => named === t));
    for (let i = 0; i < o.count; i++) {
      const named = o.named[i];
      const j = i - o.named.length;
      const lead = !named && j < leadTitles.length;
      const female = rng.chance(o.kind === 'social_work' ? 0.7 : 0.45);
      members.push({
        org: o.org,
        name: named ? named[0] : gen.memberName(female),
        title: named ? named[1] : lead ? leadTitles[j] : rng.pick(titles.regular),
        ...(rng.chance(0.9) ? { phone: gen.phone() } : {}),
        joinedOn: lead || named ? '2023-05-12' : addDays('2023-05-12', rng.int(0, 80)),
      });
    }
  }
  return members;
}

/** Hands out households for one outcome each, in a shuffled order. */
class Picker {
  private readonly taken = new Set<string>();

  constructor(readonly pool: readonly Draft[]) {}

  take(count: number, ok: (d: Draft) => boolean = () => true): Draft[] {
    const out: Draft[] = [];
    for (const d of this.pool) {
      if (out.length === count) break;
      if (!this.taken.has(d.key) && ok(d)) {
        this.taken.add(d.key);
        out.push(d);
      }
    }
    if (out.length < count) throw new Error(`demo plan: only ${out.length} of ${count} households fit`);
    return out;
  }

  band(b: Band, count: number): Draft[] {
    return this.take(count, (d) => d.band === b);
  }
}

const EXCLUSIONS: [NonNullable<Verify['exclusions']>[number], string][] = [
  ['two_homes', '核实发现家庭在银川市另有住房一套'],
  ['business_owner', '核实发现本人经营门店并雇有两名店员'],
  ['private_school', '核实发现子女就读高收费私立学校'],
];

/** The steps of verification (核实), with the documents a cadre would have seen. */
class Verifier {
  constructor(private readonly rng: Rng) {}

  date(d: Draft): string {
    return minDate(addDays(d.form.screenedOn, this.rng.int(30, 70)), '2023-11-30');
  }

  confirm(d: Draft, extra: Partial<Verify> = {}): Step & { op: 'verify' } {
    return {
      op: 'verify',
      body: {
        verifiedOn: this.date(d),
        homeVisit: true,
        documents: [
          'id_card',
          'household_register',
          'income_proof',
          ...(d.ill ? (['medical_records'] as const) : []),
          ...(d.disabled ? (['disability_card'] as const) : []),
        ],
        incomeConsent: true,
        result: 'confirmed',
        ...(d.form.situation === 'migrant_worker' ? { migrantQualified: true } : {}),
        notes: this.rng.pick([
          '入户核实，家庭情况与摸排记录一致',
          '核对收入证明和户口簿，与摸排数据基本一致',
          '走访邻居和村（社区）干部，情况属实',
        ]),
        ...extra,
      },
    };
  }

  /** Confirmed, and publicly noticed in the worker's unit or village before the archive. */
  noticed(d: Draft): Step {
    const step = this.confirm(d);
    const start = addDays(step.body.verifiedOn, this.rng.int(2, 5));
    step.body = {
      ...step.body,
      noticeStart: start,
      noticeEnd: addDays(start, 6),
      noticeResult: this.rng.pick([
        '公示期内无异议',
        '在所在单位公示，无异议',
        '在村（社区）公示栏公示，无异议',
      ]),
    };
    return step;
  }
}

const archiveStep = (d: Draft): Step => ({
  op: 'archive',
  primaryCause: d.form.causes[0] ?? 'other',
  secondaryCauses: d.form.causes.slice(1, 4),
});

/** Gives households their path after screening; returns the accident cases (their forms changed). */
function planOutcomes(rng: Rng, pick: Picker): Draft[] {
  const v = new Verifier(rng);

  // Accident-caused difficulty: a sudden event, rigid expenses above income.
  const accidents = ACCIDENTS.map((a) => pick.take(1, (d) => d.band === 'deep' && a.fits(d))[0]);
  accidents.forEach((d, i) => {
    const a = ACCIDENTS[i];
    d.form.suddenEvent = a.event;
    d.form.causes = [...a.causes, ...d.form.causes.filter((c) => !a.causes.includes(c))].slice(0, 4);
    d.form.rigidExpenseFen = d.form.annualIncomeFen + rng.int(80, 400) * 10_000;
    d.form.needs = [a.need, ...d.form.needs.filter((x) => x.kind !== a.need.kind)].slice(0, 3);
    d.ill = true;
  });
  const deep = [...accidents, ...pick.band('deep', 60)];
  const relative = pick.band('relative', 57);

  // Provincial tier (deep): reported; the reviewer approves most, returns a few, some wait.
  for (const d of deep) d.steps.push(v.noticed(d), archiveStep(d), { op: 'report' });
  deep.forEach((d, i) => {
    if (i < 4) return; // still waiting for the reviewer
    if (i < 10) {
      d.steps.push({ op: 'return', reason: RETURN_REASONS[i - 4] });
      if (i < 6) {
        // Two are corrected and reported again, then approved.
        const extra: Cause = d.form.causes.includes('no_social_insurance') ? 'other' : 'no_social_insurance';
        const secondary = [...d.form.causes.slice(1, 3), extra];
        d.steps.push(
          { op: 'fix', primaryCause: d.form.causes[0] ?? 'other', secondaryCauses: secondary },
          { op: 'report' },
          { op: 'approve' },
        );
      }
      return;
    }
    d.steps.push({ op: 'approve' });
    if (i === 20 || i === 33) {
      d.steps.push({
        op: 'exit',
        kind: 'out_of_difficulty',
        reason:
          i === 20
            ? '配偶经推荐在本市企业稳定就业，家庭人均收入超过相对困难线，解困脱困'
            : '子女大学毕业参加工作，家庭收入明显提高，解困脱困',
      });
    }
  });
  // City tier (relative): archived and helped by the city federation itself.
  relative.forEach((d, i) => {
    d.steps.push(v.noticed(d), archiveStep(d));
    if (i === 7)
      d.steps.push({ op: 'exit', kind: 'cancelled', reason: '已举家迁往银川市，户籍转出，注销档案' });
    if (i === 19)
      d.steps.push({
        op: 'exit',
        kind: 'out_of_difficulty',
        reason: '本人经技能培训后实现稳定就业，解困脱困',
      });
  });

  // Migrant workers who do not yet qualify: verified, helped below the standard.
  for (const d of pick.take(8, (x) => x.form.situation === 'migrant_worker' && x.band !== 'above')) {
    d.steps.push(v.confirm(d, { migrantQualified: false }), {
      op: 'below',
      reason: '农民工在本市务工不满一年，暂不符合建档条件，采取个案专策帮扶',
    });
  }
  // In difficulty but above the relative line: 同类同策 / 个案专策 / 一户一策.
  for (const d of pick.band('above', 20)) {
    d.steps.push(v.confirm(d), { op: 'below', reason: rng.pick(BELOW_REASONS) });
  }
  for (const d of pick.band('above', 12)) {
    d.steps.push({ op: 'below', reason: `摸排时即予帮扶：${rng.pick(BELOW_REASONS)}` });
  }
  // Closed: not in difficulty, unreachable, excluded by the standard, or straight after screening.
  for (const d of pick.band('above', 6)) {
    d.steps.push(
      v.confirm(d, { result: 'not_in_difficulty', notes: '核实收入证明，家庭收入较摸排时明显提高' }),
      { op: 'close', reason: '核实后家庭收入超过标准，不属于困难职工' },
    );
  }
  for (const d of pick.take(4)) {
    d.steps.push(
      {
        op: 'verify',
        body: {
          verifiedOn: v.date(d),
          homeVisit: false,
          documents: [],
          incomeConsent: false,
          result: 'unreachable',
          notes: '三次上门无人，电话停机',
        },
      },
      { op: 'close', reason: '多次联系不上，无法核实' },
    );
  }
  for (const [i, d] of pick.take(3, (x) => x.band !== 'above').entries()) {
    const [exclusion, found] = EXCLUSIONS[i];
    d.steps.push(v.confirm(d, { result: 'not_in_difficulty', exclusions: [exclusion], notes: found }), {
      op: 'close',
      reason: `符合建档排除条件：${found}`,
    });
  }
  for (const [i, d] of pick.take(8).entries()) {
    d.steps.push({ op: 'close', reason: CLOSE_DIRECT[i % CLOSE_DIRECT.length] });
  }
  // Still being verified: half of them in their public-notice period.
  for (const d of pick.take(36, (x) => x.band !== 'above')) {
    const step = v.confirm(d);
    if (rng.chance(0.5)) {
      const start = addDays(step.body.verifiedOn, 3);
      step.body = { ...step.body, noticeStart: start, noticeEnd: addDays(start, 6) };
    }
    d.steps.push(step);
  }
  return accidents;
}

/** Another partner than the first, preferably the one responsible for the situation (分工). */
function secondScreener(rng: Rng, d: Draft): Screener {
  const options = SECOND_SCREENERS[d.form.situation].filter((u) => u !== d.user);
  return options.length ? rng.pick(options) : d.user === 'qtx_staff' ? 'cy_volunteer' : 'qtx_staff';
}

/** A later screening of a household by another partner: new needs and notes, same figures. */
function screenAgain(rng: Rng, d: Draft): PlannedScreening {
  const user = secondScreener(rng, d);
  const screenedOn = minDate(addDays(d.form.screenedOn, rng.int(3, 25)), '2023-08-31');
  const fresh = d.needOptions.filter((o) => !d.form.needs.some((n) => n.kind === o.kind));
  const option = rng.pick(fresh.length ? fresh : d.needOptions);
  return {
    household: d.key,
    clientRef: `qtx2023-${d.key}-2`,
    user,
    form: {
      ...d.form,
      method: rng.pick(['phone_survey', 'home_visit', 'street_visit'] as const),
      screenedOn,
      needs: [{ kind: option.kind, urgency: 'normal', description: rng.pick(option.texts) }],
      leads: `${rng.pick(W.LEAD_SOURCES)}：${rng.pick(d.leadNotes)}。`,
    },
  };
}

/**
 * Every screening: each household's first, then second screenings by another partner (found by ID
 * number, or by phone and name when the ID number was not given), then look-alikes for the merge
 * queue — in date order, a household's first screening before the rest.
 */
function planScreenings(
  rng: Rng,
  gen: Generator,
  drafts: Draft[],
  shuffled: Draft[],
  nearBases: Draft[],
  accidents: Draft[],
): { screenings: PlannedScreening[]; households: PlannedHousehold[] } {
  const screenings: PlannedScreening[] = drafts.map((d) => ({
    household: d.key,
    clientRef: `qtx2023-${d.key}-1`,
    user: d.user,
    form: d.form,
  }));
  const households: PlannedHousehold[] = drafts.map((d) => ({
    key: d.key,
    headName: d.form.headName,
    band: d.band,
    steps: d.steps,
  }));
  // 喜登花: the social-work association, responsible for migrant workers, follows up by phone.
  const xdh = drafts.find((d) => d.key === 'xdh')!;
  screenings.push({
    household: 'xdh',
    clientRef: 'qtx2023-xdh-2',
    user: 'gx_social',
    form: {
      ...xdh.form,
      method: 'phone_survey',
      screenedOn: '2023-06-20',
      needs: [{ kind: 'care', urgency: 'normal', description: '丈夫住院复查期间孩子无人照看' }],
      leads: '社工电话回访：丈夫肝病需定期复查，希望协调就医绿色通道。',
    },
  });
  const dupPool = shuffled.filter((d) => !nearBases.includes(d) && !accidents.includes(d));
  const idDups = dupPool.filter((d) => d.hasId).slice(0, 30);
  for (const d of idDups) screenings.push(screenAgain(rng, d));
  const phoneDups = dupPool.filter((d) => !idDups.includes(d) && d.form.phone !== undefined).slice(0, 10);
  for (const d of phoneDups) {
    const second = screenAgain(rng, d);
    const { idNumber: _id, ...form } = second.form;
    screenings.push({ ...second, form });
  }
  // Look-alikes: same name and address, no ID number, another phone: a person decides.
  nearBases.forEach((d, i) => {
    const key = `n${String(i + 1).padStart(4, '0')}`;
    const { idNumber: _id, ...rest } = d.form;
    const form: PlannedForm = {
      ...rest,
      phone: gen.phone(),
      method: 'street_visit',
      screenedOn: minDate(addDays(d.form.screenedOn, rng.int(5, 30)), '2023-08-31'),
      annualIncomeFen: Math.max(d.form.annualIncomeFen + rng.int(-20, 20) * 10_000, d.form.rigidExpenseFen),
      members: [],
      needs: [{ kind: 'living', urgency: 'normal', description: rng.pick(W.NEED_TEXT.living) }],
      leads: `${rng.pick(W.LEAD_SOURCES)}：家中有困难，留下的是家属的电话。`,
    };
    const user = secondScreener(rng, d);
    screenings.push({ household: key, clientRef: `qtx2023-${key}-1`, user, form });
    households.push({ key, headName: d.form.headName, band: d.band, steps: [] });
  });
  const order = (s: PlannedScreening) => `${s.form.screenedOn} ${s.clientRef}`;
  screenings.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { screenings, households };
}

/** The whole demo as data: a pure function of the seed, so two runs build the same setting. */
export function planAssistanceDemo(seed = DEMO_SEED): DemoPlan {
  const rng = new Rng(seed);
  const gen = new Generator(rng);
  const xdh = xiDenghua();
  gen.reserveId(xdh.form.idNumber!);
  gen.reservePhone(xdh.form.phone!);
  gen.reserveAddress(xdh.form.divisionCode, xdh.form.addressDetail);

  const members = planMembers(rng, gen);
  const drafts: Draft[] = [xdh];
  for (const user of Object.keys(SCREENER_MIX) as Screener[]) {
    for (let i = 0; i < SCREENER_MIX[user].count; i++) {
      drafts.push(gen.household(`h${String(drafts.length).padStart(4, '0')}`, user));
    }
  }
  const shuffled = rng.shuffle(drafts.filter((d) => d !== xdh));
  const pick = new Picker(shuffled);
  // These get a look-alike later; they stay as screened, for the merge queue to decide.
  const nearBases = pick.take(5, (d) => d.form.phone !== undefined);
  const accidents = planOutcomes(rng, pick);
  const { screenings, households } = planScreenings(rng, gen, drafts, shuffled, nearBases, accidents);
  return {
    members,
    targets: [
      { org: 'chunyu', target: 280 },
      { org: 'guxia', target: 250 },
      { org: 'jindu', target: 100 },
      { org: 'yingxin', target: 70 },
      { org: 'qtx', target: 100 },
    ],
    households,
    screenings,
  };
}

// ---------------------------------------------------------------------------------------------
// Running the plan through the services.

/** The calendar year in China (UTC+8), as the archive service reckons "today". */
const chinaYear = (at: Date) => Number(new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 4));

const SCREENED_OR_VERIFYING = new Set(['screened', 'verifying']);
const CLOSABLE = new Set(['screened', 'verifying', 'assisted_below_standard']);

/**
 * Builds the Qingtongxia alliance demo through the real services, acting as the demo users
 * (`seeded` is what seedFoundation returned; `loadActor` is the identity module's, e.g.
 * `(id) => app.services.users.loadActor(id, 'seed')`). Safe to run again: it adds nothing twice.
 */
export async function seedAssistance(
  p: Platform,
  services: AssistanceServices,
  seeded: { orgs: Map<string, string>; users: Map<string, string> },
  loadActor: (userId: string) => Promise<Actor | null>,
  opts: { seed?: number } = {},
): Promise<SeedSummary> {
  const started = performance.now();
  const plan = planAssistanceDemo(opts.seed ?? DEMO_SEED);
  const orgId = (key: string): string => {
    const id = seeded.orgs.get(key);
    if (!id) throw new Error(`demo seed: organisation ${key} is missing`);
    return id;
  };
  const contexts = new Map<string, RequestContext>();
  const as = async (username: string): Promise<RequestContext> => {
    const known = contexts.get(username);
    if (known) return known;
    const userId = seeded.users.get(username);
    const actor = userId ? await loadActor(userId) : null;
    if (!actor) throw new Error(`demo seed: user ${username} is missing or inactive`);
    const ctx = { actor, ip: null };
    contexts.set(username, ctx);
    return ctx;
  };
  const staff = await as('qtx_staff');
  const reviewer = await as('nx_reviewer');
  const jurisdictionId = staff.actor.jurisdictionId;
  const { alliance, archives, households, screenings } = services;

  // 1. Archive standards (建档标准): 2023, 2026, and this year's if the clock is past them.
  const thisYear = chinaYear(p.clock.now());
  const standards = STANDARDS.some((s) => s.year === thisYear)
    ? STANDARDS
    : [...STANDARDS, { year: thisYear, minLivingFen: 77000, note: '演示数据：沿用 2026 年标准' }];
  for (const s of standards) {
    const current = (await archives.listStandards(staff, s.year)).some((x) => x.current);
    if (current) continue;
    await archives.setStandard(staff, {
      year: s.year,
      minLivingFen: s.minLivingFen,
      relativeMultiplierPct: 200,
      accidentDropPct: 50,
      note: s.note,
    });
  }

  // 2. The alliance's members.
  const existing = await p.db
    .selectFrom('allianceMember')
    .select(['orgId', 'name'])
    .where('jurisdictionId', '=', jurisdictionId)
    .execute();
  const haveMember = new Set(existing.map((m) => `${m.orgId}|${m.name}`));
  for (const m of plan.members) {
    const org = orgId(m.org);
    if (haveMember.has(`${org}|${m.name}`)) continue;
    await alliance.createMember(staff, {
      orgId: org,
      name: m.name,
      title: m.title,
      ...(m.phone ? { phone: m.phone } : {}),
      joinedOn: m.joinedOn,
    });
  }

  // 3. The summer campaign.
  let campaign = (await alliance.listCampaigns(staff)).items.find((c) => c.name === CAMPAIGN_NAME);
  campaign ??= await alliance.createCampaign(staff, {
    name: CAMPAIGN_NAME,
    startsOn: CAMPAIGN_START,
    endsOn: addDays(CAMPAIGN_START, CAMPAIGN_DAYS - 1),
    areas: W.AREAS.map((a) => a.code),
    targets: plan.targets.map((t) => ({ orgId: orgId(t.org), target: t.target })),
  });

  // 4. Screenings, in date order, each by its partner.
  const householdIds = new Map<string, string>();
  for (const s of plan.screenings) {
    const ctx = await as(s.user);
    const r = await screenings.submitScreening(ctx, {
      form: { ...s.form, campaignId: campaign.id },
      clientRef: s.clientRef,
    });
    const known = householdIds.get(s.household);
    if ((known && known !== r.householdId) || (!known && r.match !== 'new')) {
      throw new Error(`demo seed: screening ${s.clientRef} matched ${r.match}, not the planned household`);
    }
    householdIds.set(s.household, r.householdId);
  }

  // 5. Verification, archives, reports and review: each step only if the household is not past it.
  const rows = await p.db
    .selectFrom('household')
    .select(['id', 'state', 'version'])
    .where('jurisdictionId', '=', jurisdictionId)
    .execute();
  const current = new Map(rows.map((r) => [r.id, r]));
  const archiveRows = await p.db
    .selectFrom('archive')
    .select(['id', 'householdId', 'state', 'version'])
    .where('jurisdictionId', '=', jurisdictionId)
    .execute();
  const archiveOf = new Map(archiveRows.map((a) => [a.householdId, a]));
  const dateOf = (h: PlannedHousehold) => {
    const first = h.steps[0];
    return first?.op === 'verify' ? first.body.verifiedOn : '2023-09-15';
  };
  const ordered = plan.households
    .filter((h) => h.steps.length > 0)
    .sort((a, b) => (dateOf(a) !== dateOf(b) ? (dateOf(a) < dateOf(b) ? -1 : 1) : a.key < b.key ? -1 : 1));
  for (const h of ordered) {
    const id = householdIds.get(h.key)!;
    const row = current.get(id)!;
    let state = row.state;
    let version = row.version;
    let archive = archiveOf.get(id);
    let archiveOpsDone = archive ? archive.version - 1 : 0;
    for (const step of h.steps) {
      if (step.op === 'verify') {
        if (state !== 'screened') continue;
        const d = await households.verifyHousehold(staff, id, { ...step.body, version });
        ({ state, version } = d);
      } else if (step.op === 'below') {
        if (!SCREENED_OR_VERIFYING.has(state)) continue;
        ({ state, version } = await households.setBelowStandard(staff, id, version, step.reason));
      } else if (step.op === 'close') {
        if (!CLOSABLE.has(state)) continue;
        ({ state, version } = await households.closeHousehold(staff, id, version, step.reason));
      } else if (step.op === 'archive') {
        if (archive) continue;
        const v = await archives.establishArchive(staff, id, {
          version,
          primaryCause: step.primaryCause,
          secondaryCauses: step.secondaryCauses,
        });
        archive = { id: v.id, householdId: id, state: v.state, version: v.version };
        state = 'archived';
      } else if (ARCHIVE_OPS.has(step.op)) {
        if (!archive) throw new Error(`demo seed: ${h.key} has no archive for ${step.op}`);
        if (archiveOpsDone > 0) {
          archiveOpsDone--;
          continue;
        }
        const v = await runArchiveStep(archives, { staff, reviewer }, archive, step);
        archive = { ...archive, state: v.state, version: v.version };
      }
    }
  }

  return summarize(p, jurisdictionId, campaign.id, plan, performance.now() - started);
}

/** One step on an established archive, as the federation staff or the upper reviewer. */
function runArchiveStep(
  archives: ArchiveService,
  as: { staff: RequestContext; reviewer: RequestContext },
  a: { id: string; version: number },
  step: Step,
): Promise<ArchiveView> {
  switch (step.op) {
    case 'report':
      return archives.reportArchive(as.staff, a.id, a.version);
    case 'approve':
      return archives.approveArchive(as.reviewer, a.id, a.version);
    case 'return':
      return archives.returnArchive(as.reviewer, a.id, a.version, step.reason);
    case 'fix':
      return archives.fixArchive(as.staff, a.id, {
        version: a.version,
        primaryCause: step.primaryCause,
        secondaryCauses: step.secondaryCauses,
      });
    case 'exit':
      return archives.exitArchive(as.staff, a.id, {
        version: a.version,
        kind: step.kind,
        reason: step.reason,
      });
    default:
      throw new Error(`demo seed: ${step.op} is not an archive step`);
  }
}

async function summarize(
  p: Platform,
  jurisdictionId: string,
  campaignId: string,
  plan: DemoPlan,
  elapsedMs: number,
): Promise<SeedSummary> {
  const { db } = p;
  const tally = (rows: { k: string | null; n: number | string | bigint }[]) =>
    Object.fromEntries(rows.map((r) => [r.k ?? 'none', Number(r.n)]));
  const byState = tally(
    await db
      .selectFrom('household')
      .select((eb) => ['state as k', eb.fn.countAll<number>().as('n')])
      .where('jurisdictionId', '=', jurisdictionId)
      .groupBy('state')
      .execute(),
  );
  const matches = tally(
    await db
      .selectFrom('screening')
      .select((eb) => ['match as k', eb.fn.countAll<number>().as('n')])
      .where('jurisdictionId', '=', jurisdictionId)
      .where('status', '=', 'submitted')
      .groupBy('match')
      .execute(),
  );
  const archivesByCategory = tally(
    await db
      .selectFrom('archive')
      .select((eb) => ['category as k', eb.fn.countAll<number>().as('n')])
      .where('jurisdictionId', '=', jurisdictionId)
      .groupBy('category')
      .execute(),
  );
  const archivesByState = tally(
    await db
      .selectFrom('archive')
      .select((eb) => ['state as k', eb.fn.countAll<number>().as('n')])
      .where('jurisdictionId', '=', jurisdictionId)
      .groupBy('state')
      .execute(),
  );
  const one = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
  const members = await one(
    db
      .selectFrom('allianceMember')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('jurisdictionId', '=', jurisdictionId)
      .where('status', '=', 'active')
      .executeTakeFirst(),
  );
  const mergeQueue = await one(
    db
      .selectFrom('mergeCandidate')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('jurisdictionId', '=', jurisdictionId)
      .where('status', '=', 'pending')
      .executeTakeFirst(),
  );
  const verified = await one(
    db
      .selectFrom('verification as v')
      .innerJoin('household as h', 'h.id', 'v.householdId')
      .select((eb) => eb.fn.count<number>('v.householdId').distinct().as('n'))
      .where('h.jurisdictionId', '=', jurisdictionId)
      .executeTakeFirst(),
  );
  const urgentNeedsOpen = await one(
    db
      .selectFrom('need as n')
      .innerJoin('household as h', 'h.id', 'n.householdId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('h.jurisdictionId', '=', jurisdictionId)
      .where('n.urgency', '=', 'urgent')
      .where('n.status', '=', 'open')
      .executeTakeFirst(),
  );
  const suddenEvents = await one(
    db
      .selectFrom('household')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('jurisdictionId', '=', jurisdictionId)
      .where('suddenEvent', 'is not', null)
      .executeTakeFirst(),
  );
  const standards = await db
    .selectFrom('archiveStandard')
    .select('year')
    .where('jurisdictionId', '=', jurisdictionId)
    .where('supersededAt', 'is', null)
    .orderBy('year')
    .execute();
  const { merged: _merged, ...live } = byState;
  return {
    standards: standards.map((s) => Number(s.year)),
    members,
    campaignId,
    campaignTarget: plan.targets.reduce((n, t) => n + t.target, 0),
    screenings: Object.values(matches).reduce((n, v) => n + v, 0),
    matches,
    households: Object.values(live).reduce((n, v) => n + v, 0),
    householdsByState: byState,
    verified,
    archives: Object.values(archivesByCategory).reduce((n, v) => n + v, 0),
    archivesByCategory,
    archivesByState,
    mergeQueue,
    urgentNeedsOpen,
    suddenEvents,
    elapsedMs: Math.round(elapsedMs),
  };
}
