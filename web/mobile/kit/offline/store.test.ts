import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { OfflineDb } from './db';
import { exportFile } from './export';
import { canEdit, newClientRef, OfflineItemLocked, OfflineStore } from './store';
import { savedAgo } from './texts';

let n = 0;
const opened: OfflineDb[] = [];
function freshName() {
  n += 1;
  return `offline-store-test-${n}`;
}
function open(name: string, now?: () => number) {
  const db = new OfflineDb(name);
  opened.push(db);
  return new OfflineStore(db, { now });
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const screening = (owner: string, label: string) => ({ kind: 'screening', owner, label, payload: { label } });

describe('newClientRef', () => {
  it('is random, URL-safe and at least 16 characters', () => {
    const refs = new Set(Array.from({ length: 200 }, () => newClientRef()));
    expect(refs.size).toBe(200);
    for (const ref of refs) expect(ref).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  });
});

describe('OfflineStore', () => {
  it('keeps the queue across a reload (a new Dexie instance over the same database)', async () => {
    const name = freshName();
    const first = open(name);
    const a = await first.enqueue({ ...screening('u1', '张三 · 青铜峡市'), baseVersion: 3 });
    await first.saveRecord({ owner: 'u1', kind: 'household', key: 'h1', data: { name: '张三' }, version: 3 });
    first.db.close();

    const again = open(name);
    const items = await again.list('u1');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: a.id,
      kind: 'screening',
      label: '张三 · 青铜峡市',
      payload: { label: '张三 · 青铜峡市' },
      baseVersion: 3,
      state: 'waiting',
      attempts: 0,
    });
    expect(await again.getRecord('u1', 'household', 'h1')).toMatchObject({
      data: { name: '张三' },
      version: 3,
    });
  });

  it('lists an owner’s items in the order they were queued', async () => {
    const store = open(freshName());
    const a = await store.enqueue(screening('u1', 'a'));
    await store.enqueue(screening('u2', 'other'));
    const b = await store.enqueue(screening('u1', 'b'));
    const c = await store.enqueue(screening('u1', 'c'));
    await store.remove(b.id);
    const d = await store.enqueue(screening('u1', 'd'));
    expect((await store.list('u1')).map((i) => i.id)).toEqual([a.id, c.id, d.id]);
    expect(d.seq).toBeGreaterThan(c.seq);
    expect((await store.list('u2')).map((i) => i.label)).toEqual(['other']);
  });

  it('replacePayload puts a refused item back in line with the new version', async () => {
    const store = open(freshName());
    const a = await store.enqueue({ ...screening('u1', 'a'), baseVersion: 1 });
    await store.update(a.id, {
      state: 'conflict',
      attempts: 1,
      conflict: { version: 2 },
      lastError: { code: 'x', message: 'y' },
    });
    const next = await store.replacePayload(a.id, { label: 'merged' }, { baseVersion: 2 });
    expect(next).toMatchObject({ id: a.id, seq: a.seq, state: 'waiting', attempts: 0, baseVersion: 2 });
    const read = await store.get(a.id);
    expect(read?.payload).toEqual({ label: 'merged' });
    expect(read?.conflict).toBeUndefined();
    expect(read?.lastError).toBeUndefined();
  });

  it('refuses to change a payload the server may already hold under its key', async () => {
    const store = open(freshName());
    const a = await store.enqueue(screening('u1', 'a'));
    expect(canEdit(a)).toBe(true);
    await store.update(a.id, { state: 'sending', attempts: 1 });
    await expect(store.replacePayload(a.id, {})).rejects.toBeInstanceOf(OfflineItemLocked);
    // A try whose answer was lost leaves it waiting with attempts: still locked.
    await store.update(a.id, { state: 'waiting' });
    await expect(store.replacePayload(a.id, {})).rejects.toBeInstanceOf(OfflineItemLocked);
    await store.update(a.id, { state: 'invalid' });
    await expect(store.replacePayload(a.id, { fixed: true })).resolves.toMatchObject({ state: 'waiting' });
  });

  it('update removes a field given as undefined and never re-creates a removed item', async () => {
    const store = open(freshName());
    const a = await store.enqueue(screening('u1', 'a'));
    await store.update(a.id, { lastError: { code: 'c', message: 'm' } });
    await store.update(a.id, { lastError: undefined });
    expect(await store.get(a.id)).not.toHaveProperty('lastError');
    await store.remove(a.id);
    expect(await store.update(a.id, { state: 'invalid' })).toBe(false);
    expect(await store.get(a.id)).toBeUndefined();
  });

  it('clearOwner removes that owner’s items and records, and nobody else’s', async () => {
    const store = open(freshName());
    await store.enqueue(screening('u1', 'a'));
    await store.enqueue(screening('u1', 'b'));
    const other = await store.enqueue(screening('u2', 'c'));
    await store.saveRecord({ owner: 'u1', kind: 'household', key: 'h1', data: 1 });
    await store.saveRecord({ owner: 'u2', kind: 'household', key: 'h1', data: 2 });
    await store.clearOwner('u1');
    expect(await store.list('u1')).toEqual([]);
    expect(await store.listRecords('u1')).toEqual([]);
    expect((await store.list('u2')).map((i) => i.id)).toEqual([other.id]);
    expect((await store.listRecords('u2')).map((r) => r.data)).toEqual([2]);
  });

  it('keeps records per owner and kind', async () => {
    let clock = 1000;
    const store = open(freshName(), () => clock);
    await store.saveRecord({ owner: 'u1', kind: 'household', key: 'h1', data: 'a', version: 1 });
    clock = 2000;
    await store.saveRecord({ owner: 'u1', kind: 'household', key: 'h1', data: 'b', version: 2 });
    await store.saveRecord({ owner: 'u1', kind: 'visit', key: 'h1', data: 'v' });
    expect(await store.getRecord('u1', 'household', 'h1')).toEqual({
      owner: 'u1',
      kind: 'household',
      key: 'h1',
      data: 'b',
      version: 2,
      savedAt: 2000,
    });
    expect((await store.listRecords('u1', 'household')).map((r) => r.data)).toEqual(['b']);
    expect(await store.listRecords('u1')).toHaveLength(2);
    await store.removeRecord('u1', 'household', 'h1');
    expect(await store.getRecord('u1', 'household', 'h1')).toBeUndefined();
  });
});

describe('export and words', () => {
  it('names the export file by date only, and keeps everything needed to re-enter the data', async () => {
    const store = open(freshName(), () => Date.UTC(2026, 11, 7, 6, 0));
    const a = await store.enqueue({ ...screening('u1', '张三 · 青铜峡市'), baseVersion: 2 });
    const { name, text } = exportFile([a], new Date(2026, 11, 7, 15, 30));
    expect(name).toBe('待同步-2026-12-07.json');
    const parsed = JSON.parse(text);
    expect(parsed).toMatchObject({ format: 'unioncare-offline-export', version: 1 });
    expect(parsed.items[0]).toMatchObject({
      id: a.id,
      label: '张三 · 青铜峡市',
      payload: { label: '张三 · 青铜峡市' },
      baseVersion: 2,
      createdAt: '2026-12-07T06:00:00.000Z',
    });
  });

  it('says how long ago an item was saved, in Chinese first', () => {
    const zh = ((key: string, vars?: { n?: number }) =>
      ({
        'offline.savedNow': '刚刚保存',
        'offline.savedMinutes': `${vars?.n} 分钟前保存`,
        'offline.savedHours': `${vars?.n} 小时前保存`,
        'offline.savedDays': `${vars?.n} 天前保存`,
      })[key] ?? key) as Parameters<typeof savedAgo>[0];
    const now = 10 * 86_400_000;
    expect(savedAgo(zh, now - 20_000, now)).toBe('刚刚保存');
    expect(savedAgo(zh, now - 3 * 60_000, now)).toBe('3 分钟前保存');
    expect(savedAgo(zh, now - 5 * 3_600_000, now)).toBe('5 小时前保存');
    expect(savedAgo(zh, now - 2 * 86_400_000, now)).toBe('2 天前保存');
  });
});
