import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { TestApp } from '../test-app';

// ---------------------------------------------------------------------------------------------
// Tables and snapshots. Every key of the Database interface is classified (a new table is a
// compile error until it is): guarded tables must not change at all on a refused request;
// session / audit_log / audit_head may grow through sign-ins and audited refusals, but a
// refused request must never add an audit row with result 'success'.
// ---------------------------------------------------------------------------------------------

export const TABLES = {
  organisation: 'guarded',
  // A wrong one-time code counts an attempt on the live code (five burn it): a refused request
  // legitimately changes this table, as a refused sign-in adds to the audit trail.
  otpCode: 'grows',
  appUser: 'guarded',
  userRole: 'guarded',
  session: 'grows',
  // Sign-in attempts are counted per username × address before the password is checked.
  loginThrottle: 'grows',
  auditLog: 'grows',
  auditHead: 'grows',
  // Bumped only inside a transaction that changes a federation's area; a refusal rolls it back.
  orgAreaLock: 'guarded',
  // A search by ID number or phone refused for the hourly limit is still counted (and audited).
  identifierSearchCount: 'grows',
  assignment: 'guarded',
  allianceMember: 'guarded',
  responsibilityRule: 'guarded',
  campaign: 'guarded',
  campaignTarget: 'guarded',
  household: 'guarded',
  householdOrg: 'guarded',
  householdMember: 'guarded',
  screening: 'guarded',
  need: 'guarded',
  mergeCandidate: 'guarded',
  verification: 'guarded',
  archiveStandard: 'guarded',
  archiveCounter: 'guarded',
  archive: 'guarded',
  householdEvent: 'guarded',
  householdToken: 'guarded',
  helpSetting: 'guarded',
  helpRecord: 'guarded',
  evidence: 'guarded',
  consent: 'guarded',
  consentEvidence: 'guarded',
  planTemplate: 'guarded',
  templateApplication: 'guarded',
  planMeasure: 'guarded',
  resource: 'guarded',
  referral: 'guarded',
  returnVisit: 'guarded',
  member: 'guarded',
  memberTransfer: 'guarded',
  worker: 'guarded',
  // Any request carrying a worker cookie slides its session's idle expiry (or ends it when expired).
  workerSession: 'grows',
  voteCampaign: 'guarded',
  voteNomination: 'guarded',
  voteFile: 'guarded',
  voteConflict: 'guarded',
  voteExpertScore: 'guarded',
  voteCandidate: 'guarded',
  voteShortlist: 'guarded',
  voteResult: 'guarded',
  voteObjection: 'guarded',
  // The vote's ballots and integrity review
  voteBallot: 'guarded',
  voteLike: 'guarded',
  voteVoterDay: 'guarded',
  voteTally: 'guarded',
  voteRefusal: 'guarded',
  voteFlag: 'guarded',
  voteAppeal: 'guarded',
} as const satisfies Record<keyof Database, 'guarded' | 'grows'>;

type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export interface Snapshot {
  digests: Record<string, string>;
  counts: Record<string, number>;
  auditSeq: number;
}

const GUARDED = TABLE_NAMES.filter((table) => TABLES[table] === 'guarded');
/** The table's name in the database (the CamelCasePlugin's mapping). */
const sqlName = (table: string) => table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Per-table write markers, installed by the harness in this test file's own database only (never
 * by the app's migrations): every inserted, updated or deleted row of a guarded table moves its
 * table's marker, and nothing else does — not the sessions and audit rows every request writes,
 * and, on PostgreSQL, not the other test files writing to their own schemas at the same time.
 *
 * - SQLite: a TEMP counter table and TEMP row triggers (the connection's own temp schema, so
 *   `sqlite_master` and the table list of the registry test do not see them). A rolled-back write
 *   rolls its count back with it, as it does the row.
 * - PostgreSQL: a sequence per guarded table and a row trigger (plus a TRUNCATE one) calling
 *   `nextval`, all in the file's own schema (dropped with it). Sequences are not transactional: a
 *   rolled-back write still moves its marker, which only costs a re-read; they take no row lock,
 *   so two of the pool's connections writing the same table never wait on the marker.
 *
 * An unmoved marker means the table is exactly as last read (a marker is read before its table),
 * so only the tables a request wrote to are read and hashed again.
 */
async function installWriteMarkers(t: TestApp): Promise<void> {
  const db = t.platform.db;
  if (t.platform.engine === 'sqlite') {
    await sql`create temp table harness_writes (tbl text primary key, n integer not null)`.execute(db);
    for (const table of GUARDED) {
      const name = sqlName(table);
      await sql`insert into temp.harness_writes (tbl, n) values (${name}, 0)`.execute(db);
      for (const op of ['insert', 'update', 'delete']) {
        await sql
          .raw(
            `create temp trigger harness_w_${name}_${op} after ${op} on main.${name} for each row ` +
              `begin update harness_writes set n = n + 1 where tbl = '${name}'; end`,
          )
          .execute(db);
      }
    }
    return;
  }
  const statements = [
    `create function harness_write() returns trigger language plpgsql as $$
       begin
         perform nextval(quote_ident(tg_table_schema) || '.' || quote_ident('harness_w_' || tg_table_name));
         return null;
       end $$`,
    ...GUARDED.flatMap((table) => {
      const name = sqlName(table);
      return [
        `create sequence harness_w_${name}`,
        `create trigger harness_w after insert or update or delete on ${name} ` +
          `for each row execute function harness_write()`,
        `create trigger harness_w_truncate after truncate on ${name} ` +
          `for each statement execute function harness_write()`,
      ];
    }),
  ];
  // One round trip (a query without parameters goes as one simple-protocol message).
  await sql.raw(statements.join(';\n')).execute(db);
}

/** Every guarded table's marker and the audit trail's last seq, in one query. */
async function readMarkers(t: TestApp): Promise<{ markers: Record<string, string>; auditSeq: number }> {
  const db = t.platform.db;
  const seq = `(select max(seq) from audit_log)`;
  // PostgreSQL: read through the catalogue in one scan (a union of ~50 sequence selects costs
  // more to plan than the tables it spares cost to read); a sequence never called reads 0.
  const text =
    t.platform.engine === 'sqlite'
      ? `select tbl, cast(n as text) as m, ${seq} as seq from temp.harness_writes`
      : `select substr(c.relname, ${'harness_w_'.length + 1}) as tbl,
           coalesce(pg_sequence_last_value(c.oid), 0)::text as m, ${seq} as seq
         from pg_class c
         where c.relnamespace = current_schema()::regnamespace and c.relkind = 'S'
           and c.relname like 'harness\\_w\\_%'`;
  const rows = (await sql.raw<{ tbl: string; m: string; seq: unknown }>(text).execute(db)).rows;
  const byName = new Map(rows.map((r) => [r.tbl, String(r.m)]));
  const markers: Record<string, string> = {};
  for (const table of GUARDED) {
    const m = byName.get(sqlName(table));
    if (m === undefined) throw new Error(`no write marker for ${table}`);
    markers[table] = m;
  }
  return { markers, auditSeq: Number(rows[0]?.seq ?? 0) };
}

/**
 * Snapshots of the guarded tables of one test app, and what changed between two of them: the
 * "0 rows changed" rule of the authorization matrix and the malformed-input harness.
 */
export function createSnapshots(t: TestApp) {
  let installed: Promise<void> | undefined;
  /** Per guarded table: its marker when last read, and what was read then. */
  const read = new Map<string, { marker: string; count: number; digest: string }>();

  async function snapshot(): Promise<Snapshot> {
    // Installed at the first snapshot, i.e. after the world's set-up: its bulk writes pay nothing.
    await (installed ??= installWriteMarkers(t));
    const { markers, auditSeq } = await readMarkers(t);
    const digests: Record<string, string> = {};
    const counts: Record<string, number> = {};
    // Only guarded tables are compared; the growing ones (audit trail, sessions) are not read at all.
    for (const table of GUARDED) {
      let last = read.get(table);
      if (last?.marker !== markers[table]) {
        const rows: unknown[] = await t.platform.db.selectFrom(table).selectAll().execute();
        const lines = rows.map((r) => JSON.stringify(r)).sort();
        const digest = createHash('sha256').update(lines.join('\n')).digest('hex');
        last = { marker: markers[table], count: rows.length, digest };
        read.set(table, last);
      }
      counts[table] = last.count;
      digests[table] = last.digest;
    }
    return { digests, counts, auditSeq };
  }

  /** What changed between two snapshots that a refused or malformed request must not have changed. */
  async function changesSince(before: Snapshot, after: Snapshot): Promise<string[]> {
    const out: string[] = [];
    for (const table of TABLE_NAMES) {
      if (TABLES[table] !== 'guarded') continue;
      if (before.counts[table] !== after.counts[table]) {
        out.push(`${table}: ${before.counts[table]} → ${after.counts[table]} rows`);
      } else if (before.digests[table] !== after.digests[table]) {
        out.push(`${table}: row contents changed`);
      }
    }
    const successes = await t.platform.db
      .selectFrom('auditLog')
      .select(['seq', 'action'])
      .where('seq', '>', before.auditSeq)
      .where('result', '=', 'success')
      .execute();
    for (const s of successes) out.push(`audit_log gained a success row: #${s.seq} ${s.action}`);
    return out;
  }

  return { snapshot, changesSince };
}

/** The tables the database really has, camelCased like schema.ts (migrations' own tables left out). */
export async function catalogueTables(t: TestApp): Promise<string[]> {
  const db = t.platform.db;
  const rows =
    t.platform.engine === 'sqlite'
      ? await sql<{ name: string }>`
          select name from sqlite_master
          where type = 'table' and name not like 'sqlite%' and name not like 'kysely%'`.execute(db)
      : await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_name not like 'kysely%'`.execute(db);
  return rows.rows.map((r) => r.name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())).sort();
}
