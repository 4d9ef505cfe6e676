import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { DatabaseHandle } from './database';
import { foundation } from './migrations/2026112901-foundation';

/**
 * Migrations are listed in code (not discovered on disk) so they run the same from sources, from
 * tests and from a bundle. Each gets the engine so it can call dialect helpers.
 */
export type PortableMigration = (engine: DatabaseHandle['engine']) => Migration;

/**
 * Migrations by name. The name is what the migrator records in `kysely_migration`: a landed
 * migration keeps its name for ever, wherever its file lives, and the names order the run.
 */
export type Migrations = Readonly<Record<string, PortableMigration>>;

/**
 * The platform's own migrations. The foundation creates the tables of several owners (the union
 * tree, users and roles, sessions, the audit trail); it stays whole here, because splitting it
 * would change the name existing databases have recorded. Later migrations live with their module
 * and are listed by its definition (`ModuleDefinition.migrations`).
 */
export const PLATFORM_MIGRATIONS: Migrations = {
  '2026112901-foundation': foundation,
};

/**
 * Every migration, the platform's and each module's, ordered by name. A name listed twice (by two
 * modules, or by a module and the platform) fails loudly rather than running one of them.
 */
export function collectMigrations(modules: readonly { name: string; migrations?: Migrations }[]): Migrations {
  const owners = new Map<string, string>();
  const all: Record<string, PortableMigration> = {};
  const lists: [owner: string, Migrations][] = [
    ['platform', PLATFORM_MIGRATIONS],
    ...modules.map((m): [string, Migrations] => [`module ${m.name}`, m.migrations ?? {}]),
  ];
  for (const [owner, list] of lists) {
    for (const [name, make] of Object.entries(list)) {
      const first = owners.get(name);
      if (first) throw new Error(`migration ${name} is listed by both ${first} and ${owner}`);
      owners.set(name, owner);
      all[name] = make;
    }
  }
  return Object.fromEntries(
    Object.keys(all)
      .sort()
      .map((name) => [name, all[name]]),
  );
}

function provider(engine: DatabaseHandle['engine'], migrations: Migrations): MigrationProvider {
  return {
    getMigrations: async () =>
      Object.fromEntries(Object.entries(migrations).map(([name, make]) => [name, make(engine)])),
  };
}

function migratorFor(handle: DatabaseHandle, migrations: Migrations): Migrator {
  return new Migrator({
    db: handle.db,
    provider: provider(handle.engine, migrations),
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) throw result.error;
  return (result.results ?? []).map((r) => `${r.direction} ${r.migrationName}: ${r.status}`);
}

export async function migrateToLatest(handle: DatabaseHandle, migrations: Migrations): Promise<string[]> {
  return unwrap(await migratorFor(handle, migrations).migrateToLatest());
}

export async function migrateDown(handle: DatabaseHandle, migrations: Migrations): Promise<string[]> {
  return unwrap(await migratorFor(handle, migrations).migrateDown());
}

export interface MigrationState {
  applied: number;
  pending: number;
  latest: string | null;
}

export async function migrationState(
  handle: DatabaseHandle,
  migrations: Migrations,
): Promise<MigrationState> {
  const list = await migratorFor(handle, migrations).getMigrations();
  const applied = list.filter((m) => m.executedAt);
  return {
    applied: applied.length,
    pending: list.length - applied.length,
    latest: applied.at(-1)?.name ?? null,
  };
}
