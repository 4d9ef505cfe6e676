import { defineFeature } from '../../app/feature';

/** 会员名册 (server/modules/membership): the unit unions' rolls, their numbers, import and export. */
export const membershipFeature = defineFeature({
  name: 'membership',
  messages: () => import('./messages').then((m) => m.membershipMessages),
  pages: [],
});
