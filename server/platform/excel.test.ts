import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import {
  ExcelFormatError,
  escapeCell,
  readXlsx,
  writeTemplate,
  writeXlsx,
  type ExcelColumn,
  type ImportRow,
} from './excel';
import { isValidIdNumber, makeIdNumber } from './personal-data/identity';

interface Member {
  name: string;
  idNumber: string;
  phone?: string;
  age?: number;
  remark?: string | undefined;
}

const columns: ExcelColumn<Member>[] = [
  {
    key: 'name',
    header: '户主姓名',
    headerEn: 'Name',
    required: true,
    example: '张三',
    note: '与身份证一致',
  },
  {
    key: 'idNumber',
    header: '身份证号',
    headerEn: 'ID Number',
    required: true,
    example: '11010519491231002X',
    note: '18 位居民身份证号码',
    parse: (raw) =>
      isValidIdNumber(raw) ? { ok: true, value: raw.toUpperCase() } : { ok: false, message: '身份证号无效' },
  },
  { key: 'phone', header: '手机号', headerEn: 'Mobile', example: '13812345678' },
  {
    key: 'age',
    header: '年龄',
    headerEn: 'Age',
    parse: (raw) =>
      /^\d{1,3}$/.test(raw) ? { ok: true, value: Number(raw) } : { ok: false, message: '年龄必须是整数' },
  },
  { key: 'remark', header: '备注', headerEn: 'Remark' },
];

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'excel-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileCounter = 0;
function tempPath(): string {
  fileCounter += 1;
  return join(dir, `f${fileCounter}.xlsx`);
}

async function collect<T>(gen: AsyncGenerator<ImportRow<T>>): Promise<ImportRow<T>[]> {
  const out: ImportRow<T>[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

async function writeMembers(rows: Iterable<Member> | AsyncIterable<Member>): Promise<string> {
  const path = tempPath();
  await writeXlsx(createWriteStream(path), { sheetName: '会员', columns, rows });
  return path;
}

/** Builds an arbitrary sheet with the in-memory API so tests can place formulas, rich text, numbers… */
async function writeRaw(
  rows: ExcelJS.CellValue[][],
  extra?: (ws: ExcelJS.Worksheet) => void,
): Promise<string> {
  const path = tempPath();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  extra?.(ws);
  await wb.xlsx.writeFile(path);
  return path;
}

async function expectFormatError(
  promise: Promise<unknown>,
  message?: string | RegExp,
): Promise<ExcelFormatError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ExcelFormatError);
    if (message !== undefined) expect((err as Error).message).toMatch(message);
    return err as ExcelFormatError;
  }
  throw new Error('expected ExcelFormatError');
}

/** Copy of a zip whose central directory declares a wrong CRC-32 for `name`. */
function withBadChecksum(bytes: Buffer, name: string): Buffer {
  const out = Buffer.from(bytes);
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let i = out.indexOf(signature); i >= 0; i = out.indexOf(signature, i + 4)) {
    const nameLength = out.readUInt16LE(i + 28);
    if (out.toString('utf8', i + 46, i + 46 + nameLength) === name) {
      out.writeUInt32LE((out.readUInt32LE(i + 16) ^ 1) >>> 0, i + 16);
      return out;
    }
  }
  throw new Error(`no central directory entry for ${name}`);
}

describe('escapeCell', () => {
  it('prefixes formula triggers with an apostrophe', () => {
    for (const s of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tTAB', '\rCR']) {
      expect(escapeCell(s)).toBe(`'${s}`);
    }
  });

  it('leaves other values alone', () => {
    const d = new Date();
    expect(escapeCell('张三')).toBe('张三');
    expect(escapeCell('a=b')).toBe('a=b');
    expect(escapeCell('')).toBe('');
    expect(escapeCell(-5)).toBe(-5);
    expect(escapeCell(d)).toBe(d);
    expect(escapeCell(null)).toBeNull();
  });
});

describe('writeXlsx / readXlsx round trip', () => {
  it('round-trips 1,000 rows through a temp file', async () => {
    async function* source(): AsyncGenerator<Member> {
      for (let i = 0; i < 1000; i++) {
        yield {
          name: `会员${i}`,
          idNumber: makeIdNumber('110105', '19800101', String(i).padStart(3, '0')),
          phone: `138${String(i).padStart(8, '0')}`,
          age: 20 + (i % 50),
          remark: i % 2 === 0 ? `备注 ${i}` : undefined,
        };
      }
    }
    const path = tempPath();
    const result = await writeXlsx(createWriteStream(path), { sheetName: '会员', columns, rows: source() });
    expect(result.rows).toBe(1000);

    const seen: number[] = [];
    const rows = await collect(readXlsx(path, { columns, onRow: (n) => seen.push(n) }));
    expect(rows).toHaveLength(1000);
    expect(seen).toHaveLength(1000);
    expect(rows.every((r) => r.errors.length === 0)).toBe(true);
    expect(rows[0]).toEqual({
      row: 2,
      errors: [],
      value: {
        name: '会员0',
        idNumber: makeIdNumber('110105', '19800101', '000'),
        phone: '13800000000',
        age: 20,
        remark: '备注 0',
      },
    });
    expect(rows[999]?.row).toBe(1001);
    expect(rows[999]?.value?.remark).toBeUndefined();
    expect(rows[999]?.value?.age).toBe(20 + (999 % 50));
  });

  it('writes a bold, frozen header row', async () => {
    const path = await writeMembers([{ name: '张三', idNumber: '11010519491231002X' }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0];
    expect(ws?.name).toBe('会员');
    expect(ws?.getRow(1).getCell(1).value).toBe('户主姓名');
    expect(ws?.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('escapes formula-looking strings on export and reads them back as text', async () => {
    const path = await writeMembers([
      { name: '=HYPERLINK("http://evil","x")', idNumber: '11010519491231002X', remark: '+1-2' },
      { name: '@SUM(1)', idNumber: '11010519491231002X', remark: '-10' },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const cell = wb.worksheets[0]?.getRow(2).getCell(1);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe(`'=HYPERLINK("http://evil","x")`);

    const rows = await collect(readXlsx(path, { columns }));
    expect(rows.map((r) => r.value?.name)).toEqual([`'=HYPERLINK("http://evil","x")`, `'@SUM(1)`]);
    expect(rows.map((r) => r.value?.remark)).toEqual([`'+1-2`, `'-10`]);
  });

  it('never writes user-supplied objects as formulas', async () => {
    const path = tempPath();
    const evil = { formula: 'HYPERLINK("http://evil","x")' };
    await writeXlsx(createWriteStream(path), {
      sheetName: 'S',
      columns: [{ key: 'v', header: 'V' }] as ExcelColumn<{ v: unknown }>[],
      rows: [{ v: evil }, { v: 12345678901234567890n }],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(ws?.getRow(2).getCell(1).value).toBe(JSON.stringify(evil));
    expect(ws?.getRow(3).getCell(1).value).toBe('12345678901234567890');
  });
});

describe('readXlsx validation', () => {
  it('reports per-row errors naming the Excel row and the column header', async () => {
    const path = await writeRaw([
      ['户主姓名', '身份证号', '手机号', '年龄'],
      ['张三', '11010519491231002X', '13812345678', 30],
      ['', '110105194912310021', '', 'abc'],
      [null, null, null, null],
      ['李四', '11010519491231002x', null, null],
    ]);
    const rows = await collect(readXlsx(path, { columns }));
    expect(rows.map((r) => r.row)).toEqual([2, 3, 5]);
    expect(rows[0]?.value).toEqual({
      name: '张三',
      idNumber: '11010519491231002X',
      phone: '13812345678',
      age: 30,
    });
    expect(rows[1]?.value).toBeUndefined();
    expect(rows[1]?.errors).toEqual([
      { row: 3, column: '户主姓名', message: '必填项不能为空 / required' },
      { row: 3, column: '身份证号', message: '身份证号无效' },
      { row: 3, column: '年龄', message: '年龄必须是整数' },
    ]);
    expect(rows[2]?.value?.idNumber).toBe('11010519491231002X');
  });

  it('matches English headers and tolerates spacing and * markers', async () => {
    const path = await writeRaw([
      ['ID Number', ' *户主姓名 ', 'unknown column'],
      ['11010519491231002X', '王五', 'ignored'],
    ]);
    const rows = await collect(readXlsx(path, { columns }));
    expect(rows).toEqual([{ row: 2, errors: [], value: { idNumber: '11010519491231002X', name: '王五' } }]);
  });

  it('throws ExcelFormatError naming a missing required header', async () => {
    const path = await writeRaw([
      ['户主姓名', '手机号'],
      ['张三', '13812345678'],
    ]);
    const err = await expectFormatError(collect(readXlsx(path, { columns })));
    expect(err.message).toBe('缺少列: 身份证号');
  });

  it('rejects duplicate headers and sheets without recognised headers', async () => {
    const dup = await writeRaw([['户主姓名', '身份证号', 'Name']]);
    await expectFormatError(collect(readXlsx(dup, { columns })), /重复的列: 户主姓名/);
    const optionalOnly: ExcelColumn<Member>[] = [{ key: 'remark', header: '备注' }];
    const none = await writeRaw([
      ['foo', 'bar'],
      ['1', '2'],
    ]);
    await expectFormatError(
      collect(readXlsx(none, { columns: optionalOnly })),
      /no recognised column headers/,
    );
    const empty = await writeRaw([]);
    await expectFormatError(collect(readXlsx(empty, { columns })), '缺少列: 户主姓名、身份证号');
  });

  it('rejects formula cells and flattens rich text', async () => {
    const path = await writeRaw([
      ['户主姓名', '身份证号', '备注'],
      [
        { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] },
        '11010519491231002X',
        { formula: 'CONCAT("a","b")', result: 'ab' },
      ],
    ]);
    const rows = await collect(readXlsx(path, { columns }));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.errors).toEqual([
      { row: 2, column: '备注', message: 'formula not allowed / 不允许公式' },
    ]);

    const ok = await writeRaw([
      ['户主姓名', '身份证号'],
      [{ richText: [{ text: ' 李' }, { text: '四 ', font: { bold: true } }] }, '11010519491231002X'],
    ]);
    const okRows = await collect(readXlsx(ok, { columns }));
    expect(okRows[0]?.value?.name).toBe('李四');
  });

  it('keeps an 18-digit ID typed as a number intact (no exponent notation)', async () => {
    // Pick a valid ID that a double represents exactly, as a real export from
    // another system would carry it.
    let numericId = '';
    for (let seq = 0; seq < 1000 && numericId === ''; seq++) {
      const id = makeIdNumber('110105', '19800101', String(seq).padStart(3, '0'));
      if (/^\d+$/.test(id) && BigInt(Number(id)) === BigInt(id)) numericId = id;
    }
    expect(numericId).not.toBe('');
    const path = await writeRaw([
      ['户主姓名', '身份证号', '手机号', '备注'],
      ['张三', Number(numericId), 13812345678, 0.0000001],
      ['李四', '11010519491231002X', null, new Date(Date.UTC(2024, 0, 15))],
    ]);
    const rows = await collect(readXlsx(path, { columns }));
    expect(rows[0]?.errors).toEqual([]);
    expect(rows[0]?.value).toEqual({
      name: '张三',
      idNumber: numericId,
      phone: '13812345678',
      remark: '0.0000001',
    });
    expect(rows[1]?.value?.remark).toBe('2024-01-15');
  });

  it('enforces maxRows and maxColumns', async () => {
    const path = await writeMembers(
      Array.from({ length: 5 }, (_, i) => ({ name: `n${i}`, idNumber: '11010519491231002X' })),
    );
    expect(await collect(readXlsx(path, { columns, maxRows: 5 }))).toHaveLength(5);
    await expectFormatError(collect(readXlsx(path, { columns, maxRows: 4 })), /too many rows \(max 4\)/);

    const wide = await writeRaw([
      ['户主姓名', '身份证号'],
      ['张三', '11010519491231002X', ...Array.from({ length: 10 }, () => 'x')],
    ]);
    await expectFormatError(
      collect(readXlsx(wide, { columns, maxColumns: 5 })),
      /row 2 has more than 5 columns/,
    );
    const wideHeader = await writeRaw([['户主姓名', '身份证号', 'a', 'b', 'c', 'd']]);
    await expectFormatError(
      collect(readXlsx(wideHeader, { columns, maxColumns: 5 })),
      /row 1 has more than 5 columns/,
    );
  });

  it('reads the first sheet in tab order, wherever the archive stores it', async () => {
    const path = tempPath();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Later').addRows([['备注'], ['from later']]);
    const front = wb.addWorksheet('Front');
    front.addRows([['备注'], ['from front']]);
    // Front becomes the first tab while its part (sheet2.xml) is stored after sheet1.xml.
    (front as unknown as { orderNo: number }).orderNo = -1;
    await wb.xlsx.writeFile(path);
    const optionalOnly: ExcelColumn<Member>[] = [{ key: 'remark', header: '备注' }];
    expect(await collect(readXlsx(path, { columns: optionalOnly }))).toEqual([
      { row: 2, errors: [], value: { remark: 'from front' } },
    ]);
  });

  it('reads many small workbooks concurrently, each to its own rows', async () => {
    // exceljs's own single-pass unzip could drop the parts stored after the
    // sheet (xl/workbook.xml among them) when the reader fell behind, which made
    // valid workbooks fail as "not a valid .xlsx workbook" under load.
    const optionalOnly: ExcelColumn<Member>[] = [{ key: 'remark', header: '备注' }];
    const paths = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        writeRaw(
          i % 3 === 0
            ? [
                ['foo', 'bar'],
                ['1', '2'],
              ]
            : [
                ['备注', 'foo'],
                [`r${i}`, 'x'],
              ],
        ),
      ),
    );
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled(
        paths.map((p, i) =>
          collect(readXlsx(i % 2 === 0 ? p : createReadStream(p), { columns: optionalOnly })),
        ),
      );
      results.forEach((result, i) => {
        if (i % 3 === 0) {
          expect(result.status).toBe('rejected');
          const reason: unknown = result.status === 'rejected' ? result.reason : undefined;
          expect(reason).toBeInstanceOf(ExcelFormatError);
          expect((reason as Error).message).toMatch(/no recognised column headers/);
        } else {
          expect(result).toEqual({
            status: 'fulfilled',
            value: [{ row: 2, errors: [], value: { remark: `r${i}` } }],
          });
        }
      });
    }
  });

  it('stops early without hanging when the consumer breaks', async () => {
    const path = await writeMembers(
      Array.from({ length: 50 }, (_, i) => ({ name: `n${i}`, idNumber: '11010519491231002X' })),
    );
    let count = 0;
    for await (const r of readXlsx(path, { columns })) {
      expect(r.errors).toEqual([]);
      count += 1;
      if (count === 3) break;
    }
    expect(count).toBe(3);
  });
});

describe('readXlsx input hardening', () => {
  it('rejects random bytes and truncated archives with ExcelFormatError', async () => {
    const notXlsx = /^文件不是有效的 Excel 工作簿 \/ not a valid \.xlsx workbook$/;
    const junk = tempPath();
    await writeFile(junk, randomBytes(4096));
    await expectFormatError(collect(readXlsx(junk, { columns })), notXlsx);

    const empty = tempPath();
    await writeFile(empty, '');
    await expectFormatError(collect(readXlsx(empty, { columns })), notXlsx);

    const good = await writeMembers([{ name: '张三', idNumber: '11010519491231002X' }]);
    const bytes = await readFile(good);
    const truncated = tempPath();
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectFormatError(collect(readXlsx(truncated, { columns })), notXlsx);

    // Intact directory, corrupted entry data.
    const corrupted = Buffer.from(bytes);
    for (let i = 200; i < Math.min(corrupted.length - 2000, 1200); i++) corrupted[i] = 0xaa;
    const corruptPath = tempPath();
    await writeFile(corruptPath, corrupted);
    await expectFormatError(collect(readXlsx(corruptPath, { columns })));
  });

  it('refuses parts that do not match their declared checksum', async () => {
    const notXlsx = /^文件不是有效的 Excel 工作簿 \/ not a valid \.xlsx workbook$/;
    const good = await writeMembers([{ name: '张三', idNumber: '11010519491231002X' }]);
    const bytes = await readFile(good);
    // A part the import never parses, and the sheet itself (checked as it streams).
    for (const part of ['xl/theme/theme1.xml', 'xl/worksheets/sheet1.xml']) {
      const bad = tempPath();
      await writeFile(bad, withBadChecksum(bytes, part));
      await expectFormatError(collect(readXlsx(bad, { columns })), notXlsx);
    }
  });

  it('refuses oversized files by path before opening them', async () => {
    const path = await writeMembers([{ name: '张三', idNumber: '11010519491231002X' }]);
    const { size } = await stat(path);
    await expectFormatError(collect(readXlsx(path, { columns, maxBytes: size - 1 })), /file too large/);
    expect(await collect(readXlsx(path, { columns, maxBytes: size }))).toHaveLength(1);
  });

  it('reads from a stream and caps the streamed size', async () => {
    const path = await writeMembers([{ name: '张三', idNumber: '11010519491231002X' }]);
    const rows = await collect(readXlsx(createReadStream(path), { columns }));
    expect(rows.map((r) => r.value?.name)).toEqual(['张三']);
    const { size } = await stat(path);
    const bytes = await readFile(path);
    await expectFormatError(
      collect(
        readXlsx(Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]), {
          columns,
          maxBytes: size - 1,
        }),
      ),
      /file too large/,
    );
  });

  it('refuses a cell longer than Excel allows before holding it in memory (a one-cell bomb)', async () => {
    const path = await writeRaw([
      ['户主姓名', '身份证号'],
      ['a'.repeat(1024 * 1024 + 1), '11010519491231002X'],
    ]);
    await expectFormatError(collect(readXlsx(path, { columns })), /cell is too long/);
  });

  it('still reads a cell of 32 767 CJK characters (the Excel maximum)', async () => {
    const long = '困'.repeat(32_767);
    const path = await writeRaw([
      ['户主姓名', '身份证号'],
      [long, '11010519491231002X'],
    ]);
    const rows = await collect(readXlsx(path, { columns }));
    expect(rows).toHaveLength(1);
    expect(rows[0].value?.name).toBe(long);
  });

  it('refuses archives that declare too much unpacked data', async () => {
    const path = await writeMembers(
      Array.from({ length: 200 }, (_, i) => ({ name: `n${i}`, idNumber: '11010519491231002X' })),
    );
    await expectFormatError(collect(readXlsx(path, { columns, maxUncompressedBytes: 4096 })), /zip bomb/);
  });
});

describe('writeTemplate', () => {
  it('writes header, a grey italic example row and an instruction sheet', async () => {
    const path = tempPath();
    await writeTemplate(createWriteStream(path), { sheetName: '会员导入', columns });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['会员导入', '填写说明']);

    const data = wb.getWorksheet('会员导入');
    expect(data?.getRow(1).values).toEqual([undefined, '户主姓名', '身份证号', '手机号', '年龄', '备注']);
    const example = data?.getRow(2);
    expect(example?.getCell(1).value).toBe('张三');
    expect(example?.getCell(2).value).toBe('11010519491231002X');
    expect(example?.getCell(1).font).toMatchObject({ italic: true, color: { argb: 'FF808080' } });

    const help = wb.getWorksheet('填写说明');
    const helpRows: string[][] = [];
    help?.eachRow((row) => {
      helpRows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? '')));
    });
    expect(helpRows[0]).toEqual(['列名', 'Column', '是否必填', '说明', '示例']);
    expect(helpRows[1]).toEqual(['户主姓名', 'Name', '是 (required)', '与身份证一致', '张三']);
    expect(helpRows[3]?.slice(0, 3)).toEqual(['手机号', 'Mobile', '否 (optional)']);
  });

  it('a filled-in template imports without the example row', async () => {
    const template = tempPath();
    await writeTemplate(createWriteStream(template), { sheetName: '会员导入', columns });
    expect(await collect(readXlsx(template, { columns }))).toEqual([]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    wb.getWorksheet('会员导入')?.addRow(['赵六', '11010519491231002X']);
    const filled = tempPath();
    await wb.xlsx.writeFile(filled);
    const rows = await collect(readXlsx(filled, { columns }));
    expect(rows).toEqual([{ row: 3, errors: [], value: { name: '赵六', idNumber: '11010519491231002X' } }]);

    // Only the row straight under the header is treated as the example; the
    // same values further down are real data.
    wb.getWorksheet('会员导入')?.addRow(['张三', '11010519491231002X', '13812345678']);
    const again = tempPath();
    await wb.xlsx.writeFile(again);
    expect((await collect(readXlsx(again, { columns }))).map((r) => r.row)).toEqual([3, 4]);
  });
});
