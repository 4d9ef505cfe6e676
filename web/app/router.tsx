import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { PhonePagesRedirect } from '../features/assistance/phone-pages';
import { FullPageSpin, RequireSession } from '../components/session/session';
import { ForbiddenResult, NotFoundResult } from '../components/status-results';
import { AppLayout } from './app-layout';
import { RouteErrorPage } from '../components/error-boundary';
import type { Feature, FeaturePage } from './feature';
import { addDictionary } from './i18n';
import { FEATURES } from './features';
import { menuKeyOf } from './navigation';
import type { RouteHandle } from './route-handle';

const handle = (value: RouteHandle) => value;

const byName = new Map(FEATURES.map((feature) => [feature.name, feature]));

/**
 * A page loads with its feature's words, those of the features it borrows from, and the server's
 * error codes; they are merged before the page renders, so no key ever flashes.
 */
async function loadPage(feature: Feature, page: FeaturePage): Promise<{ Component: ComponentType }> {
  const dictionaries = [feature, ...(page.borrows ?? []).map((name) => byName.get(name))].map((owner) =>
    owner?.messages(),
  );
  const [Component, errors, ...words] = await Promise.all([
    page.load(),
    import('./error-messages').then((m) => m.errorMessages),
    ...dictionaries,
  ]);
  addDictionary(errors);
  for (const dictionary of words) if (dictionary) addDictionary(dictionary);
  return { Component };
}

function pageRoute(feature: Feature, page: FeaturePage): RouteObject {
  const lazy = () => loadPage(feature, page);
  if (page.bare) return { path: page.path, lazy };
  const route = {
    handle: handle({ crumbs: page.crumbs, requirement: page.requirement, menuKey: menuKeyOf(page) }),
    lazy,
  };
  return page.path === '' ? { index: true, ...route } : { path: page.path, ...route };
}

const pages = FEATURES.flatMap((feature) => feature.pages.map((page) => ({ feature, page })));

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
          ...pages.filter(({ page }) => page.bare).map(({ feature, page }) => pageRoute(feature, page)),
          {
            element: <AppLayout />,
            children: [
              ...pages.filter(({ page }) => !page.bare).map(({ feature, page }) => pageRoute(feature, page)),
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
