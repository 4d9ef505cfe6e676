import { createBrowserRouter, type RouteObject } from 'react-router';
import { PhonePagesRedirect } from '../features/assistance/phone-pages';
import {
  mayMerge,
  mayReadHouseholds,
  mayScreen,
  maySeeSetup,
  mayUseArchives,
  mayHelp,
  maySeeDashboard,
  maySeePlans,
  maySeeReferrals,
  maySeeResources,
} from '../features/assistance/permissions';
import { canSeeUsers } from '../features/auth/permissions';
import { FullPageSpin, RequireSession } from '../features/auth/session';
import { ForbiddenResult, NotFoundResult } from '../components/status-results';
import { AppLayout } from './app-layout';
import { RouteErrorPage } from './error-boundary';
import type { RouteHandle } from './route-handle';

const handle = (value: RouteHandle) => value;

// Pages load on first visit so the login screen stays small on a phone.
const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    HydrateFallback: FullPageSpin,
    children: [
      {
        // The phone pages are a separate app (dist/web/m/index.html): leave for them.
        path: '/m/*',
        element: <PhonePagesRedirect />,
      },
      {
        path: '/login',
        lazy: () => import('../features/auth/login-page').then((m) => ({ Component: m.LoginPage })),
      },
      {
        element: <RequireSession />,
        children: [
          {
            // A4 print pages: no menu or header, only the document.
            path: 'print/households/:id',
            lazy: () =>
              import('../features/help/household-print').then((m) => ({ Component: m.HouseholdPrintPage })),
          },
          {
            path: 'print/referrals/:id',
            lazy: () =>
              import('../features/help/referral-slip').then((m) => ({ Component: m.ReferralSlipPage })),
          },
          {
            element: <AppLayout />,
            children: [
              {
                index: true,
                handle: handle({ crumbs: [] }),
                lazy: () => import('../features/home/home-page').then((m) => ({ Component: m.HomePage })),
              },
              {
                path: 'alliance/households',
                handle: handle({
                  crumbs: [{ key: 'nav.alliance' }, { key: 'nav.households' }],
                  requirement: mayReadHouseholds,
                }),
                lazy: () =>
                  import('../features/assistance/households-page').then((m) => ({
                    Component: m.HouseholdsPage,
                  })),
              },
              {
                path: 'alliance/households/:id',
                handle: handle({
                  crumbs: [
                    { key: 'nav.alliance' },
                    { key: 'nav.households', to: '/alliance/households' },
                    { key: 'nav.household' },
                  ],
                  requirement: mayReadHouseholds,
                }),
                lazy: () =>
                  import('../features/assistance/household-page').then((m) => ({
                    Component: m.HouseholdPage,
                  })),
              },
              {
                path: 'alliance/screen',
                handle: handle({
                  crumbs: [{ key: 'nav.alliance' }, { key: 'nav.screen' }],
                  requirement: mayScreen,
                }),
                lazy: () =>
                  import('../features/assistance/screen-page').then((m) => ({ Component: m.ScreenPage })),
              },
              {
                path: 'alliance/merges',
                handle: handle({
                  crumbs: [{ key: 'nav.alliance' }, { key: 'nav.merges' }],
                  requirement: mayMerge,
                }),
                lazy: () =>
                  import('../features/assistance/merges-page').then((m) => ({ Component: m.MergesPage })),
              },
              {
                path: 'alliance/archives',
                handle: handle({
                  crumbs: [{ key: 'nav.alliance' }, { key: 'nav.archives' }],
                  requirement: mayUseArchives,
                }),
                lazy: () =>
                  import('../features/assistance/archives-page').then((m) => ({ Component: m.ArchivesPage })),
              },
              {
                path: 'alliance/dashboard',
                handle: handle({
                  crumbs: [{ key: 'nav.alliance' }, { key: 'nav.dashboard' }],
                  requirement: maySeeDashboard,
                }),
                lazy: () =>
                  import('../features/help/dashboard-page').then((m) => ({ Component: m.DashboardPage })),
              },
              {
                path: 'alliance/plans',
                handle: handle({
                  crumbs: [{ key: 'nav.alliance' }, { key: 'nav.plans' }],
                  requirement: maySeePlans,
                }),
                lazy: () => import('../features/help/plans-page').then((m) => ({ Component: m.PlansPage })),
              },
              {
                path: 'alliance/resources',
                handle: handle({
                  crumbs: [{ key: 'nav.alliance' }, { key: 'nav.resources' }],
                  requirement: maySeeResources,
                }),
                lazy: () =>
                  import('../features/help/resources-page').then((m) => ({ Component: m.ResourcesPage })),
              },
              {
                path: 'alliance/referrals',
                handle: handle({
                  crumbs: [{ key: 'nav.alliance' }, { key: 'nav.referrals' }],
                  requirement: maySeeReferrals,
                }),
                lazy: () =>
                  import('../features/help/referrals-page').then((m) => ({ Component: m.ReferralsPage })),
              },
              {
                path: 'alliance/visits',
                handle: handle({
                  crumbs: [{ key: 'nav.alliance' }, { key: 'nav.visits' }],
                  requirement: mayHelp,
                }),
                lazy: () => import('../features/help/visits-page').then((m) => ({ Component: m.VisitsPage })),
              },
              {
                path: 'alliance/setup',
                handle: handle({
                  crumbs: [{ key: 'nav.alliance' }, { key: 'nav.setup' }],
                  requirement: maySeeSetup,
                }),
                lazy: () =>
                  import('../features/assistance/setup-page').then((m) => ({ Component: m.SetupPage })),
              },
              {
                path: 'admin/orgs',
                handle: handle({
                  crumbs: [{ key: 'nav.admin' }, { key: 'nav.orgs' }],
                  requirement: 'org.read',
                }),
                lazy: () =>
                  import('../features/organisation/orgs-page').then((m) => ({ Component: m.OrgsPage })),
              },
              {
                path: 'admin/users',
                handle: handle({
                  crumbs: [{ key: 'nav.admin' }, { key: 'nav.users' }],
                  requirement: canSeeUsers,
                }),
                lazy: () => import('../features/user/users-page').then((m) => ({ Component: m.UsersPage })),
              },
              {
                path: 'admin/audit',
                handle: handle({
                  crumbs: [{ key: 'nav.admin' }, { key: 'nav.audit' }],
                  requirement: 'audit.read',
                }),
                lazy: () => import('../features/audit/audit-page').then((m) => ({ Component: m.AuditPage })),
              },
              {
                path: 'account/password',
                handle: handle({ crumbs: [{ key: 'nav.account' }, { key: 'nav.changePassword' }] }),
                lazy: () =>
                  import('../features/auth/change-password-page').then((m) => ({
                    Component: m.ChangePasswordPage,
                  })),
              },
              {
                path: '403',
                handle: handle({ crumbs: [{ key: 'forbidden.title' }] }),
                element: <ForbiddenResult />,
              },
              {
                path: '*',
                handle: handle({ crumbs: [{ key: 'notFound.title' }] }),
                element: <NotFoundResult />,
              },
            ],
          },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
