/**
 * Pure rules of a campaign: its state table, when its rules and timeline are frozen, and the
 * checks of a timeline and a formula. No database: the service feeds them rows and the clock.
 */
import {
  TIMELINE_STEPS,
  type CampaignRules,
  type CampaignState,
  type CampaignTimeline,
} from '../../../../contracts/vote';

/** Where each state may go (cancelled from anywhere before the result is final). */
export const CAMPAIGN_STEPS: Record<CampaignState, readonly CampaignState[]> = {
  draft: ['nominating', 'cancelled'],
  nominating: ['reviewing', 'cancelled'],
  reviewing: ['displaying', 'cancelled'],
  displaying: ['voting', 'cancelled'],
  voting: ['expert_review', 'cancelled'],
  expert_review: ['result_notice', 'cancelled'],
  result_notice: ['final', 'cancelled'],
  final: [],
  cancelled: [],
};

export function nextStates(state: CampaignState): readonly CampaignState[] {
  return CAMPAIGN_STEPS[state] ?? [];
}

export function mayStep(from: CampaignState, to: CampaignState): boolean {
  return nextStates(from).includes(to);
}

/** States in which the voting has opened (or passed): rules and timeline no longer change. */
const FROZEN_STATES: readonly CampaignState[] = ['voting', 'expert_review', 'result_notice', 'final'];

/**
 * Rules and timeline are frozen once voting opens: by the state, by the recorded freeze, or by
 * the clock passing the published opening (whichever comes first).
 */
export function isFrozen(
  c: { state: CampaignState; rulesFrozenAt: string | null; votingOpens: string },
  now: Date,
) {
  return (
    c.rulesFrozenAt !== null || FROZEN_STATES.includes(c.state) || now.getTime() >= Date.parse(c.votingOpens)
  );
}

/** The result is public (totals may be shown whatever showTotals says) from the notice on. */
export function resultPublished(c: { state: CampaignState; resultPublishedAt: string | null }): boolean {
  return c.resultPublishedAt !== null && (c.state === 'result_notice' || c.state === 'final');
}

/** Nominations are taken while the campaign is nominating (and the timeline's window is open). */
export function nominationOpen(c: { state: CampaignState; timeline: CampaignTimeline }, now: Date): boolean {
  const t = now.getTime();
  return (
    c.state === 'nominating' &&
    t >= Date.parse(c.timeline.nominationOpens) &&
    t <= Date.parse(c.timeline.nominationCloses)
  );
}

/** Each step of the timeline, normalised to UTC ISO (so text comparison orders instants). */
export function normaliseTimeline(t: CampaignTimeline): CampaignTimeline {
  return Object.fromEntries(TIMELINE_STEPS.map((k) => [k, new Date(t[k]).toISOString()])) as CampaignTimeline;
}

/** The first step that comes before the one above it, or null; voting must last some time. */
export function timelineProblem(t: CampaignTimeline): { field: string; message: string } | null {
  for (let i = 1; i < TIMELINE_STEPS.length; i++) {
    const prev = TIMELINE_STEPS[i - 1]!;
    const step = TIMELINE_STEPS[i]!;
    if (Date.parse(t[step]) < Date.parse(t[prev])) {
      return { field: `body.timeline.${step}`, message: `must not come before ${prev}` };
    }
  }
  if (Date.parse(t.votingCloses) <= Date.parse(t.votingOpens)) {
    return { field: 'body.timeline.votingCloses', message: 'voting must close after it opens' };
  }
  return null;
}

/** The formula's weights sum to 100; the final list is not longer than the shortlist. */
export function rulesProblem(
  r: CampaignRules,
): { code: 'vote.bad_formula'; field: string; message: string } | null {
  if (r.formula.publicWeight + r.formula.expertWeight !== 100) {
    return {
      code: 'vote.bad_formula',
      field: 'body.rules.formula.expertWeight',
      message: 'public and expert weights must sum to 100',
    };
  }
  if (new Set(r.tiersCounted).size !== r.tiersCounted.length) {
    return { code: 'vote.bad_formula', field: 'body.rules.tiersCounted', message: 'a tier is listed twice' };
  }
  if (r.finalCount + r.nominatedCount > shortlistSize(r)) {
    return {
      code: 'vote.bad_formula',
      field: 'body.rules.nominatedCount',
      message: 'named + nominated cannot exceed the shortlist (factor × final count)',
    };
  }
  return null;
}

/** ceil(factor × finalCount): 1.2 × 10 → 12 candidates. */
export function shortlistSize(r: Pick<CampaignRules, 'shortlistFactorTenths' | 'finalCount'>): number {
  return Math.ceil((r.shortlistFactorTenths * r.finalCount) / 10);
}

/** Which frozen parts a change would touch: the field the refusal names. */
export function frozenField(
  before: { rules: CampaignRules; timeline: CampaignTimeline },
  change: { rules?: CampaignRules; timeline?: CampaignTimeline },
): string | null {
  if (change.rules && JSON.stringify(sortKeys(change.rules)) !== JSON.stringify(sortKeys(before.rules))) {
    return 'body.rules';
  }
  if (
    change.timeline &&
    JSON.stringify(normaliseTimeline(change.timeline)) !== JSON.stringify(normaliseTimeline(before.timeline))
  ) {
    return 'body.timeline';
  }
  return null;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  }
  return v;
}
