import type { Dictionary } from '../../../i18n/core';

/** The words of the vote's set-up pages (campaigns, rules, nominations, experts, candidates). Chinese first. */
export const voteSetupMessages = {
  'nav.campaigns': { zh: '评选活动', en: 'Campaigns' },
} satisfies Dictionary;
