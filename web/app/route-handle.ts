import type { UIMatch } from 'react-router';
import type { Requirement } from '../components/session/permissions';
import type { Crumb } from './feature';

/** What a route tells the shell: its breadcrumb trail (after 首页), the action it needs and the menu entry it highlights. */
export interface RouteHandle {
  crumbs: Crumb[];
  requirement?: Requirement;
  menuKey?: string;
}

const isRouteHandle = (handle: unknown): handle is RouteHandle =>
  typeof handle === 'object' && handle !== null && Array.isArray((handle as { crumbs?: unknown }).crumbs);

/** The deepest matched route's handle, if it has one. */
export function currentHandle(matches: UIMatch[]): RouteHandle | undefined {
  for (let i = matches.length - 1; i >= 0; i -= 1) {
    const handle = matches[i]?.handle;
    if (isRouteHandle(handle)) return handle;
  }
  return undefined;
}
