import { ApartmentOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/feature';

export const organisationFeature = defineFeature({
  name: 'organisation',
  messages: () => import('./messages').then((m) => m.organisationMessages),
  pages: [
    {
      path: 'admin/orgs',
      crumbs: [{ key: 'nav.admin' }, { key: 'nav.orgs' }],
      requirement: 'org.read',
      menu: { group: 'admin', order: 10, icon: ApartmentOutlined, label: 'nav.orgs', testId: 'menu-orgs' },
      load: () => import('./orgs-page').then((m) => m.OrgsPage),
    },
  ],
});
