import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import { containsText, startsWithText } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { Actor } from '../../platform/auth/actor';
import type { Relation } from '../../platform/auth/policy';
import { scopeWhere } from '../../platform/auth/scope';
import { fetchPage, type Page } from '../../platform/pagination';

type Executor = Kysely<Database>;
type AuditRow = Database['auditLog'];

export interface AuditFilter {
  actorId?: string;
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  result?: string;
  from?: string;
  to?: string;
}

export interface AuditScope {
  actor: Actor;
  relations: Set<Relation>;
  /** A subtree reader at the root sees the whole trail, including events with no organisation. */
  everything: boolean;
}

type Q = SelectQueryBuilder<Database & { o: Database['organisation'] }, 'auditLog' | 'o', AuditRow>;

function filtered(db: Executor, scope: AuditScope, f: AuditFilter) {
  let q = db
    .selectFrom('auditLog')
    .leftJoin('organisation as o', 'o.id', 'auditLog.actorOrgId')
    .selectAll('auditLog') as unknown as Q;
  if (!scope.everything) {
    q = q.where((eb) =>
      scopeWhere(
        eb as ExpressionBuilder<Database & { o: Database['organisation'] }, 'auditLog' | 'o'>,
        scope.actor,
        scope.relations,
        {
          orgId: 'auditLog.actorOrgId',
          orgPath: 'o.path',
          jurisdictionId: 'auditLog.jurisdictionId',
          ownerId: 'auditLog.actorId',
        },
      ),
    );
  }
  if (f.actorId) q = q.where('auditLog.actorId', '=', f.actorId);
  if (f.actor) {
    const actor = f.actor;
    q = q.where((eb) => containsText(eb.ref('auditLog.actorName'), actor));
  }
  if (f.action) {
    const action = f.action;
    q = q.where((eb) => startsWithText(eb.ref('auditLog.action'), action));
  }
  if (f.subjectType) q = q.where('auditLog.subjectType', '=', f.subjectType);
  if (f.subjectId) q = q.where('auditLog.subjectId', '=', f.subjectId);
  if (f.result) q = q.where('auditLog.result', '=', f.result);
  if (f.from) q = q.where('auditLog.at', '>=', new Date(f.from).toISOString());
  if (f.to) q = q.where('auditLog.at', '<=', new Date(f.to).toISOString());
  return q;
}

export function listAudit(
  db: Executor,
  scope: AuditScope,
  f: AuditFilter,
  paging: { page: number; pageSize: number },
): Promise<Page<AuditRow>> {
  return fetchPage(
    filtered(db, scope, f),
    paging,
    (q) => q.orderBy('auditLog.seq', 'desc'),
    (row) => row,
  );
}

export async function countAudit(db: Executor, scope: AuditScope, f: AuditFilter): Promise<number> {
  const r = await filtered(db, scope, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number((r as { n?: number } | undefined)?.n ?? 0);
}

/** Newest first, in keyset batches, so an export of a long trail never holds it all in memory. */
export async function* streamAudit(
  db: Executor,
  scope: AuditScope,
  f: AuditFilter,
  limit: number,
  batch = 2000,
) {
  let before = Number.MAX_SAFE_INTEGER;
  let sent = 0;
  while (sent < limit) {
    const rows = await filtered(db, scope, f)
      .where('auditLog.seq', '<', before)
      .orderBy('auditLog.seq', 'desc')
      .limit(Math.min(batch, limit - sent))
      .execute();
    for (const r of rows) yield r;
    sent += rows.length;
    if (rows.length === 0) return;
    before = Number(rows[rows.length - 1].seq);
  }
}
