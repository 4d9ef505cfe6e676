import type { FlagCriteria } from '../../../../contracts/vote-ballots';

/**
 * The pure parts of the counting and review pages: how the integer figures read (decision 0010:
 * scores × 100, shares × 10,000), what a burst or a cluster makes of a flag's criteria, and which
 * steps a flag or the result allows next. No React here, so the rules are tested on their own.
 */

/** Stands where a figure is hidden or missing. */
export const NONE = '—';

/** A score × 100 as `87.65` (`—` when null: hidden while totals are hidden, or not computed). */
export function formatX100(value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  const whole = Math.trunc(value / 100);
  const cents = Math.abs(value % 100);
  return `${value < 0 && whole === 0 ? '-' : ''}${whole}.${String(cents).padStart(2, '0')}`;
}

/** A share × 10,000 (basis points) as a percentage: 2500 → `25.00%`. */
export function formatShareX10000(value: number): string {
  return `${formatX100(value)}%`;
}

/** How many times the candidate's mean minute a burst is, to one decimal: `×4.7`. */
export function burstRatio(votes: number, baselineX100: number): string {
  if (baselineX100 <= 0) return NONE;
  return `×${(Math.round((votes * 1000) / baselineX100) / 10).toFixed(1)}`;
}

/** A count, or `—` while it is hidden. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE : value.toLocaleString('zh-CN');
}

/**
 * The votes of a burst: the candidate's votes in that minute. The server compares `cast_at` as
 * ISO text, so both ends are written the way it stores instants (milliseconds, `Z`): from the
 * minute's first millisecond (inclusive) to the next minute's (exclusive).
 */
export function burstCriteria(burst: { candidateId: string; minute: string }): FlagCriteria {
  const start = Date.parse(burst.minute);
  return {
    candidateId: burst.candidateId,
    from: new Date(start).toISOString(),
    to: new Date(start + 60_000).toISOString(),
  };
}

/**
 * The votes of an address or device cluster. When they all went to one candidate, the flag names
 * that candidate too, so its nominating unit is told and a zeroing is possible.
 */
export function clusterCriteria(cluster: {
  by: 'ip' | 'device';
  hash: string;
  candidates: { candidateId: string }[];
}): FlagCriteria {
  const only = cluster.candidates.length === 1 ? cluster.candidates[0]?.candidateId : undefined;
  return {
    ...(only ? { candidateId: only } : {}),
    ...(cluster.by === 'ip' ? { ipHashes: [cluster.hash] } : { deviceHashes: [cluster.hash] }),
  };
}

export type FlagDecision = 'discount' | 'zero' | 'dismiss';

/**
 * The decisions open on a flag: none once decided; zeroing only where the published rules allow it
 * and the flag names a candidate (the server refuses otherwise: vote.zero_not_allowed).
 */
export function decisionsFor(
  flag: { state: 'open' | 'decided'; candidateId: string | null },
  zeroOnConfirmedFraud: boolean,
): FlagDecision[] {
  if (flag.state !== 'open') return [];
  return zeroOnConfirmedFraud && flag.candidateId ? ['discount', 'zero', 'dismiss'] : ['discount', 'dismiss'];
}

/** A nominating unit may appeal a decision against its candidate, once. */
export function mayAppeal(flag: {
  state: 'open' | 'decided';
  decision: FlagDecision | null;
  appeal: unknown;
}): boolean {
  return flag.state === 'decided' && flag.decision !== 'dismiss' && flag.decision !== null && !flag.appeal;
}

/** An appeal waits for the organiser's answer. */
export function appealWaiting(flag: { appeal: { state: string } | null }): boolean {
  return flag.appeal?.state === 'submitted';
}

export type ResultStep = 'compute' | 'publish' | 'final';

/**
 * The result's next steps by campaign state: computed (and recomputed) in expert review, published
 * from expert review once computed, made final during the notice (the server checks the notice has
 * closed and every objection is answered).
 */
export function resultSteps(state: string, result: { publishedAt: string | null } | null): ResultStep[] {
  if (state === 'expert_review') return result ? ['compute', 'publish'] : ['compute'];
  if (state === 'result_notice') return ['final'];
  return [];
}

/**
 * A region of the tallies by its name, from the division's path (province → … → the division):
 * `山西省太原市`; below the city the province is left out (`吴忠市青铜峡市裕民街道`) to keep the
 * line short, and `full` keeps it. Null while the path is not known (the page shows the code).
 */
export function regionName(path: readonly { name: string }[] | undefined, full = false): string | null {
  if (!path || path.length === 0) return null;
  return (full || path.length <= 2 ? path : path.slice(1)).map((d) => d.name).join('');
}
