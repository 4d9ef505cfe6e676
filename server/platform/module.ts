import type { FastifyPluginAsync } from 'fastify';
import type { Migrations } from '../db/migrator';
import type { Platform } from './platform';

/** Settings only the composition root knows (tests and benches raise them). */
export interface ModuleOptions {
  loginPerMinute: number;
}

/**
 * The one shape of a business system on the server. `server/app.ts` registers a list of these
 * (in order: a module's `needs` come before it) and nothing else: adding a system is its folder
 * plus one line there. `name` is the key of its services in `App.services`.
 */
export interface ModuleDefinition<Name extends string = string, Services = unknown, Needs = unknown> {
  name: Name;
  /** The modules whose services this one is built from, by name; each must be listed earlier. */
  needs: readonly string[];
  /**
   * The module's migrations by their recorded name (`<yyyymmddnn>-<what>`, files in its
   * `migrations/` folder); `collectMigrations` orders every module's by name, a name listed twice
   * stops the migrator. Never rename or edit a landed one.
   */
  migrations?: Migrations;
  build(p: Platform, needs: Needs, opts: ModuleOptions): { services: Services; routes: FastifyPluginAsync[] };
}

/** Declares a module; `Needs` names the services of earlier modules it is built from. */
export function defineModule<const Name extends string, Services, Needs = Record<never, never>>(
  def: ModuleDefinition<Name, Services, Needs>,
): ModuleDefinition<Name, Services, Needs> {
  return def;
}

type ServicesOf<M> = M extends ModuleDefinition<string, infer S, never> ? S : never;

/** `{ [module name]: its services }` for a list of modules. */
export type ModuleServices<L extends readonly ModuleDefinition[]> = {
  [M in L[number] as M['name']]: ServicesOf<M>;
};

/**
 * Builds every module in list order; a module whose `needs` are not yet built (or two modules
 * of one name) fail loudly at start-up rather than at the first request.
 */
export function buildModules<const L extends readonly ModuleDefinition[]>(
  p: Platform,
  modules: L,
  opts: ModuleOptions,
): { services: ModuleServices<L>; routes: FastifyPluginAsync[] } {
  const services: Record<string, unknown> = {};
  const routes: FastifyPluginAsync[] = [];
  for (const m of modules) {
    if (m.name in services) throw new Error(`module ${m.name} is listed twice`);
    const missing = m.needs.filter((n) => !(n in services));
    if (missing.length) throw new Error(`module ${m.name} needs ${missing.join(', ')} listed before it`);
    const built = m.build(p, Object.fromEntries(m.needs.map((n) => [n, services[n]])), opts);
    services[m.name] = built.services;
    routes.push(...built.routes);
  }
  return { services: services as ModuleServices<L>, routes };
}
