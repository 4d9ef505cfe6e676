import type { Dictionary } from '../../i18n/core';

/** The words of the membership roll's pages; loaded with them (see feature.ts). Chinese first. */
export const membershipMessages = {
  'nav.members': { zh: '会员', en: 'Members' },
} satisfies Dictionary;
