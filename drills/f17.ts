/**
 * @drill F-17 backups restore: online backup under write load, restore into a fresh database, counts and hashes equal
 * @options --quick (shorter load) · --engine sqlite|postgres|both (default both) · --clients N
 *
 * The real app runs under the F-6 write load while a backup is taken the way README
 * (Operations) says: SQLite — the online backup API on a separate connection (better-sqlite3
 * `db.backup()`, what `sqlite3 … ".backup …"` does); PostgreSQL — `pg_dump -Fc -n <schema>`.
 * The backup is restored into a fresh database (`sqlite3 new.db ".restore backup.db"`; a new
 * PostgreSQL database via `pg_restore`), and every table's row count and content hash (rows in
 * primary-key order) must equal the backup's own snapshot: the backup file itself on SQLite, the
 * exported snapshot pg_dump ran in on PostgreSQL (the load goes on after the backup, so the live
 * database is not the reference). Finally the app starts on the restored copy with the same
 * secrets file, answers /api/health, and decrypts an ID number (reveal) — a backup without
 * ./data/secrets.json (or the configured keys) would not.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../server/db/schema';
import { isValidIdNumber } from '../server/platform/personal-data/identity';
import { WriteLoad } from './load';
import {
  AppProcess,
  check,
  Client,
  drill,
  engineArg,
  fingerprint,
  foundationDatabase,
  log,
  numArg,
  PG_URL,
  quick,
  section,
  sleep,
  WORK_DIR,
  type DrillDatabase,
  type Engine,
  type TableFingerprint,
} from './support';

const run = promisify(execFile);
const clients = numArg('clients', 3);

function compare(
  name: string,
  snapshot: Map<string, TableFingerprint>,
  restored: Map<string, TableFingerprint>,
) {
  const tables = [...new Set([...snapshot.keys(), ...restored.keys()])].sort();
  const differ = tables.filter(
    (t) =>
      snapshot.get(t)?.rows !== restored.get(t)?.rows || snapshot.get(t)?.sha256 !== restored.get(t)?.sha256,
  );
  const rows = [...snapshot.values()].reduce((s, f) => s + f.rows, 0);
  const busy = ['screening', 'household', 'consent', 'referral', 'return_visit', 'audit_log']
    .map((t) => `${t} ${snapshot.get(t)?.rows ?? '?'}`)
    .join(', ');
  check(
    `${name}: same tables`,
    snapshot.size === restored.size && snapshot.size > 20,
    `${snapshot.size} tables`,
  );
  check(
    `${name}: row counts and content hashes equal in every table`,
    differ.length === 0,
    differ.length
      ? differ.map((t) => `${t}: ${snapshot.get(t)?.rows} vs ${restored.get(t)?.rows}`).join('; ')
      : `${rows} rows (${busy})`,
  );
}

/** The restored copy serves: health, sign-in, and an ID number decrypts with the kept secrets. */
async function restoredAppServes(url: string, db: DrillDatabase, householdId: string | undefined) {
  const app = new AppProcess(url, db.secretsFile);
  try {
    const took = await app.start();
    check('the app starts on the restored copy and answers /api/health', await app.healthy(), `${took} ms`);
    const staff = await new Client(app.url).login('qtx_staff');
    if (!householdId) {
      check('a household to reveal in the backup', false);
      return;
    }
    const res = await staff.post(`/api/households/${householdId}/reveal`, {
      field: 'idNumber',
      reason: 'F-17 恢复演练核对',
    });
    const value = (res.body as { value?: string }).value ?? '';
    check(
      'an encrypted ID number decrypts on the restored copy (secrets kept)',
      res.status === 200 && isValidIdNumber(value),
      `${res.status} ${value.slice(0, 6)}…`,
    );
  } finally {
    await app.stop();
  }
}

async function sqliteDrill(db: DrillDatabase, load: WriteLoad): Promise<void> {
  const file = db.url.slice('sqlite:'.length);
  const backup = join(WORK_DIR, `f17-${process.pid}-backup.db`);
  const restored = join(WORK_DIR, `f17-${process.pid}-restored.db`);
  for (const f of [backup, restored]) rmSync(f, { force: true });
  try {
    const before = load.acks.length;
    const t0 = Date.now();
    // A connection of its own, as `sqlite3 data/unioncare.db ".backup …"` would open.
    const src = new SQLite(file);
    await src.backup(backup);
    src.close();
    log(
      `  online backup of ${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB in ${Date.now() - t0} ms ` +
        `(${before} → ${load.acks.length} acknowledged writes meanwhile)`,
    );
    await sleep(1000);
    load.stopSoon();
    let how: string;
    if (existsSync('/usr/bin/sqlite3')) {
      await run('sqlite3', [restored, `.restore ${backup}`]);
      how = 'sqlite3 .restore';
    } else {
      copyFileSync(backup, restored);
      how = 'file copy';
    }
    log(`  restored into a fresh file with ${how}`);
    const open = (f: string) =>
      new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(f, { readonly: true }) }) });
    const a = open(backup);
    const b = open(restored);
    const snap = await fingerprint(a, 'sqlite');
    const rest = await fingerprint(b, 'sqlite');
    const h = await sql<{ id: string }>`SELECT id FROM household ORDER BY id LIMIT 1`.execute(a);
    const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(b);
    await a.destroy();
    await b.destroy();
    compare('SQLite backup vs restored file', snap, rest);
    check('restored file: PRAGMA integrity_check = ok', integrity.rows[0]?.integrity_check === 'ok');
    await load.stop();
    await restoredAppServes(`sqlite:${restored}`, db, h.rows[0]?.id);
  } finally {
    for (const f of [backup, restored])
      for (const s of ['', '-wal', '-shm']) rmSync(`${f}${s}`, { force: true });
  }
}

async function postgresDrill(db: DrillDatabase, load: WriteLoad): Promise<void> {
  const schema = db.schema!;
  const dump = join(WORK_DIR, `f17-${process.pid}.dump`);
  const restoredDb = `uc_f17_${process.pid}_${Date.now().toString(36)}`;
  const base = new URL(PG_URL);
  const restoredUrl = new URL(PG_URL);
  restoredUrl.pathname = `/${restoredDb}`;
  // One connection holds the snapshot pg_dump runs in, so the reference is exactly what was dumped.
  const snapDb = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: PG_URL, max: 1, options: `-c search_path=${schema}` }),
    }),
  });
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await sql`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`.execute(snapDb);
    const snapshotId = (await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(snapDb)).rows[0]
      .id;
    const before = load.acks.length;
    const t0 = Date.now();
    await run('pg_dump', ['-Fc', '-n', schema, `--snapshot=${snapshotId}`, '-f', dump, base.toString()]);
    log(
      `  pg_dump -Fc -n ${schema} (${(statSync(dump).size / 1024).toFixed(0)} KiB) in ${Date.now() - t0} ms ` +
        `(${before} → ${load.acks.length} acknowledged writes meanwhile)`,
    );
    const snap = await fingerprint(snapDb, 'postgres');
    const h = await sql<{ id: string }>`SELECT id FROM household ORDER BY id LIMIT 1`.execute(snapDb);
    await sql`COMMIT`.execute(snapDb);
    load.stopSoon();

    await admin.query(`CREATE DATABASE ${restoredDb}`);
    const t1 = Date.now();
    await run('pg_restore', ['--no-owner', '-d', restoredUrl.toString(), dump]);
    log(`  pg_restore into the new database ${restoredDb} in ${Date.now() - t1} ms`);
    const restored = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({
          connectionString: restoredUrl.toString(),
          max: 1,
          options: `-c search_path=${schema}`,
        }),
      }),
    });
    const rest = await fingerprint(restored, 'postgres');
    await restored.destroy();
    compare('pg_dump snapshot vs restored database', snap, rest);
    await load.stop();
    const url = `${restoredUrl.toString()}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    await restoredAppServes(url, db, h.rows[0]?.id);
  } finally {
    await snapDb.destroy().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${restoredDb} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    rmSync(dump, { force: true });
  }
}

async function runEngine(engine: Engine): Promise<void> {
  section(`F-17 on ${engine}: backup under the load of ${clients} clients, restore, compare`);
  const db = await foundationDatabase(engine, `f17-${engine}`);
  await db.handle.close();
  const app = new AppProcess(db.url, db.secretsFile);
  try {
    await app.start();
    const load = new WriteLoad(app, db, { clients });
    await load.setup();
    load.start();
    await sleep(quick ? 2500 : 8000);
    if (engine === 'sqlite') await sqliteDrill(db, load);
    else await postgresDrill(db, load);
    await load.stop();
    check(
      'the load ran through the backup',
      load.acks.length > 10 && load.refused.length === 0,
      `${load.acks.length} acknowledged writes`,
    );
  } finally {
    await app.kill9();
    await db.drop();
  }
}

await drill('F-17', async () => {
  for (const engine of engineArg('both')) await runEngine(engine);
});
