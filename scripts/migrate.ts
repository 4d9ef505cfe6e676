import { loadConfig } from '../server/config';
import { createDatabase } from '../server/db/database';
import { migrateDown, migrateToLatest } from '../server/db/migrator';

/** `npm run migrate` (to latest) or `npm run migrate -- down` (one step back). */
const direction = process.argv[2] ?? 'latest';
const config = loadConfig();
const database = createDatabase(config.databaseUrl);
try {
  const lines = direction === 'down' ? await migrateDown(database) : await migrateToLatest(database);
  process.stdout.write(lines.length ? `${lines.join('\n')}\n` : 'already up to date\n');
} finally {
  await database.close();
}
