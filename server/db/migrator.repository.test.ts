import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(await migrationState(handle)).toMatchObject({ pending: 0 });
    expect(await tables()).toEqual(
      expect.arrayContaining(['app_user', 'audit_head', 'audit_log', 'organisation', 'session', 'user_role']),
    );
    await migrateDown(handle);
    expect(await tables()).not.toContain('organisation');
    expect((await migrationState(handle)).pending).toBe(1);
    await migrateToLatest(handle);
    expect(await migrationState(handle)).toMatchObject({ pending: 0, latest: '2026112901-foundation' });
    expect(await migrateToLatest(handle)).toEqual([]);
  });
});
