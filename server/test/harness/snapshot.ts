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

/**
 * Moves whenever anything is written: SQLite's count of rows changed on its one connection, or
 * PostgreSQL's next transaction id (any write anywhere in the database moves it, so other test
 * files only make the shortcut rarer). Unmoved, the previous snapshot still holds.
 */
async function writeMarker(t: TestApp): Promise<string> {
  const q =
    t.platform.engine === 'sqlite'
      ? sql<{ m: string }>`select cast(total_changes() as text) as m`
      : sql<{ m: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as m`;
  return String((await q.execute(t.platform.db)).rows[0]?.m);
}
/**
 * Snapshots of the guarded tables of one test app, and what changed between two of them: the
 * "0 rows changed" rule of the authorization matrix and the malformed-input harness.
 */
export function createSnapshots(t: TestApp) {
  let lastSnapshot: { marker: string; snap: Snapshot } | undefined;

  async function snapshot(): Promise<Snapshot> {
    const marker = await writeMarker(t);
    if (lastSnapshot?.marker === marker) return lastSnapshot.snap;
    const digests: Record<string, string> = {};
    const counts: Record<string, number> = {};
    // Only guarded tables are compared; the growing ones (audit trail, sessions) are not read at all.
    for (const table of TABLE_NAMES) {
      if (TABLES[table] !== 'guarded') continue;
      const rows: unknown[] = await t.platform.db.selectFrom(table).selectAll().execute();
      counts[table] = rows.length;
      const lines = rows.map((r) => JSON.stringify(r)).sort();
      digests[table] = createHash('sha256').update(lines.join('\n')).digest('hex');
    }
    const head = await t.platform.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    const snap = { digests, counts, auditSeq: Number(head?.seq ?? 0) };
    lastSnapshot = { marker, snap };
    return snap;
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
