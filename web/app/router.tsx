import { createBrowserRouter, type RouteObject } from 'react-router';
import { PhonePagesRedirect } from '../features/assistance/phone-pages';
import { FullPageSpin, RequireSession } from '../features/auth/session';
import { ForbiddenResult, NotFoundResult } from '../components/status-results';
import { AppLayout } from './app-layout';
import { RouteErrorPage } from './error-boundary';
import type { FeaturePage } from './feature';
import { FEATURES } from './features';
import { menuKeyOf } from './navigation';
import type { RouteHandle } from './route-handle';

const handle = (value: RouteHandle) => value;

const pages = FEATURES.flatMap((feature) => feature.pages);

function pageRoute(page: FeaturePage): RouteObject {
  const lazy = () => page.load().then((Component) => ({ Component }));
  if (page.bare) return { path: page.path, lazy };
  const route = {
    handle: handle({ crumbs: page.crumbs, requirement: page.requirement, menuKey: menuKeyOf(page) }),
    lazy,
  };
  return page.path === '' ? { index: true, ...route } : { path: page.path, ...route };
}

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
          // Print pages: no menu or header, only the document.
          ...pages.filter((page) => page.bare).map(pageRoute),
          {
            element: <AppLayout />,
            children: [
              ...pages.filter((page) => !page.bare).map(pageRoute),
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
