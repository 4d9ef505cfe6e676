import {
  CarryOutOutlined,
  DashboardOutlined,
  GiftOutlined,
  ScheduleOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { defineFeature } from '../../app/feature';
import {
  mayHelp,
  maySeeDashboard,
  maySeePlans,
  maySeeReferrals,
  maySeeResources,
} from '../assistance/permissions';

/** 帮扶: plans, resources, referrals, visits, the dashboard and the printed documents. */
export const helpFeature = defineFeature({
  name: 'help',
  messages: () => import('./messages').then((m) => m.helpMessages),
  pages: [
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
      load: () => import('./plans-page').then((m) => m.PlansPage),
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
      load: () => import('./resources-page').then((m) => m.ResourcesPage),
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
      borrows: ['assistance'],
      load: () => import('./referrals-page').then((m) => m.ReferralsPage),
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
      borrows: ['assistance'],
      load: () => import('./visits-page').then((m) => m.VisitsPage),
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
      load: () => import('./dashboard-page').then((m) => m.DashboardPage),
    },
    {
      // A4 print pages: no menu or header, only the document.
      path: 'print/households/:id',
      crumbs: [],
      bare: true,
      borrows: ['assistance'],
      load: () => import('./household-print').then((m) => m.HouseholdPrintPage),
    },
    {
      path: 'print/referrals/:id',
      crumbs: [],
      bare: true,
      load: () => import('./referral-slip').then((m) => m.ReferralSlipPage),
    },
  ],
});
