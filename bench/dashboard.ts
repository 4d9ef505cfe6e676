/**
 * Dashboard at scale: a fresh database with N households (screenings, needs, verifications,
 * archives, caring-unit resources, referrals, the help ledger and return visits, generated with
 * set-based SQL), then every DASHBOARD_QUERIES statement timed through the API (inside
 * `GET /api/dashboard` as federation staff) and run directly, p50/p99 over --runs runs.
 * Prints figures; never passes or fails on time.
 *
 *   npx tsx bench/dashboard.ts [--households 1000000] [--engine sqlite|postgres] [--runs 20]
 *                              [--filtered] [--keep]
 *
 * SQLite: a file under /tmp. PostgreSQL: a fresh schema in TEST_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test), dropped afterwards unless --keep.
 */
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../server/app';
import type { Database } from '../server/db/schema';
import { DASHBOARD_QUERIES, type DashboardFilters } from '../server/modules/assistance';
import { PasswordHasher } from '../server/platform/auth/password';
import { FakeClock } from '../server/platform/clock';
import { seedFoundation } from '../server/seed/foundation';
import { Agent, testConfig } from '../server/test/test-app';
import { arg, flag, freshDatabase, log, mb, ms, percentile, table } from './lib';

// ---- arguments ----

const N = Number(arg('households', '1000'));
const ENGINE = arg('engine', 'sqlite') as 'sqlite' | 'postgres';
const RUNS = Number(arg('runs', '20'));
const KEEP = flag('keep');
const FILTERED = flag('filtered');
if (!Number.isInteger(N) || N < 10) throw new Error('--households must be an integer ≥ 10');
if (ENGINE !== 'sqlite' && ENGINE !== 'postgres') throw new Error('--engine sqlite|postgres');

// ---- a fresh database ----

// ---- set-based generation ----

/** The few expressions that differ between the engines, as SQL text over the integer column `i`. */
function dialect(engine: 'sqlite' | 'postgres') {
  return engine === 'sqlite'
    ? {
        pad: (x: string) => `printf('%07d', ${x})`,
        day: (x: string) => `date('2026-01-01', '+' || (${x}) || ' days')`,
      }
    : {
        pad: (x: string) => `lpad(cast(${x} as text), 7, '0')`,
        day: (x: string) => `to_char(date '2026-01-01' + (${x}), 'YYYY-MM-DD')`,
      };
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function generate(db: Kysely<Database>, engine: 'sqlite' | 'postgres', ids: Record<string, string>) {
  const { pad, day } = dialect(engine);
  const run = async (label: string, text: string) => {
    const t0 = performance.now();
    await sql.raw(text).execute(db);
    log(`  ${label.padEnd(16)} ${ms(performance.now() - t0).padStart(8)} ms`);
  };
  const at = lit('2026-01-01T00:00:00.000Z');
  const qtx = lit(ids.qtx);
  const staff = lit(ids.staff);
  const partners = [ids.chunyu, ids.guxia, ids.yingxin, ids.qtx].map(lit);
  const partnerOf = (x: string) =>
    `case (${x}) % 4 when 0 then ${partners[0]} when 1 then ${partners[1]} when 2 then ${partners[2]} else ${partners[3]} end`;
  const caring = [ids.hospital, ids.restaurant, ids.yumin].map(lit);
  const divisions = ['640381101', '640381102', '640381001', '640381002'].map(lit);
  // Household i: i % 10 in 0..3 archived (every fifth of those exited), 4..5 verified, else screened.
  const archived = `i % 10 < 4`;
  const exited = `(i % 10 < 4 and (i / 10) % 5 = 4)`;

  if (engine === 'sqlite') {
    await run('numbers', `create table bench_seq (i integer primary key)`);
    await run(
      'numbers fill',
      `insert into bench_seq (i) with recursive s(i) as (select 1 union all select i + 1 from s where i < ${N}) select i from s`,
    );
  } else {
    await run('numbers', `create table bench_seq (i integer primary key)`);
    await run('numbers fill', `insert into bench_seq (i) select g from generate_series(1, ${N}) as g`);
  }
  await run(
    'campaign',
    `insert into campaign (id, jurisdiction_id, name, starts_on, ends_on, areas, created_at, updated_at, version)
     values ('bench-campaign', ${qtx}, '压测摸排', '2026-01-01', '2026-12-31', '["640381"]', ${at}, ${at}, 1)`,
  );
  await run(
    'standard',
    `insert into archive_standard (id, jurisdiction_id, year, min_living_fen, relative_multiplier_pct, accident_drop_pct, note, created_by, created_at, superseded_at)
     values ('bench-standard', ${qtx}, 2026, 77000, 200, 50, null, ${staff}, ${at}, null)`,
  );
  await run(
    'household',
    `insert into household (id, jurisdiction_id, state, head_name, head_id_enc, head_id_bidx, head_id_tail, phone_enc,
       phone_bidx, phone_tail, phone_name_key, address_key, division_code, address_detail, situation, responsible_org_id,
       household_size, annual_income_fen, rigid_expense_fen, causes, sudden_event, category, close_reason, merged_into_id,
       first_screened_on, last_screened_on, created_at, updated_at, version)
     select 'h' || ${pad('i')}, ${qtx},
       case when ${exited} then 'closed' when ${archived} then 'archived' when i % 10 < 6 then 'verifying' else 'screened' end,
       '户主' || i, null, null, null, null, null, '139****' || substr(${pad('i')}, 4, 4), null, 'ak' || i,
       case i % 4 when 0 then ${divisions[0]} when 1 then ${divisions[1]} when 2 then ${divisions[2]} else ${divisions[3]} end,
       '地址' || i, 'migrant_worker', ${lit(ids.guxia)}, 3, 1200000, 300000, '[]', null,
       case when ${archived} then case i % 3 when 0 then 'deep' when 1 then 'relative' else 'accident' end end,
       null, null, ${day('i % 150')}, ${day('i % 150')}, ${at}, ${at}, 1
     from bench_seq`,
  );
  await run(
    'household_org',
    `insert into household_org (household_id, org_id, link, created_at)
     select 'h' || ${pad('i')}, ${partnerOf('i')}, 'screened', ${at} from bench_seq
     union all
     select 'h' || ${pad('i')}, ${lit(ids.guxia)}, 'routed', ${at} from bench_seq where i % 4 <> 1`,
  );
  await run(
    'screening',
    `insert into screening (id, jurisdiction_id, household_id, org_id, screener_id, campaign_id, client_ref, status, method,
       screened_on, division_code, head_name, match, data_enc, created_at, updated_at, version)
     select 's' || ${pad('i')}, ${qtx}, 'h' || ${pad('i')}, ${partnerOf('i')}, ${staff},
       case when i % 5 = 0 then 'bench-campaign' end, null, 'submitted',
       case i % 7 when 0 then 'self_report' when 1 then 'phone_survey' when 2 then 'street_visit' else 'home_visit' end,
       ${day('i % 150')}, null, null, 'new', '', ${at}, ${at}, 1
     from bench_seq
     union all
     select 't' || ${pad('i')}, ${qtx}, 'h' || ${pad('i')}, ${lit(ids.guxia)}, ${staff}, null, null, 'submitted',
       'phone_survey', ${day('i % 150 + 3')}, null, null, 'id_number', '', ${at}, ${at}, 1
     from bench_seq where i % 3 = 0`,
  );
  await run(
    'need',
    `insert into need (id, household_id, screening_id, kind, urgency, description, status, created_at, solved_at)
     select 'n' || ${pad('i')}, 'h' || ${pad('i')}, 's' || ${pad('i')}, 'medical',
       case when i % 4 = 0 then 'urgent' else 'normal' end, '需求', case when i % 8 = 0 then 'solved' else 'open' end,
       ${day('i % 150')} || 'T02:00:00.000Z', null
     from bench_seq where i % 2 = 0`,
  );
  await run(
    'verification',
    `insert into verification (id, household_id, verifier_id, verified_on, home_visit, documents, income_consent,
       exclusions, migrant_qualified, result, notice_start, notice_end, notice_result, notes, created_at)
     select 'v' || ${pad('i')}, 'h' || ${pad('i')}, ${staff}, ${day('i % 150 + 5')}, 1, '[]', 1, '[]', null,
       'confirmed', null, null, null, null, ${day('i % 150 + 5')} || 'T02:00:00.000Z'
     from bench_seq where i % 10 < 6`,
  );
  await run(
    'archive',
    `insert into archive (id, household_id, jurisdiction_id, archive_no, year, seq, category, tier, primary_cause,
       secondary_causes, per_capita_fen, standard_id, explanation, state, reported_to_id, reported_at, reviewed_by,
       reviewed_at, return_reason, exit_kind, exit_reason, exited_at, review_due_on, created_by, created_at, updated_at, version)
     select 'a' || ${pad('i')}, 'h' || ${pad('i')}, ${qtx}, 'B-' || ${pad('i')}, 2026, i,
       case i % 3 when 0 then 'deep' when 1 then 'relative' else 'accident' end, 'provincial', 'serious_illness', '[]',
       25000, 'bench-standard', '{}',
       case (i / 10) % 5 when 0 then 'archived' when 1 then 'reported' when 2 then 'approved' when 3 then 'returned' else 'exited' end,
       case when (i / 10) % 5 in (1, 2, 3) then ${lit(ids.ningxia)} end,
       case when (i / 10) % 5 in (1, 2, 3) then ${day('i % 150 + 10')} || 'T02:00:00.000Z' end,
       null,
       case when (i / 10) % 5 in (2, 3) then ${day('i % 150 + 12')} || 'T02:00:00.000Z' end,
       case when (i / 10) % 5 = 3 then '请补充材料' end,
       case when (i / 10) % 5 = 4 then case when i % 20 < 10 then 'out_of_difficulty' else 'cancelled' end end,
       case when (i / 10) % 5 = 4 then '脱困' end,
       case when (i / 10) % 5 = 4 then ${day('i % 150 + 20')} || 'T02:00:00.000Z' end,
       '2027-01-01', ${staff}, ${day('i % 150 + 7')} || 'T02:00:00.000Z', ${at}, 1
     from bench_seq where ${archived}`,
  );
  const resources = Array.from({ length: 30 }, (_, k) => k);
  await run(
    'resource',
    `insert into resource (id, jurisdiction_id, org_id, kind, title, description, unit, quantity, unit_value_fen, valid_from,
       valid_until, audience, conditions, status, reserved, delivered, created_by, created_at, updated_at, version)
     values ${resources
       .map(
         (k) =>
           `('r${String(k).padStart(2, '0')}', ${qtx}, ${caring[k % 3]}, 'free_screening', '资源${k}', null, '人次',
             10000000, 10000, '2026-01-01', '2026-12-31', '困难职工', null, 'active', 0, 0, ${staff}, ${at}, ${at}, 1)`,
       )
       .join(', ')}`,
  );
  // Referrals for archived households i % 10 in (0, 1): resource r(i % 30), its unit.
  const resourceOf = `'r' || substr(${pad('i % 30')}, 6, 2)`;
  const caringOf = `case (i % 30) % 3 when 0 then ${caring[0]} when 1 then ${caring[1]} else ${caring[2]} end`;
  await run(
    'referral',
    `insert into referral (id, jurisdiction_id, household_id, resource_id, org_id, member_id, quantity, need, state,
       consent_id, override_reason, override_by, referred_by, referred_org_id, response_note, delivered_on,
       delivered_value_fen, created_at, updated_at, version)
     select 'rf' || ${pad('i')}, ${qtx}, 'h' || ${pad('i')}, ${resourceOf}, ${caringOf}, null, 1, '体检', 'delivered',
       null, '压测', ${staff}, ${staff}, ${lit(ids.guxia)}, null, ${day('i % 150 + 15')}, 10000, ${at}, ${at}, 1
     from bench_seq where i % 10 < 2`,
  );
  await run(
    'resource stock',
    `update resource set
       reserved = (select count(*) from referral rf where rf.resource_id = resource.id),
       delivered = (select count(*) from referral rf where rf.resource_id = resource.id)`,
  );
  const ledgerCols = `(id, jurisdiction_id, household_id, route, source_id, kind, what, value_fen, given_by_org_id,
       given_by_name, given_on, recorded_by, recorded_org_id, reconciled_at, reconciled_with, created_at)`;
  await run(
    'help_record',
    `insert into help_record ${ledgerCols}
     select 'hr' || ${pad('i')}, ${qtx}, 'h' || ${pad('i')}, 'referral', 'rf' || ${pad('i')}, 'free_screening', '体检',
       10000, ${caringOf}, '爱心单位', ${day('i % 150 + 15')}, ${staff}, ${qtx}, null, null, ${at}
     from bench_seq where i % 10 < 2
     union all
     select 'hm' || ${pad('i')}, ${qtx}, 'h' || ${pad('i')}, 'measure', 'm' || ${pad('i')}, 'living_subsidy', '生活补助',
       50000 + (i % 7) * 1000, ${qtx}, '青铜峡市总工会', ${day('i % 150 + 9')}, ${staff}, ${qtx}, null, null, ${at}
     from bench_seq where ${archived}
     union all
     select 'hu' || ${pad('i')}, ${qtx}, 'h' || ${pad('i')}, 'urgent', null, 'living_subsidy', '应急救助',
       30000, ${qtx}, '青铜峡市总工会', ${day('i % 150 + 1')}, ${staff}, ${qtx}, null, null, ${at}
     from bench_seq where i % 10 in (4, 5, 6) and i % 3 = 0
     union all
     select 'hp' || ${pad('i')}, ${qtx}, 'h' || ${pad('i')}, 'upper', null, 'living_subsidy', '送温暖',
       200000, null, '宁夏总工会', ${day('i % 150 + 11')}, ${staff}, ${qtx}, null, null, ${at}
     from bench_seq where i % 10 = 3`,
  );
  await run(
    'return_visit',
    `insert into return_visit (id, jurisdiction_id, household_id, reason, source_id, due_on, assignee_org_id,
       assignee_member_id, state, visited_on, visitors, change, open_needs, satisfaction, household_words, relapse,
       recorded_by, created_at, updated_at, version)
     select 'rv' || ${pad('i')}, ${qtx}, 'h' || ${pad('i')},
       case when ${exited} then 'after_exit' else 'after_help' end, null, ${day('i % 200 + 30')}, ${lit(ids.guxia)},
       null, case when i % 3 = 0 then 'done' else 'due' end, null, null, null, null, null, null, 0, null, ${at}, ${at}, 1
     from bench_seq where ${archived}`,
  );
  await run('drop numbers', `drop table bench_seq`);
  // Planner statistics (and, on PostgreSQL, the visibility map index-only scans need).
  await run('analyze', engine === 'sqlite' ? 'analyze' : 'vacuum analyze');
}

// ---- measuring ----

type QueryFn = (db: Kysely<Database>, f: DashboardFilters) => Promise<unknown[]>;
const QUERIES = DASHBOARD_QUERIES as unknown as Record<string, QueryFn>;
const NAMES = Object.keys(QUERIES);

/** Wraps every dashboard statement so the time each takes inside an API request is recorded. */
function instrument(): { take: () => Map<string, number[]>; restore: () => void } {
  const originals = { ...QUERIES };
  let samples = new Map<string, number[]>(NAMES.map((n) => [n, []]));
  for (const name of NAMES) {
    QUERIES[name] = async (db, f) => {
      const t0 = performance.now();
      try {
        return await originals[name](db, f);
      } finally {
        samples.get(name)!.push(performance.now() - t0);
      }
    };
  }
  return {
    take: () => {
      const out = samples;
      samples = new Map(NAMES.map((n) => [n, []]));
      return out;
    },
    restore: () => Object.assign(QUERIES, originals),
  };
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up: plans, caches, JIT
  const out: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function measure(
  label: string,
  db: Kysely<Database>,
  agent: Agent,
  filters: DashboardFilters,
  query: string,
): Promise<void> {
  log(`\n${label}: ${RUNS} runs each after one warm-up (ms)`);
  const probe = instrument();
  const whole = await time(RUNS, async () => {
    const res = await agent.get(`/api/dashboard${query}`);
    if (res.statusCode !== 200) throw new Error(`GET /api/dashboard: ${res.statusCode} ${res.body}`);
  });
  const inApi = probe.take();
  probe.restore();
  const rows: string[][] = [['query', 'API p50', 'API p99', 'direct p50', 'direct p99', 'ratio', 'rows']];
  let directSum = 0;
  for (const name of NAMES) {
    const api = inApi.get(name)!.slice(-RUNS);
    let count = 0;
    const direct = await time(RUNS, async () => {
      count = (await QUERIES[name](db, filters)).length;
    });
    const a50 = percentile(api, 50);
    const d50 = percentile(direct, 50);
    directSum += d50;
    rows.push([
      name,
      ms(a50),
      ms(percentile(api, 99)),
      ms(d50),
      ms(percentile(direct, 99)),
      (a50 / d50).toFixed(2),
      String(count),
    ]);
  }
  const w50 = percentile(whole, 50);
  rows.push([
    'GET /api/dashboard (whole)',
    ms(w50),
    ms(percentile(whole, 99)),
    ms(directSum),
    '',
    (w50 / directSum).toFixed(2),
    '',
  ]);
  for (const [name, url] of [
    [
      'GET drill funnel:screened p1',
      `/api/dashboard/drill?metric=funnel&key=screened${query ? `&${query.slice(1)}` : ''}`,
    ],
    [
      'GET drill route:referral p1',
      `/api/dashboard/drill?metric=route&key=referral${query ? `&${query.slice(1)}` : ''}`,
    ],
    ['GET export (all sheets)', `/api/dashboard/export${query}`],
  ] as const) {
    const t = await time(Math.max(3, Math.floor(RUNS / 4)), async () => {
      const res = await agent.get(url);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    });
    rows.push([name, ms(percentile(t, 50)), ms(percentile(t, 99)), '', '', '', '']);
  }
  table(rows[0], rows.slice(1));
  log(`RSS ${mb(process.memoryUsage().rss)}, heap used ${mb(process.memoryUsage().heapUsed)}`);
}

async function main() {
  const t0 = performance.now();
  const { handle, drop, where } = await freshDatabase(ENGINE, `dashboard-${N}`, KEEP);
  log(`dashboard bench: ${N.toLocaleString('en')} households on ${ENGINE} (${where})`);
  const clock = new FakeClock('2026-06-01T08:00:00.000Z');
  const built = await buildApp({
    config: testConfig(),
    database: handle,
    clock,
    hasher: PasswordHasher.fast(),
    sleep: async () => {},
    logger: false,
    loginPerMinute: 1_000_000,
  });
  try {
    const seeded = await seedFoundation(built.platform);
    const ids: Record<string, string> = {
      staff: seeded.users.get('qtx_staff')!,
      ...Object.fromEntries(
        ['qtx', 'ningxia', 'chunyu', 'guxia', 'yingxin', 'hospital', 'restaurant', 'yumin'].map((k) => [
          k,
          seeded.orgs.get(k)!,
        ]),
      ),
    };
    log('generating (set-based SQL):');
    const g0 = performance.now();
    await generate(handle.db, handle.engine, ids);
    log(
      `generated in ${((performance.now() - g0) / 1000).toFixed(1)} s; RSS ${mb(process.memoryUsage().rss)}`,
    );

    const agent = new Agent(built);
    const login = await agent.login('qtx_staff');
    if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.body}`);
    const base: DashboardFilters = { jurisdictionId: ids.qtx, today: '2026-06-01' };
    await measure('unfiltered', handle.db, agent, base, '');
    if (FILTERED) {
      await measure(
        'filtered (2026-03-01..2026-04-30, area 640381101, partner 春雨, campaign)',
        handle.db,
        agent,
        {
          ...base,
          from: '2026-03-01',
          to: '2026-04-30',
          divisionCode: '640381101',
          orgId: ids.chunyu,
          campaignId: 'bench-campaign',
        },
        `?from=2026-03-01&to=2026-04-30&divisionCode=640381101&orgId=${ids.chunyu}&campaignId=bench-campaign`,
      );
    }
    log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await built.app.close();
    await handle.close();
    await drop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
