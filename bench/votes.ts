/**
 * Votes (S7b): sustained POST /api/vote/campaigns/:id/votes over real HTTP on loopback, from
 * `--workers` signed-in workers (uc_worker cookies), 10% duplicates (a worker's earlier pair again
 * the same day: already_today), the app's clock crossing midnight in China in the middle of the
 * measured run — against the raw single-insert route of the same app and engine (POST
 * /bench/raw-insert, as bench/writes.ts: one INSERT per request, autocommit, no auth or rules).
 * Prints answers/s and counted votes/s, the ratios, p50/p99 and RSS, then checks that every
 * counted answer is one stored vote and that recount = tally.
 *
 * Then `--campaign N` (default 200 000; the whole campaign is 6 000 000, run with
 * `--campaign 6000000 --engine sqlite`): N votes over 11 days generated through the same
 * write the HTTP path uses (the ballots' set of the group commit: guarded multi-row insert,
 * conditional cap upsert, tally upsert), then the tally, recount, fraud-analytics and dashboard queries' times beside
 * raw SQL on the same tables.
 *
 *   npm run bench -- votes [--engine sqlite|postgres|both] [--connections 32] [--duration 10]
 *                          [--warmup 2] [--workers 1000] [--campaign 200000] [--skip-http]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from '../server/app';
import { PasswordHasher } from '../server/platform/auth/password';
import { GroupCommit } from '../server/platform/batch';
import { chinaDate, type Clock } from '../server/platform/clock';
import { MemorySmsSender } from '../server/platform/sms';
import { seedFoundation, DEMO_PASSWORD } from '../server/seed/foundation';
import { testConfig } from '../server/test/test-app';
import { ballotQueries as ballotRepo, ballotWriteSet, integrityQueries } from '../server/modules/vote';
import { load, signInHttp, type Identity, type LoadResult } from './http-load';
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

const CONNECTIONS = numArg('connections', 32);
const DURATION = numArg('duration', 10);
const WARMUP = numArg('warmup', Math.min(2, DURATION));
const WORKERS = numArg('workers', 1000);
const CAMPAIGN = numArg('campaign', 200_000);
const SKIP_HTTP = flag('skip-http');
const CANDIDATES = 40;
const DAY = 86_400_000;

/** A clock the bench moves: real time plus an offset it sets. */
export class OffsetClock implements Clock {
  offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  setNow(at: Date | string): void {
    this.offset = new Date(at).getTime() - Date.now();
  }
}

const countOf = (r: LoadResult, status: string) => r.statuses[status] ?? 0;

function row(label: string, r: LoadResult, counted?: number): (string | number)[] {
  const statuses = Object.entries(r.statuses)
    .map(([s, c]) => `${s}×${c}`)
    .join(' ');
  return [
    label,
    r.rps.toFixed(0),
    counted === undefined ? '' : ((counted / r.elapsedMs) * 1000).toFixed(0),
    ms(percentile(r.latencies, 50)),
    ms(percentile(r.latencies, 99)),
    r.sent,
    statuses + (r.errors ? ` err×${r.errors}` : ''),
  ];
}

/** Next midnight in China (16:00 UTC) after `at`. */
function nextChinaMidnight(at: Date): Date {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), 16, 0, 0));
  return d.getTime() > at.getTime() ? d : new Date(d.getTime() + DAY);
}

export async function setUpCampaign(
  built: Awaited<ReturnType<typeof buildApp>>,
  base: string,
  clock: OffsetClock,
  orgs: Map<string, string>,
): Promise<{ campaignId: string; candidateIds: string[] }> {
  const p = built.platform;
  const start = clock.now().getTime();
  const at = (days: number) => new Date(start + days * DAY).toISOString();
  let staff = await signInHttp(base, 'qtx_staff', DEMO_PASSWORD);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const created = await call('POST', '/api/vote/campaigns', {
    orgId: orgs.get('qtx'),
    coOrganisers: ['中共青铜峡市委宣传部'],
    kind: 'model_worker',
    title: '压测 最美劳动者',
    year: 2026,
    summary: 'bench',
    timeline: {
      nominationOpens: at(0),
      nominationCloses: at(1),
      reviewCloses: at(2),
      votingOpens: at(3),
      votingCloses: at(40),
      expertReviewCloses: at(41),
      noticeOpens: at(42),
      noticeCloses: at(47),
    },
    rules: {
      votesPerCandidatePerDay: 1,
      candidatesPerDay: CANDIDATES,
      likesPerDay: 20,
      tiersCounted: ['member', 'public'],
      showTotals: 'hidden',
      formula: { publicWeight: 30, expertWeight: 70, normalisation: 'max' },
      shortlistFactorTenths: 12,
      finalCount: 10,
      nominatedCount: 2,
      allowOnlineRecommendation: false,
      allowSelfNomination: false,
      zeroOnConfirmedFraud: true,
    },
  });
  const campaignId = created.id as string;
  const advance = async (to: string) => {
    const c = await call('GET', `/api/vote/campaigns/${campaignId}`);
    await call('POST', `/api/vote/campaigns/${campaignId}/advance`, { version: c.version, to });
  };
  for (const s of ['nominating', 'reviewing', 'displaying']) await advance(s);
  const candidateIds: string[] = [];
  const now = clock.now().toISOString();
  for (let i = 0; i < CANDIDATES; i++) {
    const id = p.ids();
    const nominationId = p.ids();
    const orgId = orgs.get(i % 2 ? 'yingxin' : 'qtx_school')!;
    await p.db
      .insertInto('voteNomination')
      .values({
        id: nominationId,
        campaignId,
        orgId,
        source: 'unit',
        nomineeName: `候选人${i + 1}`,
        gender: 'female',
        idNumberEnc: p.cipher.encrypt(`bench-${i}`),
        idNumberBidx: p.blindIndex('id_number', `bench-${campaignId}-${i}`),
        unitName: '压测单位',
        jobTitle: '职工',
        regionCode: i % 3 ? '640381101' : '640381102',
        story: '压测',
        achievements: '[]',
        state: 'candidate',
        reasons: '[]',
        submittedBy: 'bench',
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    await p.db
      .insertInto('voteCandidate')
      .values({
        id,
        campaignId,
        nominationId,
        number: i + 1,
        name: `候选人${i + 1}`,
        unitName: '压测单位',
        orgId,
        regionCode: i % 3 ? '640381101' : '640381102',
        photoFileId: null,
        story: '压测',
        state: 'active',
        version: 1,
        createdAt: now,
      })
      .execute();
    candidateIds.push(id);
  }
  clock.setNow(new Date(start + 3 * DAY + 60_000));
  staff = await signInHttp(base, 'qtx_staff', DEMO_PASSWORD);
  await advance('voting');
  return { campaignId, candidateIds };
}

/** Signs in `n` workers through the membership service (code from the memory SMS sender). */
export async function signInWorkers(
  built: Awaited<ReturnType<typeof buildApp>>,
  sms: MemorySmsSender,
  base: string,
  n: number,
): Promise<Identity[]> {
  const workers = (built.services as unknown as { membership: { workers: WorkerLike } }).membership.workers;
  const health = await fetch(`${base}/api/health`);
  const csrf = (health.headers.getSetCookie().find((c) => c.startsWith('uc_csrf=')) ?? '')
    .split(';')[0]
    .slice(8);
  const out: Identity[] = [];
  for (let i = 0; i < n; i++) {
    const phone = `137${String(i).padStart(8, '0')}`;
    await workers.requestCode(phone, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    const code = sms.lastCodeFor(phone)!;
    const { token } = await workers.signIn({ phone, code }, { ip: null, userAgent: 'bench' });
    out.push({ cookie: `uc_worker=${token}; uc_csrf=${csrf}`, csrf });
  }
  return out;
}
interface WorkerLike {
  requestCode(phone: string, ip: string | null): Promise<unknown>;
  signIn(
    b: { phone: string; code: string },
    m: { ip: string | null; userAgent: string | null },
  ): Promise<{ token: string }>;
}

async function httpLoad(engine: Engine): Promise<void> {
  const fresh = await freshDatabase(engine, 'votes');
  const { handle } = fresh;
  await sql`create table bench_raw (id text primary key, tag text not null, n integer not null, created_at text not null)`.execute(
    handle.db,
  );
  const clock = new OffsetClock();
  clock.setNow('2026-06-01T08:00:00.000Z');
  const sms = new MemorySmsSender();
  let rawSeq = 0;
  const built = await buildApp({
    config: testConfig({ rateLimitPerMinute: 10_000_000, otpResendSeconds: 1 }),
    database: handle,
    clock,
    sms,
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
    const { orgs } = await seedFoundation(built.platform);
    const base = await built.app.listen({ host: '127.0.0.1', port: 0 });
    const { campaignId, candidateIds } = await setUpCampaign(built, base, clock, orgs);
    const raw = { cookie: '', csrf: '' };
    if (WARMUP > 0) {
      await load({
        base,
        identities: [raw],
        connections: CONNECTIONS,
        duration: WARMUP,
        gen: { kind: 'raw', tag: 'warm-raw' },
      });
    }
    const rawR = await load({
      base,
      identities: [raw],
      connections: CONNECTIONS,
      duration: DURATION,
      gen: { kind: 'raw', tag: 'raw' },
    });

    // Midnight in China falls in the middle of the measured vote run (after the warm-up); workers
    // sign in a few minutes before (their sessions idle out after 30 minutes).
    const midnight = nextChinaMidnight(clock.now());
    clock.setNow(new Date(midnight.getTime() - 10 * 60_000));
    const t0 = performance.now();
    const workers = await signInWorkers(built, sms, base, WORKERS);
    log(
      `\n${engine} (${fresh.where}): ${CONNECTIONS} connections, ${WORKERS} workers (signed in in ${((performance.now() - t0) / 1000).toFixed(1)} s), ` +
        `${DURATION} s each after ${WARMUP} s warm-up, 10% duplicates`,
    );
    clock.setNow(new Date(midnight.getTime() - (WARMUP + DURATION / 2) * 1000));
    const dayBefore = chinaDate(clock.now());
    const voteGen = (tag: string, start: number) =>
      ({ kind: 'vote', tag, campaignId, candidateIds, start, dupEvery: 10 }) as const;
    if (WARMUP > 0) {
      await load({
        base,
        identities: workers,
        connections: CONNECTIONS,
        duration: WARMUP,
        gen: voteGen('warm', 0),
      });
    }
    const before = await countBallots(built.platform.db);
    const votes = await load({
      base,
      identities: workers,
      connections: CONNECTIONS,
      duration: DURATION,
      gen: voteGen('vote', 5_000_000),
    });
    const dayAfter = chinaDate(clock.now());
    const counted = (await countBallots(built.platform.db)) - before;
    const stats = (built.services as unknown as { vote: { ballots: { writes: GroupCommit } } }).vote.ballots
      .writes.stats;
    table(
      ['route', 'answers/s', 'counted/s', 'p50 ms', 'p99 ms', 'requests', 'statuses'],
      [
        row('POST /bench/raw-insert (baseline)', rawR),
        row('POST /api/vote/campaigns/:id/votes', votes, counted),
      ],
    );
    if (Object.keys(votes.codes).length) log(`refusals: ${JSON.stringify(votes.codes)}`);
    log(
      `days: ${dayBefore} → ${dayAfter} (midnight in China crossed during the measured run: ${dayBefore !== dayAfter})`,
    );
    log(
      `ratio vote answers / raw insert: ${ratio(votes.rps, rawR.rps)}; counted votes / raw insert: ` +
        `${ratio((counted / votes.elapsedMs) * 1000, rawR.rps)} (goal ≥ 1.0×)`,
    );
    log(
      `group commit: ${stats.ops} ops in ${stats.batches} batches (mean ${(stats.ops / Math.max(1, stats.batches)).toFixed(1)}, ` +
        `largest ${stats.largestBatch}), failed ops ${stats.failedOps}, decided alone ${stats.aloneItems}, ` +
        `batches run again after a deadlock ${stats.retriedBatches}`,
    );
    const rc = await (
      built.services as unknown as {
        vote: {
          ballots: { recountRaw(id: string): Promise<{ equal: boolean; recount: { votes: number } }> };
        };
      }
    ).vote.ballots.recountRaw(campaignId);
    log(
      `check: 2xx answers ${countOf(votes, '200')}, counted in this run ${counted}; recount = tally: ${rc.equal} (${rc.recount.votes} votes)`,
    );
    log(`peak RSS ${mb(peakRss())}`);
  } finally {
    await built.app.close();
    await fresh.drop();
  }
}

async function countBallots(db: Awaited<ReturnType<typeof buildApp>>['platform']['db']): Promise<number> {
  const r = await db
    .selectFrom('voteBallot')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * A whole campaign: N votes over 11 days through the write path's own set (ballot.batch.ts) and
 * the group commit, then each organiser query beside its raw SQL.
 */
async function wholeCampaign(engine: Engine): Promise<void> {
  const fresh = await freshDatabase(engine, 'votes-campaign');
  const db = fresh.handle.db;
  const gc = new GroupCommit(db, { maxBatch: 1000, maxWaitMs: 0 });
  const campaignId = 'bench-campaign';
  const candidates = Array.from({ length: CANDIDATES }, (_, i) => `cand-${String(i + 1).padStart(2, '0')}`);
  // A plausible curve over 11 days: a launch peak, a dip, a final push.
  const curve = [14, 11, 9, 8, 7, 7, 8, 8, 9, 9, 10];
  const total = curve.reduce((a, b) => a + b, 0);
  const perDay = curve.map((w) => Math.round((CAMPAIGN * w) / total));
  const votersPerDay = Math.max(1, Math.ceil(Math.max(...perDay) / 8));
  const t0 = performance.now();
  let written = 0;
  let seq = 0;
  const start = Date.parse('2026-05-31T16:00:00.000Z');
  for (let d = 0; d < perDay.length; d++) {
    const dayStart = start + d * DAY;
    const day = chinaDate(new Date(dayStart));
    const n = perDay[d];
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < n; i++) {
      const worker = i % votersPerDay;
      // Each voter picks up to 8 candidates a day, skewed to the front of the list.
      const pick = Math.floor(i / votersPerDay);
      const cand = candidates[(pick * 7 + worker) % CANDIDATES];
      const castAt = new Date(dayStart + Math.floor((i / n) * DAY)).toISOString();
      const row = {
        id: `b${String(++seq).padStart(10, '0')}`,
        campaignId,
        candidateId: cand,
        workerId: `w${worker}`,
        tier: worker % 5 ? 'member' : 'public',
        day,
        castAt,
        requestKey: `k${seq}`,
        ipHash: `ip${worker % 5000}`,
        deviceHash: `dev${worker % 20000}`,
        flagId: null,
        newWorker: d === 0 && worker % 50 === 0 ? 1 : 0,
      };
      pending.push(
        gc
          .runIn(ballotWriteSet, { row, kind: 'vote', caps: { votes: CANDIDATES, likes: 20 } }, row.workerId)
          .then((a) => a.outcome === 'counted'),
      );
      if (pending.length >= 5000) {
        written += (await Promise.all(pending)).filter(Boolean).length;
        pending.length = 0;
      }
    }
    written += (await Promise.all(pending)).filter(Boolean).length;
  }
  await gc.close();
  const genS = (performance.now() - t0) / 1000;
  log(
    `\n${engine}: whole campaign of ${written.toLocaleString()} votes (asked ${CAMPAIGN.toLocaleString()}) over 11 days generated in ${genS.toFixed(0)} s (${(written / genS).toFixed(0)} votes/s through the group commit)`,
  );
  if (CAMPAIGN < 6_000_000)
    log(`(the issue's full size: npm run bench -- votes --skip-http --campaign 6000000 --engine ${engine})`);

  const time = async (f: () => Promise<unknown>) => {
    const s = performance.now();
    await f();
    return performance.now() - s;
  };
  const rows: (string | number)[][] = [];
  const q = async (label: string, app: () => Promise<unknown>, raw: string) => {
    const a = await time(app);
    const r = await time(() => sql.raw(raw).execute(db));
    rows.push([label, ms(a), ms(r), ratio(a, r)]);
  };
  await q(
    'tally per candidate (vote_tally)',
    () => ballotRepo.tallyRows(db, campaignId),
    `select candidate_id, day, tier, votes, likes from vote_tally where campaign_id = '${campaignId}'`,
  );
  await q(
    'recount (raw votes grouped)',
    () => ballotRepo.recountRows(db, campaignId),
    `select candidate_id, day, tier, count(*) from vote_ballot where campaign_id = '${campaignId}' group by candidate_id, day, tier`,
  );
  await q(
    'dashboard: turnout per day (tally) + voters per day',
    async () => {
      await ballotRepo.tallyRows(db, campaignId);
      await ballotRepo.votersPerDay(db, campaignId);
    },
    `select day, count(*) from vote_voter_day where campaign_id = '${campaignId}' group by day`,
  );
  const integrity = integrityQueries;
  if (integrity) {
    await q(
      'analytics: bursts (per-minute counts)',
      () => integrity.perMinute(db, campaignId),
      `select candidate_id, substr(cast_at, 1, 16) as minute, count(*) from vote_ballot where campaign_id = '${campaignId}' group by candidate_id, substr(cast_at, 1, 16)`,
    );
    await q(
      'analytics: address clusters',
      () => integrity.clusters(db, campaignId, 'ipHash', 5),
      `select ip_hash, count(distinct worker_id) from vote_ballot where campaign_id = '${campaignId}' group by ip_hash having count(distinct worker_id) >= 5`,
    );
  }
  table(['query', 'app ms', 'raw SQL ms', 'app / raw'], rows);
  log(`peak RSS ${mb(peakRss())}`);
  await fresh.drop();
}

async function main(): Promise<void> {
  for (const engine of engines()) {
    if (!SKIP_HTTP) await httpLoad(engine);
    if (CAMPAIGN > 0) await wholeCampaign(engine);
  }
}

// Run as a script (bench/run.ts); drills/votes.ts imports the set-up above without running it.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
