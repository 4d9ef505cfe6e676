import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropAppendOnly } from '../../db/dialect';
import { createTestApp, signIn, type Agent, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'admin');
});
afterAll(() => t.close());

const auditRows = async () => (await t.platform.db.selectFrom('auditLog').select('seq').execute()).length;

describe('audit log', () => {
  it('writes exactly one row per audited change and none for a refused one', async () => {
    const staff = await signIn(t, 'qtx_staff');
    const before = await auditRows();
    const N = 7;
    for (let i = 0; i < N; i++) {
      const o = (await staff.get(`/api/orgs/${t.orgs.get('jindu')}`)).json();
      await staff.patch(`/api/orgs/${o.id}`, { version: o.version, sortOrder: i + 1 });
    }
    expect(await auditRows()).toBe(before + N);
    const stale = await staff.patch(`/api/orgs/${t.orgs.get('jindu')}`, { version: 1, sortOrder: 99 });
    expect(stale.statusCode).toBe(409);
    expect(await auditRows()).toBe(before + N);
  });

  it('filters by actor, action, subject and time, newest first', async () => {
    const byAction = (await admin.get('/api/audit?action=org.update&pageSize=50')).json();
    expect(byAction.total).toBe(7);
    expect(byAction.items[0].seq).toBeGreaterThan(byAction.items[6].seq);
    expect(byAction.items[0]).toMatchObject({
      actorName: '李静',
      subjectType: 'organisation',
      result: 'success',
    });
    const byActor = (await admin.get(`/api/audit?actorId=${t.users.get('qtx_staff')}&pageSize=50`)).json();
    expect(byActor.items.every((e: { actorId: string }) => e.actorId === t.users.get('qtx_staff'))).toBe(
      true,
    );
    const bySubject = (
      await admin.get(`/api/audit?subjectType=organisation&subjectId=${t.orgs.get('jindu')}`)
    ).json();
    expect(bySubject.total).toBe(7);
    const future = (await admin.get('/api/audit?from=2030-01-01T00:00:00Z')).json();
    expect(future.total).toBe(0);
    const name = (await admin.get(`/api/audit?actor=${encodeURIComponent('李')}&action=org`)).json();
    expect(name.total).toBe(7);
  });

  it('shows federation staff their jurisdiction only', async () => {
    const yc = await signIn(t, 'yc_staff');
    const rows = (await yc.get('/api/audit?pageSize=200')).json().items;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: { actorName: string }) => r.actorName === '王磊')).toBe(true);
  });

  it('exports the filtered trail to Excel, escaping formulas, and audits the export', async () => {
    const staff = await signIn(t, 'qtx_staff');
    const o = (await staff.get(`/api/orgs/${t.orgs.get('jindu')}`)).json();
    // A hostile name would run as a formula in Excel if exported raw.
    await staff.patch(`/api/orgs/${o.id}`, { version: o.version, name: '=HYPERLINK("http://x","y")' });
    const created = await admin.post('/api/users', {
      orgId: t.orgs.get('qtx'),
      username: 'formula_user',
      displayName: '=1+2',
      roles: ['federation_staff'],
    });
    await signIn(t, 'formula_user', created.json().temporaryPassword);
    const before = await auditRows();
    const res = await admin.get(`/api/audit/export?action=auth.login&actorId=${created.json().user.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).text).toBe('序号');
    const names = sheet.getColumn(3).values.slice(2).map(String);
    expect(names).toContain("'=1+2");
    for (const row of sheet.getSheetValues().slice(2)) {
      for (const v of (row as unknown[]).slice(1)) expect(typeof v === 'object' && v !== null).toBe(false);
    }
    expect(await auditRows()).toBe(before + 1);
    const last = await t.platform.db
      .selectFrom('auditLog')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last.action).toBe('audit.export');
    expect(JSON.parse(last.details)).toMatchObject({ rows: 1, filter: { action: 'auth.login' } });
  });

  it('refuses export to roles without audit.export', async () => {
    const staff = await signIn(t, 'qtx_staff');
    expect((await staff.get('/api/audit/export')).statusCode).toBe(403);
  });

  it('is append-only in the engine itself', async () => {
    await expect(
      t.platform.db.updateTable('auditLog').set({ action: 'x' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.platform.db.deleteFrom('auditLog').where('seq', '=', 1).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it('verifies the chain, and catches one flipped byte', async () => {
    const ok = (await admin.get('/api/audit/verify')).json();
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBe((await auditRows()) - 1);
    // Someone with raw database access rewrites history.
    await dropAppendOnly(t.platform.db, t.platform.engine, 'audit_log');
    const victim = await t.platform.db
      .selectFrom('auditLog')
      .select(['seq', 'details'])
      .where('action', '=', 'org.update')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    const flipped = victim.details.replace('fields', 'fieldz');
    await sql`update audit_log set details = ${flipped} where seq = ${victim.seq}`.execute(t.platform.db);
    const broken = await t.platform.audit.verify(t.platform.db);
    expect(broken).toMatchObject({ ok: false, brokenAt: victim.seq, reason: 'row altered' });
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    const fresh = await createTestApp();
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          fresh.platform.audit.record(fresh.platform.db, {}, { action: 'test.concurrent', details: { i } }),
        ),
      );
      const check = await fresh.platform.audit.verify(fresh.platform.db);
      expect(check).toMatchObject({ ok: true, checked: 41 });
    } finally {
      await fresh.close();
    }
  });
});

describe('download names', () => {
  it("are stamped with today's date in China on the app's clock", async () => {
    // 17:30 UTC on 1 June is already 01:30 on 2 June in China.
    t.clock.set('2026-06-01T17:30:00.000Z');
    const auditor = await signIn(t, 'auditor');
    const res = await auditor.get('/api/audit/export?action=auth.login');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain('audit-2026-06-02.xlsx');
  });
});
