import { createBrowserRouter, type RouteObject } from 'react-router';
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
        path: '/login',
        lazy: () => import('../features/auth/login-page').then((m) => ({ Component: m.LoginPage })),
      },
      {
        element: <RequireSession />,
        children: [
          {
            element: <AppLayout />,
            children: [
              {
                index: true,
                handle: handle({ crumbs: [] }),
                lazy: () => import('../features/home/home-page').then((m) => ({ Component: m.HomePage })),
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
