/**
 * Screening import at scale: a generated workbook of --rows rows (the real template columns,
 * varied Chinese names, valid GB 11643 ID numbers, mobiles, 青铜峡 640381xxx division codes,
 * incomes, members and needs) goes through the real import path — uploaded with the Agent to
 * `POST /api/screenings/import` as qtx_staff and followed on `GET /api/screenings/import/:id` until
 * done — and, as the baseline, through `readXlsx` alone (the same exceljs streaming reader and
 * cell parsers the import uses, nothing validated or written). Each runs in a child process of its
 * own, so each peak RSS is its own. Prints rows/s, the ratio to parse-only (goal ≥ 0.5) and the
 * import's phases. Never passes or fails on time.
 *
 *   npm run bench -- import [--rows 100000] [--engine sqlite|postgres|both] [--keep]
 *
 * The route takes at most 20 000 rows and 20 MiB per workbook; the child raises both limits
 * (IMPORT_LIMITS) for the run so one 100 000-row workbook can go through.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { buildApp } from '../server/app';
import { IMPORT_LIMITS, SCREENING_COLUMNS } from '../server/modules/assistance';
import { PasswordHasher } from '../server/platform/auth/password';
import { FakeClock } from '../server/platform/clock';
import { readXlsx } from '../server/platform/excel';
import { makeIdNumber } from '../server/platform/personal-data/identity';
import { seedFoundation } from '../server/seed/foundation';
import { Agent, testConfig } from '../server/test/test-app';
import {
  arg,
  engines,
  flag,
  freshDatabase,
  log,
  mb,
  numArg,
  peakRss,
  ratio,
  table,
  type Engine,
} from './lib';

const ROWS = numArg('rows', 100_000);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('--rows must be a positive integer');

// ---- the workbook ----

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵欧阳解强丛华车冉房边辜吉饶刁瞿戚丘古米池滕晋苑邬臧畅宫来嵺苟全褚廉简娄盖符奚木穆党燕郎邸冀谈姬屠连郜晏栾郁商蒙计喻揭窦迟宇敖糜鄢冷卓花艾蓝都巩稽井练仲乐虞卞封竺冼原官衣楚佟栗匡宗应台巫鞠僖桑荆谌银扬明沙薄伏岑习胥保和蔺',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍鹏辉建华红梅玲飞桂兰丹亮成海燕晶婷雪琴云莲凤兰志刚春梅金凤有福小花小军登花国庆建国卫东海霞玉梅永红德明文静慧敏',
];
const SITUATIONS = [
  '单位已建会职工',
  '社会组织从业人员',
  '外出务工人员',
  '灵活就业人员',
  '特殊群体',
  '失业人员',
  '其他',
];
const DIVISIONS = [
  '640381001',
  '640381100',
  '640381101',
  '640381102',
  '640381103',
  '640381104',
  '640381105',
  '640381106',
  '640381107',
];
const VILLAGES = [
  '韦桥村',
  '蒋东村',
  '沙坝村',
  '陈俊村',
  '中庄村',
  '银光村',
  '光明村',
  '大坝村',
  '唐滩村',
  '新华村',
];
const CAUSES = [
  '大病',
  '子女就学',
  '丧失劳动能力',
  '有劳动能力但失业',
  '无社会保险',
  '意外事故',
  '自然灾害',
  '下岗',
];
const RELATIONS = ['配偶', '子女', '父母', '兄弟姐妹', '孙子女'];
const NEEDS = [
  '医疗 紧急 住院费用无力支付',
  '教育 一般 孩子学费',
  '生活 一般 冬季取暖',
  '就业 一般 希望找到稳定工作',
  '照护 紧急 老人卧床无人照料',
  '住房 一般 房屋漏雨需修缮',
];
const METHODS = ['入户走访', '电话调查', '走访街道社区'];

/** A small deterministic generator so the same --rows always gives the same workbook. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

async function generate(file: string, rows: number): Promise<void> {
  const r = rng(20260601);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const name = () => pick(SURNAMES) + pick(GIVEN) + (r() < 0.6 ? pick(GIVEN) : '');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: createWriteStream(file),
    useSharedStrings: true,
  });
  const ws = wb.addWorksheet('摸排导入');
  ws.addRow(SCREENING_COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < rows; i++) {
    // Distinct people: birth dates spread over 1960–1999, a sequence number per row.
    const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(r() * 14_600) * 86_400_000);
    const id = makeIdNumber(
      '640381',
      `${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}`,
      pad(i % 1000, 3),
    );
    const members: string[] = [];
    const size = 1 + Math.floor(r() * 5);
    for (let m = 1; m < size; m++) members.push(`${pick(RELATIONS)} ${name()} ${1 + Math.floor(r() * 80)}`);
    const causes = [pick(CAUSES), ...(r() < 0.5 ? [pick(CAUSES)] : [])];
    const needs = [pick(NEEDS), ...(r() < 0.3 ? [pick(NEEDS)] : [])];
    ws.addRow([
      name(),
      // One row in twenty without an ID number (phone and name identify those).
      i % 20 === 7 ? '' : id,
      `1${pick(['39', '38', '37', '35', '51', '52', '80', '89', '99'])}${pad(Math.floor(r() * 1e8), 8)}`,
      pick(SITUATIONS),
      pick(DIVISIONS),
      `${pick(VILLAGES)}${1 + Math.floor(r() * 9)}队${1 + Math.floor(r() * 80)}号`,
      String(size + (r() < 0.2 ? 1 : 0)),
      String(Math.floor(r() * 60_000)),
      String(Math.floor(r() * 20_000)),
      [...new Set(causes)].join('、'),
      r() < 0.1 ? '家中失火' : '',
      members.join('; '),
      needs.join('; '),
      r() < 0.3 ? '邻居反映家中无稳定收入' : '',
      pick(METHODS),
      `2026-${pad(1 + Math.floor(r() * 5), 2)}-${pad(1 + Math.floor(r() * 28), 2)}`,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

// ---- the two children ----

interface Result {
  rows: number;
  ms: number;
  peakRss: number;
  startRss: number;
  phases?: Record<string, number>;
  written?: number;
}

const report = (r: Result) => process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);

/** Baseline: readXlsx alone over the file, with the import's columns and cell parsers. */
async function parseOnly(file: string): Promise<void> {
  const startRss = peakRss();
  const t0 = performance.now();
  let rows = 0;
  let bad = 0;
  for await (const row of readXlsx(file, {
    columns: SCREENING_COLUMNS,
    maxRows: 10_000_000,
    maxBytes: 1 << 30,
  })) {
    rows += 1;
    if (row.errors.length) bad += 1;
  }
  if (bad) throw new Error(`${bad} rows did not parse: the generator is wrong`);
  report({ rows, ms: performance.now() - t0, peakRss: peakRss(), startRss });
}

/** The real path: the route, the import service, one transaction, on a fresh database. */
async function realImport(file: string, engine: Engine): Promise<void> {
  IMPORT_LIMITS.maxRows = Math.max(IMPORT_LIMITS.maxRows, ROWS);
  IMPORT_LIMITS.maxBytes = Math.max(IMPORT_LIMITS.maxBytes, statSync(file).size + 1);
  const db = await freshDatabase(engine, 'import');
  const built = await buildApp({
    config: testConfig(),
    database: db.handle,
    clock: new FakeClock('2026-06-01T08:00:00.000Z'),
    hasher: PasswordHasher.fast(),
    sleep: async () => {},
    logger: false,
    loginPerMinute: 1_000_000,
  });
  try {
    await seedFoundation(built.platform);
    const agent = new Agent(built);
    const login = await agent.login('qtx_staff');
    if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.body}`);
    // Times the write phase (one transaction) by wrapping the service's private step: the job's
    // own state cannot be polled then, as on SQLite the transaction holds the only connection.
    const svc = built.services.assistance.screeningImports as unknown as Record<string, unknown>;
    const write = svc.write as (...a: unknown[]) => Promise<void>;
    let writeMs = 0;
    svc.write = async (...a: unknown[]) => {
      const w0 = performance.now();
      try {
        return await write.apply(svc, a);
      } finally {
        writeMs = performance.now() - w0;
      }
    };
    const bytes = readFileSync(file);
    const startRss = peakRss();
    const t0 = performance.now();
    const started = await agent.upload('/api/screenings/import', bytes, XLSX, 'bench.xlsx');
    if (started.statusCode !== 202) throw new Error(`import refused: ${started.statusCode} ${started.body}`);
    const { jobId } = started.json() as { jobId: string };
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const job = (await agent.get(`/api/screenings/import/${jobId}`)).json() as {
        state: string;
        imported: number;
        message: string | null;
        errors: unknown[];
      };
      if (job.state === 'failed')
        throw new Error(`import failed: ${job.message} ${JSON.stringify(job.errors.slice(0, 3))}`);
      if (job.state === 'done') {
        const end = performance.now();
        const n = await db.handle.db
          .selectFrom('screening')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        report({
          rows: job.imported,
          ms: end - t0,
          peakRss: peakRss(),
          startRss,
          written: Number(n.n),
          phases: { 'upload + read + check': end - t0 - writeMs, 'write (one transaction)': writeMs },
        });
        break;
      }
    }
  } finally {
    await built.app.close();
    await db.drop();
  }
}

function child(args: string[]): Result {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      ...process.execArgv.filter((a) => a.startsWith('--cpu-prof')),
      process.argv[1]!,
      ...args,
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    },
  );
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || !line) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`child ${args.join(' ')} failed (${r.status})`);
  }
  return JSON.parse(line.slice('RESULT '.length)) as Result;
}

async function main() {
  const role = arg('child', '');
  const file = arg('file', `/tmp/unioncare-bench-import-${ROWS}.xlsx`);
  if (role === 'parse') return parseOnly(file);
  if (role === 'import') return realImport(file, arg('engine', 'sqlite') as Engine);

  const chosen = engines();
  if (!existsSync(file) || flag('regenerate')) {
    const g0 = performance.now();
    await generate(file, ROWS);
    log(
      `generated ${file}: ${ROWS.toLocaleString('en')} rows in ${((performance.now() - g0) / 1000).toFixed(1)} s`,
    );
  }
  log(`import bench: ${ROWS.toLocaleString('en')} rows, ${mb(statSync(file).size)} workbook (${file})`);
  const rate = (r: Result) => (r.rows / r.ms) * 1000;
  const out: (string | number)[][] = [];
  for (const engine of chosen) {
    const parse = child(['--child', 'parse', '--file', file, '--rows', String(ROWS)]);
    const real = child(['--child', 'import', '--file', file, '--rows', String(ROWS), '--engine', engine]);
    if (real.rows !== ROWS || real.written !== ROWS) {
      throw new Error(`import wrote ${real.rows} (${real.written} in the table), expected ${ROWS}`);
    }
    out.push(
      [
        `parse only (readXlsx)`,
        engine,
        parse.rows,
        (parse.ms / 1000).toFixed(1),
        rate(parse).toFixed(0),
        '1.00×',
        mb(parse.peakRss),
      ],
      [
        'import via API',
        engine,
        real.rows,
        (real.ms / 1000).toFixed(1),
        rate(real).toFixed(0),
        ratio(rate(real), rate(parse)),
        `${mb(real.peakRss)} (+${mb(real.peakRss - real.startRss)})`,
      ],
    );
    log(
      `  ${engine}: ${Object.entries(real.phases ?? {})
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
        .join(', ')}`,
    );
  }
  log();
  table(['path', 'engine', 'rows', 's', 'rows/s', 'vs parse', 'peak RSS'], out);
  log(
    '\ngoal: import ≥ 0.50× parse-only rows/s. Peak RSS per child process (import: + since the upload began).',
  );
}

await main();
