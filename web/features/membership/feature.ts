import { BarChartOutlined, TeamOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/feature';
import { mayReadMembers } from './permissions';

/**
 * 会员名册 (server/modules/membership): the unit unions' rolls, their numbers, import and export.
 * Menu lines and crumbs take the shell's words (web/app/messages.ts): they render before the
 * feature's dictionary loads.
 */
export const membershipFeature = defineFeature({
  name: 'membership',
  messages: () => import('./messages').then((m) => m.membershipMessages),
  pages: [
    {
      path: 'membership/members',
      crumbs: [{ key: 'nav.membership' }, { key: 'nav.memberRoll' }],
      requirement: mayReadMembers,
      menu: {
        group: 'membership',
        order: 10,
        icon: TeamOutlined,
        label: 'nav.memberRoll',
        testId: 'menu-member-roll',
      },
      load: () => import('./roll/members-page').then((m) => m.MembersPage),
    },
    {
      path: 'membership/counts',
      crumbs: [{ key: 'nav.membership' }, { key: 'nav.memberCounts' }],
      requirement: mayReadMembers,
      menu: {
        group: 'membership',
        order: 20,
        icon: BarChartOutlined,
        label: 'nav.memberCounts',
        testId: 'menu-member-counts',
      },
      load: () => import('./counts/counts-page').then((m) => m.MemberCountsPage),
    },
  ],
});
