import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { isUniqueViolation } from '../../db/dialect';
import { createTestDatabase } from '../../test/test-database';
import { ALONE, GroupCommit, type BatchSet } from './group-commit';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  await sql`create table gc_item (id text primary key, n integer not null)`.execute(handle.db);
  await sql`create table gc_total (k text primary key, n integer not null)`.execute(handle.db);
});
afterAll(async () => {
  await handle.close();
});

const count = async (table: 'gc_item' | 'gc_total', where = sql`1 = 1`) =>
  Number(
    (
      await sql<{ c: number }>`select count(*) as c from ${sql.table(table)} where ${where}`.execute(
        handle.db,
      )
    ).rows[0].c,
  );

describe('GroupCommit', () => {
  it('runs concurrent ops in few transactions; duplicates fail alone, the rest are stored', async () => {
    const gc = new GroupCommit(handle.db, { maxBatch: 50, maxWaitMs: 5 });
    const ids = Array.from({ length: 300 }, (_, i) => `a-${i % 200}`); // 100 duplicates
    const outcomes = await Promise.allSettled(
      ids.map((id, i) =>
        gc.run(async (trx) => {
          await sql`insert into gc_item (id, n) values (${id}, ${i})`.execute(trx);
          return id;
        }),
      ),
    );
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const bad = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(ok).toHaveLength(200);
    expect(bad).toHaveLength(100);
    expect(bad.every((b) => isUniqueViolation(b.reason))).toBe(true);
    expect(await count('gc_item', sql`id like 'a-%'`)).toBe(200);
    expect(gc.stats.largestBatch).toBeGreaterThan(1);
    expect(gc.stats.batches).toBeLessThan(300);
    await gc.close();
  });

  it('an op that throws after writing leaves nothing of its own and fails only itself', async () => {
    const gc = new GroupCommit(handle.db, { maxBatch: 10, maxWaitMs: 5 });
    const ops = [0, 1, 2].map((i) =>
      gc.run(async (trx) => {
        await sql`insert into gc_item (id, n) values (${`b-${i}`}, ${i})`.execute(trx);
        await sql`insert into gc_item (id, n) values (${`b-${i}-second`}, ${i})`.execute(trx);
        if (i === 1) throw new Error('boom');
        return i;
      }),
    );
    const settled = await Promise.allSettled(ops);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toHaveProperty('message', 'boom');
    expect(await count('gc_item', sql`id like 'b-1%'`)).toBe(0);
    expect(await count('gc_item', sql`id like 'b-%'`)).toBe(4);
    await gc.close();
  });

  it('shared work is written once per batch from the ops that succeeded', async () => {
    const gc = new GroupCommit(handle.db, { maxBatch: 100, maxWaitMs: 5 });
    const settled = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        gc.run(async (trx, scope) => {
          scope.share(
            'total',
            () => ({ n: 0 }),
            (acc) => acc.n++,
            async (t, acc) => {
              await sql`insert into gc_total (k, n) values ('c', ${acc.n})
                on conflict (k) do update set n = gc_total.n + excluded.n`.execute(t);
            },
          );
          if (i % 4 === 0) throw new Error('refused');
          await sql`insert into gc_item (id, n) values (${`c-${i}`}, ${i})`.execute(trx);
        }),
      ),
    );
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(30);
    const total = (await sql<{ n: number }>`select n from gc_total where k = 'c'`.execute(handle.db)).rows[0];
    expect(Number(total.n)).toBe(30);
    expect(await count('gc_item', sql`id like 'c-%'`)).toBe(30);
    await gc.close();
  });

  it('a failed commit fails the whole batch and acknowledges none of it', async () => {
    const gc = new GroupCommit(handle.db, { maxBatch: 100, maxWaitMs: 20 });
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        gc.run(async (trx, scope) => {
          await sql`insert into gc_item (id, n) values (${`d-${i}`}, ${i})`.execute(trx);
          // The shared step breaks the primary key, so the transaction cannot commit.
          scope.share(
            'bad',
            () => null,
            () => {},
            async (t) => {
              await sql`insert into gc_item (id, n) values ('d-0', 0)`.execute(t);
            },
          );
        }),
      ),
    );
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(await count('gc_item', sql`id like 'd-%'`)).toBe(0);
    expect(gc.stats.failedBatches).toBeGreaterThanOrEqual(1);
    await gc.close();
  });

  it('acknowledges an op only once its write is visible to other connections', async () => {
    const gc = new GroupCommit(handle.db, { maxBatch: 20, maxWaitMs: 2 });
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await gc.run(async (trx) => {
          await sql`insert into gc_item (id, n) values (${`e-${i}`}, ${i})`.execute(trx);
        });
        expect(await count('gc_item', sql`id = ${`e-${i}`}`)).toBe(1);
      }),
    );
    await gc.close();
    await expect(gc.run(async () => 1)).rejects.toThrow('closed');
  });

  it('a set writes its items together; ALONE items and a throwing set fall back to one by one', async () => {
    const calls = { many: 0, one: 0 };
    let breakNext = false;
    const set: BatchSet<{ id: string; n: number }, string> = {
      async many(trx, items) {
        calls.many++;
        if (breakNext) {
          breakNext = false;
          // Writes, then fails: the set's savepoint takes the write back.
          await sql`insert into gc_item (id, n) values ('f-broken', 0)`.execute(trx);
          throw new Error('set failed');
        }
        const mine = items.filter((it) => it.n % 5 !== 0);
        if (mine.length) {
          await sql`insert into gc_item (id, n) values ${sql.join(mine.map((it) => sql`(${it.id}, ${it.n})`))}`.execute(
            trx,
          );
        }
        return items.map((it) => (it.n % 5 === 0 ? ALONE : { ok: true as const, value: `many:${it.id}` }));
      },
      async one(trx, item) {
        calls.one++;
        if (item.n === 10) throw new Error('refused alone');
        await sql`insert into gc_item (id, n) values (${item.id}, ${item.n})`.execute(trx);
        return `one:${item.id}`;
      },
    };
    const gc = new GroupCommit(handle.db, { maxBatch: 100, maxWaitMs: 20 });
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => gc.runIn(set, { id: `f-${i}`, n: i })),
    );
    expect(calls.many).toBe(1);
    expect(calls.one).toBe(4); // 0, 5, 10, 15
    expect(settled[3]).toEqual({ status: 'fulfilled', value: 'many:f-3' });
    expect(settled[5]).toEqual({ status: 'fulfilled', value: 'one:f-5' });
    expect(settled[10]).toMatchObject({ status: 'rejected', reason: { message: 'refused alone' } });
    expect(await count('gc_item', sql`id like 'f-%'`)).toBe(19);
    expect(gc.stats.aloneItems).toBe(4);

    breakNext = true;
    const again = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => gc.runIn(set, { id: `g-${i}`, n: i + 1 })),
    );
    expect(again.every((a) => a.status === 'fulfilled' && a.value.startsWith('one:'))).toBe(true);
    expect(gc.stats.setFallbacks).toBe(1);
    expect(await count('gc_item', sql`id = 'f-broken'`)).toBe(0);
    expect(await count('gc_item', sql`id like 'g-%'`)).toBe(6);
    await gc.close();
  });
});
