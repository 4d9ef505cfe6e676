import { createContext, useContext } from 'react';

/**
 * A router of its own for three paths (/m, /m/screen, /m/screen?draft=…): react-router would
 * add to what the phone downloads for nothing it needs here.
 */
export type Route = { name: 'home' } | { name: 'screen'; draftId: string | null } | { name: 'notFound' };

export function parseRoute(): Route {
  const path = window.location.pathname.replace(/\/+$/, '');
  if (path === '/m' || path === '/m/index.html') return { name: 'home' };
  if (path === '/m/screen') {
    return { name: 'screen', draftId: new URLSearchParams(window.location.search).get('draft') };
  }
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
