/**
 * @drill F-7 imports are all-or-nothing and survive hostile files: kill -9 mid-import, then a corpus of hostile workbooks
 * @options --quick (5 000-row import, small corpus) · --rows N · --engine sqlite|postgres (default sqlite) ·
 *          --rss-limit-mb N (default 1536)
 *
 * Through the real route (POST /api/screenings/import on node --import tsx server/main.ts):
 * 1. a large valid workbook (exceljs, valid ID numbers) is uploaded and the app is killed with
 *    SIGKILL while the import writes; after a restart the database holds none of its rows or
 *    all of them once; the same file again completes once, and a third time writes nothing.
 *    (The product accepts at most IMPORT_LIMITS.maxRows = 20 000 rows per workbook; the full
 *    profile imports 20 000 and checks that 100 000 rows are refused cleanly.)
 * 2. hostile files — zip bombs, a million rows, 20 000 columns, formulas, bad ID checksums, a
 *    truncated file, PNG/text renamed .xlsx, an empty file, too large a file, the wrong type —
 *    each get a 4xx problem or a failed job with row/column errors, never a 5xx; the app keeps
 *    answering /api/health and its peak RSS (VmHWM) stays under the bound.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createDatabase } from '../server/db/database';
import { makeIdNumber } from '../server/platform/personal-data/identity';
import { columnName, rowXml, workbookEntries, zip } from './craft';
import {
  AppProcess,
  arg,
  check,
  Client,
  drill,
  foundationDatabase,
  log,
  mb,
  numArg,
  quick,
  section,
  sleep,
  WORK_DIR,
  type DrillDatabase,
  type Engine,
} from './support';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ROWS = numArg('rows', quick ? 5_000 : 20_000);
const RSS_LIMIT = numArg('rss-limit-mb', 1536) * 1024 * 1024;
const engine = arg('engine', 'sqlite') as Engine;

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
];

function idFor(i: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + (i % 20_000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  return makeIdNumber('640381', ymd, String(100 + Math.floor(i / 20_000)).padStart(3, '0'));
}

function validRow(i: number, tag = '导入'): string[] {
  return [
    `${tag}户主${i}`,
    idFor(i),
    `139${String(20_000_000 + i).padStart(8, '0')}`,
    '外出务工人员',
    '640381101',
    `${tag}村 ${i} 号`,
    '3',
    '18000',
    '6000',
    '大病、子女就学',
    '',
    `配偶 ${tag}配偶${i} 45`,
    '医疗 紧急 需复查',
    '',
    '入户走访',
    '2026-05-20',
  ];
}

/** A valid workbook of `rows` rows written by exceljs' streaming writer, kept under /tmp between runs. */
async function validWorkbook(rows: number): Promise<string> {
  const file = join(WORK_DIR, `f7-valid-${rows}.xlsx`);
  if (existsSync(file)) return file;
  const t0 = Date.now();
  const tmp = `${file}.${process.pid}.part`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: tmp,
    useSharedStrings: false,
    useStyles: false,
  });
  const ws = wb.addWorksheet('摸排导入');
  ws.addRow(HEADERS).commit();
  for (let i = 0; i < rows; i++) ws.addRow(validRow(i)).commit();
  ws.commit();
  await wb.commit();
  renameSync(tmp, file);
  log(`  generated ${file} (${rows} rows) in ${Date.now() - t0} ms`);
  return file;
}

/** A small workbook through exceljs, cells as given (formula objects included). */
async function smallWorkbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('摸排导入');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A crafted archive, cached under /tmp (bombs take a few seconds to deflate). */
async function crafted(name: string, make: () => Promise<Buffer>): Promise<Buffer> {
  const file = join(WORK_DIR, `f7-${name}.xlsx`);
  if (existsSync(file)) return readFileSync(file);
  const t0 = Date.now();
  const buf = await make();
  writeFileSync(file, buf);
  log(`  crafted ${name}: ${(buf.length / 1024).toFixed(0)} KiB in ${Date.now() - t0} ms`);
  return buf;
}

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

interface Job {
  state: string;
  total: number;
  done: number;
  imported: number;
  alreadyImported: number;
  errors: { row: number; column: string; message: string }[];
  moreErrors: number;
  message: string | null;
}

async function untilFinished(client: Client, jobId: string, timeoutMs = 600_000): Promise<Job> {
  const t0 = Date.now();
  for (;;) {
    const res = await client.get(`/api/screenings/import/${jobId}`);
    if (res.status !== 200) throw new Error(`job ${jobId}: ${res.status} ${res.text}`);
    const job = res.body as Job;
    if (job.state === 'done' || job.state === 'failed') return job;
    if (Date.now() - t0 > timeoutMs) throw new Error(`job ${jobId} still ${job.state} after ${timeoutMs} ms`);
    await sleep(200);
  }
}

async function importedRows(db: DrillDatabase, fileSha: string): Promise<{ rows: number; dupes: number }> {
  const h = createDatabase(db.url, { schema: db.schema, poolSize: 1 });
  try {
    const prefix = `imp-${fileSha.slice(0, 16)}-%`;
    const n = await h.db
      .selectFrom('screening')
      .select(sql<number>`count(*)`.as('n'))
      .where('clientRef', 'like', prefix)
      .executeTakeFirstOrThrow();
    const d = await h.db
      .selectFrom('screening')
      .select('clientRef')
      .where('clientRef', 'like', prefix)
      .groupBy('clientRef')
      .having(sql`count(*)`, '>', 1)
      .execute();
    return { rows: Number(n.n), dupes: d.length };
  } finally {
    await h.close();
  }
}

async function killMidImport(app: AppProcess, db: DrillDatabase): Promise<void> {
  section(`kill -9 during a ${ROWS}-row import (${engine})`);
  const file = await validWorkbook(ROWS);
  const body = readFileSync(file);
  const fileSha = sha256(body);
  log(`  workbook ${(body.length / 1024 / 1024).toFixed(1)} MiB, sha256 ${fileSha.slice(0, 16)}…`);
  let client = await new Client(app.url).login('cy_volunteer');
  const t0 = Date.now();
  const started = await client.request('POST', '/api/screenings/import', undefined, {
    raw: body,
    type: XLSX,
  });
  if (
    !check('upload accepted (202)', started.status === 202, `${started.status} ${started.text.slice(0, 200)}`)
  )
    return;
  const jobId = (started.body as { jobId: string }).jobId;
  // On SQLite the write phase keeps the app's event loop busy until it commits (better-sqlite3 is
  // synchronous), so its progress cannot be polled: a poll left unanswered for 500 ms once the
  // job has read (nearly) every row marks the write phase. On PostgreSQL the job
  // answers 'writing'. The kill comes a random 0–300 ms later.
  const wal = engine === 'sqlite' ? `${db.url.slice('sqlite:'.length)}-wal` : '';
  const walSize = () => (wal && existsSync(wal) ? statSync(wal).size : 0);
  const walBefore = walSize();
  let seen: Job | undefined;
  let stalled = false;
  for (;;) {
    const poll = client.get(`/api/screenings/import/${jobId}`);
    const answer = await Promise.race([poll, sleep(500).then(() => null)]);
    if (answer === null) {
      poll.catch(() => undefined);
      if ((seen?.total ?? 0) >= ROWS * 0.8) {
        stalled = true;
        break;
      }
      await poll.catch(() => undefined);
      continue;
    }
    seen = answer.body as Job;
    if (seen.state !== 'parsing') break;
    await sleep(20);
  }
  await sleep(Math.random() * 300);
  const walAtKill = walSize();
  await app.kill9();
  const parsedIn = Date.now() - t0;
  check(
    'the app was killed while the import was writing',
    stalled || seen?.state === 'writing',
    stalled
      ? `${seen?.total} rows parsed, then the event loop busy writing; WAL ${walBefore} → ${walAtKill} bytes; killed after ${parsedIn} ms`
      : `last seen ${seen?.state} ${seen?.done}/${seen?.total} after ${parsedIn} ms`,
  );
  const restart = await app.start();
  const after = await importedRows(db, fileSha);
  log(`  restarted in ${restart} ms; ${after.rows} rows of that file in the database`);
  check(
    'after the restart: none of its rows or all of them',
    after.rows === 0 || after.rows === ROWS,
    `${after.rows} rows`,
  );
  check('after the restart: no row twice', after.dupes === 0, `${after.dupes} duplicated clientRefs`);

  // Sessions live in the database: the same client carries on after the restart.
  client = new Client(app.url);
  await client.login('cy_volunteer');
  const t1 = Date.now();
  const again = await client.request('POST', '/api/screenings/import', undefined, { raw: body, type: XLSX });
  check('the same file again is accepted', again.status === 202, `${again.status}`);
  const job = await untilFinished(client, (again.body as { jobId: string }).jobId);
  const retry = Date.now() - t1;
  check(
    'the retry completes once',
    job.state === 'done' && job.imported + job.alreadyImported === ROWS,
    `${job.state}: imported ${job.imported}, already ${job.alreadyImported} in ${retry} ms — ${job.message}`,
  );
  const final = await importedRows(db, fileSha);
  check(
    'exactly one row per workbook row',
    final.rows === ROWS && final.dupes === 0,
    `${final.rows} rows, ${final.dupes} dupes`,
  );
  const third = await client.request('POST', '/api/screenings/import', undefined, { raw: body, type: XLSX });
  const job3 = await untilFinished(client, (third.body as { jobId: string }).jobId);
  const end = await importedRows(db, fileSha);
  check(
    'a third upload writes nothing',
    job3.state === 'done' && job3.imported === 0 && end.rows === ROWS,
    `imported ${job3.imported}, already ${job3.alreadyImported}, ${end.rows} rows`,
  );
}

type Expect = 'refused' | 'row-errors';

async function hostile(
  app: AppProcess,
  client: Client,
  name: string,
  body: Buffer,
  expect: Expect,
  type = XLSX,
) {
  const t0 = Date.now();
  let res;
  try {
    res = await client.upload('/api/screenings/import', body, type);
  } catch (err) {
    check(`${name}: answered`, false, String(err));
    return;
  }
  let outcome = '';
  let ok = res.status < 500;
  if (res.status === 202) {
    const job = await untilFinished(client, (res.body as { jobId: string }).jobId, 300_000);
    const named = job.errors.length > 0 && job.errors.every((e) => e.row >= 2 && e.column.length > 0);
    ok = job.state === 'failed' && (expect === 'row-errors' ? named : Boolean(job.message));
    const first = job.errors[0];
    outcome = `202 → job ${job.state}: ${job.message ?? ''}${
      first
        ? ` · e.g. row ${first.row} 「${first.column}」 ${first.message} (${job.errors.length + job.moreErrors} errors)`
        : ''
    }`;
  } else {
    const p = res.body as { code?: string; detail?: string; title?: string };
    ok = ok && res.status >= 400 && expect === 'refused' && typeof p === 'object' && Boolean(p.code);
    outcome = `${res.status} ${p?.code ?? ''}: ${(p?.detail ?? p?.title ?? res.text).slice(0, 120)}`;
  }
  const healthy = await app.healthy();
  const rss = app.running ? app.peakRss() : 0;
  check(
    `${name}: ${expect === 'row-errors' ? 'per-row errors' : 'clear 4xx'}, no 5xx`,
    ok,
    `${outcome} [${Date.now() - t0} ms]`,
  );
  check(
    `${name}: app up and healthy, peak RSS under ${mb(RSS_LIMIT)}`,
    healthy && rss > 0 && rss < RSS_LIMIT,
    `VmHWM ${mb(rss)}`,
  );
}

async function corpus(app: AppProcess): Promise<void> {
  section('hostile workbooks through POST /api/screenings/import');
  const client = await new Client(app.url).login('cy_volunteer');
  const header = () => [rowXml(1, HEADERS)];
  const GiB = 1024 * 1024 * 1024;
  const zeros = Buffer.alloc(1024 * 1024, 0x20);
  const spaces = (bytes: number) =>
    function* () {
      for (let i = 0; i < bytes / zeros.length; i++) yield zeros;
    };

  const small = await smallWorkbook([validRow(1, '对照'), validRow(2, '对照')]);
  // Control: the crafted minimal package is a real workbook (so the refusals below are for the right reason).
  const control = await zip(
    workbookEntries(function* () {
      yield* header();
      yield rowXml(2, validRow(3, '手工'));
    }),
  );
  const ok = await client.request('POST', '/api/screenings/import', undefined, { raw: control, type: XLSX });
  const okJob =
    ok.status === 202 ? await untilFinished(client, (ok.body as { jobId: string }).jobId) : undefined;
  check(
    'control: a hand-built minimal workbook imports',
    okJob?.state === 'done' && okJob.imported === 1,
    `${ok.status} ${okJob?.message ?? ok.text.slice(0, 200)}`,
  );

  const cases: [string, () => Promise<Buffer>, Expect, string?][] = [
    [
      'zip bomb (1 GiB sheet, declared)',
      () => crafted('bomb-declared', () => zip(workbookEntries(spaces(GiB)))),
      'refused',
    ],
    [
      'zip bomb (1 GiB sheet, declares 1 KiB)',
      () => crafted('bomb-lying', () => zip(workbookEntries(spaces(GiB), { declaredSize: 1024 }))),
      'refused',
    ],
    [
      'a million rows',
      () =>
        crafted('million-rows', () =>
          zip(
            workbookEntries(function* () {
              yield* header();
              const batch: string[] = [];
              for (let r = 2; r <= 1_000_001; r++) {
                batch.push(rowXml(r, [`户主${r}`]));
                if (batch.length === 5000) yield batch.splice(0).join('');
              }
              yield batch.join('');
            }),
          ),
        ),
      'refused',
    ],
    [
      '20 000 columns',
      () =>
        crafted('wide', () =>
          zip(
            workbookEntries(function* () {
              const cells = [...HEADERS];
              for (let c = cells.length + 1; c <= 20_000; c++) cells.push(`列${columnName(c)}`);
              yield rowXml(1, cells);
              yield rowXml(2, validRow(4));
            }),
          ),
        ),
      'refused',
    ],
    [
      '16 384 columns (the most Excel allows)',
      () =>
        crafted('wide-16384', () =>
          zip(
            workbookEntries(function* () {
              const cells = [...HEADERS];
              for (let c = cells.length + 1; c <= 16_384; c++) cells.push(`列${columnName(c)}`);
              yield rowXml(1, cells);
              yield rowXml(2, validRow(4));
            }),
          ),
        ),
      'refused',
    ],
    [
      'formulas (=cmd|…, =HYPERLINK)',
      () =>
        smallWorkbook([
          [{ formula: "cmd|' /C calc'!A0", result: 0 }, ...validRow(5).slice(1)],
          [
            validRow(6)[0],
            validRow(6)[1],
            { formula: 'HYPERLINK("http://evil.example/x","点我")', result: '点我' },
            ...validRow(6).slice(3),
          ],
        ]),
      'row-errors',
    ],
    [
      'bad ID checksums',
      () =>
        smallWorkbook(
          [7, 8, 9].map((i) => {
            const r = validRow(i);
            const id = r[1];
            r[1] = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
            return r;
          }),
        ),
      'row-errors',
    ],
    ['truncated workbook', async () => small.subarray(0, Math.floor(small.length * 0.6)), 'refused'],
    [
      'PNG renamed .xlsx',
      async () =>
        Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(2048, 7)]),
      'refused',
    ],
    [
      'text renamed .xlsx',
      async () => Buffer.from('户主姓名,身份证号\n张三,110101199003070000\n'),
      'refused',
    ],
    ['empty file', async () => Buffer.alloc(0), 'refused'],
    ['workbook sent as text/plain', async () => small, 'refused', 'text/plain'],
    ['25 MiB upload (over the 20 MiB limit)', async () => Buffer.alloc(25 * 1024 * 1024, 1), 'refused'],
  ];
  cases.push([
    'one 500 MiB cell (a one-cell bomb)',
    () =>
      crafted('bomb-one-cell', () =>
        zip(
          workbookEntries(function* () {
            yield* header();
            yield '<row r="2"><c r="A2" t="inlineStr"><is><t>';
            yield* spaces(500 * 1024 * 1024)();
            yield '</t></is></c></row>';
          }),
        ),
      ),
    'refused',
  ]);
  if (!quick) {
    cases.push([
      '100 000 valid rows (over the 20 000-row limit)',
      async () => readFileSync(await validWorkbook(100_000)),
      'refused',
    ]);
    cases.push([
      'zip bomb under the declared cap (500 MiB of blanks in one sheet)',
      () =>
        crafted('bomb-under-cap', () =>
          zip(
            workbookEntries(function* () {
              yield* header();
              yield* spaces(500 * 1024 * 1024)();
            }),
          ),
        ),
      'refused',
    ]);
  }
  for (const [name, make, expect, type] of cases)
    await hostile(app, client, name, await make(), expect, type);
  log(`  app peak RSS over the whole corpus (VmHWM, pid ${app.pid}): ${mb(app.peakRss())}`);
}

await drill('F-7', async () => {
  const db = await foundationDatabase(engine, `f7-${engine}`);
  await db.handle.close();
  const app = new AppProcess(db.url, db.secretsFile);
  try {
    await app.start();
    await killMidImport(app, db);
    if (!app.running) await app.start();
    await corpus(app);
  } finally {
    await app.kill9();
    await db.drop();
  }
});
