/**
 * F-8 drill — every access to sensitive data is audited, and the trail is tamper-evident.
 *
 *   npx tsx drills/f8.ts [--quick] [--engine=sqlite|postgres|both] [--keep]
 *   npm run drill -- f8 [--quick]            (through drills/run.ts)
 *
 * On each engine (a fresh SQLite file under tmp/drills/, a fresh PostgreSQL schema in
 * DRILL_DATABASE_URL / TEST_DATABASE_URL / postgres://postgres@127.0.0.1:5432/test):
 *   1. a scripted run through the API — per round 3 reveals (ID number, phone, a member's ID
 *      number), 7 changes (screening, verify, archive, measure, consent, referral, accept), 3
 *      exports (household list, audit trail, dashboard) and 1 refused reveal — must leave exactly
 *      N new audit rows with the right action, actor, subject, result and time order, counted in
 *      the table and through GET /api/audit; no revealed identifier in any row;
 *   2. `npm run audit:verify` passes on the untouched chain; an ordinary UPDATE is refused;
 *   3. an attacker with database access gets past the append-only trigger (SQLite: a second raw
 *      connection drops and re-creates it; PostgreSQL: ALTER TABLE … DISABLE TRIGGER) and flips
 *      one byte of one row's details; GET /api/audit/verify and `npm run audit:verify` (exit 1)
 *      must both name that row;
 *   4. (before 3) the attacker deletes the newest rows past the trigger and rewinds audit_head to the
 *      last kept row — a shortened chain that is consistent in itself: GET /api/audit/verify and
 *      `npm run audit:verify` must both fail naming the signed checkpoint (AUDIT_CHECKPOINT_FILE)
 *      the app wrote before.
 * Profiles: --quick 2 rounds on an empty alliance (26 rows, about 15 s for both engines);
 * default (full) the whole demo seed first (3 000+ chained rows) and 10 rounds (130 rows).
 */
import { mkdirSync, rmSync } from 'node:fs';
import {
  childEnv,
  drillApp,
  freshDatabase,
  ms,
  npmRun,
  parseArgs,
  pgReachable,
  runDrill,
  testSecrets,
  Verdict,
  type Engine,
} from './lib/drill';
import {
  auditRowsAfter,
  compareRows,
  deleteNewestAndRewind,
  maxSeq,
  scenarioAgents,
  scenarioRound,
  scenarioSetup,
  tamper,
  updateRefused,
  type ScenarioResult,
} from './lib/audit-scenario';
import { seedAssistance } from '../server/seed/assistance';
import { seedHelp } from '../server/seed/help';
import { demoContexts } from '../server/seed';

const args = parseArgs();
const v = new Verdict(`F-8 audit completeness and tamper evidence (${args.quick ? 'quick' : 'full'})`);
const dir = `${process.cwd()}/tmp/drills/f8`;
const rounds = args.quick ? 2 : 10;

async function drillEngine(engine: Engine): Promise<void> {
  v.section(`${engine}`);
  if (engine === 'postgres' && !(await pgReachable())) {
    v.check(false, 'PostgreSQL reachable', 'set DRILL_DATABASE_URL or run with --engine=sqlite');
    return;
  }
  const t0 = performance.now();
  const secrets = testSecrets();
  const db = await freshDatabase(engine, dir, `f8-${engine}`);
  const checkpointFile = `${dir}/checkpoints-${engine}.jsonl`;
  rmSync(checkpointFile, { force: true });
  const t = await drillApp(db, secrets, { auditCheckpoint: { file: checkpointFile, everySeconds: 3600 } });
  const verifyEnv = () => childEnv(db.url, secrets, { AUDIT_CHECKPOINT_FILE: checkpointFile });
  try {
    if (!args.quick) {
      const t1 = performance.now();
      const loadActor = (id: string) => t.services.users.loadActor(id, 'seed');
      await seedAssistance(t.platform, t.services.assistance, t, loadActor);
      await seedHelp(t.platform, t.services.assistance, t.orgs, demoContexts(t.users, loadActor));
      v.info(`demo seed: ${await maxSeq(t.platform.db)} audit rows in ${ms(t1)}`);
    }
    const u = await scenarioAgents(t);
    const { resourceId } = await scenarioSetup(u);
    const totalVia = async () => (await u.auditor.get('/api/audit?pageSize=1')).json().total as number;

    const before = await maxSeq(t.platform.db);
    const apiBefore = await totalVia();
    const out: ScenarioResult = { expected: [], refused: 0, revealed: [] };
    const t2 = performance.now();
    for (let r = 0; r < rounds; r++) await scenarioRound(u, r + 1, resourceId, out);
    const scriptMs = ms(t2);
    const rows = await auditRowsAfter(t.platform.db, before);
    const apiAfter = await totalVia();
    const n = out.expected.length;
    const counts = new Map<string, number>();
    for (const e of out.expected) counts.set(e.action, (counts.get(e.action) ?? 0) + 1);
    v.info(
      `scripted ${n} audited operations + ${out.refused} refused in ${scriptMs}: ${[...counts].map(([a, c]) => `${a}×${c}`).join(', ')}`,
    );
    v.check(
      rows.length === n,
      `exactly N new audit rows in the table`,
      `N=${n}, before seq ${before}, found ${rows.length}`,
    );
    const problems = compareRows(rows, out.expected, out.revealed);
    v.check(
      problems.length === 0,
      'each row has the right action, actor, subject, result and time order; no revealed identifier',
      problems.slice(0, 8).join('; ') || `${rows.length} rows checked`,
    );
    v.check(
      apiAfter - apiBefore === n,
      'GET /api/audit counts the same N new rows',
      `${apiBefore} → ${apiAfter}`,
    );

    const clean = npmRun('audit:verify', verifyEnv());
    v.check(
      clean.status === 0,
      'npm run audit:verify passes on the untouched chain',
      `${clean.out} (${(clean.ms / 1000).toFixed(1)} s)`,
    );

    // 4. Delete the newest rows and rewind the head: only the checkpoint outside the database shows it.
    const mark = await t.platform.audit.checkpoint(t.platform.db);
    v.check(mark !== null, 'the app wrote a signed checkpoint of the head', `seq ${mark?.seq}`);
    const keep = Number(rows[rows.length - 4]?.seq ?? before);
    const cut = await deleteNewestAndRewind(
      engine === 'sqlite' ? { engine, file: db.file! } : { engine, url: db.url, schema: db.schema! },
      keep,
    );
    v.info(`attacker deleted the newest ${cut.deleted} rows and rewound audit_head to seq ${keep}`);
    const rewound = (await u.auditor.get('/api/audit/verify')).json();
    v.check(
      rewound.ok === false && String(rewound.reason).includes(`checkpoint seq ${mark?.seq}`),
      'GET /api/audit/verify fails naming the checkpoint',
      JSON.stringify(rewound),
    );
    const rewoundCli = npmRun('audit:verify', verifyEnv());
    v.check(
      rewoundCli.status !== 0 && rewoundCli.out.includes(`checkpoint seq ${mark?.seq}`),
      'npm run audit:verify exits non-zero naming the checkpoint',
      `exit ${rewoundCli.status}: ${rewoundCli.out}`,
    );

    const victim = Number(rows[Math.floor(rows.length / 2)]?.seq ?? before);
    v.check(await updateRefused(t.platform.db, victim), 'the table refuses an ordinary UPDATE (trigger)');
    const changed = await tamper(
      engine === 'sqlite' ? { engine, file: db.file! } : { engine, url: db.url, schema: db.schema! },
      victim,
    );
    const flipped = [...Buffer.from(changed.before)].findIndex((b, i) => b !== Buffer.from(changed.after)[i]);
    v.info(`attacker flipped byte ${flipped} of seq ${victim}'s details past the trigger`);
    const stored = await t.platform.db
      .selectFrom('auditLog')
      .select('details')
      .where('seq', '=', victim)
      .executeTakeFirstOrThrow();
    v.check(stored.details === changed.after, 'the change reached the stored row');

    const api = (await u.auditor.get('/api/audit/verify')).json();
    v.check(
      api.ok === false && api.brokenAt === victim,
      'GET /api/audit/verify names the altered row',
      JSON.stringify(api),
    );
    const cli = npmRun('audit:verify', verifyEnv());
    v.check(
      cli.status !== 0 && cli.out.includes(`seq ${victim} `),
      'npm run audit:verify exits non-zero naming the altered row',
      `exit ${cli.status}: ${cli.out}`,
    );
    v.info(`${engine} done in ${ms(t0)}`);
  } finally {
    await t.app.close();
    await db.handle.close();
    if (!args.keep) await db.drop();
  }
}

await runDrill(v, async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const engine of args.engines) await drillEngine(engine);
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
});
