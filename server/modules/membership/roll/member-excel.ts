/**
 * The roll's workbook (会员名册导入模板): columns, the Chinese words a person types into the cells
 * and their parsing. The row check against the roll is the import service's.
 */
import type { ExcelColumn } from '../../../platform/excel';
import {
  isValidIdNumber,
  isValidMobile,
  normalizeIdNumber,
  normalizeMobile,
} from '../../../platform/personal-data/identity';

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };
const ok = (value: unknown): Parsed => ({ ok: true, value });
const fail = (message: string): Parsed => ({ ok: false, message });

export interface MemberRowValue {
  name: string;
  idNumber: string;
  phone: string;
  unitName: string;
  cardNumber: string;
  gender: 'male' | 'female';
  joinedOn: string;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function parseDay(raw: string): Parsed {
  const text = raw.trim();
  let y: number, m: number, d: number;
  const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (parts) [y, m, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  else if (/^\d{5}$/.test(text)) {
    const at = new Date(EXCEL_EPOCH_MS + Number(text) * 86_400_000);
    [y, m, d] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()];
  } else return fail('日期格式应为 YYYY-MM-DD，如 2020-03-01 / date as YYYY-MM-DD');
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCMonth() !== m - 1 || y < 1950 || y > 2100) return fail('不是有效日期 / not a real date');
  return ok(at.toISOString().slice(0, 10));
}

const text =
  (max: number) =>
  (raw: string): Parsed =>
    [...raw.trim()].length > max ? fail(`最多 ${max} 个字 / at most ${max} characters`) : ok(raw.trim());

export const MEMBER_COLUMNS: ExcelColumn<MemberRowValue>[] = [
  { key: 'name', header: '姓名', headerEn: 'Name', required: true, parse: text(30), example: '王建明' },
  {
    key: 'idNumber',
    header: '身份证号',
    headerEn: 'ID number',
    required: true,
    width: 22,
    parse: (raw) =>
      isValidIdNumber(raw)
        ? ok(normalizeIdNumber(raw))
        : fail('身份证号无效（18 位，校验位）/ not a valid ID number'),
    example: '140105198803120035',
  },
  {
    key: 'phone',
    header: '手机号',
    headerEn: 'Mobile',
    required: true,
    width: 16,
    parse: (raw) =>
      isValidMobile(raw) ? ok(normalizeMobile(raw)) : fail('手机号无效 / not a mainland mobile'),
    example: '13903510001',
  },
  {
    key: 'unitName',
    header: '所属工会',
    headerEn: 'Unit union',
    width: 30,
    parse: text(60),
    example: '太原钢铁（集团）有限公司工会',
    note: '基层工会全称；空白为导入人所在工会',
  },
  { key: 'cardNumber', header: '会员卡号', headerEn: 'Card number', parse: text(30), example: 'TG-000123' },
  {
    key: 'gender',
    header: '性别',
    headerEn: 'Gender',
    parse: (raw) => {
      const v = raw.trim();
      if (v === '男' || v === 'male') return ok('male');
      if (v === '女' || v === 'female') return ok('female');
      return fail('性别填“男”或“女” / 男 or 女');
    },
    example: '男',
  },
  {
    key: 'joinedOn',
    header: '入会日期',
    headerEn: 'Joined on',
    required: true,
    parse: parseDay,
    example: '2015-07-01',
    note: 'YYYY-MM-DD（如 2015-07-01），或 Excel 日期',
  },
];

export const MEMBER_SHEET = '会员名册';
