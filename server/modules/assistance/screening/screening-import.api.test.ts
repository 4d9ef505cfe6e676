import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../platform/excel';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import type { RequestContext } from '../../../platform/platform';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';
import { HouseholdExportService } from '../households/household-export.service';
import { SCREENING_COLUMNS } from './screening-excel';
import { ScreeningImportService, type ImportJobView } from './screening-import.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = [
  '户主姓名',
  '身份证号',
  '手机号',
  '职工情况',
  '行政区划代码',
  '详细地址',
  '家庭人口',
  '家庭年收入(元)',
  '刚性支出(元)',
  '致困原因',
  '突发事件',
  '家庭成员',
  '最迫切需求',
  '线索',
  '摸排方式',
  '摸排日期',
] as const;
type Header = (typeof HEADERS)[number];
type Cell = ExcelJS.CellValue;

const SITUATIONS = [
  '单位已建会职工',
  '社会组织从业人员',
  '外出务工人员',
  '灵活就业人员',
  '特殊群体',
  '失业人员',
];
const DIVISIONS = ['640381001', '640381101', '640381102'];

/** A distinct valid ID number per row index (birth dates one day apart). */
function idFor(i: number): string {
  const d = new Date(Date.UTC(1965, 0, 1) + i * 86_400_000);
  const birth = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return makeIdNumber('640381', birth, String(100 + (i % 800)).padStart(3, '0'));
}

function validRow(i: number, tag: string): Record<Header, Cell> {
  return {
    户主姓名: `${tag}户主${i}`,
    身份证号: idFor(i),
    手机号: `139${String(20_000_000 + i).padStart(8, '0')}`,
    职工情况: SITUATIONS[i % SITUATIONS.length]!,
    行政区划代码: DIVISIONS[i % DIVISIONS.length]!,
    详细地址: `${tag}村 ${i} 号`,
    家庭人口: 3,
    '家庭年收入(元)': i % 2 ? '24,000.50' : 18000,
    '刚性支出(元)': '6000',
    致困原因: '大病、子女就学',
    突发事件: '',
    家庭成员: `配偶 ${tag}配偶${i} 45; 子女 ${tag}子女${i} 12`,
    最迫切需求: '医疗 紧急 丈夫肝病需复查; 教育 一般 学费',
    线索: '邻居反映家中无稳定收入',
    摸排方式: i % 3 ? '入户走访' : '电话调查',
    // Half typed as text, half as a real Excel date.
    摸排日期: i % 2 ? '2026-05-20' : new Date(Date.UTC(2026, 4, 21)),
  };
}

async function workbook(rows: Record<Header, Cell>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('摸排导入');
  ws.addRow([...HEADERS]);
  for (const r of rows) {
    const row = ws.addRow(HEADERS.map((h) => r[h]));
    const date = row.getCell(HEADERS.indexOf('摸排日期') + 1);
    if (date.value instanceof Date) date.numFmt = 'yyyy-mm-dd';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}

const sheetRows = (ws: ExcelJS.Worksheet): string[][] => {
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as Cell[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return out;
};

let t: TestApp;
let social: Agent;
let staff: Agent;
let caring: Agent;

const upload = (agent: Agent, body: Buffer, type = XLSX) =>
  agent.request({
    method: 'POST',
    url: '/api/screenings/import',
    payload: body,
    headers: { 'content-type': type },
  });

async function untilFinished(agent: Agent, jobId: string): Promise<ImportJobView> {
  for (let i = 0; i < 2000; i++) {
    const res = await agent.get(`/api/screenings/import/${jobId}`);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json() as ImportJobView;
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('import did not finish');
}

async function counts() {
  const db = t.platform.db;
  const n = async (table: 'household' | 'screening' | 'householdMember' | 'need') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  return {
    household: await n('household'),
    screening: await n('screening'),
    member: await n('householdMember'),
    need: await n('need'),
  };
}

const auditRows = (action: string) =>
  t.platform.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('seq').execute();

async function ctxOf(username: string): Promise<RequestContext> {
  const actor = await t.services.users.loadActor(t.users.get(username)!, 'test-session');
  return { actor: actor!, ip: null };
}

beforeAll(async () => {
  t = await createTestApp();
  social = await signIn(t, 'gx_social');
  staff = await signIn(t, 'qtx_staff');
  caring = await signIn(t, 'rmyy_staff');
});
afterAll(() => t.close());

describe('template', () => {
  it('downloads as 摸排导入模板.xlsx and reads back with the import columns', async () => {
    const res = await social.get('/api/screenings/template');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(String(res.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('摸排导入模板.xlsx')}`,
    );
    const wb = await readWorkbook(res.rawPayload);
    const [data, help] = [wb.worksheets[0]!, wb.getWorksheet('填写说明')!];
    expect(sheetRows(data)[0]).toEqual([...HEADERS]);
    expect(help).toBeDefined();
    expect(sheetRows(help).map((r) => r[0])).toEqual(expect.arrayContaining(['户主姓名', '摸排日期']));

    // The example row is skipped: the template itself holds no data rows and no errors.
    const dir = await mkdtemp(join(tmpdir(), 'uc-test-'));
    try {
      const file = join(dir, 'template.xlsx');
      await writeFile(file, res.rawPayload);
      const rows = [];
      for await (const r of readXlsx(file, { columns: SCREENING_COLUMNS })) rows.push(r);
      expect(rows).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Uploaded as is, it is refused at once: nothing to import.
    const empty = await upload(social, res.rawPayload);
    expect(empty.statusCode, empty.body).toBe(422);
    expect(empty.json().code).toBe('import.bad_file');
  });
});

/**
 * A POST over a real socket as a browser on a slow line sends it: the first MiB, a pause, then the
 * rest. Gives the answer, every socket error seen until the exchange closed, and whether the
 * connection was still open to take the rest (a server that hangs up early leaves a fast sender
 * with a broken pipe instead of the answer).
 */
async function postOverSocket(agent: Agent, path: string, body: Buffer, type: string) {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const headers = {
    ...(await agent.wireHeaders()),
    'content-type': type,
    'content-length': String(body.length),
  };
  return new Promise<{ status: number; body: string; errors: string[]; sentInFull: boolean }>((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers });
    const errors: string[] = [];
    let status = 0;
    let sentInFull = false;
    const parts: Buffer[] = [];
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      res.on('data', (d: Buffer) => parts.push(d));
    });
    req.on('error', (err) => errors.push(String(err)));
    req.on('close', () =>
      resolve({ status, body: Buffer.concat(parts).toString('utf8'), errors, sentInFull }),
    );
    const first = 1024 * 1024;
    req.write(body.subarray(0, first));
    setTimeout(() => {
      if (req.destroyed) return;
      sentInFull = true;
      req.end(body.subarray(first));
    }, 300);
  });
}

describe('an upload over the limit, over a real socket', () => {
  it('is read to its end and answered 413 naming the limit: no broken pipe, no reset', async () => {
    const big = Buffer.alloc(25 * 1024 * 1024, 1);
    for (let i = 0; i < 3; i++) {
      const res = await postOverSocket(social, '/api/screenings/import', big, XLSX);
      expect(res.errors, `try ${i + 1}`).toEqual([]);
      expect(res.sentInFull, `try ${i + 1}: the server hung up before the body was in`).toBe(true);
      expect(res.status, `try ${i + 1}`).toBe(413);
      expect(JSON.parse(res.body).code).toBe('request.too_large');
    }
  });
});

describe('import', () => {
  const rows = Array.from({ length: 300 }, (_, i) => validRow(i, '导入'));
  let file: Buffer;
  let jobId = '';

  beforeAll(async () => {
    file = await workbook(rows);
  });

  it('imports 300 rows in one go: 300 households, screenings, one audit row', async () => {
    const before = await counts();
    const started = performance.now();
    const res = await upload(social, file);
    expect(res.statusCode, res.body).toBe(202);
    jobId = res.json().jobId;
    const job = await untilFinished(social, jobId);
    const ms = performance.now() - started;
    console.log(
      `[screening-import] ${t.platform.engine}: 300 rows in ${ms.toFixed(0)} ms ` +
        `(${((300 / ms) * 1000).toFixed(0)} rows/s, upload to done, polled over HTTP)`,
    );
    expect(job).toMatchObject({ state: 'done', total: 300, done: 300, imported: 300, alreadyImported: 0 });
    expect(job.errors).toEqual([]);
    const after = await counts();
    expect(after.household - before.household).toBe(300);
    expect(after.screening - before.screening).toBe(300);
    expect(after.member - before.member).toBe(600);
    expect(after.need - before.need).toBe(600);

    const hash = createHash('sha256').update(file).digest('hex');
    const refs = await t.platform.db
      .selectFrom('screening')
      .select(['clientRef', 'screenedOn', 'method'])
      .where('clientRef', 'like', `imp-${hash.slice(0, 16)}-%`)
      .execute();
    expect(refs).toHaveLength(300);
    expect(new Set(refs.map((r) => r.screenedOn))).toEqual(new Set(['2026-05-20', '2026-05-21']));
    expect(new Set(refs.map((r) => r.method))).toEqual(new Set(['home_visit', 'phone_survey']));

    const audits = await auditRows('screening.import');
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]!.details)).toMatchObject({ rows: 300, fileSha256: hash });

    // The importing partner sees them in its list.
    const list = await social.post('/api/households/query', { q: '导入户主12', pageSize: 5 });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((h: { headName: string }) => h.headName)).toContain('导入户主12');
  }, 120_000);

  it('the same file again writes nothing: already imported', async () => {
    const before = await counts();
    const res = await upload(social, file);
    expect(res.statusCode, res.body).toBe(202);
    const job = await untilFinished(social, res.json().jobId);
    expect(job).toMatchObject({ state: 'done', imported: 0, alreadyImported: 300 });
    expect(job.message).toContain('already imported: 300 rows');
    expect(await counts()).toEqual(before);
    expect(await auditRows('screening.import')).toHaveLength(1);
  }, 120_000);

  it('finds a known person as one screening does: the ID number, phone and name, a near match', async () => {
    const run = async (rows: Record<Header, Cell>[]) => {
      const body = await workbook(rows);
      const res = await upload(staff, body);
      expect(res.statusCode, res.body).toBe(202);
      const job = await untilFinished(staff, res.json().jobId);
      expect(job, JSON.stringify(job.errors)).toMatchObject({ state: 'done', imported: rows.length });
      const prefix = `imp-${createHash('sha256').update(body).digest('hex').slice(0, 16)}-`;
      const done = await t.platform.db
        .selectFrom('screening')
        .select(['clientRef', 'match', 'householdId'])
        .where('clientRef', 'like', `${prefix}%`)
        .execute();
      return done.sort(
        (a, b) => Number(a.clientRef!.slice(prefix.length)) - Number(b.clientRef!.slice(prefix.length)),
      );
    };
    const known = validRow(6003, '匹配');
    const [first] = await run([known]);

    const before = await counts();
    const done = await run([
      validRow(6000, '匹配'),
      // The same person again in the same file.
      { ...validRow(6000, '匹配'), 线索: '同一人再次摸排' },
      validRow(6001, '匹配'),
      // No ID number: the phone and name of the row above.
      { ...validRow(6001, '匹配'), 身份证号: '' },
      // Another person with the first row's name and address: a near match for a person to decide.
      { ...validRow(6000, '匹配'), 身份证号: idFor(6002), 手机号: '13930006002' },
      // Screened before this import.
      { ...known, 线索: '再次摸排' },
    ]);
    expect(done.map((s) => s.match)).toEqual(['new', 'id_number', 'new', 'phone_name', 'new', 'id_number']);
    expect(done[1]!.householdId).toBe(done[0]!.householdId);
    expect(done[3]!.householdId).toBe(done[2]!.householdId);
    expect(done[5]!.householdId).toBe(first!.householdId);
    const after = await counts();
    expect(after.household - before.household).toBe(3);
    expect(after.screening - before.screening).toBe(6);
    const pending = await t.platform.db
      .selectFrom('mergeCandidate')
      .select(['householdA', 'householdB'])
      .where('status', '=', 'pending')
      .where((eb) =>
        eb.or([eb('householdA', '=', done[4]!.householdId!), eb('householdB', '=', done[4]!.householdId!)]),
      )
      .execute();
    expect(pending).toHaveLength(1);
    expect([pending[0]!.householdA, pending[0]!.householdB]).toContain(done[0]!.householdId);
  }, 120_000);

  it('a job is readable by its starter only', async () => {
    const other = await staff.get(`/api/screenings/import/${jobId}`);
    expect(other.statusCode).toBe(404);
    const unknown = await social.get('/api/screenings/import/0190a0a0-0000-7000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
  });
});

describe('a workbook with bad rows', () => {
  it('fails as a whole, naming row and column, and writes nothing', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => validRow(1000 + i, '坏表'));
    const id = idFor(1001);
    rows[1]!.身份证号 = id.slice(0, 17) + (id[17] === '1' ? '2' : '1'); // sheet row 3
    rows[4]!.户主姓名 = ''; // sheet row 6
    rows[4]!.线索 = { formula: 'A2&"x"', result: '邻居' } as Cell; // sheet row 6
    rows[7]!.职工情况 = '退休返聘人员'; // sheet row 9
    const before = await counts();
    const auditsBefore = (await auditRows('screening.import')).length;
    const res = await upload(social, await workbook(rows));
    expect(res.statusCode, res.body).toBe(202);
    const job = await untilFinished(social, res.json().jobId);
    expect(job.state).toBe('failed');
    expect(job.total).toBe(12);
    expect(job.imported).toBe(0);
    expect(job.message).toContain('nothing was imported');
    const where = job.errors.map((e) => `${e.row}:${e.column}`);
    expect(where).toEqual(['3:身份证号', '6:户主姓名', '6:线索', '9:职工情况']);
    expect(job.errors.find((e) => e.column === '线索')!.message).toContain('公式');
    expect(job.errors.find((e) => e.column === '职工情况')!.message).toContain('单位已建会职工');
    // The ID number itself is never echoed back.
    expect(JSON.stringify(job)).not.toContain(id.slice(0, 17));
    expect(await counts()).toEqual(before);
    expect(await auditRows('screening.import')).toHaveLength(auditsBefore);
  }, 60_000);

  it('checks what zod cannot see: unknown division, household smaller than its members', async () => {
    const rows = [validRow(2000, '校验'), validRow(2001, '校验')];
    rows[0]!.行政区划代码 = '640399999';
    rows[1]!.家庭人口 = 1;
    const res = await upload(social, await workbook(rows));
    const job = await untilFinished(social, res.json().jobId);
    expect(job.state).toBe('failed');
    expect(job.errors.map((e) => `${e.row}:${e.column}`)).toEqual(['2:行政区划代码', '3:家庭人口']);
  });

  it('random bytes are not a workbook: 422 import.bad_file', async () => {
    const res = await upload(social, randomBytes(4096));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'import.bad_file' });
    expect(res.json().errors[0].field).toBe('body');
  });

  it('a JSON body is not a workbook: 415', async () => {
    const res = await social.post('/api/screenings/import', { rows: [] });
    expect(res.statusCode, res.body).toBe(415);
  });

  it('caring-unit staff may not import', async () => {
    const res = await upload(caring, await workbook([validRow(3000, '拒绝')]));
    expect(res.statusCode).toBe(403);
  });
});

describe('household export', () => {
  const cellsOf = async (res: LightMyRequestResponse) =>
    sheetRows((await readWorkbook(res.rawPayload)).worksheets[0]!);

  it('qtx_staff exports a filtered list: masked ID numbers and phones, audited once', async () => {
    const auditsBefore = (await auditRows('household.export')).length;
    const res = await staff.request({
      method: 'POST',
      url: '/api/households/export',
      payload: { divisionCode: '640381101', q: '导入户主' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const [header, ...data] = await cellsOf(res);
    expect(header).toContain('身份证号(脱敏)');
    expect(data).toHaveLength(100);
    const idCol = header!.indexOf('身份证号(脱敏)');
    const phoneCol = header!.indexOf('手机号(脱敏)');
    for (const r of data) {
      // Issue 9 item 3: the check digit and the phone's first three digits are no longer shown.
      expect(r[idCol]).toMatch(/^\*{14}\d{3}\*$/);
      expect(r[phoneCol]).toMatch(/^\*{7}\d{4}$/);
    }
    const text = data.flat().join('\n');
    for (let i = 0; i < 300; i++) expect(text).not.toContain(idFor(i));

    const audits = await auditRows('household.export');
    expect(audits).toHaveLength(auditsBefore + 1);
    expect(JSON.parse(audits.at(-1)!.details)).toMatchObject({
      rows: 100,
      filter: { divisionCode: '640381101', q: '导入户主' },
    });
  });

  it('an ID-number filter finds one household and stays out of the audit trail', async () => {
    const id = idFor(7);
    const res = await staff.request({
      method: 'POST',
      url: '/api/households/export',
      payload: { idNumber: id },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [, ...data] = await cellsOf(res);
    expect(data).toHaveLength(1);
    expect(data[0]![0]).toBe('导入户主7');
    const last = (await auditRows('household.export')).at(-1)!;
    expect(last.details).not.toContain(id);
    expect(JSON.parse(last.details)).toMatchObject({ rows: 1, filter: { idNumber: 'set' } });
  });

  it('an empty result is an answer, not an empty workbook, and is not audited', async () => {
    const auditsBefore = (await auditRows('household.export')).length;
    const res = await staff.request({
      method: 'POST',
      url: '/api/households/export',
      payload: { q: '查无此户' },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'export.empty', errors: [{ field: 'body' }] });
    expect(await auditRows('household.export')).toHaveLength(auditsBefore);
  });

  it('is refused to caring-unit staff', async () => {
    const res = await caring.request({ method: 'POST', url: '/api/households/export', payload: {} });
    expect(res.statusCode).toBe(403);
  });
});

describe('services, called directly', () => {
  it('one import at a time per user; finished resolves with the result', async () => {
    const imports = new ScreeningImportService(t.platform, t.services.assistance.screenings);
    const ctx = await ctxOf('gx_social');
    const dir = await mkdtemp(join(tmpdir(), 'uc-test-'));
    try {
      const file = join(dir, 'a.xlsx');
      await writeFile(file, await workbook(Array.from({ length: 20 }, (_, i) => validRow(4000 + i, '直调'))));
      const first = await imports.importWorkbook(ctx, file);
      await expect(imports.importWorkbook(ctx, file)).rejects.toMatchObject({ code: 'import.busy' });
      const result = await first.finished;
      expect(result).toMatchObject({ state: 'done', imported: 20, total: 20, done: 20 });
      expect(imports.getJob(ctx, first.jobId)).toMatchObject({ state: 'done', imported: 20 });
      const again = await imports.importWorkbook(ctx, file);
      expect(await again.finished).toMatchObject({ state: 'done', imported: 0, alreadyImported: 20 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an export wider than the limit (20 households > 10) before a byte or an audit row', async () => {
    const exporter = new HouseholdExportService(t.platform, t.services.assistance.households, 10);
    const auditsBefore = (await auditRows('household.export')).length;
    const out = new PassThrough();
    await expect(
      exporter.exportHouseholds(await ctxOf('qtx_staff'), { sort: 'lastScreenedOn', order: 'desc' }, out),
    ).rejects.toMatchObject({ code: 'export.too_large', status: 422 });
    expect(out.readableLength).toBe(0);
    expect(await auditRows('household.export')).toHaveLength(auditsBefore);
  });

  it('too many rows fails the job with the limit named', async () => {
    const imports = new ScreeningImportService(t.platform, t.services.assistance.screenings, { maxRows: 5 });
    const dir = await mkdtemp(join(tmpdir(), 'uc-test-'));
    try {
      const file = join(dir, 'b.xlsx');
      await writeFile(file, await workbook(Array.from({ length: 6 }, (_, i) => validRow(5000 + i, '超限'))));
      const before = await counts();
      const { finished } = await imports.importWorkbook(await ctxOf('gx_social'), file);
      const job = await finished;
      expect(job.state).toBe('failed');
      expect(job.message).toContain('max 5');
      expect(await counts()).toEqual(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('platform: readXlsx keeps Chinese text whole', () => {
  // BUG (platform/excel.ts readXlsx, found here): exceljs's parse-sax decodes every chunk of a
  // part on its own, so a Chinese character whose UTF-8 bytes straddle two inflated chunks
  // (16 KiB) comes out as U+FFFD. The 300-row workbook above is hit at rows 82 (详细地址) and 252
  // (家庭成员); a 6 000-row one at row 4852. Unchecked cells (names, addresses, leads) were stored
  // garbled; the import now refuses any U+FFFD cell (`intact` in screening-excel.ts), so these
  // tests fail until excel.ts openEntry returns its stream with `.setEncoding('utf8')`.
  it('reads long Chinese text across chunk boundaries intact', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => ({
      ...validRow(6000 + i, '长文本'),
      线索: `第${i}户：${'邻居反映家中无稳定收入丈夫肝病需复查孩子学费无着落'.repeat(12)}`,
    }));
    const dir = await mkdtemp(join(tmpdir(), 'uc-test-'));
    try {
      const file = join(dir, 'long.xlsx');
      await writeFile(file, await workbook(rows));
      const errors = [];
      let leads = 0;
      for await (const r of readXlsx(file, { columns: SCREENING_COLUMNS, maxRows: 20_000 })) {
        errors.push(...r.errors);
        if (r.value?.leads === rows[r.row - 2]!.线索) leads += 1;
      }
      expect(errors).toEqual([]);
      expect(leads).toBe(600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
