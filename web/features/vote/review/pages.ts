import type { FeaturePage } from '../../../app/feature';

/** The vote's counting and review pages: tallies, the fraud review with flags and appeals, the result, objections and certificates. */
export const voteReviewPages: FeaturePage[] = [];
