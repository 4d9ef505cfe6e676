/**
 * @drill F-6 no acknowledged write lost: kill -9 of the app under write load, restart on the same database
 * @options --quick (one kill per engine, short load) · --engine sqlite|postgres|both (default both) ·
 *          --kills N · --clients N · --pg-stop (PostgreSQL only: also stop the cluster with
 *          `pg_ctlcluster <ver> main stop -m immediate` mid-load and start it again; never in --quick)
 *
 * The real app (node --import tsx server/main.ts) runs on a fresh SQLite file or PostgreSQL
 * schema holding the demo organisations and users. Concurrent clients write screenings, consents,
 * referrals and return visits through the API and record every 2xx with its id; the app is
 * killed with SIGKILL at random moments and restarted on the same database while the clients
 * wait and carry on (a screening whose answer was lost is retried with its clientRef). At the
 * end every acknowledged write must be in the database, no clientRef twice, and on SQLite
 * `PRAGMA integrity_check` = ok.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { verifyAcks, WriteLoad, type WriteKind } from './load';
import {
  AppProcess,
  check,
  drill,
  engineArg,
  flag,
  foundationDatabase,
  log,
  numArg,
  quick,
  section,
  sleep,
  type Engine,
} from './support';

const kills = numArg('kills', quick ? 1 : 4);
const clients = numArg('clients', 4);
const pgStop = flag('pg-stop') && !quick;
const rand = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

/** The cluster behind 127.0.0.1:5432 on this machine (Debian's pg_ctlcluster, as .ci/run starts it). */
function pgCluster(): { version: string; name: string } {
  const version = readdirSync('/etc/postgresql').sort().at(-1);
  if (!version) throw new Error('no /etc/postgresql/<version>: cannot find the cluster to stop');
  return { version, name: 'main' };
}

async function stopAndStartPostgres(): Promise<number> {
  const { version, name } = pgCluster();
  const t0 = Date.now();
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'stop', '-m', 'immediate'], {
    stdio: 'inherit',
  });
  await sleep(1000);
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'start'], { stdio: 'inherit' });
  for (let i = 0; i < 60; i++) {
    try {
      execFileSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']);
      return Date.now() - t0;
    } catch {
      await sleep(500);
    }
  }
  throw new Error('PostgreSQL did not come back within 30 s');
}

async function run(engine: Engine): Promise<void> {
  section(
    `F-6 on ${engine}: ${clients} clients, ${kills} × kill -9 of the app${engine === 'postgres' && pgStop ? ', 1 × immediate stop of PostgreSQL' : ''}`,
  );
  const db = await foundationDatabase(engine, `f6-${engine}`);
  await db.handle.close();
  const app = new AppProcess(db.url, db.secretsFile);
  try {
    const first = await app.start();
    log(`  app started in ${first} ms (pid ${app.pid}) on ${db.where}`);
    const load = new WriteLoad(app, db, { clients });
    await load.setup();
    load.start();

    /**
     * Lets the load run until it has `n` more acknowledgements (or a minute passed): on a loaded
     * machine a fixed pause may see too few writes for the kill to mean anything.
     */
    const untilMoreAcks = async (n: number) => {
      const target = load.acks.length + n;
      for (const until = Date.now() + 60_000; load.acks.length < target && Date.now() < until;)
        await sleep(100);
    };
    const restarts: number[] = [];
    for (let k = 0; k < kills; k++) {
      await sleep(rand(quick ? 1500 : 2000, quick ? 3000 : 5000));
      await untilMoreAcks(12);
      const before = load.acks.length;
      await app.kill9();
      const took = await app.start();
      restarts.push(took);
      log(
        `  kill -9 #${k + 1} after ${before} acknowledged writes; restarted in ${took} ms (pid ${app.pid})`,
      );
    }
    if (engine === 'postgres' && pgStop) {
      await sleep(rand(1500, 3000));
      const before = load.acks.length;
      log(`  stopping PostgreSQL (immediate) after ${before} acknowledged writes…`);
      const down = await stopAndStartPostgres();
      log(`  PostgreSQL back after ${down} ms`);
      // The app may survive (its pool reconnects) or exit with its connections, now or at its
      // next query; a supervisor would start it again, and so does this watch for 10 s.
      for (const until = Date.now() + 10_000; Date.now() < until;) {
        if (!app.running) {
          log('  the app exited after PostgreSQL went away; restarting it (as a supervisor would)');
          await app.start();
        }
        await sleep(250);
      }
      for (let i = 0; i < 300 && !(await app.healthy()); i++) await sleep(100);
      check('app answers /api/health again after PostgreSQL came back', await app.healthy());
    }
    await sleep(quick ? 1000 : 2000);
    // Writes after the last restart too, and enough of them for the check below.
    await untilMoreAcks(12);
    for (
      const until = Date.now() + 60_000;
      (load.count('screening') <= 20 || load.count('referral') === 0) && Date.now() < until;
    )
      await sleep(100);
    await load.stop();
    // A last kill with nothing flushed, then one more start on the same database.
    await app.kill9();
    await app.start();
    check(
      'app restarts on the same database after the final kill -9',
      await app.healthy(),
      `${app.starts} starts`,
    );
    await app.stop();

    const counts = (['screening', 'consent', 'referral', 'visit'] as WriteKind[])
      .map((k) => `${load.count(k)} ${k}s`)
      .join(', ');
    const retried = load.acks.filter((a) => a.retried).length;
    log(
      `  acknowledged: ${counts}; ${load.inDoubt} answers lost or 5xx, ${retried} screenings retried by clientRef`,
    );
    check(
      'the load was acknowledged across the kills',
      load.count('screening') > 20 && load.count('referral') > 0,
      counts,
    );
    check('no write refused with a 4xx', load.refused.length === 0, load.refused.slice(0, 3).join(' | '));

    const v = await verifyAcks(db.url, db.schema, load.acks);
    const lost = Object.entries(v.lost).filter(([, ids]) => ids.length > 0);
    check(
      '0 acknowledged writes lost',
      lost.length === 0,
      lost.length ? lost.map(([k, ids]) => `${ids.length} ${k}s`).join(', ') : `${load.acks.length} checked`,
    );
    check(
      'acknowledged screenings carry their clientRef',
      v.mismatched.length === 0,
      `${v.mismatched.length} mismatched`,
    );
    check(
      'no clientRef written twice (retries included)',
      v.duplicates.length === 0,
      v.duplicates.length ? JSON.stringify(v.duplicates.slice(0, 3)) : `${retried} retried`,
    );
    if (engine === 'sqlite') {
      const file = db.url.slice('sqlite:'.length);
      const raw = new SQLite(file, { readonly: true });
      const integrity = raw.pragma('integrity_check', { simple: true });
      const fk = raw.pragma('foreign_key_check') as unknown[];
      raw.close();
      check('PRAGMA integrity_check = ok', integrity === 'ok', String(integrity));
      check('PRAGMA foreign_key_check finds nothing', fk.length === 0, `${fk.length} rows`);
    }
    log(`  restarts: ${restarts.map((r) => `${r} ms`).join(', ')}`);
  } finally {
    await app.kill9();
    await db.drop();
  }
}

await drill('F-6', async () => {
  for (const engine of engineArg('both')) await run(engine);
});
