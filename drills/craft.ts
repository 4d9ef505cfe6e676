/**
 * Hand-built workbooks for the F-7 drill: a minimal zip writer (stored entries and streamed
 * deflate, sizes and CRC-32 computed, or declared falsely on purpose) and the smallest set of
 * parts that makes an .xlsx, so hostile sheets (huge, lying, wide) can be made without exceljs
 * holding them in memory.
 */
import { crc32, createDeflateRaw } from 'node:zlib';

export interface CraftEntry {
  name: string;
  /** The part's bytes, produced lazily (a bomb is never held unpacked). */
  chunks: () => Iterable<Buffer | string>;
  /** Declare this unpacked size instead of the real one (a lying archive). */
  declaredSize?: number;
}

async function deflate(
  chunks: Iterable<Buffer | string>,
): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (d: Buffer) => out.push(d));
  const ended = new Promise<void>((ok, fail) => {
    z.once('end', ok);
    z.once('error', fail);
  });
  let crc = 0;
  let size = 0;
  for (const c of chunks) {
    const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
    crc = crc32(b, crc);
    size += b.length;
    if (!z.write(b)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await ended;
  return { data: Buffer.concat(out), crc, size };
}

/** A zip archive (deflate) of the entries, with the real or declared sizes. */
export async function zip(entries: CraftEntry[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const { data, crc, size } = await deflate(e.chunks());
    const declared = e.declaredSize ?? size;
    const name = Buffer.from(e.name, 'utf8');
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x0800, 6);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc >>> 0, 14);
    lh.writeUInt32LE(data.length, 18);
    lh.writeUInt32LE(Math.min(declared, 0xfffffffe), 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x0800, 8);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc >>> 0, 16);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(Math.min(declared, 0xfffffffe), 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, data);
    central.push(ch, name);
    offset += lh.length + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Column letters: 1 → A, 27 → AA. */
export function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** One row of inline strings. */
export function rowXml(r: number, cells: string[]): string {
  return `<row r="${r}">${cells
    .map((v, i) => `<c r="${columnName(i + 1)}${r}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`)
    .join('')}</row>`;
}

/**
 * The smallest .xlsx: content types, relationships, a workbook with one sheet 摸排导入 and its
 * worksheet, whose <sheetData> content `rows` yields.
 */
export function workbookEntries(
  rows: () => Iterable<string | Buffer>,
  sheet: Partial<Pick<CraftEntry, 'declaredSize'>> = {},
): CraftEntry[] {
  const text = (s: string) => () => [s];
  return [
    {
      name: '[Content_Types].xml',
      chunks: text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '</Types>',
      ),
    },
    {
      name: '_rels/.rels',
      chunks: text(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}">` +
          `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      chunks: text(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${REL}">` +
          '<sheets><sheet name="摸排导入" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: text(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}">` +
          `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      declaredSize: sheet.declaredSize,
      chunks: function* () {
        yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}"><sheetData>`;
        yield* rows();
        yield '</sheetData></worksheet>';
      },
    },
  ];
}
