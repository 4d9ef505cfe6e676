import type { UIMatch } from 'react-router';
import type { Requirement } from '../features/auth/permissions';
import type { MessageKey } from './messages';

/** What a route tells the shell: its breadcrumb trail (after 首页) and the action it needs. */
export interface RouteHandle {
  crumbs: { key: MessageKey; to?: string }[];
  requirement?: Requirement;
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
