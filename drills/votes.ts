/**
 * @drill votes: kill -9 of the app under vote load, restart — every acknowledged vote stored once, recount = tally
 * @options --quick (one kill per engine, a short load) · --engine sqlite|postgres|both (default both) ·
 *          --kills N · --clients N · --workers N
 *
 * The real app (node --import tsx server/main.ts) runs on a fresh SQLite file or PostgreSQL
 * schema holding the demo organisations and users, a campaign open for voting (set up in this
 * process through the API, as bench/votes.ts does) and signed-in workers. Concurrent clients cast
 * votes and likes over HTTP (10% of them a pair the worker already voted for today) and record
 * every answer; a press whose answer was lost to the kill is retried with its request key. The
 * app is killed with SIGKILL mid-load — batches of the group commit in flight — and restarted on
 * the same database. At the end: every vote answered `counted` is in the database, each request
 * key stored at most once, every refusal answered is not a stored vote, no worker has two votes
 * for a candidate on a day, and the recount from the raw votes equals the tallies.
 */
import { randomBytes } from 'node:crypto';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { createDatabase } from '../server/db/database';
import { PasswordHasher } from '../server/platform/auth/password';
import { MemorySmsSender } from '../server/platform/sms';
import type { Identity } from '../bench/http-load';
import { OffsetClock, setUpCampaign, signInWorkers } from '../bench/votes';
import {
  AppProcess,
  check,
  Client,
  drill,
  engineArg,
  foundationDatabase,
  log,
  numArg,
  quick,
  section,
  sleep,
  type DrillDatabase,
  type Engine,
} from './support';

const kills = numArg('kills', quick ? 1 : 3);
const clients = numArg('clients', quick ? 8 : 16);
const workersN = numArg('workers', quick ? 60 : 200);
const DAY = 86_400_000;

interface Answered {
  key: string;
  kind: 'vote' | 'like';
  outcome: string;
  replayed: boolean;
  retried: boolean;
}

/** The campaign and signed-in workers, made in this process on the database the app will open. */
async function prepare(
  db: DrillDatabase,
): Promise<{ campaignId: string; candidateIds: string[]; workers: Identity[] }> {
  const clock = new OffsetClock();
  // setUpCampaign moves the clock 3 days and a minute on to open voting: that instant is now.
  clock.setNow(new Date(Date.now() - 3 * DAY - 60_000));
  const sms = new MemorySmsSender();
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: db.url,
    SECRETS_FILE: db.secretsFile,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    RATE_LIMIT_PER_MINUTE: '10000000',
  });
  const built = await buildApp({
    config: { ...config, otpResendSeconds: 1 },
    database: db.handle,
    clock,
    sms,
    hasher: PasswordHasher.fast(),
    sleep: async () => {},
    logger: false,
    loginPerMinute: 1_000_000,
  });
  try {
    const base = await built.app.listen({ host: '127.0.0.1', port: 0 });
    const { campaignId, candidateIds } = await setUpCampaign(built, base, clock, db.orgs);
    const workers = await signInWorkers(built, sms, base, workersN);
    return { campaignId, candidateIds, workers };
  } finally {
    await built.app.close();
    await db.handle.close();
  }
}

class VoteLoad {
  readonly answered: Answered[] = [];
  readonly refused: string[] = [];
  lost = 0;
  private stopped = false;
  private running: Promise<void>[] = [];

  constructor(
    private readonly app: AppProcess,
    private readonly campaignId: string,
    private readonly candidateIds: string[],
    private readonly workers: Identity[],
  ) {}

  start(): void {
    this.running = Array.from({ length: clients }, (_, c) => this.client(c));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }

  count(outcome: string): number {
    return this.answered.filter((a) => a.outcome === outcome).length;
  }

  private async client(c: number): Promise<void> {
    // Each client votes for its own workers (as phones do): a worker's presses are one at a time.
    const mine = this.workers.filter((_, i) => i % clients === c);
    const last = new Map<number, string>();
    let n = 0;
    while (!this.stopped && mine.length) {
      const w = n % mine.length;
      n++;
      const dup = n % 10 === 0 && last.has(w);
      const kind: 'vote' | 'like' = !dup && n % 7 === 0 ? 'like' : 'vote';
      const candidateId = dup
        ? last.get(w)!
        : this.candidateIds[Math.floor(Math.random() * this.candidateIds.length)];
      const key = `drill-${randomBytes(9).toString('base64url')}`;
      const a = await this.press(mine[w], candidateId, kind, key);
      if (a) {
        this.answered.push(a);
        if (kind === 'vote') last.set(w, candidateId);
      }
    }
  }

  /** One press, retried with the same request key while the app is down (at most 60 s). */
  private async press(who: Identity, candidateId: string, kind: 'vote' | 'like', key: string) {
    let retried = false;
    for (const until = Date.now() + 60_000; Date.now() < until;) {
      try {
        const res = await fetch(`${this.app.url}/api/vote/campaigns/${this.campaignId}/votes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf },
          body: JSON.stringify({ candidateId, kind, requestKey: key }),
          signal: AbortSignal.timeout(15_000),
        });
        const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
        if (res.status === 200) {
          return {
            key,
            kind,
            outcome: String(body.outcome),
            replayed: body.replayed === true,
            retried,
          } satisfies Answered;
        }
        if (res.status < 500) {
          this.refused.push(`${res.status} ${String(body.code)}`);
          return null;
        }
      } catch {
        // connection refused or reset: the app is down (killed) — try again with the same key
      }
      retried = true;
      this.lost++;
      if (this.stopped && !this.app.running) return null;
      await sleep(100);
    }
    return null;
  }
}

async function verify(db: DrillDatabase, campaignId: string, answered: Answered[]) {
  const handle = createDatabase(db.url, { schema: db.schema, poolSize: 2 });
  try {
    const k = handle.db;
    const stored = new Map<string, number>();
    for (const table of ['voteBallot', 'voteLike'] as const) {
      const rows = await k
        .selectFrom(table)
        .select('requestKey')
        .where('campaignId', '=', campaignId)
        .execute();
      for (const r of rows) stored.set(r.requestKey, (stored.get(r.requestKey) ?? 0) + 1);
    }
    const refusals = new Set(
      (
        await k.selectFrom('voteRefusal').select('requestKey').where('campaignId', '=', campaignId).execute()
      ).map((r) => r.requestKey),
    );
    const counted = answered.filter((a) => a.outcome === 'counted');
    const lost = counted.filter((a) => !stored.has(a.key));
    const twice = [...stored].filter(([, n]) => n > 1);
    const refusedButStored = answered.filter((a) => a.outcome !== 'counted' && stored.has(a.key));
    const refusalLost = answered.filter((a) => a.outcome !== 'counted' && !refusals.has(a.key));
    const doubles = await k
      .selectFrom('voteBallot')
      .select(['workerId', 'candidateId', 'day', (eb) => eb.fn.countAll<number>().as('n')])
      .where('campaignId', '=', campaignId)
      .groupBy(['workerId', 'candidateId', 'day'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    const tally = await k
      .selectFrom('voteTally')
      .select(['candidateId', 'day', 'tier', 'votes', 'likes'])
      .where('campaignId', '=', campaignId)
      .execute();
    const raw = new Map<string, { votes: number; likes: number }>();
    for (const [table, field] of [
      ['voteBallot', 'votes'],
      ['voteLike', 'likes'],
    ] as const) {
      const rows = await k
        .selectFrom(table)
        .select(['candidateId', 'day', 'tier', (eb) => eb.fn.countAll<number>().as('n')])
        .where('campaignId', '=', campaignId)
        .groupBy(['candidateId', 'day', 'tier'])
        .execute();
      for (const r of rows) {
        const key = `${r.candidateId}|${r.day}|${r.tier}`;
        const e = raw.get(key) ?? { votes: 0, likes: 0 };
        e[field] = Number(r.n);
        raw.set(key, e);
      }
    }
    let differences = 0;
    const seen = new Set<string>();
    for (const t of tally) {
      const key = `${t.candidateId}|${t.day}|${t.tier}`;
      seen.add(key);
      const e = raw.get(key) ?? { votes: 0, likes: 0 };
      if (e.votes !== Number(t.votes) || e.likes !== Number(t.likes)) differences++;
    }
    for (const [key, e] of raw) if (!seen.has(key) && (e.votes || e.likes)) differences++;
    const rows = [...stored.values()].reduce((s, n) => s + n, 0);
    return {
      lost,
      twice,
      refusedButStored,
      refusalLost,
      doubles,
      differences,
      rows,
      tallyRows: tally.length,
    };
  } finally {
    await handle.close();
  }
}

async function run(engine: Engine): Promise<void> {
  section(`votes on ${engine}: ${clients} clients, ${workersN} workers, ${kills} × kill -9 of the app`);
  const db = await foundationDatabase(engine, `votes-${engine}`);
  const app = new AppProcess(db.url, db.secretsFile);
  try {
    const t0 = Date.now();
    const { campaignId, candidateIds, workers } = await prepare(db);
    log(
      `  campaign open for voting, ${workers.length} workers signed in (${Date.now() - t0} ms) on ${db.where}`,
    );
    const first = await app.start();
    log(`  app started in ${first} ms (pid ${app.pid})`);
    const load = new VoteLoad(app, campaignId, candidateIds, workers);
    load.start();
    const untilMore = async (n: number) => {
      const target = load.answered.length + n;
      for (const until = Date.now() + 60_000; load.answered.length < target && Date.now() < until;)
        await sleep(50);
    };
    for (let k = 0; k < kills; k++) {
      await sleep(quick ? 800 : 1500 + Math.random() * 2000);
      await untilMore(quick ? 100 : 300);
      const before = load.answered.length;
      await app.kill9();
      const took = await app.start();
      log(`  kill -9 #${k + 1} after ${before} answers; restarted in ${took} ms (pid ${app.pid})`);
    }
    await untilMore(quick ? 100 : 300);
    await load.stop();
    if (!quick) {
      // A last kill with nothing flushed, then one more start on the same database.
      await app.kill9();
      await app.start();
      check(
        'app restarts on the same database after the final kill -9',
        await app.healthy(),
        `${app.starts} starts`,
      );
    }

    const counted = load.count('counted');
    const refused = load.answered.length - counted;
    const retried = load.answered.filter((a) => a.retried);
    log(
      `  answered: ${counted} counted, ${refused} not counted (already today / cap), ` +
        `${retried.length} presses retried by request key after a lost answer (${retried.filter((a) => a.replayed).length} replayed)`,
    );
    check(
      'votes were acknowledged across the kills',
      counted > 50 && app.starts >= kills + 1,
      `${counted} counted`,
    );
    check('no press refused with a 4xx', load.refused.length === 0, load.refused.slice(0, 3).join(' | '));

    const v = await verify(db, campaignId, load.answered);
    check(
      'every acknowledged vote and like is in the database',
      v.lost.length === 0,
      `${counted} checked, ${v.lost.length} lost`,
    );
    check('no request key stored twice (retries included)', v.twice.length === 0, `${v.rows} rows`);
    check(
      'a press answered "not counted" is not a stored vote, and its first answer is kept',
      v.refusedButStored.length === 0 && v.refusalLost.length === 0,
      `${refused} checked`,
    );
    check(
      'no worker has two votes for a candidate on a day',
      v.doubles.length === 0,
      `${v.doubles.length} pairs`,
    );
    check(
      'recount from the raw votes = the tallies',
      v.differences === 0,
      `${v.tallyRows} tally rows, ${v.differences} differences`,
    );

    // The organiser's recount through the API agrees.
    const staff = await new Client(app.url).login('qtx_staff');
    const rc = await staff.post(`/api/vote/campaigns/${campaignId}/recount`);
    const body = rc.body as { equal?: boolean; recount?: { votes: number } };
    check(
      'POST /recount answers equal',
      rc.status === 200 && body.equal === true,
      rc.status === 200 ? `${body.recount?.votes} votes` : rc.text,
    );
    await app.stop();
  } finally {
    await app.kill9();
    await db.drop();
  }
}

await drill('votes', async () => {
  for (const engine of engineArg('both')) await run(engine);
});
