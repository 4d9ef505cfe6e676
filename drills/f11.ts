/**
 * F-11 drill — ID numbers (and phones) are encrypted at rest; lookup works through a keyed blind index.
 *
 *   npx tsx drills/f11.ts [--quick] [--engine=sqlite|postgres|both] [--keep]
 *   npm run drill -- f11 [--quick]           (through drills/run.ts)
 *
 * The demo seed (the real services) goes into a fresh SQLite file (tmp/drills/f11/) and a fresh
 * PostgreSQL schema. Every plaintext ID number and phone is collected — from the seed's
 * deterministic plan and by decrypting every *_enc column — and searched for (plain, with spaces
 * or dashes, lower-case x, the 15-digit legacy form; UTF-8 and UTF-16) in:
 *   - the SQLite file and its -wal while the app's connection is still open (the WAL not yet
 *     checkpointed), and the file again after close (checkpointed);
 *   - a `pg_dump` of the PostgreSQL schema.
 * 0 occurrences is the pass. Then search by ID number and by phone through the API finds the
 * household, and the stored index is HMAC(key, value), not a plain SHA-256 of the value.
 * Profiles: --quick the whole demo on SQLite and its first 120 screenings on PostgreSQL
 * (~30 s); default (full) the whole demo on both (~90 s).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import {
  PG_URL,
  drillApp,
  freshDatabase,
  ms,
  parseArgs,
  pgReachable,
  runDrill,
  testSecrets,
  Verdict,
  type DrillApp,
  type Engine,
  type FreshDatabase,
} from './lib/drill';
import {
  describeHit,
  merge,
  PiiScanner,
  scannerSelfTest,
  secretsFromDatabase,
  secretsFromPlan,
  type Secrets,
} from './lib/pii';
import { demoContexts } from '../server/seed';
import { CAMPAIGN_NAME, planAssistanceDemo, seedAssistance } from '../server/seed/assistance';
import { seedHelp } from '../server/seed/help';
import { sha256Hex } from '../server/platform/personal-data/crypto';
import { signIn } from '../server/test/test-app';

const args = parseArgs();
const v = new Verdict(`F-11 encryption at rest (${args.quick ? 'quick' : 'full'})`);
const dir = `${process.cwd()}/tmp/drills/f11`;

async function seed(t: DrillApp, partial: boolean): Promise<void> {
  const loadActor = (id: string) => t.services.users.loadActor(id, 'seed');
  if (!partial) {
    await seedAssistance(t.platform, t.services.assistance, t, loadActor);
    await seedHelp(t.platform, t.services.assistance, t.orgs, demoContexts(t.users, loadActor));
    return;
  }
  // The first screenings of the plan, through the same service the seed uses.
  const as = demoContexts(t.users, loadActor);
  for (const s of planAssistanceDemo().screenings.slice(0, 120)) {
    await t.services.assistance.screenings.submitScreening(await as(s.user), {
      form: s.form,
      clientRef: s.clientRef,
    });
  }
}

function report(label: string, scanner: PiiScanner, bytes: Buffer): boolean {
  const { utf8, utf16 } = scanner.scanBytes(bytes);
  const ok = v.check(
    utf8.length === 0 && utf16.length === 0,
    `${label}: 0 plaintext ID numbers or phones`,
    `${bytes.length.toLocaleString('en')} bytes scanned, ${utf8.length} hits (UTF-8), ${utf16.length} hits (UTF-16)`,
  );
  for (const h of [...utf8, ...utf16].slice(0, 5)) v.info(describeHit(h));
  return ok;
}

async function lookups(t: DrillApp, secrets: Secrets): Promise<void> {
  const staff = await signIn(t, 'qtx_staff');
  const h = await t.platform.db
    .selectFrom('household')
    .select(['id', 'headIdEnc', 'headIdBidx', 'phoneEnc'])
    .where('headIdEnc', 'is not', null)
    .where('phoneEnc', 'is not', null)
    .where('state', '!=', 'merged')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const id = t.platform.cipher.decrypt(h.headIdEnc!);
  const phone = t.platform.cipher.decrypt(h.phoneEnc!);
  v.check(
    secrets.ids.has(id) && secrets.phones.has(phone),
    'the probe household is among the seeded identifiers',
  );
  const byId = (await staff.post('/api/households/query', { idNumber: id })).json();
  v.check(
    byId.items?.some((x: { id: string }) => x.id === h.id),
    'search by ID number finds the household (blind index)',
    `${byId.total} found`,
  );
  const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  const byPhone = (await staff.post('/api/households/query', { phone: spaced })).json();
  v.check(
    byPhone.items?.some((x: { id: string }) => x.id === h.id),
    'search by phone finds the household (blind index)',
    `${byPhone.total} found`,
  );
  v.check(
    h.headIdBidx === t.platform.blindIndex('id_number', id) && h.headIdBidx !== sha256Hex(id),
    'the stored index is the keyed HMAC, not a plain hash of the ID number',
  );
}

async function drillEngine(engine: Engine, plan: Secrets): Promise<void> {
  v.section(engine);
  if (engine === 'postgres' && !(await pgReachable())) {
    v.check(false, 'PostgreSQL reachable', 'set DRILL_DATABASE_URL or run with --engine=sqlite');
    return;
  }
  const partial = args.quick && engine === 'postgres';
  const t0 = performance.now();
  const db: FreshDatabase = await freshDatabase(engine, dir, `f11-${engine}`);
  const t = await drillApp(db, testSecrets());
  let closed = false;
  try {
    await seed(t, partial);
    const households = await t.platform.db
      .selectFrom('household')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    v.info(
      `seeded ${Number(households.n)} households (${partial ? 'first 120 screenings' : CAMPAIGN_NAME}) in ${ms(t0)}`,
    );
    const stored = await secretsFromDatabase(t.platform.db, t.platform.cipher);
    const secrets = merge(plan, stored);
    const missing = [...stored.ids].filter((x) => !plan.ids.has(x)).length;
    v.check(
      stored.ids.size > (partial ? 100 : 1000),
      'the database holds the seeded ID numbers (decrypted)',
      `${stored.ids.size} ID numbers, ${stored.phones.size} phones decrypted; ${missing} not in the plan`,
    );
    const scanner = new PiiScanner(secrets);
    const c = scanner.counts;
    v.info(`looking for ${c.ids} ID numbers (+ ${c.legacyIds} legacy 15-digit forms) and ${c.phones} phones`);
    await lookups(t, secrets);

    if (engine === 'sqlite') {
      const file = db.file!;
      const wal = `${file}-wal`;
      v.check(
        existsSync(wal) && statSync(wal).size > 0,
        'the WAL holds uncheckpointed pages while the app is open',
        existsSync(wal) ? `${statSync(wal).size.toLocaleString('en')} bytes` : 'no -wal file',
      );
      report('SQLite file (open)', scanner, readFileSync(file));
      if (existsSync(wal)) report('SQLite -wal (open, uncheckpointed)', scanner, readFileSync(wal));
      if (existsSync(`${file}-shm`)) report('SQLite -shm', scanner, readFileSync(`${file}-shm`));
      await t.app.close();
      await db.handle.close();
      closed = true;
      report('SQLite file (closed, checkpointed)', scanner, readFileSync(file));
      if (existsSync(wal)) report('SQLite -wal (after close)', scanner, readFileSync(wal));
    } else {
      const t1 = performance.now();
      const dump = spawnSync('pg_dump', ['--dbname', PG_URL, '--schema', db.schema!, '--no-owner'], {
        maxBuffer: 1 << 30,
      });
      v.check(
        dump.status === 0,
        'pg_dump of the schema',
        `${dump.stderr.toString().trim() || 'ok'} (${ms(t1)})`,
      );
      report(`pg_dump -n ${db.schema}`, scanner, dump.stdout);
      const custom = spawnSync('pg_dump', ['--dbname', PG_URL, '--schema', db.schema!, '-Fc', '-Z0'], {
        maxBuffer: 1 << 30,
      });
      if (custom.status === 0)
        report('pg_dump -Fc -Z0 (custom format, uncompressed)', scanner, custom.stdout);
    }
    v.info(`${engine} done in ${ms(t0)}`);
  } finally {
    if (!closed) {
      await t.app.close();
      await db.handle.close();
    }
    if (!args.keep) await db.drop();
  }
}

await runDrill(v, async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const plan = secretsFromPlan();
  v.info(`the demo plan holds ${plan.ids.size} ID numbers and ${plan.phones.size} phones`);
  const missed = scannerSelfTest(plan);
  v.check(
    missed.length === 0,
    'the scanner finds planted identifiers in every variant (positive control)',
    missed.join(', ') || '11 variants',
  );
  for (const engine of args.engines) await drillEngine(engine, plan);
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
});
