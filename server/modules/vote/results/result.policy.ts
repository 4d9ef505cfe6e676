/**
 * The combination by the frozen formula, pure: cleaned public votes normalised (max: votes / top ×
 * 100; share: votes / all votes × 100), the experts' final-stage mean, the weighted sum, the
 * ranking and the final list — each number with the words of how it was computed.
 * Scores are carried × 100 as integers (8650 = 86.50), rounded half up at each step shown.
 */
import type { CampaignRules } from '../../../../contracts/vote';

export interface ResultInput {
  candidateId: string;
  number: number;
  name: string;
  unitName: string;
  state: 'active' | 'zeroed' | 'withdrawn';
  rawVotes: number;
  discountedVotes: number;
  cleanVotes: number;
  /** Final-stage expert mean × 100, null when no expert scored the candidate. */
  expertMeanX100: number | null;
  expertScores: number;
}

export interface ResultLine extends ResultInput {
  publicScoreX100: number;
  combinedX100: number;
  rank: number;
  outcome: 'named' | 'nominated' | 'none';
  working: string;
}

const f2 = (x100: number) => (x100 / 100).toFixed(2);

export function combine(
  rules: Pick<CampaignRules, 'formula' | 'finalCount' | 'nominatedCount' | 'zeroOnConfirmedFraud'>,
  input: readonly ResultInput[],
): { lines: ResultLine[]; working: string; topCleanVotes: number; totalCleanVotes: number } {
  const { publicWeight: pw, expertWeight: ew, normalisation } = rules.formula;
  const counted = input.filter((c) => c.state === 'active');
  const top = Math.max(0, ...counted.map((c) => c.cleanVotes));
  const total = counted.reduce((a, c) => a + c.cleanVotes, 0);
  const denominator = normalisation === 'max' ? top : total;
  const scored = input.map((c) => {
    const zeroed = c.state === 'zeroed' && rules.zeroOnConfirmedFraud;
    const out = c.state !== 'active';
    const publicScoreX100 = out || denominator === 0 ? 0 : Math.round((c.cleanVotes * 10000) / denominator);
    const expert = c.expertMeanX100 ?? 0;
    const combinedX100 =
      zeroed || c.state === 'withdrawn' ? 0 : Math.round((publicScoreX100 * pw + expert * ew) / 100);
    const norm =
      normalisation === 'max'
        ? `${c.cleanVotes} ÷ ${top}（最高票）× 100 = ${f2(publicScoreX100)}`
        : `${c.cleanVotes} ÷ ${total}（总票数）× 100 = ${f2(publicScoreX100)}`;
    const votes = `有效票 ${c.cleanVotes} = 原始 ${c.rawVotes} − 核减 ${c.discountedVotes}`;
    const exp =
      c.expertMeanX100 === null
        ? '专家终评：无评分，按 0 计'
        : `专家终评平均分 ${f2(c.expertMeanX100)}（${c.expertScores} 位专家）`;
    const sum = `综合 = ${f2(publicScoreX100)} × ${pw}% + ${f2(expert)} × ${ew}% = ${f2(combinedX100)}`;
    const working = zeroed
      ? `${votes}；经查实刷票，按公布规则计零分。Zeroed by the published rule.`
      : c.state === 'withdrawn'
        ? '已退出评选，不参与排名。Withdrawn.'
        : `${votes}；公众得分 ${norm}；${exp}；${sum}`;
    return { ...c, publicScoreX100, combinedX100, working };
  });
  const ranked = [...scored].sort(
    (a, b) =>
      Number(a.state !== 'active') - Number(b.state !== 'active') ||
      b.combinedX100 - a.combinedX100 ||
      (b.expertMeanX100 ?? 0) - (a.expertMeanX100 ?? 0) ||
      b.cleanVotes - a.cleanVotes ||
      a.number - b.number,
  );
  const lines = ranked.map((c, i) => {
    const rank = i + 1;
    const outcome: ResultLine['outcome'] =
      c.state !== 'active'
        ? 'none'
        : rank <= rules.finalCount
          ? 'named'
          : rank <= rules.finalCount + rules.nominatedCount
            ? 'nominated'
            : 'none';
    return { ...c, rank, outcome };
  });
  const working = formulaWorking(rules, normalisation === 'max' ? top : total);
  return { lines, working, topCleanVotes: top, totalCleanVotes: total };
}

/**
 * The formula in words, with the figure the public score is divided by — or, while totals are
 * hidden, without it (the top candidate's clean votes would give a total away).
 */
export function formulaWorking(
  rules: Pick<CampaignRules, 'finalCount' | 'nominatedCount' | 'formula'>,
  denominator: number | null,
): string {
  const { publicWeight: pw, expertWeight: ew, normalisation } = rules.formula;
  const figure = (n: number | null) => (n === null ? '' : `（${n}）`);
  const figureEn = (n: number | null) => (n === null ? '' : ` (${n})`);
  return (
    `综合得分 = 公众得分 × ${pw}% + 专家终评平均分 × ${ew}%；公众得分 = ` +
    (normalisation === 'max'
      ? `有效票 ÷ 最高有效票${figure(denominator)} × 100`
      : `有效票 ÷ 有效票总数${figure(denominator)} × 100`) +
    `；有效票 = 原始票 − 经核查核减的票。前 ${rules.finalCount} 名命名，其后 ${rules.nominatedCount} 名提名；` +
    '同分者依次比较专家分、有效票、编号。' +
    `Combined = public × ${pw}% + expert mean × ${ew}%, public = clean votes / ` +
    (normalisation === 'max' ? `top${figureEn(denominator)}` : `all${figureEn(denominator)}`) +
    ' × 100.'
  );
}
