import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { OfflineDb } from './db';
import { OfflineStore } from './store';

let n = 0;
const opened: OfflineDb[] = [];
function open(name: string) {
  const db = new OfflineDb(name);
  opened.push(db);
  return new OfflineStore(db);
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('the change feed', () => {
  it('tells every store over the same database after a write, and nobody after a failed one', async () => {
    n += 1;
    const name = `offline-feed-test-${n}`;
    const writer = open(name);
    const reader = open(name);
    const elsewhere = open(`${name}-other`);
    let heard = 0;
    let heardElsewhere = 0;
    const stop = reader.subscribe(() => (heard += 1));
    elsewhere.subscribe(() => (heardElsewhere += 1));

    const a = await writer.enqueue({ kind: 'screening', owner: 'u1', label: 'a', payload: {} });
    expect(heard).toBe(1);
    expect((await reader.list('u1')).map((i) => i.id)).toEqual([a.id]);
    await writer.saveRecord({ owner: 'u1', kind: 'household', key: 'h1', data: 1 });
    expect(heard).toBe(2);

    // The same id again: the add fails, the transaction aborts, nothing is announced.
    await expect(
      writer.enqueue({ kind: 'screening', owner: 'u1', label: 'b', payload: {}, id: a.id }),
    ).rejects.toThrow();
    expect(heard).toBe(2);
    expect(await reader.list('u1')).toHaveLength(1);

    stop();
    await writer.remove(a.id);
    expect(heard).toBe(2);
    expect(heardElsewhere).toBe(0);
  });
});
