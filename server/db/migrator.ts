import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { DatabaseHandle } from './database';
import { foundation } from './migrations/2026112901-foundation';
import { assistance } from './migrations/2026112902-assistance';
import { help } from './migrations/2026112903-help';
import { consentConfirmation } from './migrations/2026120705-consent-confirmation';
import { federationAreaLock } from './migrations/2026120702-federation-area-lock';
import { identifierSearch } from './migrations/2026120704-identifier-search';
import { loginThrottle } from './migrations/2026120701-login-throttle';
import { moneyBigint } from './migrations/2026120706-money-bigint';
import { selfReportUnverified } from './migrations/2026120703-self-report-unverified';

/**
 * Migrations are listed here in order (not discovered on disk) so they run the same from
 * sources, from tests and from a bundle. Each gets the engine so it can call dialect helpers.
 */
export type PortableMigration = (engine: DatabaseHandle['engine']) => Migration;

const MIGRATIONS: Record<string, PortableMigration> = {
  '2026112901-foundation': foundation,
  '2026112902-assistance': assistance,
  '2026112903-help': help,
  '2026120701-login-throttle': loginThrottle,
  '2026120702-federation-area-lock': federationAreaLock,
  '2026120703-self-report-unverified': selfReportUnverified,
  '2026120704-identifier-search': identifierSearch,
  '2026120705-consent-confirmation': consentConfirmation,
  '2026120706-money-bigint': moneyBigint,
};

function provider(engine: DatabaseHandle['engine']): MigrationProvider {
  return {
    getMigrations: async () =>
      Object.fromEntries(Object.entries(MIGRATIONS).map(([name, make]) => [name, make(engine)])),
  };
}

function migratorFor(handle: DatabaseHandle): Migrator {
  return new Migrator({
    db: handle.db,
    provider: provider(handle.engine),
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) throw result.error;
  return (result.results ?? []).map((r) => `${r.direction} ${r.migrationName}: ${r.status}`);
}

export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  return unwrap(await migratorFor(handle).migrateToLatest());
}

export async function migrateDown(handle: DatabaseHandle): Promise<string[]> {
  return unwrap(await migratorFor(handle).migrateDown());
}

export interface MigrationState {
  applied: number;
  pending: number;
  latest: string | null;
}

export async function migrationState(handle: DatabaseHandle): Promise<MigrationState> {
  const list = await migratorFor(handle).getMigrations();
  const applied = list.filter((m) => m.executedAt);
  return {
    applied: applied.length,
    pending: list.length - applied.length,
    latest: applied.at(-1)?.name ?? null,
  };
}
