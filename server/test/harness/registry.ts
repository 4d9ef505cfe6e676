/**
 * Every module's harness descriptor, in set-up order (a module after those whose records its
 * set-up uses). The registry test fails on a route of the app that no descriptor owns, or that
 * two own.
 */
import type { RouteInfo } from '../../platform/http/routes';
import type { HarnessDescriptor } from './descriptor';
import { assistanceHarness } from './modules/assistance';
import { auditHarness } from './modules/audit';
import { identityHarness } from './modules/identity';
import { membershipHarness } from './modules/membership';
import { organisationHarness } from './modules/organisation';
import { platformHarness } from './modules/platform';
import { voteHarness } from './modules/vote';

export const HARNESSES: HarnessDescriptor[] = [
  platformHarness,
  organisationHarness,
  identityHarness,
  auditHarness,
  assistanceHarness,
  membershipHarness,
  voteHarness,
];

const ownsUrl = (prefix: string, url: string) => url === prefix || url.startsWith(`${prefix}/`);

/** The descriptors that own a route (exactly one, or the registry test fails). */
export const ownersOf = (route: RouteInfo) =>
  HARNESSES.filter((d) => d.routes.some((p) => ownsUrl(p, route.url)));

export function harnessNamed(name: string): HarnessDescriptor {
  const d = HARNESSES.find((x) => x.name === name);
  if (!d) throw new Error(`no harness descriptor named ${name} in server/test/harness/registry.ts`);
  return d;
}

/**
 * The descriptors one module's harness file builds: the module and what it needs, transitively
 * (`needs` for the matrix, `malformed.needs` for the malformed input), in set-up order.
 */
export function worldOf(
  name: string,
  harness: 'matrix' | 'malformed',
): { d: HarnessDescriptor; part?: string }[] {
  /** Descriptor name → the parts of its set-up wanted (undefined: all of it). */
  const wanted = new Map<string, Set<string> | undefined>();
  const visit = (need: string) => {
    const [n, part] = need.split(':');
    const seen = wanted.has(n);
    const parts = wanted.get(n);
    if (seen && (parts === undefined || (part !== undefined && parts.has(part)))) return;
    wanted.set(n, part === undefined ? undefined : new Set([...(parts ?? []), part]));
    if (seen) return;
    const d = harnessNamed(n);
    for (const x of harness === 'matrix' ? d.needs : d.malformed.needs) visit(x);
  };
  visit(name);
  return HARNESSES.filter((d) => wanted.has(d.name)).flatMap((d) => {
    const parts = wanted.get(d.name);
    return parts ? [...parts].map((part) => ({ d, part })) : [{ d }];
  });
}

/** The routes one module's harness files drive. */
export const routesOf = (name: string, routes: RouteInfo[]) =>
  routes.filter((r) => ownersOf(r).some((d) => d.name === name));

/** The union of one map over every descriptor (a key in two descriptors is an error). */
export function merged<T>(pick: (d: HarnessDescriptor) => Record<string, T> | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  for (const d of HARNESSES) {
    for (const [k, v] of Object.entries(pick(d) ?? {})) {
      if (k in out) throw new Error(`harness descriptors: "${k}" is declared twice (${d.name})`);
      out[k] = v;
    }
  }
  return out;
}

export const SESSION_ROUTE_ACTIONS = merged((d) => d.sessionRouteActions);
