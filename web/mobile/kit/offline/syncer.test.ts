import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OfflineItem } from './db';
import { OfflineDb } from './db';
import { OfflineStore } from './store';
import {
  backoffDelay,
  createSyncer,
  type LockManagerLike,
  type Outcome,
  type Sender,
  type SyncerOptions,
} from './syncer';

let n = 0;
const opened: OfflineDb[] = [];
const syncers: Array<{ stop(): void }> = [];
function freshStore(name = `offline-sync-test-${++n}`) {
  const db = new OfflineDb(name);
  opened.push(db);
  return new OfflineStore(db);
}
function syncer(options: SyncerOptions) {
  const s = createSyncer({ locks: null, target: null, doc: null, ...options });
  syncers.push(s);
  return s;
}

afterEach(() => {
  for (const s of syncers.splice(0)) s.stop();
  for (const db of opened.splice(0)) db.close();
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A sender that records every call and answers from a script (by label), 'done' otherwise. */
function recorder(script: Record<string, Outcome | (() => Promise<Outcome>)> = {}) {
  const calls: Array<{ id: string; label: string }> = [];
  const send: Sender = async (item: OfflineItem) => {
    calls.push({ id: item.id, label: item.label });
    await tick();
    const answer = script[item.label];
    if (typeof answer === 'function') return answer();
    return answer ?? { kind: 'done' };
  };
  return { calls, send };
}

/** A Web Locks stand-in shared by "tabs": one holder per name at a time. */
function fakeLocks(): LockManagerLike {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request<T>(name: string, callback: () => Promise<T>) {
      const prev = tails.get(name) ?? Promise.resolve();
      const next = prev.then(callback);
      tails.set(
        name,
        next.catch(() => undefined),
      );
      return next;
    },
  };
}

async function queue(store: OfflineStore, owner: string, ...labels: string[]) {
  const items = [];
  for (const label of labels)
    items.push(await store.enqueue({ kind: 'screening', owner, label, payload: { label } }));
  return items;
}

describe('syncer', () => {
  it('sends in order, exactly once each, and removes what was accepted', async () => {
    const store = freshStore();
    const items = await queue(store, 'u1', 'a', 'b', 'c');
    const { calls, send } = recorder();
    const result = await syncer({ store, senders: { screening: send } }).run('u1');
    expect(result).toMatchObject({ sent: 3, conflicts: 0, invalid: 0 });
    expect(calls.map((c) => c.id)).toEqual(items.map((i) => i.id));
    expect(await store.list('u1')).toEqual([]);
  });

  it('resends an item a closed page left "sending", once, under the same id', async () => {
    const name = `offline-sync-crash-${++n}`;
    const before = freshStore(name);
    const [a, b] = await queue(before, 'u1', 'a', 'b');
    await before.claim(a.id, 'u1'); // the page closed while this try was in the air
    before.db.close();

    const after = freshStore(name);
    expect((await after.get(a.id))?.state).toBe('sending');
    const { calls, send } = recorder();
    // Holding the Web Lock proves no other page is sending: resent at once.
    await syncer({ store: after, senders: { screening: send }, locks: fakeLocks() }).run('u1');
    expect(calls.map((c) => c.id)).toEqual([a.id, b.id]);
    expect(await after.list('u1')).toEqual([]);
  });

  it('without Web Locks, leaves a fresh "sending" item to the tab sending it', async () => {
    const store = freshStore();
    const [a, b] = await queue(store, 'u1', 'a', 'b');
    await store.claim(a.id, 'u1');
    const { calls, send } = recorder();
    await syncer({ store, senders: { screening: send }, timeoutMs: 1000 }).run('u1');
    expect(calls.map((c) => c.id)).toEqual([b.id]);
    // Once the lease ran out (the other tab died), it is taken again.
    await store.update(a.id, { lastTriedAt: Date.now() - 60_000 });
    await syncer({ store, senders: { screening: send }, timeoutMs: 1000 }).run('u1');
    expect(calls.map((c) => c.id)).toEqual([b.id, a.id]);
  });

  it('a conflict or bad input stops that item only', async () => {
    const store = freshStore();
    const [a, b, c] = await queue(store, 'u1', 'a', 'b', 'c');
    const current = { version: 4, headName: '李四' };
    const fieldError = {
      code: 'request.invalid',
      message: 'bad',
      fields: [{ path: 'idNumber', message: '校验位不对' }],
    };
    const { calls, send } = recorder({
      a: { kind: 'conflict', current },
      b: { kind: 'invalid', error: fieldError },
    });
    const result = await syncer({ store, senders: { screening: send } }).run('u1');
    expect(result).toMatchObject({ sent: 1, conflicts: 1, invalid: 1 });
    expect(result.stopped).toBeUndefined();
    expect(calls.map((x) => x.id)).toEqual([a.id, b.id, c.id]);
    expect(await store.get(a.id)).toMatchObject({ state: 'conflict', conflict: current, attempts: 1 });
    expect(await store.get(b.id)).toMatchObject({ state: 'invalid', lastError: fieldError, attempts: 1 });
    expect(await store.get(c.id)).toBeUndefined();

    // A later run leaves them for the person: nothing is resent or dropped.
    await syncer({ store, senders: { screening: send } }).run('u1');
    expect(calls).toHaveLength(3);
    expect(await store.list('u1')).toHaveLength(2);
  });

  it('a network failure stops the run and leaves the rest waiting, in order', async () => {
    const store = freshStore();
    const [a, b] = await queue(store, 'u1', 'a', 'b');
    const offline = { kind: 'retry', error: { code: 'client.network', message: 'offline' } } as const;
    const { calls, send } = recorder({ a: offline });
    const s = syncer({ store, senders: { screening: send } });
    const result = await s.run('u1');
    expect(result).toMatchObject({ sent: 0, stopped: 'retry', retryIn: 5_000 });
    expect(calls.map((x) => x.id)).toEqual([a.id]);
    expect(await store.get(a.id)).toMatchObject({ state: 'waiting', attempts: 1, lastError: offline.error });
    expect(await store.get(b.id)).toMatchObject({ state: 'waiting', attempts: 0 });
    expect((await s.run('u1')).retryIn).toBe(10_000);
  });

  it('a thrown sender counts as a network failure; so does one that never answers', async () => {
    const store = freshStore();
    await queue(store, 'u1', 'a');
    const thrown = await syncer({
      store,
      senders: {
        screening: async () => {
          throw new TypeError('Failed to fetch');
        },
      },
    }).run('u1');
    expect(thrown.stopped).toBe('retry');
    const hung = await syncer({
      store,
      timeoutMs: 20,
      senders: { screening: () => new Promise(() => {}) },
    }).run('u1');
    expect(hung.stopped).toBe('retry');
    expect((await store.list('u1'))[0]).toMatchObject({
      state: 'waiting',
      attempts: 2,
      lastError: { code: 'client.timeout' },
    });
  });

  it('blocked (signed out) stops the run; the item goes first on the next', async () => {
    const store = freshStore();
    const [a, b] = await queue(store, 'u1', 'a', 'b');
    let signedIn = false;
    const { calls, send } = recorder({
      a: async () =>
        signedIn
          ? { kind: 'done' }
          : { kind: 'blocked', reason: { code: 'auth.unauthenticated', message: '' } },
    });
    const s = syncer({ store, senders: { screening: send } });
    expect((await s.run('u1')).stopped).toBe('blocked');
    expect(await store.get(a.id)).toMatchObject({
      state: 'blocked',
      lastError: { code: 'auth.unauthenticated' },
    });
    signedIn = true;
    expect(await s.run('u1')).toMatchObject({ sent: 2 });
    expect(calls.map((x) => x.id)).toEqual([a.id, a.id, b.id]);
  });

  it('never sends another owner’s items', async () => {
    const store = freshStore();
    const [mine] = await queue(store, 'u1', 'mine');
    const [theirs] = await queue(store, 'u2', 'theirs');
    const pub = await store.enqueue({ kind: 'help.request', owner: 'public', label: 'p', payload: {} });
    const { calls, send } = recorder();
    await syncer({ store, senders: { screening: send, 'help.request': send } }).run('u1');
    expect(calls.map((c) => c.id)).toEqual([mine.id]);
    expect((await store.list('u2')).map((i) => i.id)).toEqual([theirs.id]);
    expect((await store.list('public')).map((i) => i.id)).toEqual([pub.id]);
  });

  it('leaves a kind it has no sender for waiting', async () => {
    const store = freshStore();
    const judged = await store.enqueue({ kind: 'judging.marks', owner: 'u1', label: 'j', payload: {} });
    const [a] = await queue(store, 'u1', 'a');
    const { calls, send } = recorder();
    await syncer({ store, senders: { screening: send } }).run('u1');
    expect(calls.map((c) => c.id)).toEqual([a.id]);
    expect(await store.get(judged.id)).toMatchObject({ state: 'waiting', attempts: 0 });
  });

  it('concurrent runs, in one page or two tabs, never send an item twice', async () => {
    const name = `offline-sync-tabs-${++n}`;
    const tab1 = freshStore(name);
    const tab2 = freshStore(name);
    const items = await queue(tab1, 'u1', 'a', 'b', 'c', 'd', 'e');
    const { calls, send } = recorder();
    const locks = fakeLocks();
    const s1 = syncer({ store: tab1, senders: { screening: send }, locks });
    const s2 = syncer({ store: tab2, senders: { screening: send }, locks });
    await Promise.all([s1.run('u1'), s1.run('u1'), s2.run('u1'), s1.run('u1'), s2.run('u1')]);
    expect(calls.map((c) => c.id)).toEqual(items.map((i) => i.id));
    expect(await tab1.list('u1')).toEqual([]);
  });

  it('concurrent runs without Web Locks still send each item once (claims are transactions)', async () => {
    const name = `offline-sync-nolocks-${++n}`;
    const tab1 = freshStore(name);
    const tab2 = freshStore(name);
    const items = await queue(tab1, 'u1', 'a', 'b', 'c', 'd');
    const { calls, send } = recorder();
    const s1 = syncer({ store: tab1, senders: { screening: send } });
    const s2 = syncer({ store: tab2, senders: { screening: send } });
    await Promise.all([s1.run('u1'), s2.run('u1'), s1.run('u1')]);
    expect(calls.map((c) => c.id).sort()).toEqual(items.map((i) => i.id).sort());
    expect(new Set(calls.map((c) => c.id)).size).toBe(calls.length);
  });

  it('sends what is queued during a run in the same run', async () => {
    const store = freshStore();
    await queue(store, 'u1', 'a');
    const { calls, send } = recorder({
      a: async () => {
        await queue(store, 'u1', 'late');
        return { kind: 'done' };
      },
    });
    const result = await syncer({ store, senders: { screening: send } }).run('u1');
    expect(result.sent).toBe(2);
    expect(calls.map((c) => c.label)).toEqual(['a', 'late']);
  });

  it('start runs now and again when the network returns', async () => {
    const store = freshStore();
    const target = new EventTarget();
    let online = false;
    const { calls, send } = recorder({
      a: async () =>
        online ? { kind: 'done' } : { kind: 'retry', error: { code: 'client.network', message: 'offline' } },
    });
    const [a] = await queue(store, 'u1', 'a');
    const s = syncer({ store, senders: { screening: send }, target });
    s.start('u1');
    await until(async () => (await store.get(a.id))?.lastError?.code === 'client.network');
    online = true;
    target.dispatchEvent(new Event('online'));
    await until(async () => (await store.get(a.id)) === undefined);
    expect(calls).toHaveLength(2);
    s.stop();
    target.dispatchEvent(new Event('online'));
    await tick();
    expect(calls).toHaveLength(2);
  });

  it('backs off 5 s, 10 s, 20 s … up to 2 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((f) => backoffDelay(f))).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 120_000, 120_000, 120_000,
    ]);
  });
});

async function until(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await tick();
  }
  throw new Error('condition not met');
}
