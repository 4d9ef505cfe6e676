import {
  FolderOpenOutlined,
  FormOutlined,
  MergeCellsOutlined,
  MobileOutlined,
  SettingOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { defineFeature } from '../../app/feature';
import { mayMerge, mayReadHouseholds, mayScreen, maySeeSetup, mayUseArchives } from './permissions';

/** 爱心联盟: screening, households, merges, archives and the alliance's setup. */
export const assistanceFeature = defineFeature({
  name: 'assistance',
  messages: () => import('./messages').then((m) => m.assistanceMessages),
  pages: [
    {
      path: 'alliance/households',
      crumbs: [{ key: 'nav.alliance' }, { key: 'nav.households' }],
      requirement: mayReadHouseholds,
      menu: {
        group: 'alliance',
        order: 10,
        icon: SolutionOutlined,
        label: 'nav.households',
        testId: 'menu-households',
      },
      borrows: ['help'],
      load: () => import('./households-page').then((m) => m.HouseholdsPage),
    },
    {
      path: 'alliance/households/:id',
      crumbs: [
        { key: 'nav.alliance' },
        { key: 'nav.households', to: '/alliance/households' },
        { key: 'nav.household' },
      ],
      requirement: mayReadHouseholds,
      highlights: 'alliance/households',
      borrows: ['help'],
      load: () => import('./household-page').then((m) => m.HouseholdPage),
    },
    {
      path: 'alliance/screen',
      crumbs: [{ key: 'nav.alliance' }, { key: 'nav.screen' }],
      requirement: mayScreen,
      menu: { group: 'alliance', order: 20, icon: FormOutlined, label: 'nav.screen', testId: 'menu-screen' },
      load: () => import('./screen-page').then((m) => m.ScreenPage),
    },
    {
      path: 'alliance/merges',
      crumbs: [{ key: 'nav.alliance' }, { key: 'nav.merges' }],
      requirement: mayMerge,
      menu: {
        group: 'alliance',
        order: 30,
        icon: MergeCellsOutlined,
        label: 'nav.merges',
        testId: 'menu-merges',
      },
      load: () => import('./merges-page').then((m) => m.MergesPage),
    },
    {
      path: 'alliance/archives',
      crumbs: [{ key: 'nav.alliance' }, { key: 'nav.archives' }],
      requirement: mayUseArchives,
      menu: {
        group: 'alliance',
        order: 40,
        icon: FolderOpenOutlined,
        label: 'nav.archives',
        testId: 'menu-archives',
      },
      load: () => import('./archives-page').then((m) => m.ArchivesPage),
    },
    {
      path: 'alliance/setup',
      crumbs: [{ key: 'nav.alliance' }, { key: 'nav.setup' }],
      requirement: maySeeSetup,
      menu: {
        group: 'alliance',
        order: 100,
        icon: SettingOutlined,
        label: 'nav.setup',
        testId: 'menu-alliance-setup',
      },
      load: () => import('./setup-page').then((m) => m.SetupPage),
    },
  ],
  links: [
    {
      // The phone pages are another app: a full page load, not a client-side route.
      href: '/m',
      requirement: mayScreen,
      menu: {
        group: 'alliance',
        order: 110,
        icon: MobileOutlined,
        label: 'nav.mobile',
        testId: 'menu-mobile',
      },
    },
  ],
});
