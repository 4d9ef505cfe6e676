import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../app';
import type { DatabaseHandle } from './database';
import { migrateDown, migrateToLatest, migrationState } from './migrator';
import { createTestDatabase } from '../test/test-database';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function tables(): Promise<string[]> {
  const all = await handle.db.introspection.getTables();
  return all
    .filter((t) => !handle.schema || t.schema === handle.schema)
    .map((t) => t.name)
    .sort();
}

describe('migrations', () => {
  it('run up, down and up again on this engine', async () => {
    expect(await migrationState(handle, MIGRATIONS)).toMatchObject({ pending: 0 });
    expect(await tables()).toEqual(
      expect.arrayContaining(['app_user', 'audit_head', 'audit_log', 'organisation', 'session', 'user_role']),
    );
    const latest = (await migrationState(handle, MIGRATIONS)).latest;
    const total = (await migrationState(handle, MIGRATIONS)).applied;
    for (let i = 0; i < total; i++) await migrateDown(handle, MIGRATIONS);
    expect(await tables()).not.toContain('organisation');
    expect(await tables()).not.toContain('household');
    expect((await migrationState(handle, MIGRATIONS)).pending).toBe(total);
    await migrateToLatest(handle, MIGRATIONS);
    expect(await migrationState(handle, MIGRATIONS)).toMatchObject({ pending: 0, latest });
    expect(await migrateToLatest(handle, MIGRATIONS)).toEqual([]);
  });
});
