import type { Insertable, Kysely, Updateable } from 'kysely';
import { containsText } from '../../db/dialect';
import type { Database } from '../../db/schema';
import type { AppUserTable } from './tables';
import type { Actor } from '../../platform/auth/actor';
import type { Relation, Role } from '../../platform/auth/policy';
import { scopeWhere } from '../../platform/auth/scope';
import { fetchPage, type Page } from '../../platform/pagination';
import type { UserRecord } from './user.table';

type Executor = Kysely<Database>;

function baseQuery(db: Executor) {
  return db
    .selectFrom('appUser as u')
    .innerJoin('organisation as o', 'o.id', 'u.orgId')
    .select([
      'u.id',
      'u.orgId',
      'o.name as orgName',
      'o.path as orgPath',
      'o.kind as orgKind',
      'o.status as orgStatus',
      'o.jurisdictionId',
      'u.username',
      'u.displayName',
      'u.passwordHash',
      'u.status',
      'u.mustChangePassword',
      'u.failedLogins',
      'u.lockedUntil',
      'u.lastLoginAt',
      'u.createdAt',
      'u.updatedAt',
      'u.version',
    ]);
}

export function findUser(db: Executor, id: string): Promise<UserRecord | undefined> {
  return baseQuery(db).where('u.id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Executor, username: string): Promise<UserRecord | undefined> {
  return baseQuery(db).where('u.username', '=', username.toLowerCase()).executeTakeFirst();
}

export async function listRoles(db: Executor, userId: string): Promise<Role[]> {
  const rows = await db
    .selectFrom('userRole')
    .select('role')
    .where('userId', '=', userId)
    .orderBy('role')
    .execute();
  return rows.map((r) => r.role as Role);
}

export async function rolesOf(db: Executor, userIds: string[]): Promise<Map<string, Role[]>> {
  const out = new Map<string, Role[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('userRole')
    .select(['userId', 'role'])
    .where('userId', 'in', userIds)
    .orderBy('role')
    .execute();
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.role as Role]);
  return out;
}

const SORTS = {
  username: 'u.username',
  displayName: 'u.displayName',
  createdAt: 'u.createdAt',
  lastLoginAt: 'u.lastLoginAt',
} as const;

export function listUsers(
  db: Executor,
  actor: Actor,
  relations: Set<Relation>,
  filter: {
    q?: string;
    orgId?: string;
    role?: string;
    status?: string;
    sort: keyof typeof SORTS;
    order: 'asc' | 'desc';
    page: number;
    pageSize: number;
  },
): Promise<Page<UserRecord>> {
  let q = baseQuery(db).where((eb) =>
    scopeWhere(eb, actor, relations, {
      orgId: 'u.orgId',
      orgPath: 'o.path',
      jurisdictionId: 'o.jurisdictionId',
      ownerId: 'u.id',
    }),
  );
  if (filter.q) {
    const text = filter.q;
    q = q.where((eb) =>
      eb.or([containsText(eb.ref('u.username'), text), containsText(eb.ref('u.displayName'), text)]),
    );
  }
  if (filter.orgId) q = q.where('u.orgId', '=', filter.orgId);
  if (filter.status) q = q.where('u.status', '=', filter.status);
  if (filter.role) {
    const role = filter.role;
    q = q.where('u.id', 'in', (eb) => eb.selectFrom('userRole').select('userId').where('role', '=', role));
  }
  return fetchPage(
    q,
    filter,
    (qq) => qq.orderBy(SORTS[filter.sort], filter.order).orderBy('u.id'),
    (row) => row,
  );
}

export async function insertUser(db: Executor, row: Insertable<AppUserTable>, roles: Role[]): Promise<void> {
  await db.insertInto('appUser').values(row).execute();
  await db
    .insertInto('userRole')
    .values(roles.map((role) => ({ userId: row.id, role })))
    .execute();
}

export async function replaceRoles(db: Executor, userId: string, roles: Role[]): Promise<void> {
  await db.deleteFrom('userRole').where('userId', '=', userId).execute();
  await db
    .insertInto('userRole')
    .values(roles.map((role) => ({ userId, role })))
    .execute();
}

/** Optimistic update: false when someone else saved first. */
export async function updateUser(
  db: Executor,
  id: string,
  version: number,
  changes: Updateable<AppUserTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('appUser')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Counts a failed login in one statement, so parallel guesses cannot slip under the limit. */
export async function countFailedLogin(db: Executor, id: string): Promise<number> {
  const r = await db
    .updateTable('appUser')
    .set((eb) => ({ failedLogins: eb('failedLogins', '+', 1) }))
    .where('id', '=', id)
    .returning('failedLogins')
    .executeTakeFirstOrThrow();
  return Number(r.failedLogins);
}

export async function setLogin(db: Executor, id: string, changes: Updateable<AppUserTable>): Promise<void> {
  await db.updateTable('appUser').set(changes).where('id', '=', id).execute();
}
