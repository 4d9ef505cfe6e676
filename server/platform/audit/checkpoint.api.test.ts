import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteNewestAndRewind } from '../../../drills/lib/audit-scenario';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-database';
import { AuditLog } from './audit-log';
import { CheckpointStore } from './checkpoint';

// Issue 9 item 9: deleting the newest audit rows and rewinding audit_head passed verification.
let dir = '';
let file = '';
let t: TestApp;

const target = () =>
  testEngine() === 'sqlite'
    ? ({ engine: 'sqlite', db: t.platform.db } as const)
    : ({
        engine: 'postgres',
        url: process.env.TEST_DATABASE_URL!,
        schema: t.platform.database.schema!,
      } as const);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uc-checkpoint-'));
  file = join(dir, 'audit-checkpoints.jsonl');
  t = await createTestApp({ config: { auditCheckpoint: { file, everySeconds: 3600 } } });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit checkpoints outside the database', () => {
  it('writes a signed checkpoint of the head to the file and to the log', async () => {
    const staff = await signIn(t, 'qtx_staff');
    for (let i = 0; i < 5; i++) {
      const o = (await staff.get(`/api/orgs/${t.orgs.get('jindu')}`)).json();
      await staff.patch(`/api/orgs/${o.id}`, { version: o.version, sortOrder: i + 1 });
    }
    const written = await t.platform.audit.checkpoint(t.platform.db);
    const head = await t.platform.db.selectFrom('auditHead').selectAll().executeTakeFirstOrThrow();
    expect(written).toMatchObject({ seq: Number(head.seq), hash: head.hash });
    // The head did not move: no second line.
    expect(await t.platform.audit.checkpoint(t.platform.db)).toBeNull();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ seq: Number(head.seq), hash: head.hash });
    const auditor = await signIn(t, 'auditor');
    const ok = (await auditor.get('/api/audit/verify')).json();
    expect(ok).toMatchObject({ ok: true, checkpoint: { seq: Number(head.seq) } });
  });

  it('logs each checkpoint the app writes on its own (on close)', async () => {
    const other = await createTestApp({
      config: { auditCheckpoint: { file: join(dir, 'other.jsonl'), everySeconds: 3600 } },
    });
    await other.platform.audit.record(other.platform.db, {}, { action: 'test.checkpoint' });
    await other.close();
    expect(other.logs.join('')).toContain('audit checkpoint');
    expect(readFileSync(join(dir, 'other.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('fails verification when the newest rows are deleted and the head rewound, naming the checkpoint', async () => {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const mark = JSON.parse(lines[lines.length - 1]) as { seq: number };
    const cut = mark.seq - 3;
    await deleteNewestAndRewind(target(), cut);
    // Without the checkpoint the shortened chain verifies: exactly what the attacker wanted.
    const blind = new AuditLog(
      Buffer.from(t.platform.config.secrets.auditHmacKey, 'base64'),
      t.clock,
      t.platform.ids,
    );
    expect(await blind.verify(t.platform.db)).toMatchObject({ ok: true, checked: cut });
    const broken = await t.platform.audit.verify(t.platform.db);
    expect(broken.ok).toBe(false);
    expect(broken.brokenAt).toBe(cut + 1);
    expect(broken.reason).toContain(`checkpoint seq ${mark.seq}`);
    const auditor = await signIn(t, 'auditor');
    const api = (await auditor.get('/api/audit/verify')).json();
    // (Signing in and the first verify appended rows after the cut: the chain is still too short.)
    expect(api.ok).toBe(false);
    expect(api.reason).toMatch(/shorter than checkpoint seq/);
  });

  it('fails when a checkpoint line is altered, and when the chain diverges from one', () => {
    const store = new CheckpointStore(Buffer.from(t.platform.config.secrets.auditHmacKey, 'base64'), file);
    const [first] = store.read(null).items;
    const forged = { ...first, seq: 2 };
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text}${JSON.stringify(forged)}\n`);
    expect(store.read(first.chain).badLines).toEqual([text.trim().split('\n').length + 1]);
    writeFileSync(file, text);
    // A correctly signed checkpoint at seq 2 with another hash: the chain diverges from it.
    store.append({ chain: first.chain, seq: 2, hash: 'f'.repeat(64), at: first.at });
    return t.platform.audit.verify(t.platform.db).then((r) => {
      expect(r).toMatchObject({ ok: false, brokenAt: 2 });
      expect(r.reason).toContain('diverges from checkpoint seq 2');
    });
  });
});
