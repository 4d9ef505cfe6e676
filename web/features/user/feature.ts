import { TeamOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/feature';
import { canSeeUsers } from '../../components/session/permissions';

export const userFeature = defineFeature({
  name: 'user',
  messages: () => import('./messages').then((m) => m.userMessages),
  pages: [
    {
      path: 'admin/users',
      crumbs: [{ key: 'nav.admin' }, { key: 'nav.users' }],
      requirement: canSeeUsers,
      menu: { group: 'admin', order: 20, icon: TeamOutlined, label: 'nav.users', testId: 'menu-users' },
      borrows: ['auth'],
      load: () => import('./users-page').then((m) => m.UsersPage),
    },
  ],
});
