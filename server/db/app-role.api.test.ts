import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, MIGRATIONS, type App } from '../app';
import { PasswordHasher } from '../platform/auth/password';
import { seedFoundation } from '../seed/foundation';
import { signIn, testConfig } from '../test/test-app';
import { testEngine } from '../test/test-database';
import { migrateBeforeStart, roleOfUrl } from './app-role';
import { createDatabase, type DatabaseHandle } from './database';

// Issue 9 item 9: on PostgreSQL the app ran as the owner of audit_log, so it could disable the
// append-only trigger, delete rows and rewind the head. Now it logs in as a role that owns nothing.
// (SQLite has no roles: its protection is the triggers and the checkpoints.)
const onPg = testEngine() === 'postgres';
const ownerUrl = process.env.TEST_DATABASE_URL ?? '';
const schema = `t_${randomBytes(6).toString('hex')}`;
const role = `uc_app_${randomBytes(5).toString('hex')}`;
let appHandle: DatabaseHandle;
let built: App;
let orgs: Map<string, string>;

async function admin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

const appUrl = () => {
  const u = new URL(ownerUrl);
  u.username = role;
  u.password = '';
  return u.toString();
};

describe.skipIf(!onPg)('the app’s PostgreSQL role (not the owner)', () => {
  beforeAll(async () => {
    await admin(`CREATE SCHEMA ${schema}`);
    await admin(`CREATE ROLE ${role} LOGIN`);
    appHandle = createDatabase(appUrl(), { schema, poolSize: 3 });
    await migrateBeforeStart(appHandle, appUrl(), ownerUrl, MIGRATIONS);
    built = await buildApp({
      config: testConfig(),
      database: appHandle,
      hasher: PasswordHasher.fast(),
      sleep: async () => {},
      logger: false,
      loginPerMinute: 100_000,
    });
    orgs = (await seedFoundation(built.platform)).orgs;
  });
  afterAll(async () => {
    await built?.app.close();
    await appHandle?.close();
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin(`DROP OWNED BY ${role}`).catch(() => undefined);
    await admin(`DROP ROLE IF EXISTS ${role}`);
  });

  it('connects as its own role, which owns no table', async () => {
    expect(roleOfUrl(appUrl())).toBe(role);
    const who = await sql<{ u: string }>`select current_user as u`.execute(appHandle.db);
    expect(who.rows[0].u).toBe(role);
    const owned = await sql<{ n: number }>`
      select count(*)::int as n from pg_tables where schemaname = ${schema} and tableowner = ${role}`.execute(
      appHandle.db,
    );
    expect(owned.rows[0].n).toBe(0);
  });

  it('works as usual: signs in, appends audit rows, verifies the chain', async () => {
    const auditor = await signIn(built, 'auditor');
    const staff = await signIn(built, 'qtx_staff');
    const o = (await staff.get(`/api/orgs/${orgs.get('jindu')}`)).json();
    const changed = await staff.patch(`/api/orgs/${o.id}`, { version: o.version, sortOrder: 7 });
    expect(changed.statusCode).toBe(200);
    // The health check reads the migrations table, which the role may read but not change.
    expect((await auditor.get('/api/health')).statusCode).toBe(200);
    expect((await auditor.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('cannot DELETE, UPDATE or TRUNCATE audit_log, nor disable or drop its trigger', async () => {
    const db = appHandle.db;
    const refused = async (q: string) => {
      const err = await sql
        .raw(q)
        .execute(db)
        .then(
          () => null,
          (e: unknown) => e as { code?: string; message?: string },
        );
      return err;
    };
    for (const q of [
      'DELETE FROM audit_log WHERE seq > 1',
      "UPDATE audit_log SET action = 'x' WHERE seq = 1",
      'TRUNCATE audit_log',
      'DELETE FROM audit_head',
    ]) {
      const err = await refused(q);
      expect(err, q).not.toBeNull();
      expect(err!.code, q).toBe('42501'); // insufficient_privilege
    }
    for (const q of [
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change',
      'ALTER TABLE audit_log DISABLE TRIGGER ALL',
      'DROP TRIGGER audit_log_no_change ON audit_log',
      'DROP TABLE audit_log',
    ]) {
      const err = await refused(q);
      expect(err, q).not.toBeNull();
      expect(err!.code, q).toBe('42501'); // must be owner
    }
    // Its rows are all still there and the chain verifies.
    expect(await built.platform.audit.verify(db)).toMatchObject({ ok: true });
  });
});

describe.skipIf(onPg)('the app’s PostgreSQL role on SQLite', () => {
  it('is not applicable: MIGRATION_DATABASE_URL is refused for SQLite', async () => {
    const handle = createDatabase('sqlite::memory:');
    try {
      await expect(
        migrateBeforeStart(handle, 'sqlite::memory:', 'sqlite::memory:', MIGRATIONS),
      ).rejects.toThrow(/PostgreSQL/);
    } finally {
      await handle.close();
    }
  });
});
