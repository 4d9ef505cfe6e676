import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Readable,
  Transform,
  pipeline as pipeStreams,
  type Stream,
  type TransformCallback,
} from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';

export interface ExcelColumn<T> {
  key: keyof T & string;
  /** Chinese header exactly as shown in the template, e.g. '户主姓名'. */
  header: string;
  headerEn?: string;
  width?: number;
  required?: boolean;
  parse?: (raw: string) => { ok: true; value: unknown } | { ok: false; message: string };
  example?: string;
  note?: string;
}

export interface ImportRowError {
  /** Row number as Excel shows it (1-based, header is row 1). */
  row: number;
  /** Chinese header text of the column. */
  column: string;
  message: string;
}

export interface ImportRow<T> {
  row: number;
  /** Present only when `errors` is empty, so a half-parsed row cannot be saved by accident. */
  value?: Partial<T>;
  errors: ImportRowError[];
}

export interface ReadXlsxOptions<T> {
  columns: ExcelColumn<T>[];
  /** Maximum number of non-blank data rows (default 200 000). */
  maxRows?: number;
  /** Maximum number of columns in any row (default 200). */
  maxColumns?: number;
  /** Maximum size of the .xlsx file itself (default 20 MiB). */
  maxBytes?: number;
  /** Maximum total size of the unpacked zip entries as declared by the archive (default 512 MiB). */
  maxUncompressedBytes?: number;
  /** Progress callback, called once per non-blank data row before it is yielded. */
  onRow?: (rowNumber: number) => void;
}

export class ExcelFormatError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExcelFormatError';
  }
}

const MiB = 1024 * 1024;
const DEFAULT_MAX_ROWS = 200_000;
const DEFAULT_MAX_COLUMNS = 200;
const DEFAULT_MAX_BYTES = 20 * MiB;
const DEFAULT_MAX_UNCOMPRESSED_BYTES = 512 * MiB;
const MAX_ZIP_ENTRIES = 10_000;
/**
 * Longest run of bytes between two '<' in an XML part. Excel holds at most 32 767 characters in
 * a cell (under 100 KiB as UTF-8, even with entities); a longer run is a bomb the XML parser would
 * gather into one string in memory (a 500 MiB cell took the app past 1.6 GB, drill F-7).
 */
const MAX_XML_TEXT_RUN = 1 * MiB;
const XML_PART = /\.(xml|rels)$/i;

const NOT_XLSX = '文件不是有效的 Excel 工作簿 / not a valid .xlsx workbook';
const TEXT_TOO_LONG = '单元格内容过长（每格最多 32767 个字符）/ a cell is too long (max 32 767 characters)';
const FORMULA_NOT_ALLOWED = 'formula not allowed / 不允许公式';
const REQUIRED_MISSING = '必填项不能为空 / required';
const INSTRUCTIONS_SHEET = '填写说明';
const WORKBOOK_PART = 'xl/workbook.xml';
const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';
const WORKSHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

// ---------------------------------------------------------------------------
// Export

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Formula-injection (CSV/Excel injection) defence: a leading apostrophe makes
 * spreadsheet programs treat the text literally. Non-strings pass through.
 */
export function escapeCell(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 0 && FORMULA_TRIGGERS.has(value.charAt(0))) {
    return `'${value}`;
  }
  return value;
}

function escapeText(value: string): string {
  const escaped = escapeCell(value);
  return typeof escaped === 'string' ? escaped : value;
}

// Objects are flattened to text on purpose: exceljs interprets `{ formula }`,
// `{ richText }` or `{ hyperlink }` objects, so passing user data through
// unchanged would re-open the injection hole escapeCell closes.
function toCellValue(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  // Big integers (e.g. IDs) keep full precision as text; a double would round them.
  if (typeof value === 'bigint') return escapeText(value.toString());
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'object') return escapeText(JSON.stringify(value) ?? '');
  return escapeText(String(value));
}

function defaultWidth<T>(col: ExcelColumn<T>): number {
  // CJK characters render roughly twice as wide as Latin ones.
  const visual = Array.from(col.header).reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return Math.min(60, Math.max(10, visual + 4));
}

function createWriter(out: NodeJS.WritableStream): ExcelJS.stream.xlsx.WorkbookWriter {
  return new ExcelJS.stream.xlsx.WorkbookWriter({
    // exceljs types want a Stream instance; any Node writable is one at runtime.
    stream: out as unknown as Stream,
    useStyles: true,
    // Inline strings keep memory flat: shared strings are held until commit.
    useSharedStrings: false,
  });
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function writeXlsx<T>(
  out: NodeJS.WritableStream,
  opts: { sheetName: string; columns: ExcelColumn<T>[]; rows: AsyncIterable<T> | Iterable<T> },
): Promise<{ rows: number }> {
  const { sheetName, columns, rows } = opts;
  const workbook = createWriter(out);
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width ?? defaultWidth(c) }));

  const header = sheet.addRow(columns.map((c) => escapeText(c.header)));
  header.font = { bold: true };
  header.commit();

  let count = 0;
  for await (const item of rows) {
    sheet.addRow(columns.map((c) => toCellValue(item[c.key]))).commit();
    count += 1;
    // exceljs buffers committed rows in memory until the zip stream drains;
    // giving the event loop a turn lets archiver flush to `out`.
    if (count % 1000 === 0) await yieldToEventLoop();
  }
  sheet.commit();
  await workbook.commit();
  return { rows: count };
}

/** One sheet of a small aggregate workbook: a header row and plain rows. */
export interface XlsxSheet {
  sheetName: string;
  headers: string[];
  rows: unknown[][];
}

/** Several small sheets in one workbook (aggregates, e.g. one sheet per chart), streamed like writeXlsx. */
export async function writeXlsxSheets(out: NodeJS.WritableStream, sheets: XlsxSheet[]): Promise<void> {
  const workbook = createWriter(out);
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    sheet.columns = s.headers.map((h) => ({
      width: defaultWidth({ key: 'x', header: h } as ExcelColumn<{ x: unknown }>),
    }));
    const header = sheet.addRow(s.headers.map((h) => escapeText(h)));
    header.font = { bold: true };
    header.commit();
    for (const row of s.rows) sheet.addRow(row.map((v) => toCellValue(v))).commit();
    sheet.commit();
  }
  await workbook.commit();
}

export async function writeTemplate<T>(
  out: NodeJS.WritableStream,
  opts: { sheetName: string; columns: ExcelColumn<T>[] },
): Promise<void> {
  const { sheetName, columns } = opts;
  const workbook = createWriter(out);

  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  // Text format ('@') stops Excel from turning typed ID numbers into 1.10105E+17
  // and stripping leading zeros from codes.
  sheet.columns = columns.map((c) => ({
    key: c.key,
    width: c.width ?? defaultWidth(c),
    style: { numFmt: '@' },
  }));

  const header = sheet.addRow(columns.map((c) => escapeText(c.header)));
  header.font = { bold: true };
  columns.forEach((c, i) => {
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  header.commit();

  if (columns.some((c) => c.example !== undefined && c.example !== '')) {
    const example = sheet.addRow(
      columns.map((c) => (c.example === undefined ? null : escapeText(c.example))),
    );
    example.font = { italic: true, color: { argb: 'FF808080' } };
    example.commit();
  }
  sheet.commit();

  const help = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = [{ width: 20 }, { width: 20 }, { width: 10 }, { width: 60 }, { width: 24 }];
  const helpHeader = help.addRow(['列名', 'Column', '是否必填', '说明', '示例']);
  helpHeader.font = { bold: true };
  helpHeader.commit();
  for (const c of columns) {
    help
      .addRow([
        escapeText(c.header),
        escapeText(c.headerEn ?? ''),
        c.required ? '是 (required)' : '否 (optional)',
        escapeText(c.note ?? ''),
        escapeText(c.example ?? ''),
      ])
      .commit();
  }
  help.addRow([]).commit();
  help
    .addRow([
      `请勿修改“${sheetName}”工作表的第一行表头；灰色斜体的示例行在导入时会被忽略，可删除。红色列名为必填项。`,
    ])
    .commit();
  help
    .addRow([
      'Do not change the header row; the grey italic example row is ignored on import. Red headers are required.',
    ])
    .commit();
  help.commit();

  await workbook.commit();
}

// ---------------------------------------------------------------------------
// Import

type CellResult = { ok: true; text: string } | { ok: false; message: string };

/** Expands JS exponent notation (1e-7, 1e+21) into plain decimal digits. */
function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Above 2^53 the shortest round-trip form ("110105198001010020") differs from
  // the integer the double actually holds (…016); an ID exported as a number by
  // another system is recovered exactly only from the latter.
  if (Number.isInteger(n) && Math.abs(n) >= 2 ** 53 && Math.abs(n) < 1e21) return BigInt(n).toString();
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1] ?? '';
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const point = 1 + Number(m[4]);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

// exceljs decodes date serials as UTC instants, so UTC fields give back the
// calendar date/time the user typed.
function dateToText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return date;
  return `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function richTextToString(runs: unknown): string {
  if (!Array.isArray(runs)) return '';
  return runs.map((r: unknown) => (isRecord(r) && typeof r.text === 'string' ? r.text : '')).join('');
}

function cellToText(value: unknown): CellResult {
  if (value === null || value === undefined) return { ok: true, text: '' };
  if (typeof value === 'string') return { ok: true, text: value.trim() };
  if (typeof value === 'number') return { ok: true, text: numberToPlainString(value) };
  if (typeof value === 'boolean') return { ok: true, text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { ok: true, text: dateToText(value) };
  if (isRecord(value)) {
    // A formula's cached result can be stale or attacker-chosen, and evaluating
    // it is out of the question, so the cell is rejected outright.
    if ('formula' in value || 'sharedFormula' in value) return { ok: false, message: FORMULA_NOT_ALLOWED };
    if ('error' in value) {
      return { ok: false, message: `单元格错误值 ${String(value.error)} / cell contains an error value` };
    }
    if ('richText' in value) return { ok: true, text: richTextToString(value.richText).trim() };
    if ('text' in value) {
      const inner = value.text;
      if (typeof inner === 'string') return { ok: true, text: inner.trim() };
      if (isRecord(inner) && 'richText' in inner)
        return { ok: true, text: richTextToString(inner.richText).trim() };
    }
  }
  return { ok: false, message: '不支持的单元格内容 / unsupported cell content' };
}

function normaliseHeader(text: string): string {
  // Tolerate the usual hand edits: stray spaces, "*" required markers, letter case.
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/^[*＊]+|[*＊]+$/g, '')
    .toLowerCase();
}

/** Counts bytes flowing through and fails once the limit is exceeded. */
function byteLimiter(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        callback(new ExcelFormatError(tooLargeMessage(maxBytes)));
        return;
      }
      callback(null, chunk);
    },
  });
}

function tooLargeMessage(maxBytes: number): string {
  const mib = Math.round((maxBytes / MiB) * 10) / 10;
  return `文件过大（上限 ${mib} MiB）/ file too large (max ${mib} MiB)`;
}

interface ZipEntry {
  flags: number;
  crc: number;
  /** 0 = stored, 8 = deflate; anything else is refused when the entry is opened. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

interface ZipIndex {
  fh: FileHandle;
  size: number;
  /** Entries in central-directory order, keyed by name. */
  entries: Map<string, ZipEntry>;
}

/**
 * Reads the zip central directory and rejects archives that are not xlsx or
 * that declare more unpacked data than allowed (zip bombs). The parts are later
 * read through this index (see openEntry) and held to the size and CRC-32
 * declared here, so local headers that lie about sizes cannot get past the cap.
 */
async function indexZip(fh: FileHandle, size: number, maxUncompressed: number): Promise<ZipIndex> {
  const EOCD_SIG = 0x06054b50;
  const ZIP64_LOCATOR_SIG = 0x07064b50;
  const ZIP64_EOCD_SIG = 0x06064b50;
  const CD_SIG = 0x02014b50;
  const U32_MAX = 0xffffffff;

  if (size < 22) throw new ExcelFormatError(NOT_XLSX);
  const read = (position: number, length: number): Promise<Buffer> => readExactly(fh, size, position, length);

  const tailLength = Math.min(size, 22 + 0xffff);
  const tailStart = size - tailLength;
  const tail = await read(tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ExcelFormatError(NOT_XLSX);

  let entryCount = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || cdSize === U32_MAX || cdOffset === U32_MAX) {
    const locatorPos = tailStart + eocd - 20;
    const locator = await read(locatorPos, 20);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIG) throw new ExcelFormatError(NOT_XLSX);
    const z64 = await read(Number(locator.readBigUInt64LE(8)), 56);
    if (z64.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw new ExcelFormatError(NOT_XLSX);
    entryCount = Number(z64.readBigUInt64LE(32));
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (entryCount === 0) throw new ExcelFormatError(NOT_XLSX);
  if (entryCount > MAX_ZIP_ENTRIES) {
    throw new ExcelFormatError(`压缩包条目过多 / too many entries in workbook (${entryCount})`);
  }

  const cd = await read(cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let pos = 0;
  let total = 0;
  for (let n = 0; n < entryCount; n++) {
    if (pos + 46 > cd.length || cd.readUInt32LE(pos) !== CD_SIG) throw new ExcelFormatError(NOT_XLSX);
    const flags = cd.readUInt16LE(pos + 8);
    const method = cd.readUInt16LE(pos + 10);
    const crc = cd.readUInt32LE(pos + 16);
    let compressedSize = cd.readUInt32LE(pos + 20);
    let uncompressedSize = cd.readUInt32LE(pos + 24);
    const nameLength = cd.readUInt16LE(pos + 28);
    const extraLength = cd.readUInt16LE(pos + 30);
    const commentLength = cd.readUInt16LE(pos + 32);
    let localHeaderOffset = cd.readUInt32LE(pos + 42);
    const nameEnd = pos + 46 + nameLength;
    const extraEnd = nameEnd + extraLength;
    if (extraEnd + commentLength > cd.length) throw new ExcelFormatError(NOT_XLSX);
    const name = cd.toString('utf8', pos + 46, nameEnd);
    if (uncompressedSize === U32_MAX || compressedSize === U32_MAX || localHeaderOffset === U32_MAX) {
      // ZIP64 extended information holds, in this order, only the fields whose
      // 32-bit slot is saturated.
      let e = nameEnd;
      let found = false;
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 0x0001 && e + 4 + len <= extraEnd) {
          let field = e + 4;
          const next = (): number => {
            if (field + 8 > e + 4 + len) throw new ExcelFormatError(NOT_XLSX);
            const value = Number(cd.readBigUInt64LE(field));
            field += 8;
            return value;
          };
          if (uncompressedSize === U32_MAX) uncompressedSize = next();
          if (compressedSize === U32_MAX) compressedSize = next();
          if (localHeaderOffset === U32_MAX) localHeaderOffset = next();
          found = true;
          break;
        }
        e += 4 + len;
      }
      if (!found) throw new ExcelFormatError(NOT_XLSX);
    }
    // Two parts under one name would leave it to the reader which one counts.
    if (entries.has(name)) throw new ExcelFormatError(NOT_XLSX);
    entries.set(name, { flags, crc, method, compressedSize, uncompressedSize, localHeaderOffset });
    total += uncompressedSize;
    if (total > maxUncompressed) {
      throw new ExcelFormatError(
        '工作簿解压后过大 / workbook expands too much when unpacked (possible zip bomb)',
      );
    }
    pos = extraEnd + commentLength;
  }
  if (!entries.has(WORKBOOK_PART)) throw new ExcelFormatError(NOT_XLSX);
  return { fh, size, entries };
}

async function readExactly(fh: FileHandle, size: number, position: number, length: number): Promise<Buffer> {
  if (position < 0 || length < 0 || position + length > size) throw new ExcelFormatError(NOT_XLSX);
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) throw new ExcelFormatError(NOT_XLSX);
  return buf;
}

/**
 * Reads a byte range through the handle. (`FileHandle.createReadStream` would
 * add a 'close' listener to the shared handle for every part it opens.)
 */
async function* readRange(fh: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  const end = start + length;
  for (let position = start; position < end;) {
    const buf = Buffer.allocUnsafe(Math.min(64 * 1024, end - position));
    const { bytesRead } = await fh.read(buf, 0, buf.length, position);
    if (bytesRead === 0) throw new ExcelFormatError(NOT_XLSX);
    position += bytesRead;
    yield buf.subarray(0, bytesRead);
  }
}

/**
 * Opens one part of the archive as a stream of its unpacked bytes, located via
 * the central directory. Errors (corrupt deflate data, size mismatch) surface
 * on the returned stream; the caller must consume or destroy it.
 */
async function openEntry(zip: ZipIndex, name: string): Promise<Readable> {
  const entry = zip.entries.get(name);
  if (!entry) throw new ExcelFormatError(NOT_XLSX);
  // Bit 0: encrypted. Only stored and deflated parts occur in real workbooks.
  if ((entry.flags & 0x1) !== 0 || (entry.method !== 0 && entry.method !== 8)) {
    throw new ExcelFormatError(NOT_XLSX);
  }
  const header = await readExactly(zip.fh, zip.size, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== 0x04034b50) throw new ExcelFormatError(NOT_XLSX);
  const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (dataStart + entry.compressedSize > zip.size) throw new ExcelFormatError(NOT_XLSX);

  const raw = Readable.from(readRange(zip.fh, dataStart, entry.compressedSize), { objectMode: false });
  const check = entryCheck(entry);
  const stages: NodeJS.ReadWriteStream[] = entry.method === 8 ? [createInflateRaw(), check] : [check];
  if (XML_PART.test(name)) stages.push(textRunLimit(MAX_XML_TEXT_RUN));
  // Errors are reported through the last stream, which is what gets read.
  const done = (): void => undefined;
  const out = pipeStreams([raw, ...stages], done) as unknown as Readable;
  // exceljs decodes every chunk on its own: a UTF-8 character split across two chunks would come
  // out as U+FFFD. Decoding here, with a StringDecoder, keeps it whole.
  return out.setEncoding('utf8');
}

/**
 * Holds an entry's unpacked bytes to the size and CRC-32 the central directory
 * declares: more data fails at once, a short or altered part when it ends.
 */
function entryCheck(entry: ZipEntry): Transform {
  let seen = 0;
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > entry.uncompressedSize) {
        callback(new ExcelFormatError(NOT_XLSX));
        return;
      }
      crc = crc32(chunk, crc);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      const intact = seen === entry.uncompressedSize && crc === entry.crc;
      callback(intact ? null : new ExcelFormatError(NOT_XLSX));
    },
  });
}

/** Fails once more than `max` bytes pass without a '<' (one text node or tag that long). */
function textRunLimit(max: number): Transform {
  let run = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      for (let from = 0; ;) {
        const lt = chunk.indexOf(0x3c, from);
        run += (lt < 0 ? chunk.length : lt) - from;
        if (run > max) {
          callback(new ExcelFormatError(TEXT_TOO_LONG));
          return;
        }
        if (lt < 0) break;
        run = 0;
        from = lt + 1;
      }
      callback(null, chunk);
    },
  });
}

/** Unpacks an entry just to check it against its size and CRC-32. */
async function verifyEntry(zip: ZipIndex, name: string): Promise<void> {
  for await (const _ of await openEntry(zip, name)) void _;
}

interface HeaderBinding<T> {
  index: number;
  column: ExcelColumn<T>;
}

function bindHeader<T>(row: ExcelJS.Row, columns: ExcelColumn<T>[], maxColumns: number): HeaderBinding<T>[] {
  if (row.cellCount > maxColumns) {
    throw new ExcelFormatError(`列数超过上限 ${maxColumns} / too many columns (max ${maxColumns})`);
  }
  const byHeader = new Map<string, ExcelColumn<T>>();
  for (const c of columns) {
    for (const h of [c.header, c.headerEn]) {
      if (h === undefined) continue;
      const key = normaliseHeader(h);
      if (key !== '' && !byHeader.has(key)) byHeader.set(key, c);
    }
  }
  const bindings: HeaderBinding<T>[] = [];
  const seen = new Set<string>();
  for (let i = 1; i <= row.cellCount; i++) {
    const cell = cellToText(row.getCell(i).value);
    if (!cell.ok || cell.text === '') continue;
    const column = byHeader.get(normaliseHeader(cell.text));
    if (!column) continue;
    if (seen.has(column.key)) throw new ExcelFormatError(`重复的列: ${column.header} / duplicate column`);
    seen.add(column.key);
    bindings.push({ index: i, column });
  }
  const missing = columns.filter((c) => c.required && !seen.has(c.key)).map((c) => c.header);
  if (missing.length > 0) throw new ExcelFormatError(`缺少列: ${missing.join('、')}`);
  if (bindings.length === 0) throw new ExcelFormatError('未找到可识别的列 / no recognised column headers');
  return bindings;
}

async function spoolToTempFile(input: NodeJS.ReadableStream, path: string, maxBytes: number): Promise<void> {
  await pipeline(input, byteLimiter(maxBytes), createWriteStream(path, { flags: 'wx', mode: 0o600 }));
}

/**
 * The part parsers of exceljs's streaming WorkbookReader (exceljs 4.4, pinned).
 * Its own `parse()` cannot be used: it walks the archive with unzipper's
 * single-pass `Parse`, which emits 'end' as soon as it reaches the central
 * directory even while entries are still queued for a consumer that is busy
 * (spooling a worksheet to a temp file, say). exceljs then silently misses the
 * trailing parts, typically `xl/workbook.xml` and `xl/sharedStrings.xml`, and
 * fails with "Cannot read properties of undefined (reading 'sheets')" — a race
 * that shows up under CPU or I/O load (exceljs issue #3064).
 */
interface WorkbookParts {
  model?: { sheets?: Array<{ rId?: string }> };
  workbookRels?: Array<{ Id?: string; Target?: string }>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    entry: Readable,
    sheetNo: string,
  ): Generator<{ eventType: string; value: ExcelJS.stream.xlsx.WorksheetReader }>;
}

/** Parses one part, if the archive has it, and releases its stream. */
async function parsePart(
  zip: ZipIndex,
  name: string,
  parse: (entry: Readable) => Promise<void>,
): Promise<void> {
  if (!zip.entries.has(name)) return;
  const entry = await openEntry(zip, name);
  try {
    await parse(entry);
  } finally {
    entry.destroy();
  }
}

/** Worksheet part of the first sheet in tab order, as `xl/…` archive path. */
function firstSheetPart(zip: ZipIndex, parts: WorkbookParts): string {
  const first = parts.model?.sheets?.[0];
  if (!first) {
    // No sheet list in workbook.xml: fall back to the first worksheet stored.
    const stored = [...zip.entries.keys()].find((name) => WORKSHEET_PART.test(name));
    if (stored === undefined) throw new ExcelFormatError(NOT_XLSX);
    return stored;
  }
  const target = parts.workbookRels?.find((rel) => rel.Id === first.rId)?.Target;
  if (!target) throw new ExcelFormatError(NOT_XLSX);
  // Targets are relative to xl/ unless absolute within the package.
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/**
 * Parses the workbook-level parts (relationships, sheet list, shared strings,
 * styles) and opens the first worksheet. Every part is located through the
 * central directory, so the order in which the archive stores them — exceljs
 * itself writes workbook.xml last — does not matter.
 */
async function openFirstSheet(
  zip: ZipIndex,
  reader: ExcelJS.stream.xlsx.WorkbookReader,
): Promise<{ sheet: ExcelJS.stream.xlsx.WorksheetReader; source: Readable }> {
  const parts = reader as unknown as WorkbookParts;
  await parsePart(zip, 'xl/_rels/workbook.xml.rels', (e) => parts._parseRels(e));
  await parsePart(zip, WORKBOOK_PART, (e) => parts._parseWorkbook(e));
  const name = firstSheetPart(zip, parts);
  if (!zip.entries.has(name)) throw new ExcelFormatError(NOT_XLSX);

  // A damaged archive is refused before any row is handed out: every other
  // part is unpacked and checked now. Shared strings and the sheet are read to
  // their end below and checked as they stream.
  for (const other of zip.entries.keys()) {
    if (other !== name && other !== SHARED_STRINGS_PART) await verifyEntry(zip, other);
  }
  await parsePart(zip, SHARED_STRINGS_PART, async (e) => {
    // With sharedStrings: 'cache' this yields nothing and fills the cache.
    for await (const _ of parts._parseSharedStrings(e)) void _;
  });
  await parsePart(zip, 'xl/styles.xml', (e) => parts._parseStyles(e));

  const source = await openEntry(zip, name);
  try {
    const emitted = parts._parseWorksheet(source, WORKSHEET_PART.exec(name)?.[1] ?? '1').next();
    if (emitted.done) throw new ExcelFormatError(NOT_XLSX);
    return { sheet: emitted.value.value, source };
  } catch (err) {
    source.destroy();
    throw err;
  }
}

/**
 * Streams the first worksheet of an .xlsx file. Row 1 (the first non-blank
 * row) is the header; data rows are yielded one by one with per-cell errors.
 */
export async function* readXlsx<T>(
  input: NodeJS.ReadableStream | string,
  opts: ReadXlsxOptions<T>,
): AsyncGenerator<ImportRow<T>> {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const maxColumns = opts.maxColumns ?? DEFAULT_MAX_COLUMNS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxUncompressed = opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;

  let tempDir: string | undefined;
  let fh: FileHandle | undefined;
  let source: Readable | undefined;
  try {
    let path: string;
    if (typeof input === 'string') {
      path = input;
      // Checked before opening so an oversized upload costs nothing to reject.
      const info = await stat(path);
      if (!info.isFile()) throw new ExcelFormatError(NOT_XLSX);
      if (info.size > maxBytes) throw new ExcelFormatError(tooLargeMessage(maxBytes));
    } else {
      // The zip directory sits at the end of the file, so a stream has to be
      // landed somewhere seekable before it can be inspected.
      tempDir = await mkdtemp(join(tmpdir(), 'unioncare-xlsx-'));
      path = join(tempDir, 'upload.xlsx');
      await spoolToTempFile(input, path, maxBytes);
    }
    // One handle for inspection and reading: what was checked is what is parsed.
    fh = await open(path, 'r');
    const size = (await fh.stat()).size;
    if (size > maxBytes) throw new ExcelFormatError(tooLargeMessage(maxBytes));
    const zip = await indexZip(fh, size, maxUncompressed);

    // Only its part parsers are used (see WorkbookParts); it never opens `path`.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      // Needed so date-formatted numbers come back as dates rather than serials.
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });

    // Library failures on corrupt input surface as ExcelFormatError; our own
    // ExcelFormatErrors pass through untouched.
    const guarded: Guard = async <R>(step: () => Promise<R>): Promise<R> => {
      try {
        return await step();
      } catch (err) {
        if (err instanceof ExcelFormatError) throw err;
        throw new ExcelFormatError(NOT_XLSX, { cause: err });
      }
    };

    const opened = await guarded(() => openFirstSheet(zip, reader));
    source = opened.source;
    yield* readSheet(opened.sheet, opts, { maxRows, maxColumns }, guarded);
  } finally {
    source?.destroy();
    // Waits for reads still in flight on the handle before closing it.
    await fh?.close();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

type Guard = <R>(step: () => Promise<R>) => Promise<R>;

async function* readSheet<T>(
  sheet: ExcelJS.stream.xlsx.WorksheetReader,
  opts: ReadXlsxOptions<T>,
  limits: { maxRows: number; maxColumns: number },
  guarded: Guard,
): AsyncGenerator<ImportRow<T>> {
  const { maxRows, maxColumns } = limits;
  const rows = sheet[Symbol.asyncIterator]();
  try {
    let bindings: HeaderBinding<T>[] | undefined;
    let hasExample = false;
    let seenDataRow = false;
    let dataRows = 0;
    for (;;) {
      const r = await guarded(() => rows.next());
      if (r.done) break;
      const row = r.value;
      const rowNumber = row.number;
      if (!Number.isInteger(rowNumber) || rowNumber < 1) throw new ExcelFormatError(NOT_XLSX);
      if (row.cellCount > maxColumns) {
        throw new ExcelFormatError(
          `第 ${rowNumber} 行列数超过上限 ${maxColumns} / row ${rowNumber} has more than ${maxColumns} columns`,
        );
      }

      if (!bindings) {
        if (!row.hasValues) continue;
        bindings = bindHeader(row, opts.columns, maxColumns);
        hasExample = bindings.some((b) => b.column.example !== undefined && b.column.example !== '');
        continue;
      }

      const cells = bindings.map((b) => ({ binding: b, result: cellToText(row.getCell(b.index).value) }));
      if (cells.every((c) => c.result.ok && c.result.text === '')) continue;
      const firstDataRow = !seenDataRow;
      seenDataRow = true;
      // Only the row straight under the header can be the template's example;
      // identical values further down are someone's real data.
      if (
        firstDataRow &&
        hasExample &&
        cells.every((c) => c.result.ok && c.result.text === escapeText(c.binding.column.example ?? '').trim())
      ) {
        continue;
      }

      dataRows += 1;
      if (dataRows > maxRows) {
        throw new ExcelFormatError(`数据行数超过上限 ${maxRows} / too many rows (max ${maxRows})`);
      }
      opts.onRow?.(rowNumber);

      const errors: ImportRowError[] = [];
      const value: Record<string, unknown> = {};
      for (const { binding, result } of cells) {
        const { column } = binding;
        if (!result.ok) {
          errors.push({ row: rowNumber, column: column.header, message: result.message });
          continue;
        }
        if (result.text === '') {
          if (column.required)
            errors.push({ row: rowNumber, column: column.header, message: REQUIRED_MISSING });
          continue;
        }
        if (column.parse) {
          const parsed = column.parse(result.text);
          if (parsed.ok) value[column.key] = parsed.value;
          else errors.push({ row: rowNumber, column: column.header, message: parsed.message });
        } else {
          value[column.key] = result.text;
        }
      }
      yield errors.length === 0
        ? { row: rowNumber, value: value as Partial<T>, errors }
        : { row: rowNumber, errors };
    }

    if (!bindings) bindHeaderOfEmptySheet(opts.columns);
  } finally {
    // Closes the sheet's underlying stream when the caller stops early.
    await rows.return(undefined);
  }
}

function bindHeaderOfEmptySheet<T>(columns: ExcelColumn<T>[]): never {
  const missing = columns.filter((c) => c.required).map((c) => c.header);
  if (missing.length > 0) throw new ExcelFormatError(`缺少列: ${missing.join('、')}`);
  throw new ExcelFormatError('工作表没有表头行 / worksheet has no header row');
}
