import type { Dictionary } from '../../../i18n/core';

/** The words of the vote's counting and review pages (tallies, fraud review, appeals, results). Chinese first. */
export const voteReviewMessages = {
  'nav.voteReview': { zh: '计票与审核', en: 'Counting and review' },
} satisfies Dictionary;
