import { SqliteAdapter, sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Engine } from './database';
import type { Database } from './schema';

/**
 * Everything that differs between SQLite and PostgreSQL lives here, so the rest of the code
 * stays portable (the scale path runs through PostgreSQL-compatible distributed engines).
 */

/** True when an insert or update broke a unique index (SQLite: SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY; PostgreSQL: 23505). */
export function isUniqueViolation(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown };
  return (
    e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** Escapes LIKE wildcards in user text; pair with `escape '\\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column LIKE '%text%'` with the user's `%` and `_` taken literally. The explicit ESCAPE clause
 * is needed on SQLite (no default escape character) and harmless on PostgreSQL.
 */
export function containsText(column: Expression<unknown>, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${`%${escapeLike(text)}%`} escape '\\'`;
}

export function startsWithText(column: Expression<unknown>, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${`${escapeLike(text)}%`} escape '\\'`;
}

/** Makes a table append-only in the engine itself, so no code path (or hand-typed SQL) can rewrite history. */
export async function makeAppendOnly<DB>(db: Kysely<DB>, engine: Engine, table: string): Promise<void> {
  if (engine === 'sqlite') {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
    )
    .execute(db);
}

export async function dropAppendOnly<DB>(db: Kysely<DB>, engine: Engine, table: string): Promise<void> {
  if (engine === 'sqlite') {
    await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_update`).execute(db);
    await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_delete`).execute(db);
    return;
  }
  await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_change ON ${table}`).execute(db);
  await sql.raw(`DROP FUNCTION IF EXISTS ${table}_append_only()`).execute(db);
}

/** Engine name and version for /api/health. */
export async function engineVersion(db: Kysely<Database>, engine: Engine): Promise<string> {
  const q =
    engine === 'sqlite'
      ? sql<{ v: string }>`select sqlite_version() as v`
      : sql<{ v: string }>`show server_version`;
  const r = await q.execute(db);
  const row = r.rows[0] as Record<string, string> | undefined;
  return row ? String(Object.values(row)[0]) : 'unknown';
}

/** The engine behind a Kysely instance or transaction (for the few expressions that differ). */
export function engineOfDb<DB>(db: Kysely<DB>): Engine {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

/** ISO-8601 week (`2026-W23`) of a `YYYY-MM-DD` text column, the same on both engines (SQLite ≥ 3.46). */
export function isoWeekOf<DB>(db: Kysely<DB>, date: Expression<unknown>): RawBuilder<string> {
  return engineOfDb(db) === 'sqlite'
    ? sql<string>`strftime('%G-W%V', ${date})`
    : sql<string>`to_char(cast(${date} as date), 'IYYY-"W"IW')`;
}
