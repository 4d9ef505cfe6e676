import { defineFeature } from '../../app/feature';
import { voteReviewPages } from './review/pages';
import { voteSetupPages } from './setup/pages';

/**
 * 评选投票 (S7b, server/modules/vote), one feature in two capability folders: setup/ (campaigns,
 * rules, nominations, experts, candidates) and review/ (tallies, fraud review, appeals, results).
 */
export const voteFeature = defineFeature({
  name: 'vote',
  messages: () =>
    Promise.all([import('./setup/messages'), import('./review/messages')]).then(([s, r]) => ({
      ...s.voteSetupMessages,
      ...r.voteReviewMessages,
    })),
  pages: [...voteSetupPages, ...voteReviewPages],
});
