/**
 * Pure rules of nominations: which source a campaign takes, the review's steps, scores, and the
 * shortlist by the published rule. No database: the service feeds them rows.
 */
import type { CampaignRules, CampaignState } from '../../../../contracts/vote';
import { shortlistSize } from '../campaigns/campaign.policy';

export function sourceAllowed(rules: CampaignRules, source: 'unit' | 'online' | 'self'): boolean {
  if (source === 'online') return rules.allowOnlineRecommendation;
  if (source === 'self') return rules.allowSelfNomination;
  return true;
}

/** The review may decide (or change its mind) until the shortlist is drawn. */
export const REVIEWABLE = ['submitted', 'eligible', 'ineligible'] as const;

/** Which stage an expert scores in: preliminary while the review runs, final after the voting. */
export function scoringStage(state: CampaignState): 'preliminary' | 'final' | null {
  if (state === 'nominating' || state === 'reviewing') return 'preliminary';
  if (state === 'expert_review') return 'final';
  return null;
}

/** A score's total: the mean of its criteria, rounded to a whole point. */
export function scoreTotal(criteria: Record<string, number>): number {
  const v = Object.values(criteria);
  return v.length === 0 ? 0 : Math.round(v.reduce((a, b) => a + b, 0) / v.length);
}

export interface ShortlistInput {
  nominationId: string;
  nomineeName: string;
  unitName: string;
  /** Mean preliminary score × 100, null before any score. */
  meanX100: number | null;
  scores: number;
  createdAt: string;
}

export interface ShortlistLine extends ShortlistInput {
  rank: number;
  byRule: boolean;
  picked: boolean;
}

/**
 * Ranks eligible nominees by preliminary mean (highest first; unscored last; ties by more scores,
 * then the earlier nomination) and marks the rule's top ceil(factor × finalCount). `pick` (the
 * organiser's list) replaces the rule's when given.
 */
export function shortlist(
  rules: Pick<CampaignRules, 'shortlistFactorTenths' | 'finalCount'>,
  input: readonly ShortlistInput[],
  pick?: readonly string[],
): { size: number; lines: ShortlistLine[]; working: string } {
  const size = shortlistSize(rules);
  const sorted = [...input].sort(
    (a, b) =>
      (b.meanX100 ?? -1) - (a.meanX100 ?? -1) ||
      b.scores - a.scores ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.nominationId.localeCompare(b.nominationId),
  );
  const picked = pick ? new Set(pick) : null;
  const lines = sorted.map((x, i) => ({
    ...x,
    rank: i + 1,
    byRule: i < size,
    picked: picked ? picked.has(x.nominationId) : i < size,
  }));
  const factor = (rules.shortlistFactorTenths / 10).toFixed(1);
  const working =
    `入围人数 = ⌈${factor} × ${rules.finalCount}⌉ = ${size}；按初评平均分从高到低取前 ${size} 名` +
    `（同分者评分人数多者优先，再按推荐先后）。Shortlist = ceil(${factor} × ${rules.finalCount}) = ${size}, ` +
    `by preliminary mean score.`;
  return { size, lines, working };
}
