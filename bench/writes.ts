/**
 * Screening writes: concurrent POST /api/screenings over real HTTP on loopback (each request a
 * new household with a distinct valid ID number and clientRef, signed in as qtx_staff with the
 * session cookie and CSRF header) against a raw-insert route registered in the same app for this
 * bench only (POST /bench/raw-insert: one INSERT into a bench-only table through the same Kysely
 * handle — same engine, connection or pool, HTTP stack; no auth, validation, audit or crypto).
 * Prints req/s, p50/p99 and the ratio, then checks that every acknowledged screening is stored.
 *
 *   npm run bench -- writes [--engine sqlite|postgres|both] [--connections 10] [--duration 10]
 *                           [--warmup 2]
 *
 * The app's rate limit is raised to 10 000 000 a minute (testConfig override) so it never
 * refuses a bench request; request logging is off (logger: false) for both routes alike.
 */
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { buildApp } from '../server/app';
import { PasswordHasher } from '../server/platform/auth/password';
import { FakeClock } from '../server/platform/clock';
import { seedFoundation, DEMO_PASSWORD } from '../server/seed/foundation';
import { testConfig } from '../server/test/test-app';
import { load, okCount, signInHttp, type LoadResult } from './http-load';
import {
  engines,
  flag,
  freshDatabase,
  log,
  mb,
  ms,
  numArg,
  peakRss,
  percentile,
  ratio,
  table,
  type Engine,
} from './lib';

const CONNECTIONS = numArg('connections', 10);
const DURATION = numArg('duration', 10);
const WARMUP = numArg('warmup', Math.min(2, DURATION));
const SQL_TIMES = flag('sql-times');

/**
 * `--sql-times` (SQLite): time every statement better-sqlite3 runs, by SQL text — where a
 * screening's time goes. SQLite statements run synchronously, so these are exact.
 */
const sqlTimes = new Map<string, { n: number; ms: number }>();
function instrumentSqlite(): void {
  const probe = new SQLite(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  for (const m of ['run', 'all', 'get', 'iterate']) {
    const original = proto[m] as (...a: unknown[]) => unknown;
    proto[m] = function (this: { source: string }, ...a: unknown[]) {
      const t0 = performance.now();
      try {
        return original.apply(this, a);
      } finally {
        const k = this.source.replace(/\s+/g, ' ').slice(0, 110);
        const e = sqlTimes.get(k) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += performance.now() - t0;
        sqlTimes.set(k, e);
      }
    };
  }
}
function printSqlTimes(): void {
  const rows = [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
  table(
    ['statement', 'count', 'total ms', 'mean ms'],
    rows.map(([k, v]) => [k, v.n, v.ms.toFixed(0), (v.ms / v.n).toFixed(3)]),
  );
  sqlTimes.clear();
}

function row(label: string, r: LoadResult): (string | number)[] {
  const statuses = Object.entries(r.statuses)
    .map(([s, c]) => `${s}×${c}`)
    .join(' ');
  return [
    label,
    r.rps.toFixed(0),
    ms(percentile(r.latencies, 50)),
    ms(percentile(r.latencies, 99)),
    r.sent,
    statuses + (r.errors ? ` err×${r.errors}` : ''),
  ];
}

async function runEngine(engine: Engine): Promise<void> {
  const fresh = await freshDatabase(engine, 'writes');
  const { handle } = fresh;
  await sql`create table bench_raw (id text primary key, tag text not null, n integer not null, created_at text not null)`.execute(
    handle.db,
  );
  const clock = new FakeClock('2026-06-01T08:00:00.000Z');
  let rawSeq = 0;
  const built = await buildApp({
    config: testConfig({ rateLimitPerMinute: 10_000_000 }),
    database: handle,
    clock,
    hasher: PasswordHasher.fast(),
    sleep: async () => {},
    logger: false,
    loginPerMinute: 1_000_000,
    extraRoutes: (app, platform) => {
      app.post('/bench/raw-insert', async (req, reply) => {
        const b = req.body as { n: number; tag: string };
        const id = `${b.tag}-${++rawSeq}`;
        await sql`insert into bench_raw (id, tag, n, created_at) values (${id}, ${b.tag}, ${b.n}, ${platform.clock.now().toISOString()})`.execute(
          platform.db,
        );
        return reply.code(201).send({ id });
      });
    },
  });
  try {
    await seedFoundation(built.platform);
    const base = await built.app.listen({ host: '127.0.0.1', port: 0 });
    const staff = await signInHttp(base, 'qtx_staff', DEMO_PASSWORD);
    const raw = { cookie: '', csrf: '' };
    log(
      `\n${engine} (${fresh.where}): ${CONNECTIONS} connections, ${DURATION} s each after ${WARMUP} s warm-up`,
    );

    // Warm-up and measured households come from disjoint ranges: every screening is a new household.
    const run = (kind: 'raw' | 'screening', tag: string, duration: number) =>
      load({
        base,
        identities: [kind === 'raw' ? raw : staff],
        connections: CONNECTIONS,
        duration,
        gen: kind === 'raw' ? { kind, tag } : { kind, tag, start: tag === 'warm' ? 0 : 5_000_000 },
      });
    let acknowledged = 0;
    if (WARMUP > 0) {
      await run('raw', 'warm-raw', WARMUP);
      acknowledged += okCount(await run('screening', 'warm', WARMUP));
    }
    const rawR = await run('raw', 'raw', DURATION);
    if (SQL_TIMES && engine === 'sqlite') {
      log('raw insert statements:');
      printSqlTimes();
    }
    const scr = await run('screening', 'scr', DURATION);
    if (SQL_TIMES && engine === 'sqlite') {
      log('screening statements:');
      printSqlTimes();
    }
    acknowledged += okCount(scr);

    table(
      ['route', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'statuses'],
      [row('POST /bench/raw-insert (baseline)', rawR), row('POST /api/screenings', scr)],
    );
    if (Object.keys(scr.codes).length) log(`refusals: ${JSON.stringify(scr.codes)}`);
    log(`ratio screenings / raw insert: ${ratio(scr.rps, rawR.rps)} (goal ≥ 0.60)`);

    const db = built.platform.db;
    const count = async (table: 'screening' | 'household' | 'auditLog') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [screenings, households, audits] = [
      await count('screening'),
      await count('household'),
      await count('auditLog'),
    ];
    const rawRows = Number(
      (await sql<{ n: number }>`select count(*) as n from bench_raw`.execute(db)).rows[0].n,
    );
    log(
      `check: acknowledged screenings (2xx, warm-up included) ${acknowledged}, in the database ${screenings} ` +
        `(households ${households}, audit rows ${audits}) — ${screenings === acknowledged ? 'equal' : 'MISMATCH'}; ` +
        `raw rows ${rawRows}`,
    );
    log(`peak RSS ${mb(peakRss())}`);
  } finally {
    await built.app.close();
    await fresh.drop();
  }
}

async function main(): Promise<void> {
  if (SQL_TIMES) instrumentSqlite();
  for (const engine of engines()) await runEngine(engine);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
