import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { HelpRecordTable } from './tables';

/**
 * The one way help enters a household's ledger (帮扶记录), whatever its route, and the one way
 * return visits are scheduled. Every delivery path (urgent help, upper-federation aid, a plan
 * measure done, a referral delivered) calls `recordDelivery` inside its own transaction.
 */
type Executor = Kysely<Database>;

export const DEFAULT_VISIT_AFTER_HELP_DAYS = 30;
export const DEFAULT_VISIT_AFTER_EXIT_DAYS = 90;

export async function helpSettings(db: Executor, jurisdictionId: string) {
  const row = await db
    .selectFrom('helpSetting')
    .select(['visitAfterHelpDays', 'visitAfterExitDays'])
    .where('jurisdictionId', '=', jurisdictionId)
    .executeTakeFirst();
  return {
    visitAfterHelpDays: Number(row?.visitAfterHelpDays ?? DEFAULT_VISIT_AFTER_HELP_DAYS),
    visitAfterExitDays: Number(row?.visitAfterExitDays ?? DEFAULT_VISIT_AFTER_EXIT_DAYS),
  };
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface ScheduleVisit {
  id: string;
  householdId: string;
  jurisdictionId: string;
  reason: 'after_help' | 'after_exit' | 'manual';
  sourceId: string | null;
  /** The day the help was delivered or the archive exited (China date). */
  fromDate: string;
  at: string;
  /** Defaults to the household's responsible partner, else the federation. */
  assigneeOrgId?: string;
  assigneeMemberId?: string | null;
  /** Overrides the configured delay (manual scheduling). */
  dueOn?: string;
}

/**
 * Schedules a return visit unless one is already open for the household (at most one open
 * visit per household: a partial unique index, so concurrent deliveries cannot add two).
 * Returns true when a visit was added.
 */
export async function scheduleVisit(db: Executor, v: ScheduleVisit): Promise<boolean> {
  let dueOn = v.dueOn;
  if (!dueOn) {
    const s = await helpSettings(db, v.jurisdictionId);
    dueOn = addDays(v.fromDate, v.reason === 'after_exit' ? s.visitAfterExitDays : s.visitAfterHelpDays);
  }
  let assigneeOrgId = v.assigneeOrgId;
  if (!assigneeOrgId) {
    const h = await db
      .selectFrom('household')
      .select('responsibleOrgId')
      .where('id', '=', v.householdId)
      .executeTakeFirstOrThrow();
    assigneeOrgId = h.responsibleOrgId ?? v.jurisdictionId;
  }
  const r = await db
    .insertInto('returnVisit')
    .values({
      id: v.id,
      jurisdictionId: v.jurisdictionId,
      householdId: v.householdId,
      reason: v.reason,
      sourceId: v.sourceId,
      dueOn,
      assigneeOrgId,
      assigneeMemberId: v.assigneeMemberId ?? null,
      state: 'due',
      relapse: 0,
      createdAt: v.at,
      updatedAt: v.at,
      version: 1,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Adds one delivered thing to the ledger and schedules the follow-up visit. A measure or a
 * referral enters the ledger once (unique route + source); a second call for the same source
 * changes nothing and returns false.
 */
export async function recordDelivery(
  db: Executor,
  row: Insertable<HelpRecordTable>,
  visit: { id: string; fromDate: string },
): Promise<boolean> {
  const r = await db
    .insertInto('helpRecord')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  const added = Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  if (added) {
    await scheduleVisit(db, {
      id: visit.id,
      householdId: row.householdId,
      jurisdictionId: row.jurisdictionId,
      reason: 'after_help',
      sourceId: row.id,
      fromDate: visit.fromDate,
      at: row.createdAt,
    });
  }
  return added;
}

/**
 * Urgent help given before the archive decision is reconciled with it: the rows stay in the
 * ledger (counted once) and are marked with the decision they were settled against.
 */
export async function reconcileUrgentHelp(
  db: Executor,
  householdId: string,
  decision: string,
  at: string,
): Promise<number> {
  const r = await db
    .updateTable('helpRecord')
    .set({ reconciledAt: at, reconciledWith: decision })
    .where('householdId', '=', householdId)
    .where('route', '=', 'urgent')
    .where('reconciledAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
