import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import { addMember, memberBody, signInWorker } from '../../../test/factories/membership';
import { Agent, createTestApp, signIn, type TestApp } from '../../../test/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let staff: Agent;
let cadre: Agent;
let otherStaff: Agent;
let yingxin: string;
let school: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  cadre = await signIn(t, 'yx_cadre');
  otherStaff = await signIn(t, 'yc_staff');
  yingxin = t.orgs.get('yingxin')!;
  school = t.orgs.get('qtx_school')!;
});
afterAll(() => t.close());

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会员名册');
  ws.addRow(['姓名', '身份证号', '手机号', '所属工会', '会员卡号', '性别', '入会日期']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function waitJob(agent: Agent, id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await agent.get(`/api/members/import/${id}`);
    const job = res.json() as { state: string };
    if (job.state === 'done' || job.state === 'failed') return res.json();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('import did not finish');
}

describe('会员名册 the membership roll', () => {
  it('a unit cadre adds a member; identifiers are stored encrypted and shown masked', async () => {
    const body = memberBody(yingxin, { name: '王建明', cardNumber: 'YX-001', gender: 'male' });
    const res = await cadre.post('/api/members', body);
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ name: '王建明', state: 'active', version: 1, cardNumber: 'YX-001' });
    expect(m.idNumberMasked).toMatch(/\*+/);
    expect(m.idNumberMasked).not.toBe(body.idNumber);
    expect(m.phoneMasked.endsWith(body.phone.slice(-4))).toBe(true);
    const stored = await t.platform.db.selectFrom('member').selectAll().where('id', '=', m.id).execute();
    expect(JSON.stringify(stored)).not.toContain(body.idNumber);
    expect(JSON.stringify(stored)).not.toContain(body.phone);
    // Reveal is audited.
    const revealed = await cadre.post(`/api/members/${m.id}/reveal`);
    expect(revealed.json()).toEqual({ idNumber: body.idNumber, phone: body.phone });
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .select('action')
      .where('subjectId', '=', m.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['member.create', 'member.reveal']);
  });

  it('refuses duplicates, bad identifiers and non-units on the named field', async () => {
    const first = memberBody(yingxin);
    await addMember(staff, yingxin, first);
    const again = await staff.post('/api/members', { ...memberBody(school), idNumber: first.idNumber });
    expect(again.json()).toMatchObject({ code: 'member.duplicate_id', errors: [{ field: 'body.idNumber' }] });
    const phone = await staff.post('/api/members', { ...memberBody(school), phone: first.phone });
    expect(phone.json()).toMatchObject({ code: 'member.phone_taken', errors: [{ field: 'body.phone' }] });
    const badId = await staff.post('/api/members', memberBody(school, { idNumber: '1401051988' }));
    expect(badId.json()).toMatchObject({ code: 'member.invalid', errors: [{ field: 'body.idNumber' }] });
    const fed = await staff.post('/api/members', memberBody(t.orgs.get('qtx')!));
    expect(fed.json()).toMatchObject({ code: 'member.not_a_unit', errors: [{ field: 'body.orgId' }] });
    // Another federation's unit answers like one that does not exist.
    const far = await otherStaff.post('/api/members', memberBody(yingxin));
    const none = await otherStaff.post('/api/members', memberBody('no-such-org'));
    expect(far.json().code).toBe('member.org_unknown');
    expect(none.json().code).toBe('member.org_unknown');
    // A cadre keeps only their own unit.
    expect((await cadre.post('/api/members', memberBody(school))).json().code).toBe('member.org_unknown');
  });

  it('lists by scope; a search by name, ID number or phone is a POST body', async () => {
    const body = memberBody(school, { name: '李秀英' });
    await addMember(staff, school, body);
    const byId = await staff.post('/api/members/search', { idNumber: body.idNumber });
    expect(byId.json().items.map((i: { name: string }) => i.name)).toEqual(['李秀英']);
    const byPhone = await staff.post('/api/members/search', { phone: body.phone });
    expect(byPhone.json().total).toBe(1);
    expect((await staff.post('/api/members/search', { q: '李秀' })).json().total).toBe(1);
    // The cadre of 迎鑫 sees their unit only; the other federation sees nothing of 青铜峡.
    const mine = (await cadre.post('/api/members/search', {})).json();
    expect(mine.items.every((i: { orgId: string }) => i.orgId === yingxin)).toBe(true);
    expect((await otherStaff.post('/api/members/search', {})).json().total).toBe(0);
    expect((await cadre.post('/api/members/search', { idNumber: body.idNumber })).json().total).toBe(0);
  });

  it('edits, leaves and transfers with the version; a stale version is 409', async () => {
    const m = await addMember(staff, yingxin, { cardNumber: 'YX-900' });
    const stale = await staff.patch(`/api/members/${m.id}`, { version: 7, name: '改名' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('member.stale');
    const edited = await staff.patch(`/api/members/${m.id}`, { version: 1, name: '张伟' });
    expect(edited.json()).toMatchObject({ name: '张伟', version: 2 });
    const moved = await staff.post(`/api/members/${m.id}/transfer`, {
      version: 2,
      toOrgId: school,
      reason: '调动',
    });
    expect(moved.json()).toMatchObject({ orgId: school, version: 3 });
    expect(moved.json().transfers).toEqual([
      expect.objectContaining({
        fromOrgName: '宁夏塞上迎鑫农牧有限公司工会',
        toOrgName: '青铜峡市第一中学工会',
        reason: '调动',
      }),
    ]);
    // The cadre of the unit they left no longer sees them.
    expect((await cadre.get(`/api/members/${m.id}`)).statusCode).toBe(404);
    const same = await staff.post(`/api/members/${m.id}/transfer`, {
      version: 3,
      toOrgId: school,
      reason: 'x',
    });
    expect(same.json().code).toBe('member.same_unit');
    const left = await staff.post(`/api/members/${m.id}/leave`, { version: 3, leftOn: '2026-05-31' });
    expect(left.json()).toMatchObject({ state: 'left', leftOn: '2026-05-31', version: 4 });
    const twice = await staff.post(`/api/members/${m.id}/leave`, { version: 4, leftOn: '2026-05-31' });
    expect(twice.json().code).toBe('member.not_active');
  });

  it('counts per unit: active, joined and left this year', async () => {
    await addMember(staff, school, { joinedOn: '2026-03-01' });
    const res = await staff.get('/api/members/counts?year=2026');
    const c = res.json();
    const s = c.items.find((i: { orgId: string }) => i.orgId === school);
    expect(s.joinedThisYear).toBeGreaterThanOrEqual(1);
    expect(s.leftThisYear).toBe(1);
    expect(c.totals.active).toBe(c.items.reduce((n: number, i: { active: number }) => n + i.active, 0));
    expect((await otherStaff.get('/api/members/counts')).json().items).toEqual([]);
  });

  it('imports a workbook with per-row errors (nothing written), then a clean one', async () => {
    const tpl = await staff.get('/api/members/template');
    expect(tpl.statusCode).toBe(200);
    expect(String(tpl.headers['content-type'])).toContain('spreadsheetml');
    const id1 = makeIdNumber('140105', '19900101', '501');
    const bad = await workbook([
      ['赵一', id1, '13603519001', '青铜峡市第一中学工会', '', '男', '2019-01-01'],
      ['钱二', id1, '13603519002', '', '', '女', '2019-01-01'],
      [
        '孙三',
        makeIdNumber('140105', '19900101', '503'),
        '13603519003',
        '不存在的工会',
        '',
        '',
        '2019-13-01',
      ],
    ]);
    const started = await staff.upload('/api/members/import', bad, XLSX, 'roll.xlsx');
    expect(started.statusCode, started.body).toBe(202);
    const job = await waitJob(staff, started.json().jobId);
    expect(job.state).toBe('failed');
    const cols = job.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(cols).toEqual(expect.arrayContaining(['3:身份证号', '4:入会日期', '3:所属工会']));
    expect((await staff.post('/api/members/search', { idNumber: id1 })).json().total).toBe(0);

    const good = await workbook([
      ['赵一', id1, '13603519001', '青铜峡市第一中学工会', 'XZ-1', '男', '2019-01-01'],
      [
        '钱二',
        makeIdNumber('140105', '19900101', '502'),
        '13603519002',
        '宁夏塞上迎鑫农牧有限公司工会',
        '',
        '女',
        '2020-02-02',
      ],
    ]);
    const ok = await staff.upload('/api/members/import', good, XLSX, 'roll.xlsx');
    const done = await waitJob(staff, ok.json().jobId);
    expect(done).toMatchObject({ state: 'done', imported: 2 });
    expect((await staff.post('/api/members/search', { idNumber: id1 })).json().items[0]).toMatchObject({
      name: '赵一',
      orgId: school,
      cardNumber: 'XZ-1',
    });
    // Only the starter reads the job.
    expect((await cadre.get(`/api/members/import/${ok.json().jobId}`)).statusCode).toBe(404);
  });

  it('exports the filtered roll masked, and audits it', async () => {
    const res = await staff.post('/api/members/export', { orgId: school });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(c.text))));
    expect(texts).toContain('赵一');
    expect(texts.join()).not.toContain(makeIdNumber('140105', '19900101', '501'));
    const audit = await t.platform.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'member.export')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('a worker whose phone is an active member’s signs in as a member; others are public', async () => {
    const m = await addMember(staff, yingxin, { name: '王小明', phone: '13603518888' });
    const a = new Agent(t);
    const me = await signInWorker(a, '13603518888');
    expect(me).toMatchObject({
      tier: 'member',
      memberName: '王*明',
      unitName: '宁夏塞上迎鑫农牧有限公司工会',
    });
    const pub = await signInWorker(new Agent(t), '13603517777');
    expect(pub).toMatchObject({ tier: 'public', memberName: null, unitName: null });
    expect(await t.services.membership.membership.matchByPhone('13603518888')).toMatchObject({
      memberId: m.id,
      orgId: yingxin,
    });
    // The member leaves: their session is public tier from the next request on.
    await staff.post(`/api/members/${m.id}/leave`, { version: 1, leftOn: '2026-06-01' });
    expect((await a.get('/api/worker/me')).json()).toMatchObject({ tier: 'public' });
  });
});
