/**
 * Referral contention: a hospital's resource with small stock (published by rmyy_staff), N
 * households each with a recorded consent naming the hospital, then every household referred at
 * once by federation staff (qtx_staff) over real HTTP on loopback — plus a second request for a
 * share of them (a double click) — so most are refused with 409 resource.exhausted (or
 * referral.duplicate). The invariant is checked from the database afterwards; then the hospital
 * accepts, declines and delivers concurrently while staff refer the refused households again into
 * the places a decline gives back, and the invariant is checked once more.
 * Baseline in the same run: as many GET /api/resources/:id (a cheap authenticated read).
 *
 *   npm run bench -- referrals [--engine sqlite|postgres|both] [--households 500] [--stock 50]
 *                              [--connections 50] [--duplicates 0.1]
 *
 * The app's rate limit is raised to 10 000 000 a minute (testConfig override); logging is off.
 */
import { buildApp, type App } from '../server/app';
import { PasswordHasher } from '../server/platform/auth/password';
import { FakeClock } from '../server/platform/clock';
import { seedFoundation, DEMO_PASSWORD } from '../server/seed/foundation';
import { testConfig } from '../server/test/test-app';
import {
  load,
  okCount,
  screeningBody,
  signInHttp,
  type Identity,
  type ListedRequest,
  type LoadResult,
} from './http-load';
import {
  engines,
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

const HOUSEHOLDS = numArg('households', 500);
const STOCK = numArg('stock', 50);
const CONNECTIONS = numArg('connections', 50);
const DUPLICATES = numArg('duplicates', 0.1);

/** A deterministic shuffle (the same order every run). */
function shuffle<T>(xs: T[], seed = 7): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function row(label: string, r: LoadResult): (string | number)[] {
  return [
    label,
    r.sent,
    r.rps.toFixed(0),
    ms(percentile(r.latencies, 50)),
    ms(percentile(r.latencies, 99)),
    Object.entries(r.statuses)
      .map(([s, c]) => `${s}×${c}`)
      .join(' ') + (r.errors ? ` err×${r.errors}` : ''),
    Object.entries(r.codes)
      .map(([s, c]) => `${s}×${c}`)
      .join(' '),
  ];
}

async function invariant(built: App, resourceId: string, when: string): Promise<void> {
  const db = built.platform.db;
  const res = await db
    .selectFrom('resource')
    .select(['quantity', 'reserved', 'delivered'])
    .where('id', '=', resourceId)
    .executeTakeFirstOrThrow();
  const refs = await db
    .selectFrom('referral')
    .select(['householdId', 'state', 'quantity'])
    .where('resourceId', '=', resourceId)
    .execute();
  const by = (states: string[]) =>
    refs.filter((r) => states.includes(r.state)).reduce((n, r) => n + Number(r.quantity), 0);
  const held = by(['sent', 'accepted', 'delivered']);
  const answered = by(['accepted', 'delivered']);
  const open = new Map<string, number>();
  for (const r of refs.filter((x) => x.state === 'sent' || x.state === 'accepted'))
    open.set(r.householdId, (open.get(r.householdId) ?? 0) + 1);
  const doubled = [...open.values()].filter((n) => n > 1).length;
  const states = Object.entries(
    refs.reduce<Record<string, number>>((m, r) => ({ ...m, [r.state]: (m[r.state] ?? 0) + 1 }), {}),
  )
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  const q = Number(res.quantity);
  const ok =
    Number(res.reserved) === held &&
    held <= q &&
    answered <= q &&
    Number(res.delivered) === by(['delivered']);
  log(
    `invariant ${when}: quantity ${q}, reserved ${res.reserved} = held by sent+accepted+delivered ${held} ` +
      `(≤ ${q}), accepted+delivered ${answered} ≤ ${q}, delivered ${res.delivered}, ` +
      `households with two open referrals ${doubled} — referrals: ${states} — ${ok && doubled === 0 ? 'HOLDS' : 'VIOLATED'}`,
  );
}

async function runEngine(engine: Engine): Promise<void> {
  const fresh = await freshDatabase(engine, 'referrals');
  const built = await buildApp({
    config: testConfig({ rateLimitPerMinute: 10_000_000 }),
    database: fresh.handle,
    clock: new FakeClock('2026-06-01T08:00:00.000Z'),
    hasher: PasswordHasher.fast(),
    sleep: async () => {},
    logger: false,
    loginPerMinute: 1_000_000,
  });
  try {
    const seeded = await seedFoundation(built.platform);
    const hospital = seeded.orgs.get('hospital')!;
    const base = await built.app.listen({ host: '127.0.0.1', port: 0 });
    const staff = await signInHttp(base, 'qtx_staff', DEMO_PASSWORD);
    const unit = await signInHttp(base, 'rmyy_staff', DEMO_PASSWORD);
    const ids: Identity[] = [staff, unit];
    const STAFF = 0;
    const UNIT = 1;
    log(`\n${engine} (${fresh.where}): ${HOUSEHOLDS} households, stock ${STOCK}, ${CONNECTIONS} connections`);

    // Setup over HTTP too: the resource, the households, their consents.
    const s0 = performance.now();
    const published = await fetch(`${base}/api/resources`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: unit.cookie, 'x-csrf-token': unit.csrf },
      body: JSON.stringify({
        kind: 'green_channel',
        title: '专家门诊绿色通道',
        unit: '人次',
        quantity: STOCK,
        unitValueFen: 20_000,
        validFrom: '2026-05-01',
        validUntil: '2026-12-31',
        audience: '建档困难职工家庭',
      }),
    });
    if (published.status !== 201) throw new Error(`resource: ${published.status} ${await published.text()}`);
    const resourceId = ((await published.json()) as { id: string }).id;
    const n = Array.from({ length: HOUSEHOLDS }, (_, i) => i);
    const screened = await load({
      base,
      identities: ids,
      connections: 10,
      gen: {
        kind: 'list',
        requests: n.map((i) => ({ method: 'POST', path: '/api/screenings', body: screeningBody('ref', i) })),
      },
    });
    if (okCount(screened) !== HOUSEHOLDS) throw new Error(`screenings: ${JSON.stringify(screened.codes)}`);
    const households = (
      await built.platform.db.selectFrom('household').select('id').orderBy('id').execute()
    ).map((h) => h.id);
    const consented = await load({
      base,
      identities: ids,
      connections: 10,
      gen: {
        kind: 'list',
        requests: households.map((h) => ({
          method: 'POST',
          path: `/api/households/${h}/consents`,
          body: { orgId: hospital, givenBy: 'self', method: 'signed_form', givenOn: '2026-05-25' },
        })),
      },
    });
    if (okCount(consented) !== HOUSEHOLDS) throw new Error(`consents: ${JSON.stringify(consented.codes)}`);
    log(
      `setup (resource, ${HOUSEHOLDS} screenings and consents over HTTP) ${((performance.now() - s0) / 1000).toFixed(1)} s`,
    );

    // 1. Everyone at once, a share of them twice.
    const refer = (h: string): ListedRequest => ({
      method: 'POST',
      path: `/api/households/${h}/referrals`,
      body: { resourceId, quantity: 1, need: '需要专家门诊' },
      as: STAFF,
    });
    const wave = shuffle([
      ...households.map(refer),
      ...households.slice(0, Math.round(HOUSEHOLDS * DUPLICATES)).map(refer),
    ]);
    const read = Array.from({ length: wave.length }, (): ListedRequest => ({
      method: 'GET',
      path: `/api/resources/${resourceId}`,
      as: STAFF,
    }));
    // Warm the read path the same way the referral path was warmed by setup.
    await load({
      base,
      identities: ids,
      connections: CONNECTIONS,
      gen: { kind: 'list', requests: read.slice(0, 200) },
    });
    const baseline = await load({
      base,
      identities: ids,
      connections: CONNECTIONS,
      gen: { kind: 'list', requests: read },
    });
    const referred = await load({
      base,
      identities: ids,
      connections: CONNECTIONS,
      gen: { kind: 'list', requests: wave },
    });
    table(
      ['requests', 'count', 'req/s', 'p50 ms', 'p99 ms', 'statuses', 'refusals'],
      [row('GET /api/resources/:id (baseline)', baseline), row('POST …/referrals (simultaneous)', referred)],
    );
    log(`ratio referrals / read: ${ratio(referred.rps, baseline.rps)}`);
    await invariant(built, resourceId, 'after the referral wave');

    // 2. The hospital answers while staff try again: accept 60 %, decline 20 % (places go back),
    //    everyone refused in wave 1 referred again; then half of the accepted delivered.
    const sent = await built.platform.db
      .selectFrom('referral')
      .select(['id', 'householdId', 'version'])
      .where('resourceId', '=', resourceId)
      .where('state', '=', 'sent')
      .orderBy('id')
      .execute();
    const toAccept = sent.slice(0, Math.round(sent.length * 0.6));
    const toDecline = sent.slice(toAccept.length, toAccept.length + Math.round(sent.length * 0.2));
    const holding = new Set(sent.map((r) => r.householdId));
    const mixed = shuffle([
      ...toAccept.map((r): ListedRequest => ({
        method: 'POST',
        path: `/api/referrals/${r.id}/accept`,
        body: { version: Number(r.version) },
        as: UNIT,
      })),
      ...toDecline.map((r): ListedRequest => ({
        method: 'POST',
        path: `/api/referrals/${r.id}/decline`,
        body: { version: Number(r.version), reason: '本月号源已满' },
        as: UNIT,
      })),
      ...households.filter((h) => !holding.has(h)).map(refer),
    ]);
    const answered = await load({
      base,
      identities: ids,
      connections: CONNECTIONS,
      gen: { kind: 'list', requests: mixed },
    });
    const accepted = await built.platform.db
      .selectFrom('referral')
      .select(['id', 'version'])
      .where('resourceId', '=', resourceId)
      .where('state', '=', 'accepted')
      .orderBy('id')
      .execute();
    const delivered = await load({
      base,
      identities: ids,
      connections: CONNECTIONS,
      gen: {
        kind: 'list',
        requests: accepted.slice(0, Math.ceil(accepted.length / 2)).map((r) => ({
          method: 'POST',
          path: `/api/referrals/${r.id}/deliver`,
          body: { version: Number(r.version), deliveredOn: '2026-06-01' },
          as: UNIT,
        })),
      },
    });
    table(
      ['requests', 'count', 'req/s', 'p50 ms', 'p99 ms', 'statuses', 'refusals'],
      [row('accept/decline as hospital + re-refer (mixed)', answered), row('deliver as hospital', delivered)],
    );
    await invariant(built, resourceId, 'after answers, re-referrals and deliveries');
    log(`peak RSS ${mb(peakRss())}`);
  } finally {
    await built.app.close();
    await fresh.drop();
  }
}

async function main(): Promise<void> {
  for (const engine of engines()) await runEngine(engine);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
