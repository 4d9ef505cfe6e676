import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { App } from '../../server/app';
import type { Database } from '../../server/db/schema';
import { makeIdNumber } from '../../server/platform/personal-data/identity';
import { signIn, type Agent } from '../../server/test/test-app';

/**
 * F-8, shared by drills/f8.ts and server/test/drill-audit.api.test.ts: a scripted run of
 * reveals, exports and changes through the API, each with the one audit row it must leave
 * (or none, for a refused request), then an attacker's one-byte change to a stored audit row.
 */

export interface ExpectedRow {
  label: string;
  action: string;
  actorName: string;
  /** Any of these (a change may be recorded against the household or the record it made). */
  subjectIds: string[];
  result: 'success' | 'denied' | 'failure';
}

export interface ScenarioResult {
  expected: ExpectedRow[];
  /** Refused requests that must leave no row. */
  refused: number;
  /** ID numbers the scenario revealed: they must not be in any audit row's details. */
  revealed: string[];
}

type Users = { staff: Agent; volunteer: Agent; unit: Agent; auditor: Agent };

const NAMES = { staff: '李静', volunteer: '马文斌', unit: '张丽', auditor: '审计员' };

export async function scenarioAgents(app: App): Promise<Users> {
  return {
    staff: await signIn(app, 'qtx_staff'),
    volunteer: await signIn(app, 'cy_volunteer'),
    unit: await signIn(app, 'rmyy_staff'),
    auditor: await signIn(app, 'auditor'),
  };
}

function must(res: { statusCode: number; body: string }, status: number, what: string): void {
  if (res.statusCode !== status)
    throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
}

/** Uncounted set-up: the standard for the year and a caring unit's resource to refer to. */
export async function scenarioSetup(u: Users): Promise<{ resourceId: string }> {
  const std = await u.staff.post('/api/standards', {
    year: 2026,
    minLivingFen: 77000,
    relativeMultiplierPct: 200,
    accidentDropPct: 50,
    note: 'F-8 drill',
  });
  if (std.statusCode !== 201 && std.statusCode !== 409) must(std, 201, 'standard');
  const res = await u.unit.post('/api/resources', {
    kind: 'green_channel',
    title: 'F-8 演练绿色通道',
    unit: '人次',
    quantity: 10_000,
    unitValueFen: 20000,
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    audience: '建档困难职工家庭',
  });
  must(res, 201, 'resource');
  return { resourceId: res.json().id as string };
}

/** One household screened by the volunteer (audited as screening.submit): the head's and the spouse's ID numbers, a phone. */
export async function screenHousehold(u: Users, n: number) {
  const seq = String(n % 1000).padStart(3, '0');
  const idNumber = makeIdNumber('640381', '19770303', seq);
  const spouseId = makeIdNumber('640381', '19790404', seq);
  const phone = `1379512${String(n).padStart(4, '0')}`;
  const res = await u.volunteer.post('/api/screenings', {
    form: {
      method: 'home_visit',
      screenedOn: '2026-05-20',
      headName: `演练户${n}`,
      idNumber,
      phone,
      situation: 'migrant_worker',
      divisionCode: '640381101',
      addressDetail: `大坝镇演练村 ${n} 号`,
      householdSize: 3,
      annualIncomeFen: 2_000_000,
      rigidExpenseFen: 600_000,
      causes: ['serious_illness'],
      members: [{ relation: 'spouse', name: `演练配偶${n}`, idNumber: spouseId, health: '慢性病' }],
      needs: [{ kind: 'medical', urgency: 'urgent', description: '需复查' }],
    },
  });
  must(res, 200, 'screening');
  return {
    id: res.json().householdId as string,
    screeningId: res.json().screeningId as string,
    idNumber,
    spouseId,
    phone,
    headName: `演练户${n}`,
  };
}

/**
 * One round of counted operations on a fresh household: 7 changes (screening, verify, archive,
 * measure, consent, referral, accept), 3 reveals, 3 exports, and a refused reveal. Appends what each must leave in the trail.
 */
export async function scenarioRound(
  u: Users,
  n: number,
  resourceId: string,
  out: ScenarioResult,
): Promise<void> {
  const expect = (label: string, action: string, actor: keyof typeof NAMES, ...subjectIds: string[]) =>
    out.expected.push({ label, action, actorName: NAMES[actor], subjectIds, result: 'success' });
  const h = await screenHousehold(u, n);
  expect('submit screening', 'screening.submit', 'volunteer', h.id, h.screeningId);
  const detail = (await u.staff.get(`/api/households/${h.id}`)).json();
  const spouse = (detail.members as { id: string; relation: string }[]).find((m) => m.relation === 'spouse')!;

  const reveal = async (field: string, memberId: string | undefined, want: string) => {
    const r = await u.staff.post(`/api/households/${h.id}/reveal`, {
      field,
      memberId,
      reason: 'F-8 演练核对',
    });
    must(r, 200, `reveal ${field}`);
    if (r.json().value !== want) throw new Error(`reveal ${field} returned another value`);
    expect(`reveal ${field}`, 'household.reveal', 'staff', h.id);
  };
  await reveal('idNumber', undefined, h.idNumber);
  await reveal('phone', undefined, h.phone);
  await reveal('memberIdNumber', spouse.id, h.spouseId);
  out.revealed.push(h.idNumber, h.spouseId, h.phone);

  // A refused reveal: a volunteer has no household.reveal; no row.
  const denied = await u.volunteer.post(`/api/households/${h.id}/reveal`, { field: 'idNumber', reason: 'x' });
  must(denied, 403, 'refused reveal');
  out.refused++;

  const v = await u.staff.post(`/api/households/${h.id}/verify`, {
    version: detail.version,
    verifiedOn: '2026-05-28',
    homeVisit: true,
    documents: ['id_card'],
    incomeConsent: true,
    result: 'confirmed',
    migrantQualified: true,
  });
  must(v, 200, 'verify');
  expect('verify household', 'household.verify', 'staff', h.id);

  const a = await u.staff.post(`/api/households/${h.id}/archive`, {
    version: v.json().version,
    primaryCause: 'serious_illness',
  });
  must(a, 201, 'archive');
  expect('establish archive', 'archive.establish', 'staff', h.id, a.json().id);

  const m = await u.staff.post(`/api/households/${h.id}/measures`, {
    policy: 'household',
    kind: 'medical_aid',
    description: 'F-8 演练：绿色通道复查',
    responsibleOrgId: (await orgIdOf(u.unit)) ?? '',
    dueOn: '2026-06-30',
    valueFen: 20_000,
  });
  must(m, 201, 'measure');
  expect('create measure', 'measure.create', 'staff', h.id, m.json().id);

  const c = await u.volunteer.post(`/api/households/${h.id}/consents`, {
    orgId: (await orgIdOf(u.unit)) ?? '',
    givenBy: 'self',
    method: 'signed_form',
    givenOn: '2026-05-25',
  });
  must(c, 201, 'consent');
  expect('record consent', 'consent.give', 'volunteer', h.id, c.json().id);
  // A volunteer's consent gates the referral once federation staff confirm it (issue 9 item 13).
  const cc = await u.staff.post(`/api/consents/${c.json().id}/confirm`, {});
  must(cc, 200, 'confirm consent');
  expect('confirm consent', 'consent.confirm', 'staff', h.id, c.json().id);

  const ref = await u.volunteer.post(`/api/households/${h.id}/referrals`, {
    resourceId,
    need: 'F-8 演练复查',
  });
  must(ref, 201, 'referral');
  expect('create referral', 'referral.create', 'volunteer', h.id, ref.json().id);

  const acc = await u.unit.post(`/api/referrals/${ref.json().id}/accept`, { version: ref.json().version });
  must(acc, 200, 'accept referral');
  expect('accept referral', 'referral.accept', 'unit', h.id, ref.json().id);

  const hx = await u.staff.post('/api/households/export', { q: h.headName });
  must(hx, 200, 'household export');
  expect('household export', 'household.export', 'staff', '');

  const ax = await u.auditor.get(`/api/audit/export?action=household.reveal&subjectId=${h.id}`);
  must(ax, 200, 'audit export');
  expect('audit export', 'audit.export', 'auditor', '');

  const dx = await u.staff.get('/api/dashboard/export');
  must(dx, 200, 'dashboard export');
  expect('dashboard export', 'dashboard.export', 'staff', '');
}

const orgIds = new WeakMap<Agent, string>();
async function orgIdOf(agent: Agent): Promise<string | undefined> {
  if (!orgIds.has(agent)) {
    const me = (await agent.get('/api/auth/me')).json();
    orgIds.set(agent, me.user?.orgId ?? me.orgId);
  }
  return orgIds.get(agent);
}

export type AuditRow = Database['auditLog'];

export async function auditRowsAfter(db: Kysely<Database>, seq: number): Promise<AuditRow[]> {
  return db.selectFrom('auditLog').selectAll().where('seq', '>', seq).orderBy('seq').execute();
}

export async function maxSeq(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** Compares the new rows with what was expected; one problem per line, empty when all is right. */
export function compareRows(rows: AuditRow[], expected: ExpectedRow[], revealed: string[]): string[] {
  const problems: string[] = [];
  if (rows.length !== expected.length)
    problems.push(`expected ${expected.length} new rows, found ${rows.length}`);
  let lastAt = '';
  for (let i = 0; i < Math.min(rows.length, expected.length); i++) {
    const r = rows[i];
    const e = expected[i];
    const where = `row ${i + 1} (seq ${r.seq}, ${e.label})`;
    if (r.action !== e.action) problems.push(`${where}: action ${r.action}, expected ${e.action}`);
    if (r.actorName !== e.actorName) problems.push(`${where}: actor ${r.actorName}, expected ${e.actorName}`);
    if (!r.actorId) problems.push(`${where}: no actor id`);
    if (e.subjectIds.some((s) => s !== '') && !e.subjectIds.includes(r.subjectId ?? ''))
      problems.push(`${where}: subject ${r.subjectId}, expected one of ${e.subjectIds.join(', ')}`);
    if (r.result !== e.result) problems.push(`${where}: result ${r.result}, expected ${e.result}`);
    if (Number.isNaN(Date.parse(r.at)) || r.at < lastAt)
      problems.push(`${where}: bad or out-of-order time ${r.at}`);
    lastAt = r.at;
    const leaked = revealed.filter((v) => r.details.includes(v) || (r.subjectId ?? '').includes(v));
    if (leaked.length) problems.push(`${where}: details hold a revealed identifier`);
  }
  return problems;
}

/** Flips one bit of one ASCII character in the middle of a row's stored details. */
export function flipOneByte(details: string): string {
  const bytes = Buffer.from(details, 'utf8');
  let i = Math.floor(bytes.length / 2);
  while (i < bytes.length && !/[A-Za-z0-9]/.test(String.fromCharCode(bytes[i]))) i++;
  if (i >= bytes.length) i = 1;
  bytes[i] ^= 0x01;
  return bytes.toString('utf8');
}

/**
 * The attacker with database access: gets past the append-only trigger, changes one byte of one
 * row's details, and puts the trigger back. SQLite through a second raw connection to the file
 * (or the app's own connection for an in-memory database); PostgreSQL by disabling the trigger.
 */
export async function tamper(
  target:
    | { engine: 'sqlite'; file: string }
    | { engine: 'sqlite'; db: Kysely<Database> }
    | { engine: 'postgres'; url: string; schema: string },
  seq: number,
): Promise<{ before: string; after: string }> {
  if (target.engine === 'sqlite' && 'file' in target) {
    const raw = new SQLite(target.file);
    try {
      const before = (
        raw.prepare('SELECT details FROM audit_log WHERE seq = ?').get(seq) as { details: string }
      ).details;
      const after = flipOneByte(before);
      raw.exec('DROP TRIGGER audit_log_no_update');
      raw.prepare('UPDATE audit_log SET details = ? WHERE seq = ?').run(after, seq);
      raw.exec(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
      );
      return { before, after };
    } finally {
      raw.close();
    }
  }
  if (target.engine === 'sqlite') {
    const db = target.db;
    const before = (
      await db.selectFrom('auditLog').select('details').where('seq', '=', seq).executeTakeFirstOrThrow()
    ).details;
    const after = flipOneByte(before);
    await sql.raw('DROP TRIGGER audit_log_no_update').execute(db);
    await sql`UPDATE audit_log SET details = ${after} WHERE seq = ${seq}`.execute(db);
    await sql
      .raw(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
      )
      .execute(db);
    return { before, after };
  }
  const c = new pg.Client({ connectionString: target.url });
  await c.connect();
  try {
    await c.query(`SET search_path TO ${target.schema}`);
    const before = (await c.query('SELECT details FROM audit_log WHERE seq = $1', [seq])).rows[0]
      .details as string;
    const after = flipOneByte(before);
    await c.query('BEGIN');
    await c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
    await c.query('UPDATE audit_log SET details = $1 WHERE seq = $2', [after, seq]);
    await c.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
    await c.query('COMMIT');
    return { before, after };
  } finally {
    await c.end();
  }
}

/**
 * The attacker's other move: past the trigger, delete every row after `keepSeq` and rewind
 * `audit_head` to the last kept row, so the shortened chain is consistent in itself.
 */
export async function deleteNewestAndRewind(
  target:
    | { engine: 'sqlite'; file: string }
    | { engine: 'sqlite'; db: Kysely<Database> }
    | { engine: 'postgres'; url: string; schema: string },
  keepSeq: number,
): Promise<{ deleted: number }> {
  if (target.engine === 'sqlite') {
    const trigger =
      "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END";
    if ('file' in target) {
      const raw = new SQLite(target.file);
      try {
        raw.exec('DROP TRIGGER audit_log_no_delete');
        const r = raw.prepare('DELETE FROM audit_log WHERE seq > ?').run(keepSeq);
        const kept = raw.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(keepSeq) as { hash: string };
        raw.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1').run(keepSeq, kept.hash);
        raw.exec(trigger);
        return { deleted: r.changes };
      } finally {
        raw.close();
      }
    }
    const db = target.db;
    await sql.raw('DROP TRIGGER audit_log_no_delete').execute(db);
    const r = await sql`DELETE FROM audit_log WHERE seq > ${keepSeq}`.execute(db);
    const kept = await db
      .selectFrom('auditLog')
      .select('hash')
      .where('seq', '=', keepSeq)
      .executeTakeFirstOrThrow();
    await sql`UPDATE audit_head SET seq = ${keepSeq}, hash = ${kept.hash} WHERE id = 1`.execute(db);
    await sql.raw(trigger).execute(db);
    return { deleted: Number(r.numAffectedRows ?? 0) };
  }
  const c = new pg.Client({ connectionString: target.url });
  await c.connect();
  try {
    await c.query(`SET search_path TO ${target.schema}`);
    await c.query('BEGIN');
    await c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
    const r = await c.query('DELETE FROM audit_log WHERE seq > $1', [keepSeq]);
    const kept = (await c.query('SELECT hash FROM audit_log WHERE seq = $1', [keepSeq])).rows[0]
      .hash as string;
    await c.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [keepSeq, kept]);
    await c.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
    await c.query('COMMIT');
    return { deleted: r.rowCount ?? 0 };
  } finally {
    await c.end();
  }
}

/** The trigger still refuses an ordinary UPDATE (the attacker had to get past it). */
export async function updateRefused(db: Kysely<Database>, seq: number): Promise<boolean> {
  try {
    await db.updateTable('auditLog').set({ details: '{}' }).where('seq', '=', seq).execute();
    return false;
  } catch {
    return true;
  }
}
