/**
 * Self-test of the harness's "0 rows changed" check (snapshot.ts): deliberately leaky routes that
 * refuse (403) yet change a guarded row must be caught — an update that keeps the row count, an
 * insert, a delete, a write on another pooled connection, an audit row saying success — while a
 * refusal that only writes what may grow (sessions, a failure audit row) or rolls its write back
 * passes. The write markers that let a snapshot skip unchanged tables must cover every guarded
 * table, or a write to an unmarked one would go unseen.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestApp, signIn } from '../test-app';
import { TABLES, TABLE_NAMES, createSnapshots } from './snapshot';

let orgId = '';
let userId = '';

const t = await createTestApp({
  extraRoutes: (app, platform) => {
    const db = platform.db;
    const refuse = { statusCode: 403, code: 'auth.forbidden' };
    const route = (name: string, work: () => Promise<unknown>) =>
      app.post(
        `/api/harness-selftest/${name}`,
        { config: { access: { kind: 'public' } } },
        async (_req, reply) => {
          await work();
          return reply.code(403).send(refuse);
        },
      );
    // Same row count, one column changed.
    route('rename', () =>
      db.updateTable('organisation').set({ name: 'leaked' }).where('id', '=', orgId).execute(),
    );
    route('delete-role', () =>
      db.deleteFrom('userRole').where('userId', '=', userId).where('role', '=', 'platform_admin').execute(),
    );
    route('insert-role', () =>
      db
        .insertInto('userRole')
        .values({ userId, role: 'platform_admin' })
        .onConflict((c) => c.doNothing())
        .execute(),
    );
    // Two writes in parallel: on PostgreSQL they leave on two of the pool's connections.
    route('parallel', () =>
      Promise.all([
        db.updateTable('organisation').set({ sortOrder: 41 }).where('id', '=', orgId).execute(),
        db
          .transaction()
          .execute((trx) =>
            trx.updateTable('appUser').set({ displayName: 'leaked too' }).where('id', '=', userId).execute(),
          ),
      ]),
    );
    // Written, then rolled back: nothing changed.
    route('rolled-back', async () => {
      await db
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('organisation').set({ name: 'never' }).where('id', '=', orgId).execute();
          throw new Error('roll back');
        })
        .catch(() => undefined);
    });
    route('audit-failure', () =>
      db
        .transaction()
        .execute((trx) => platform.audit.append(trx, {}, { action: 'selftest.probe', result: 'failure' })),
    );
    route('audit-success', () =>
      db.transaction().execute((trx) => platform.audit.append(trx, {}, { action: 'selftest.leak' })),
    );
  },
});
afterAll(async () => {
  await t.close();
});

const { snapshot, changesSince } = createSnapshots(t);
let agent: Agent;

beforeAll(async () => {
  orgId = t.orgs.get('qtx')!;
  userId = t.users.get('admin')!;
  agent = await signIn(t, 'admin');
});

/** What the harness reports for one refused request. */
async function reported(name: string): Promise<string[]> {
  const before = await snapshot();
  const res = await agent.post(`/api/harness-selftest/${name}`, {});
  expect(res.statusCode).toBe(403);
  return changesSince(before, await snapshot());
}

describe('harness self-test: a refused request that changes a guarded row is caught', () => {
  it('an update that keeps the row count', async () => {
    expect(await reported('rename')).toEqual(['organisation: row contents changed']);
  });

  it('a delete and an insert', async () => {
    expect(await reported('delete-role')).toEqual([expect.stringMatching(/^userRole: (\d+) → \d+ rows$/)]);
    expect(await reported('insert-role')).toEqual([expect.stringMatching(/^userRole: \d+ → \d+ rows$/)]);
  });

  it('writes on two connections at once', async () => {
    expect((await reported('parallel')).sort()).toEqual([
      'appUser: row contents changed',
      'organisation: row contents changed',
    ]);
  });

  it('an audit row saying success', async () => {
    expect(await reported('audit-success')).toEqual([
      expect.stringMatching(/^audit_log gained a success row: #\d+ selftest\.leak$/),
    ]);
  });

  it('while a rolled-back write, a failure audit row or a session passes', async () => {
    expect(await reported('rolled-back')).toEqual([]);
    expect(await reported('audit-failure')).toEqual([]);
    // A signed-in request slides its session (a growing table).
    const before = await snapshot();
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    expect(await changesSince(before, await snapshot())).toEqual([]);
  });

  it('a write outside any request, between two snapshots', async () => {
    const before = await snapshot();
    await t.platform.db.updateTable('organisation').set({ address: 'x' }).where('id', '=', orgId).execute();
    expect(await changesSince(before, await snapshot())).toEqual(['organisation: row contents changed']);
    // Unchanged since: the next pair reports nothing.
    const again = await snapshot();
    expect(await changesSince(again, await snapshot())).toEqual([]);
  });

  it('every guarded table has its write markers, and no growing table does', async () => {
    await snapshot();
    const sqlName = (table: string) => table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const rows =
      t.platform.engine === 'sqlite'
        ? (
            await sql<{ tbl: string; n: number }>`
              select tbl_name as tbl, count(*) as n from sqlite_temp_master
              where type = 'trigger' and name like 'harness_w_%' group by tbl_name`.execute(t.platform.db)
          ).rows
        : (
            await sql<{ tbl: string; n: number }>`
              select c.relname as tbl, count(*)::int as n from pg_trigger g
              join pg_class c on c.oid = g.tgrelid
              where c.relnamespace = current_schema()::regnamespace and g.tgname like 'harness_w%'
              group by c.relname`.execute(t.platform.db)
          ).rows;
    const marked = Object.fromEntries(rows.map((r) => [r.tbl, Number(r.n)]));
    // SQLite: one trigger per insert, update, delete; PostgreSQL: one row trigger and one TRUNCATE.
    const perTable = t.platform.engine === 'sqlite' ? 3 : 2;
    const guarded = TABLE_NAMES.filter((x) => TABLES[x] === 'guarded').map(sqlName);
    expect(marked).toEqual(Object.fromEntries(guarded.map((x) => [x, perTable])));
  });
});
