import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  /** PostgreSQL schema the tables live in (tests isolate each file in its own). */
  schema?: string;
  close(): Promise<void>;
}

// int8 (COUNT, bigint sequences) as numbers: every value we store stays far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// numeric (what SUM of a bigint column — money in fen — answers) as numbers too: no column is
// numeric, and sums of amounts stay below 2^53 (MONEY_TOTAL_MAX_FEN, decision 0010), so exact.
pg.types.setTypeParser(1700, (v) => Number(v));

export function engineOf(url: string): Engine {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}

/**
 * Kysely's SQLite driver prepares every statement afresh; preparing costs about as much as
 * running a short one. Prepared statements are kept by SQL text (the parameters stay bound per
 * call, so this changes nothing but the time); one that is busy (a streamed read still being
 * iterated) is never handed out twice — a fresh one is prepared instead.
 */
function cachingPrepare(sqlite: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    const hit = cache.get(source);
    if (hit && !hit.busy) return hit;
    const stmt = sqlite.prepare(source);
    if (!hit) {
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(source, stmt);
    }
    return stmt;
  };
  return { prepare, close: () => sqlite.close() } as SqliteDatabase;
}

export function createDatabase(
  url: string,
  opts: { schema?: string; poolSize?: number } = {},
): DatabaseHandle {
  const engine = engineOf(url);
  const plugins = [new CamelCasePlugin()];
  if (engine === 'sqlite') {
    const file = url.slice('sqlite:'.length) || ':memory:';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    // FULL: an acknowledged write survives power loss; speed comes from batching, not weaker durability.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: cachingPrepare(sqlite) }),
      plugins,
    });
    return { db, engine, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // An idle connection that PostgreSQL drops (a restart, a failover) emits 'error' on the pool;
  // unheard, Node would end the process. The pool discards that client and opens a new one on
  // the next query, so requests fail (503) while the server is away and work again after.
  pool.on('error', (err) => {
    process.stderr.write(
      `database: an idle PostgreSQL connection was lost (${err.message}); it will be replaced\n`,
    );
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  return { db, engine, schema: opts.schema, close: () => db.destroy() };
}
