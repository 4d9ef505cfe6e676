import type { FeaturePage } from '../../../app/feature';

/** The vote's set-up pages: campaigns and their rules, nominations, expert review, the shortlist and candidates. */
export const voteSetupPages: FeaturePage[] = [];
