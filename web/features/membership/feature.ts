import { TeamOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/feature';
import { mayReadMembers } from './permissions';

/**
 * 会员名册 (server/modules/membership): the unit unions' rolls, their numbers, import and export.
 * Menu lines and crumbs take the shell's words (web/app/messages.ts), which have 会员名册 only:
 * 各单位会员数 opens from the roll's header and highlights its entry.
 */
export const membershipFeature = defineFeature({
  name: 'membership',
  messages: () => import('./messages').then((m) => m.membershipMessages),
  pages: [
    {
      path: 'membership/members',
      crumbs: [{ key: 'nav.membership' }],
      requirement: mayReadMembers,
      menu: {
        group: 'membership',
        order: 10,
        icon: TeamOutlined,
        label: 'nav.membership',
        testId: 'menu-member-roll',
      },
      load: () => import('./roll/members-page').then((m) => m.MembersPage),
    },
    {
      path: 'membership/counts',
      crumbs: [{ key: 'nav.membership', to: '/membership/members' }],
      requirement: mayReadMembers,
      highlights: 'membership/members',
      load: () => import('./counts/counts-page').then((m) => m.MemberCountsPage),
    },
  ],
});
