import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS } from '../app';
import { createDatabase, type DatabaseHandle } from '../db/database';
import { migrateToLatest } from '../db/migrator';

/** The engine this test run targets: SQLite always; PostgreSQL in the `postgres` vitest project. */
export function testEngine(): 'sqlite' | 'postgres' {
  return process.env.TEST_ENGINE === 'postgres' && process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
}

/**
 * A fresh, migrated database for one test file: SQLite in memory, or a schema of its own in the
 * PostgreSQL named by TEST_DATABASE_URL (dropped again on close).
 */
export async function createTestDatabase(opts: { file?: string } = {}): Promise<DatabaseHandle> {
  if (testEngine() === 'sqlite') {
    const handle = createDatabase(`sqlite:${opts.file ?? ':memory:'}`);
    await migrateToLatest(handle, MIGRATIONS);
    return handle;
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const handle = createDatabase(url, { schema, poolSize: 5 });
  await migrateToLatest(handle, MIGRATIONS);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}
