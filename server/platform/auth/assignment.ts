import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/dialect';
import { iso, type Clock, type IdGenerator } from '../clock';
import { conflict } from '../errors';

/**
 * Assignments: the mechanism of the policy table's 'assigned' relation. A module names its
 * records by a subject type ('event', 'entry', …) and assigns users to them; `can()` sees the
 * record's `assignees` (RecordScope), and list queries filter with `assignedExists`.
 * Every method takes the executor first, so a module assigns inside its own transaction
 * together with its audit row.
 */
export interface Assignment {
  id: string;
  userId: string;
  subjectType: string;
  subjectId: string;
  assignedBy: string;
  assignedAt: string;
  revokedAt: string | null;
}

export interface Subject {
  subjectType: string;
  subjectId: string;
}

export class AssignmentStore {
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Assigns a user to a record; a second active assignment of the same user is a conflict. */
  async assign(db: Db, subject: Subject, userId: string, assignedBy: string): Promise<Assignment> {
    const row: Assignment = {
      id: this.ids(),
      userId,
      ...subject,
      assignedBy,
      assignedAt: iso(this.clock),
      revokedAt: null,
    };
    try {
      await db.insertInto('assignment').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('assignment.exists', 'The user is already assigned');
      throw err;
    }
    return row;
  }

  /** Ends the user's active assignment to the record; false when there was none. */
  async revoke(db: Db, subject: Subject, userId: string): Promise<boolean> {
    const result = await db
      .updateTable('assignment')
      .set({ revokedAt: iso(this.clock) })
      .where('userId', '=', userId)
      .where('subjectType', '=', subject.subjectType)
      .where('subjectId', '=', subject.subjectId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The users actively assigned to a record: a RecordScope's `assignees`. */
  async assignees(db: Db, subject: Subject): Promise<string[]> {
    const found = await db
      .selectFrom('assignment')
      .select('userId')
      .where('subjectType', '=', subject.subjectType)
      .where('subjectId', '=', subject.subjectId)
      .where('revokedAt', 'is', null)
      .orderBy('assignedAt')
      .orderBy('id')
      .execute();
    return found.map((r) => r.userId);
  }

  /** A record's assignments, revoked ones too, oldest first. */
  async list(db: Db, subject: Subject): Promise<Assignment[]> {
    return db
      .selectFrom('assignment')
      .selectAll()
      .where('subjectType', '=', subject.subjectType)
      .where('subjectId', '=', subject.subjectId)
      .orderBy('assignedAt')
      .orderBy('id')
      .execute();
  }
}

/**
 * The SQL twin of the 'assigned' relation for list queries (used by scopeWhere): an active
 * assignment of the user to the row whose id is `subjectId` (a column reference).
 */
export function assignedExists(
  userId: string,
  subjectType: string,
  subjectId: Expression<unknown>,
): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from assignment a where a.user_id = ${userId} and a.subject_type = ${subjectType} and a.subject_id = ${subjectId} and a.revoked_at is null)`;
}
