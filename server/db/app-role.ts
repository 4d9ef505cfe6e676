import { sql } from 'kysely';
import { createDatabase, engineOf, type Db } from './database';
import { migrateToLatest, type Migrations } from './migrator';

/**
 * PostgreSQL with two roles (issue 9 item 9, F-8). The owner (MIGRATION_DATABASE_URL) creates and
 * alters the tables; the app (DATABASE_URL) logs in as a role that owns nothing. An owner may
 * always disable a trigger, truncate or drop its table, so an app that owned `audit_log` could
 * rewrite its own trail whatever the triggers say. Not `SET ROLE` from an owner's login: the app
 * could `RESET ROLE` back at any time, so only a separate login is a boundary.
 *
 * The app gets the rows it works with and, on the audit trail, only what appending needs:
 * SELECT and INSERT on `audit_log`, SELECT and UPDATE on the one `audit_head` row. No UPDATE,
 * DELETE, TRUNCATE, TRIGGER or REFERENCES there, and never ownership (no ALTER TABLE … DISABLE
 * TRIGGER). The grants are applied after every migration, so a new table is covered at once.
 */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function ident(name: string, what: string): string {
  if (!NAME.test(name)) throw new Error(`${what} "${name}" is not a plain PostgreSQL identifier`);
  return `"${name}"`;
}

/** The login role a PostgreSQL URL connects as. */
export function roleOfUrl(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  if (!user) throw new Error('DATABASE_URL must name the role the app connects as');
  return user;
}

export async function grantAppRole(owner: Db, role: string, schema?: string): Promise<void> {
  const current = await sql<{ s: string }>`select current_schema() as s`.execute(owner);
  const s = ident(schema ?? current.rows[0]?.s ?? 'public', 'schema');
  const r = ident(role, 'app role');
  const run = (text: string) => sql.raw(text).execute(owner);
  await run(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await run(`REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${r}`);
  await run(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
  await run(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
  await run(`REVOKE UPDATE, DELETE ON ${s}.audit_log FROM ${r}`);
  await run(`REVOKE INSERT, DELETE ON ${s}.audit_head FROM ${r}`);
  // The migrator's own tables: readable (the health check reports the schema version), no more.
  for (const t of ['kysely_migration', 'kysely_migration_lock']) {
    await run(`REVOKE INSERT, UPDATE, DELETE ON ${s}.${t} FROM ${r}`);
  }
}

/**
 * Migrates before the app starts. With a separate owner connection (PostgreSQL), migrates through
 * it and grants DATABASE_URL's role its rights; otherwise migrates through the app's own handle.
 */
export async function migrateBeforeStart(
  app: Parameters<typeof migrateToLatest>[0],
  databaseUrl: string,
  migrationUrl: string | null,
  migrations: Migrations,
): Promise<string[]> {
  if (!migrationUrl) return migrateToLatest(app, migrations);
  if (engineOf(migrationUrl) !== 'postgres' || app.engine !== 'postgres') {
    throw new Error('MIGRATION_DATABASE_URL is for PostgreSQL: both URLs must be postgres://');
  }
  const owner = createDatabase(migrationUrl, { poolSize: 1, schema: app.schema });
  try {
    const lines = await migrateToLatest(owner, migrations);
    await grantAppRole(owner.db, roleOfUrl(databaseUrl), app.schema);
    return lines;
  } finally {
    await owner.close();
  }
}
