import { HomeOutlined } from '@ant-design/icons';
import { defineFeature } from '../../app/feature';

export const homeFeature = defineFeature({
  name: 'home',
  messages: () => import('./messages').then((m) => m.homeMessages),
  pages: [
    {
      path: '',
      crumbs: [],
      menu: { group: 'root', order: 0, icon: HomeOutlined, label: 'nav.home', testId: 'menu-home' },
      borrows: ['auth'],
      load: () => import('./home-page').then((m) => m.HomePage),
    },
  ],
});
