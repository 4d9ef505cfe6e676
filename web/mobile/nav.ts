import { createContext, useContext } from 'react';

/**
 * A router of its own for a few paths (/m, /m/screen, /m/screen?draft=…, /m/help…): react-router would
 * add to what the phone downloads for nothing it needs here.
 */
export type Route =
  | { name: 'home' }
  | {
      name: 'screen';
      draftId: string | null;
      /** A return visit to a household taken along (offline record), by its id. */
      revisitId?: string | null;
      /** A queued screening the server refused, to fix (offline queue item id). */
      itemId?: string | null;
      /** A form kept on the phone while offline (its reference). */
      localId?: string | null;
    }
  /** One queued item the server refused as stale: compare field by field. */
  | { name: 'sync'; itemId: string | null }
  | {
      name: 'help';
      page: HelpPage;
      /** /m/help/request?item=<id>: a queued request the server refused, to fix (offline queue item id). */
      itemId?: string | null;
    }
  | { name: 'notFound' };

/** The workers' own pages under /m/help: open to anyone, no sign-in. */
export type HelpPage = 'home' | 'request' | 'status' | 'selfTest' | 'notFound';
const HELP_PAGES: Record<string, HelpPage> = {
  '/m/help': 'home',
  '/m/help/request': 'request',
  '/m/help/status': 'status',
  '/m/help/self-test': 'selfTest',
};

export function parseRoute(): Route {
  const path = window.location.pathname.replace(/\/+$/, '');
  if (path === '/m' || path === '/m/index.html') return { name: 'home' };
  const query = new URLSearchParams(window.location.search);
  if (path === '/m/help' || path.startsWith('/m/help/')) {
    const page = HELP_PAGES[path] ?? 'notFound';
    return page === 'request' ? { name: 'help', page, itemId: query.get('item') } : { name: 'help', page };
  }
  if (path === '/m/screen') {
    return {
      name: 'screen',
      draftId: query.get('draft'),
      revisitId: query.get('revisit'),
      itemId: query.get('item'),
      localId: query.get('local'),
    };
  }
  if (path === '/m/sync') return { name: 'sync', itemId: query.get('item') };
  return { name: 'notFound' };
}

export interface Nav {
  route: Route;
  /** Counts navigations: going to the page you are on starts it afresh (再摸排一户). */
  visit: number;
  navigate: (to: string) => void;
}

export const NavContext = createContext<Nav>({
  route: { name: 'home' },
  visit: 0,
  navigate: () => undefined,
});
export const useNav = () => useContext(NavContext);

/** The address without a render: a new draft's id goes in the URL so a reload finds it. */
export function replaceAddress(to: string): void {
  window.history.replaceState(window.history.state, '', to);
}
