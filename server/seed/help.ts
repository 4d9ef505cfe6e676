import type {
  ArchiveService,
  HelpService,
  PlanService,
  ReferralService,
  ResourceService,
  VisitService,
} from '../modules/assistance';
import { FakeClock, type Clock } from '../platform/clock';
import type { Platform, RequestContext } from '../platform/platform';
import { mulberry32 } from './assistance';

/**
 * The help side of the Qingtongxia demo (systems.md S1, the news page): 一边摸排、一边解决 —
 * urgent help while screening went on, the caring units' resources (青铜峡市人民医院's green
 * channel and 112 free liver-disease screenings, 如在蜀餐饮公司's 8,000 discount coupons, 裕民街道's
 * home care and psychological support), referrals with the households' consent, 宁夏总工会's
 * 送温暖 for approved archives, plans under the three policy types, and return visits — among
 * them 喜登花's ("现在日子好过多了"). Everything goes through the real services as the demo users.
 * Re-running on a database that already holds resources adds nothing.
 */
export interface HelpServices {
  help: HelpService;
  plans: PlanService;
  resources: ResourceService;
  referrals: ReferralService;
  visits: VisitService;
  archives: ArchiveService;
}

export interface HelpSeedSummary {
  resources: number;
  referrals: Record<string, number>;
  urgentHelp: number;
  upperAid: number;
  measures: number;
  visitsDone: number;
  visitsOpen: number;
  relapses: number;
  elapsedMs: number;
}

interface Candidate {
  id: string;
  headName: string;
  state: string;
  causes: string;
  firstScreenedOn: string;
  archiveId: string | null;
  archiveState: string | null;
  category: string | null;
}

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

const VALID_FROM = '2023-06-01';
const VALID_UNTIL = '2027-12-31';

export async function seedHelp(
  p: Platform,
  s: HelpServices,
  orgs: Map<string, string>,
  as: (username: string) => Promise<RequestContext>,
): Promise<HelpSeedSummary> {
  const started = performance.now();
  const orgId = (key: string): string => {
    const id = orgs.get(key);
    if (!id) throw new Error(`demo seed: organisation ${key} is missing`);
    return id;
  };
  const summary: HelpSeedSummary = {
    resources: 0,
    referrals: {},
    urgentHelp: 0,
    upperAid: 0,
    measures: 0,
    visitsDone: 0,
    visitsOpen: 0,
    relapses: 0,
    elapsedMs: 0,
  };
  const already = await p.db.selectFrom('resource').select('id').limit(1).executeTakeFirst();
  if (already) return summary;
  const next = mulberry32(0x4e1f2023);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const chance = (pr: number) => next() < pr;

  const staff = await as('qtx_staff');
  const hospital = await as('rmyy_staff');
  const restaurant = await as('rzs_staff');
  const street = await as('ym_staff');

  // Households of the demo in a fixed order (creation order; ids are time-ordered).
  const all: Candidate[] = (
    await p.db
      .selectFrom('household as h')
      .leftJoin('archive as a', 'a.householdId', 'h.id')
      .select([
        'h.id',
        'h.headName',
        'h.state',
        'h.causes',
        'h.firstScreenedOn',
        'a.id as archiveId',
        'a.state as archiveState',
        'a.category',
      ])
      .where('h.jurisdictionId', '=', staff.actor.jurisdictionId)
      .where('h.state', 'not in', ['merged', 'closed'])
      .orderBy('h.createdAt')
      .orderBy('h.id')
      .execute()
  ).map((r) => ({ ...r, archiveId: r.archiveId ?? null, archiveState: r.archiveState ?? null }));
  const ill = all.filter((h) => h.causes.includes('"serious_illness"'));
  const xdh = all.find((h) => h.headName === '喜登花');

  const live = new Map(all.map((h) => [h.id, h]));
  const realToday = new Date(p.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  // The help happened in 2023–24, as the news page tells it: the services run on a clock set to
  // each day in turn, so records, timelines and audit rows carry the days they describe.
  const real = p.clock;
  const past = new FakeClock(`${VALID_FROM}T03:00:00.000Z`);
  const on = (date: string) => past.set(`${date}T03:00:00.000Z`);
  (p as { clock: Clock }).clock = past;
  try {
    await seedHistory();
  } finally {
    (p as { clock: Clock }).clock = real;
  }
  await seedCurrentPlans();
  summary.elapsedMs = Math.round(performance.now() - started);
  return summary;

  async function seedHistory(): Promise<void> {
    // 1. Resources, published by the caring units themselves.
    const publish = async (ctx: RequestContext, body: Parameters<ResourceService['createResource']>[1]) => {
      summary.resources++;
      return s.resources.createResource(ctx, body);
    };
    const greenChannel = await publish(hospital, {
      kind: 'green_channel',
      title: '大病职工就诊绿色通道',
      description: '挂号、检查、住院优先安排，专人陪同，免收挂号费与普通诊查费',
      unit: '人次',
      quantity: 200,
      unitValueFen: 5000,
      validFrom: VALID_FROM,
      validUntil: VALID_UNTIL,
      audience: '患大病、重病的困难职工及其家属',
      conditions: '凭总工会或联盟成员转介单就诊',
    });
    const liver = await publish(hospital, {
      kind: 'free_screening',
      title: '肝病免费筛查',
      description: '乙肝两对半、肝功能、肝脏彩超',
      unit: '人次',
      quantity: 112,
      unitValueFen: 18000,
      validFrom: VALID_FROM,
      validUntil: VALID_UNTIL,
      audience: '患肝病或有肝病风险的困难职工',
    });
    const coupons = await publish(restaurant, {
      kind: 'coupons',
      title: '爱心消费折扣券',
      description: '在如在蜀餐饮公司各门店消费时抵扣',
      unit: '张',
      quantity: 8000,
      unitValueFen: 1000,
      validFrom: VALID_FROM,
      validUntil: VALID_UNTIL,
      audience: '建档困难职工家庭',
      conditions: '每张抵扣 10 元，不找零，不兑现',
    });
    const homeCare = await publish(street, {
      kind: 'home_care',
      title: '社区志愿者家庭护理',
      description: '裕民街道各社区组织志愿者上门护理、陪护就医',
      unit: '次',
      quantity: 300,
      unitValueFen: 6000,
      validFrom: VALID_FROM,
      validUntil: VALID_UNTIL,
      audience: '家中有病人、老人需照护的困难职工',
    });
    const counselling = await publish(street, {
      kind: 'counselling',
      title: '心理疏导',
      description: '社区心理咨询师一对一疏导',
      unit: '次',
      quantity: 200,
      unitValueFen: 10000,
      validFrom: VALID_FROM,
      validUntil: VALID_UNTIL,
      audience: '因病、因灾、失业等陷入困境、心理压力大的职工',
    });

    // 2. Urgent help during screening (一边摸排、一边解决): households with open urgent needs.
    const urgentNeeds = await p.db
      .selectFrom('need')
      .select(['id', 'householdId', 'kind'])
      .where('urgency', '=', 'urgent')
      .where('status', '=', 'open')
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
    const byHousehold = new Map<string, { id: string; kind: string }[]>();
    for (const n of urgentNeeds) {
      byHousehold.set(n.householdId, [...(byHousehold.get(n.householdId) ?? []), n]);
    }
    let turn = 0;
    for (const [householdId, needs] of byHousehold) {
      const h = live.get(householdId);
      // About two in three were solved on the spot; the rest stay open on the dashboard.
      if (!h || turn++ % 3 === 2) continue;
      const money = chance(0.6);
      const givenOn = minDate(addDays(h.firstScreenedOn, int(0, 5)), '2023-09-30');
      on(givenOn);
      await s.help.recordHelp(staff, householdId, {
        route: 'urgent',
        kind: money ? 'living_subsidy' : 'goods',
        what: money ? '临时救助金' : '米、面、油等生活物资',
        valueFen: money ? int(5, 20) * 10000 : int(20, 60) * 1000,
        givenOn,
        solvesNeedIds: needs.map((n) => n.id),
      });
      summary.urgentHelp++;
    }

    // 3. Referrals with consent, delivered by the caring units.
    const consented = new Set<string>();
    const refer = async (
      h: Candidate,
      resource: { id: string; orgId: string },
      unit: RequestContext,
      need: string,
      quantity: number,
      outcome: 'delivered' | 'accepted' | 'sent',
      when: string,
    ) => {
      const referredOn = maxDate(h.firstScreenedOn, addDays(when, -int(1, 7)));
      on(referredOn);
      const consentKey = `${h.id}:${resource.orgId}`;
      if (!consented.has(consentKey)) {
        consented.add(consentKey);
        await s.referrals.giveConsent(staff, h.id, {
          orgId: resource.orgId,
          givenBy: 'self',
          method: 'signed_form',
          givenOn: h.firstScreenedOn,
        });
      }
      let r = await s.referrals.createReferral(staff, h.id, { resourceId: resource.id, quantity, need });
      summary.referrals[outcome] = (summary.referrals[outcome] ?? 0) + 1;
      if (outcome === 'sent') return;
      r = await s.referrals.acceptReferral(unit, r.id, { version: r.version });
      if (outcome === 'accepted') return;
      const deliveredOn = maxDate(when, referredOn);
      on(deliveredOn);
      await s.referrals.deliverReferral(unit, r.id, { version: r.version, deliveredOn });
    };
    const ordered = [...ill, ...all.filter((h) => !ill.includes(h))];
    // 112 liver screenings, all given in the summer of 2023.
    for (const h of ordered.slice(0, 112)) {
      await refer(h, liver, hospital, '肝病筛查', 1, 'delivered', addDays('2023-06-15', int(0, 100)));
    }
    // The green channel for seriously ill workers: most served, a few waiting for the hospital.
    const channel = [...(xdh ? [xdh] : []), ...ill.filter((h) => h !== xdh)].slice(0, 30);
    for (const [i, h] of channel.entries()) {
      await refer(
        h,
        greenChannel,
        hospital,
        h === xdh ? '丈夫肝病需定期复查，协调就医绿色通道' : '大病就医，需绿色通道优先诊治',
        1,
        i < 24 ? 'delivered' : i < 27 ? 'accepted' : 'sent',
        addDays('2023-07-01', int(0, 120)),
      );
    }
    // Coupons for archived households at the Mid-Autumn festival, twenty each.
    const archived = all.filter((h) => h.archiveId && h.archiveState !== 'exited');
    for (const h of archived.slice(0, 150)) {
      await refer(
        h,
        coupons,
        restaurant,
        '节日慰问消费券',
        20,
        'delivered',
        addDays('2023-09-20', int(0, 9)),
      );
    }
    // Home care and psychological support from 裕民街道's communities.
    for (const [i, h] of ill.slice(30, 72).entries()) {
      await refer(
        h,
        homeCare,
        street,
        '家中病人需上门护理',
        4,
        i < 40 ? 'delivered' : 'sent',
        addDays('2023-08-01', int(0, 90)),
      );
    }
    const shaken = all.filter(
      (x) =>
        x.category === 'accident' ||
        x.causes.includes('"accident"') ||
        x.causes.includes('"natural_disaster"'),
    );
    for (const h of shaken.slice(0, 30)) {
      await refer(
        h,
        counselling,
        street,
        '突发变故后心理压力大',
        2,
        'delivered',
        addDays('2023-08-15', int(0, 90)),
      );
    }

    // 4. 送温暖: 宁夏总工会's aid for the archives it approved.
    on('2024-01-28');
    for (const h of all.filter((x) => x.archiveState === 'approved')) {
      await s.help.recordHelp(staff, h.id, {
        route: 'upper',
        kind: 'living_subsidy',
        what: '自治区总工会“送温暖”慰问金',
        valueFen: h.category === 'deep' ? 300000 : 150000,
        givenOn: '2024-01-28',
        givenByOrgId: orgId('ningxia'),
        solvesNeedIds: [],
      });
      summary.upperAid++;
    }

    // 5. Plans. 一户一策 for 喜登花: school aid for both children, a job-skills course for her.
    const measure = async (
      householdId: string,
      body: Parameters<PlanService['addMeasure']>[2],
      then: 'done' | 'in_progress' | 'planned',
      doneOn?: string,
    ) => {
      let m = await s.plans.addMeasure(staff, householdId, body);
      summary.measures++;
      if (then === 'planned' || m.state === 'pending_approval') return m;
      m = await s.plans.moveMeasure(staff, m.id, { version: m.version, state: 'in_progress' });
      if (then === 'done') {
        if (doneOn) on(doneOn);
        m = await s.plans.moveMeasure(staff, m.id, { version: m.version, state: 'done', doneOn });
      }
      return m;
    };
    if (xdh) {
      on('2023-07-01');
      await measure(
        xdh.id,
        {
          policy: 'household',
          kind: 'education_aid',
          description: '两个孩子秋季学期助学金',
          responsibleOrgId: orgId('qtx'),
          dueOn: '2023-09-01',
          valueFen: 400000,
        },
        'done',
        '2023-08-28',
      );
      await measure(
        xdh.id,
        {
          policy: 'household',
          kind: 'skills_training',
          description: '推荐参加农牧企业岗位技能培训，稳定就业',
          responsibleOrgId: orgId('yingxin'),
          dueOn: '2023-10-31',
          valueFen: 0,
        },
        'done',
        '2023-10-20',
      );
    }
    // 一户一策 for the deep households: a living subsidy, some already paid.
    for (const [i, h] of all
      .filter((x) => x.category === 'deep' && x !== xdh)
      .slice(0, 24)
      .entries()) {
      on('2023-10-01');
      await measure(
        h.id,
        {
          policy: 'household',
          kind: 'living_subsidy',
          description: '按月发放生活补助（一季度）',
          responsibleOrgId: orgId('qtx'),
          dueOn: '2023-12-31',
          valueFen: 180000,
        },
        // The last quarter's subsidy of a few households is still being paid (overdue).
        i % 6 === 0 ? 'in_progress' : 'done',
        '2023-12-20',
      );
    }
    // 6. Return visits: most done in 2023–24, some still open (the overdue worklist), and one
    // household that left difficulty and fell back (relapse).
    const open = await p.db
      .selectFrom('returnVisit')
      .select(['id', 'householdId', 'dueOn', 'reason', 'version'])
      .where('state', '=', 'due')
      .orderBy('dueOn')
      .orderBy('id')
      .execute();
    for (const v of open) {
      const isXdh = v.householdId === xdh?.id;
      if (!isXdh && (v.reason === 'after_exit' || v.dueOn >= '2024-06-01')) continue;
      if (!isXdh && !chance(0.85)) continue;
      const visitedOn = addDays(v.dueOn, int(0, 10));
      on(visitedOn);
      await s.visits.recordVisit(staff, v.id, {
        version: Number(v.version),
        visitedOn,
        visitors: isXdh ? '杨建国（塞上迎鑫公司工会）、周红梅（古峡社工协会）' : '李静（市总工会）',
        change: chance(0.8) ? 'better' : 'same',
        satisfaction: int(4, 5),
        ...(isXdh ? { householdWords: '多亏了工会和爱心联盟，现在日子好过多了。' } : {}),
      });
      summary.visitsDone++;
    }
  }

  async function seedCurrentPlans(): Promise<void> {
    // 返贫: a household that left difficulty this year is visited and found worse again; the
    // visit flags a possible relapse and the federation decides whether to reopen the case.
    const afterExit = await p.db
      .selectFrom('returnVisit')
      .select(['id', 'version'])
      .where('state', '=', 'due')
      .where('reason', '=', 'after_exit')
      .orderBy('dueOn')
      .orderBy('id')
      .executeTakeFirst();
    if (afterExit) {
      const v = await s.visits.recordVisit(staff, afterExit.id, {
        version: Number(afterExit.version),
        visitedOn: realToday,
        visitors: '周红梅（古峡社工协会）',
        change: 'worse',
        satisfaction: 3,
        openNeeds: '再就业、子女助学',
        householdWords: '今年又失业了，孩子上学的钱又没着落。',
      });
      if (v.relapse) summary.relapses++;
      summary.visitsDone++;
    }
    // 个案专策: special measures proposed by partners, some approved by the federation.
    const social = await as('gx_social');
    const linkedToGuxia = await p.db
      .selectFrom('householdOrg')
      .select('householdId')
      .where('orgId', '=', orgId('guxia'))
      .orderBy('householdId')
      .execute();
    const special = linkedToGuxia
      .map((r) => live.get(r.householdId))
      .filter((h) => h !== undefined)
      .slice(0, 5);
    for (const [i, h] of special.entries()) {
      const m = await s.plans.addMeasure(social, h.id, {
        policy: 'case',
        kind: i % 2 ? 'legal_aid' : 'medical_aid',
        description: i % 2 ? '协助追讨拖欠工资，申请法律援助' : '大额医疗费用个案救助',
        responsibleOrgId: orgId('qtx'),
        dueOn: addDays(realToday, 30),
        valueFen: i % 2 ? 0 : 500000,
      });
      summary.measures++;
      if (i < 2)
        await s.plans.decideMeasure(staff, m.id, {
          version: m.version,
          approve: true,
          note: '同意，按个案专策办理',
        });
    }
    // 同类同策: the serious-illness template, applied in one action.
    const template = await s.plans.createTemplate(staff, {
      name: '大病职工户：医疗救助＋就医绿色通道',
      description: '因大病致困的建档户统一给予医疗救助，并由人民医院开通就医绿色通道',
      criteria: {
        categories: [],
        causes: ['serious_illness'],
        situations: [],
        archiveStates: ['archived', 'reported', 'approved'],
        householdStates: [],
        needKinds: [],
      },
      measures: [
        {
          kind: 'medical_aid',
          description: '大病医疗救助金',
          responsibleOrgId: orgId('qtx'),
          dueInDays: 30,
          valueFen: 200000,
        },
        {
          kind: 'medical_aid',
          description: '人民医院就医绿色通道',
          responsibleOrgId: orgId('hospital'),
          dueInDays: 15,
          valueFen: 0,
        },
      ],
    });
    const applied = await s.plans.applyTemplate(staff, template.id);
    summary.measures += applied.measuresCreated;

    summary.visitsOpen = Number(
      (
        await p.db
          .selectFrom('returnVisit')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('state', '=', 'due')
          .executeTakeFirstOrThrow()
      ).n,
    );
  }
}
