import { MIGRATIONS } from '../server/app';
import { loadConfig } from '../server/config';
import { createDatabase } from '../server/db/database';
import { migrateBeforeStart } from '../server/db/app-role';
import { migrateDown } from '../server/db/migrator';

/**
 * `npm run migrate` (to latest) or `npm run migrate -- down` (one step back). With
 * MIGRATION_DATABASE_URL (PostgreSQL) the owner migrates and DATABASE_URL's role is granted its rights.
 */
const direction = process.argv[2] ?? 'latest';
const config = loadConfig();
const database = createDatabase(
  direction === 'down' ? (config.migrationDatabaseUrl ?? config.databaseUrl) : config.databaseUrl,
);
try {
  const lines =
    direction === 'down'
      ? await migrateDown(database, MIGRATIONS)
      : await migrateBeforeStart(database, config.databaseUrl, config.migrationDatabaseUrl, MIGRATIONS);
  process.stdout.write(lines.length ? `${lines.join('\n')}\n` : 'already up to date\n');
} finally {
  await database.close();
}
