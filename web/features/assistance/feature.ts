import {
  CarryOutOutlined,
  DashboardOutlined,
  FolderOpenOutlined,
  FormOutlined,
  GiftOutlined,
  MergeCellsOutlined,
  MobileOutlined,
  ScheduleOutlined,
  SendOutlined,
  SettingOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { defineFeature } from '../../app/feature';
import {
  mayHelp,
  mayMerge,
  mayReadHouseholds,
  mayScreen,
  maySeeDashboard,
  maySeePlans,
  maySeeReferrals,
  maySeeResources,
  maySeeSetup,
  mayUseArchives,
} from './permissions';

/**
 * 爱心联盟 (S1), one feature in the capability folders of server/modules/assistance: households,
 * screening and merges, archives, the alliance's set-up, plans, resources, referrals, visits, the
 * dashboard and the printed documents.
 */
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
      load: () => import('./households/households-page').then((m) => m.HouseholdsPage),
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
      load: () => import('./households/household-page').then((m) => m.HouseholdPage),
    },
    {
      path: 'alliance/screen',
      crumbs: [{ key: 'nav.alliance' }, { key: 'nav.screen' }],
      requirement: mayScreen,
      menu: { group: 'alliance', order: 20, icon: FormOutlined, label: 'nav.screen', testId: 'menu-screen' },
      load: () => import('./screening/screen-page').then((m) => m.ScreenPage),
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
      load: () => import('./screening/merges-page').then((m) => m.MergesPage),
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
      load: () => import('./archives/archives-page').then((m) => m.ArchivesPage),
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
      load: () => import('./alliance/setup-page').then((m) => m.SetupPage),
    },
    {
      path: 'alliance/plans',
      crumbs: [{ key: 'nav.alliance' }, { key: 'nav.plans' }],
      requirement: maySeePlans,
      menu: {
        group: 'alliance',
        order: 50,
        icon: ScheduleOutlined,
        label: 'nav.plans',
        testId: 'menu-plans',
      },
      load: () => import('./plans/plans-page').then((m) => m.PlansPage),
    },
    {
      path: 'alliance/resources',
      crumbs: [{ key: 'nav.alliance' }, { key: 'nav.resources' }],
      requirement: maySeeResources,
      menu: {
        group: 'alliance',
        order: 60,
        icon: GiftOutlined,
        label: 'nav.resources',
        testId: 'menu-resources',
      },
      load: () => import('./resources/resources-page').then((m) => m.ResourcesPage),
    },
    {
      path: 'alliance/referrals',
      crumbs: [{ key: 'nav.alliance' }, { key: 'nav.referrals' }],
      requirement: maySeeReferrals,
      menu: {
        group: 'alliance',
        order: 70,
        icon: SendOutlined,
        label: 'nav.referrals',
        testId: 'menu-referrals',
      },
      load: () => import('./referrals/referrals-page').then((m) => m.ReferralsPage),
    },
    {
      path: 'alliance/visits',
      crumbs: [{ key: 'nav.alliance' }, { key: 'nav.visits' }],
      requirement: mayHelp,
      menu: {
        group: 'alliance',
        order: 80,
        icon: CarryOutOutlined,
        label: 'nav.visits',
        testId: 'menu-visits',
      },
      load: () => import('./visits/visits-page').then((m) => m.VisitsPage),
    },
    {
      path: 'alliance/dashboard',
      crumbs: [{ key: 'nav.alliance' }, { key: 'nav.dashboard' }],
      requirement: maySeeDashboard,
      menu: {
        group: 'alliance',
        order: 90,
        icon: DashboardOutlined,
        label: 'nav.dashboard',
        testId: 'menu-dashboard',
      },
      load: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage),
    },
    {
      // A4 print pages: no menu or header, only the document.
      path: 'print/households/:id',
      crumbs: [],
      bare: true,
      load: () => import('./households/household-print').then((m) => m.HouseholdPrintPage),
    },
    {
      path: 'print/referrals/:id',
      crumbs: [],
      bare: true,
      load: () => import('./referrals/referral-slip').then((m) => m.ReferralSlipPage),
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
