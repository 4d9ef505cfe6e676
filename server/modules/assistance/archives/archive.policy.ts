import type { Assessment, Category } from '../../../../contracts/assistance';

/**
 * The archive standard (建档标准) as a pure function, shared by the cadre's assessment, the
 * archive decision and the worker's self-test. Every step it takes is written out so the screen
 * can show the working: the numbers, and the rule that matched.
 */
export interface StandardRule {
  id: string | null;
  year: number;
  minLivingFen: number;
  relativeMultiplierPct: number;
  accidentDropPct: number;
}

export interface AssessmentInput {
  householdSize: number;
  annualIncomeFen: number;
  rigidExpenseFen: number;
  /** A sudden event (accident, disaster, major illness) reported for the household. */
  suddenEvent?: string | null;
  /** Household income before the event, when known: a collapse beyond the threshold counts. */
  previousAnnualIncomeFen?: number | null;
  exclusions?: string[];
  situation?: string;
  /** For migrant workers: living long-term in the city, a union member, a year of employment. */
  migrantQualified?: boolean;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

const EXCLUSION_TEXT: Record<string, { zh: string; en: string }> = {
  two_homes: { zh: '家庭拥有两套及以上住房', en: 'the household owns two or more homes' },
  business_owner: { zh: '经营店铺或雇佣他人', en: 'owns a shop or employs others' },
  private_school: {
    zh: '子女就读高收费私立学校或自费出国留学',
    en: 'children at a high-fee private school or studying abroad at own expense',
  },
};

export function assess(input: AssessmentInput, standard: StandardRule): Assessment {
  const steps: { zh: string; en: string }[] = [];
  const net = input.annualIncomeFen - input.rigidExpenseFen;
  const perCapita = Math.floor(Math.max(net, 0) / 12 / Math.max(input.householdSize, 1));
  const relativeLimit = Math.floor((standard.minLivingFen * standard.relativeMultiplierPct) / 100);
  steps.push({
    zh: `人均月收入 = (家庭年收入 ${yuan(input.annualIncomeFen)} 元 − 刚性支出 ${yuan(input.rigidExpenseFen)} 元) ÷ 12 ÷ ${input.householdSize} 人 = ${yuan(perCapita)} 元`,
    en: `Per-capita monthly income = (yearly income ¥${yuan(input.annualIncomeFen)} − rigid expenses ¥${yuan(input.rigidExpenseFen)}) ÷ 12 ÷ ${input.householdSize} = ¥${yuan(perCapita)}`,
  });
  steps.push({
    zh: `${standard.year} 年低保标准 ${yuan(standard.minLivingFen)} 元/月；相对困难线 ${standard.relativeMultiplierPct / 100} 倍 = ${yuan(relativeLimit)} 元/月`,
    en: `${standard.year} minimum living standard ¥${yuan(standard.minLivingFen)}/month; relative-difficulty line ${standard.relativeMultiplierPct / 100}× = ¥${yuan(relativeLimit)}/month`,
  });
  const base = {
    year: standard.year,
    standardId: standard.id,
    minLivingFen: standard.minLivingFen,
    relativeLimitFen: relativeLimit,
    perCapitaMonthlyFen: perCapita,
  };

  const exclusions = (input.exclusions ?? []).filter((e) => EXCLUSION_TEXT[e]);
  if (exclusions.length > 0) {
    for (const e of exclusions)
      steps.push({ zh: `排除条件：${EXCLUSION_TEXT[e].zh}`, en: `Exclusion: ${EXCLUSION_TEXT[e].en}` });
    return { ...base, eligible: false, category: null, tier: null, rule: 'excluded', steps, exclusions };
  }
  if (input.situation === 'migrant_worker' && input.migrantQualified === false) {
    steps.push({
      zh: '农民工须在城镇长期居住、为工会会员且（事实）就业满一年，方可建档',
      en: 'A migrant worker qualifies only when living long-term in the city, a union member, with a year of (de facto) employment',
    });
    return {
      ...base,
      eligible: false,
      category: null,
      tier: null,
      rule: 'migrant_not_qualified',
      steps,
      exclusions,
    };
  }

  let category: Category | null = null;
  let rule = 'none';
  // A sudden event that caused the hardship names the category, whatever the income bands say:
  // the household is helped as 意外致困 because of what happened to it.
  if (input.suddenEvent) {
    const expensesOverIncome = input.rigidExpenseFen > input.annualIncomeFen;
    const prev = input.previousAnnualIncomeFen ?? null;
    const dropPct = prev && prev > 0 ? Math.round(((prev - input.annualIncomeFen) / prev) * 100) : 0;
    if (expensesOverIncome || dropPct >= standard.accidentDropPct) {
      category = 'accident';
      rule = expensesOverIncome ? 'sudden_event_expenses_over_income' : 'sudden_event_income_collapse';
      steps.push(
        expensesOverIncome
          ? {
              zh: `突发事件（${input.suddenEvent}）且刚性支出大于收入：符合意外致困`,
              en: `Sudden event (${input.suddenEvent}) with rigid expenses above income: accident-caused difficulty`,
            }
          : {
              zh: `突发事件（${input.suddenEvent}）致收入下降 ${dropPct}% ≥ ${standard.accidentDropPct}%：符合意外致困`,
              en: `Sudden event (${input.suddenEvent}) cut income by ${dropPct}% ≥ ${standard.accidentDropPct}%: accident-caused difficulty`,
            },
      );
    }
  }
  if (!category && perCapita <= standard.minLivingFen) {
    category = 'deep';
    rule = 'per_capita_at_most_min_living';
    steps.push({
      zh: `${yuan(perCapita)} ≤ ${yuan(standard.minLivingFen)}：符合深度困难`,
      en: `${yuan(perCapita)} ≤ ${yuan(standard.minLivingFen)}: deep difficulty`,
    });
  } else if (!category && perCapita <= relativeLimit) {
    category = 'relative';
    rule = 'per_capita_at_most_relative_line';
    steps.push({
      zh: `${yuan(perCapita)} ≤ ${yuan(relativeLimit)}：符合相对困难`,
      en: `${yuan(perCapita)} ≤ ${yuan(relativeLimit)}: relative difficulty`,
    });
  }
  if (!category) {
    steps.push({
      zh: `${yuan(perCapita)} > ${yuan(relativeLimit)}，且无符合条件的突发事件：不符合建档标准`,
      en: `${yuan(perCapita)} > ${yuan(relativeLimit)} and no qualifying sudden event: below the archive standard`,
    });
    return {
      ...base,
      eligible: false,
      category: null,
      tier: null,
      rule: 'above_relative_line',
      steps,
      exclusions,
    };
  }
  // Deep and accident-caused archives are reported to the provincial federation for its aid;
  // relative-difficulty archives are helped by the city federation itself.
  const tier = category === 'relative' ? 'city' : 'provincial';
  steps.push({
    zh: tier === 'provincial' ? '档案层级：省级（上报自治区总工会帮扶）' : '档案层级：地市级（市总工会帮扶）',
    en:
      tier === 'provincial'
        ? 'Tier: provincial (reported up for aid)'
        : 'Tier: city (helped by the city federation)',
  });
  return { ...base, eligible: true, category, tier, rule, steps, exclusions };
}
