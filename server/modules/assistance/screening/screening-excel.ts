/**
 * The screening workbook (摸排导入模板) and the household list export: column specs, the Chinese
 * labels a person types into the cells, and the row check that turns zod and
 * `ScreeningService.checkScreening` issues into row / column errors.
 *
 * The labels repeat web/features/assistance/core/labels.ts on purpose: server code never imports web/.
 */
import type { z } from 'zod';
import {
  ScreeningForm,
  type ArchiveState,
  type Category,
  type Cause,
  type HouseholdState,
  type HouseholdSummary,
  type NeedKind,
  type Relation,
  type ScreeningMethod,
  type Situation,
  type Urgency,
} from '../../../../contracts/assistance';
import { MONEY_MAX_FEN } from '../../../../contracts/numbers';
import type { FieldIssue } from '../../../platform/errors';
import type { ExcelColumn, ImportRowError } from '../../../platform/excel';
import {
  isValidIdNumber,
  isValidMobile,
  normalizeIdNumber,
  normalizeMobile,
} from '../../../platform/personal-data/identity';

type Form = z.infer<typeof ScreeningForm>;
type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** One template row, keyed like the screening form so a parsed row is a form to validate. */
export interface ScreeningRow {
  headName: string;
  idNumber: string;
  phone: string;
  situation: z.infer<typeof Situation>;
  divisionCode: string;
  addressDetail: string;
  householdSize: number;
  annualIncomeFen: number;
  rigidExpenseFen: number;
  causes: Cause[];
  suddenEvent: string;
  members: Form['members'];
  needs: Form['needs'];
  leads: string;
  method: z.infer<typeof ScreeningMethod>;
  screenedOn: string;
}

// ---- labels (zh first; the enum codes are accepted too, for English users and other systems) ----

export const SITUATION_ZH: Record<z.infer<typeof Situation>, string> = {
  union_unit_employee: '单位已建会职工',
  social_org_employee: '社会组织从业人员',
  migrant_worker: '外出务工人员',
  flexible_employment: '灵活就业人员',
  special_group: '特殊群体',
  unemployed: '失业人员',
  other: '其他',
};
const SITUATION_ALIASES: Record<string, z.infer<typeof Situation>> = {
  '外出务工人员(农民工)': 'migrant_worker',
  '外出务工人员（农民工）': 'migrant_worker',
  农民工: 'migrant_worker',
};

/** Self-report (自主申报) is the worker's own channel, never a row typed by a screener. */
export const METHOD_ZH: Record<Exclude<z.infer<typeof ScreeningMethod>, 'self_report'>, string> = {
  home_visit: '入户走访',
  phone_survey: '电话调查',
  street_visit: '走访街道社区',
};
const METHOD_ALIASES: Record<string, Exclude<z.infer<typeof ScreeningMethod>, 'self_report'>> = {
  入户: 'home_visit',
  电话: 'phone_survey',
  走访街道: 'street_visit',
  走访社区: 'street_visit',
};

export const CAUSE_ZH: Record<Cause, string> = {
  no_capacity: '丧失劳动能力',
  unemployed_able: '有劳动能力但失业',
  laid_off: '下岗',
  no_social_insurance: '无社会保险',
  insurance_unpaid: '社保待遇未发放',
  serious_illness: '大病',
  natural_disaster: '自然灾害',
  accident: '意外事故',
  schooling: '子女就学',
  other: '其他',
};

export const RELATION_ZH: Record<z.infer<typeof Relation>, string> = {
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  grandchild: '孙子女',
  other: '其他',
};

export const NEED_ZH: Record<z.infer<typeof NeedKind>, string> = {
  medical: '医疗',
  education: '教育',
  living: '生活',
  employment: '就业',
  care: '照护',
  psychological: '心理',
  legal: '法律',
  housing: '住房',
};

export const URGENCY_ZH: Record<z.infer<typeof Urgency>, string> = { urgent: '紧急', normal: '一般' };

export const HOUSEHOLD_STATE_ZH: Record<HouseholdState, string> = {
  unverified: '职工自助申请(未核实)',
  screened: '已摸排',
  verifying: '核实中',
  archived: '已建档',
  assisted_below_standard: '帮扶(未达标准)',
  closed: '已关闭',
  merged: '已合并',
};
export const CATEGORY_ZH: Record<Category, string> = {
  deep: '深度困难',
  relative: '相对困难',
  accident: '意外致困',
};
export const ARCHIVE_STATE_ZH: Record<z.infer<typeof ArchiveState>, string> = {
  archived: '已建档',
  reported: '已上报',
  approved: '已审核',
  returned: '已退回',
  exited: '已退出',
};

/** Label or code → code; `undefined` when neither. */
function lookup<C extends string>(
  labels: Record<C, string>,
  text: string,
  aliases: Record<string, C> = {},
): C | undefined {
  const t = text.trim();
  for (const [code, zh] of Object.entries(labels) as [C, string][]) {
    if (zh === t || code === t.toLowerCase()) return code;
  }
  return aliases[t];
}

const options = (labels: Record<string, string>) => Object.values(labels).join('、');
/** Echoes a short piece of what was typed (labels, never whole cells that may hold personal data). */
const quote = (s: string) =>
  `“${Array.from(s).slice(0, 12).join('')}${Array.from(s).length > 12 ? '…' : ''}”`;

// ---- cell parsers ----

const ok = (value: unknown): Parsed => ({ ok: true, value });
const fail = (message: string): Parsed => ({ ok: false, message });

export function parseIdNumber(raw: string): Parsed {
  const id = normalizeIdNumber(raw.replace(/[\s\u3000]/g, ''));
  // The number itself is never echoed: error lists end up in logs and screenshots.
  if (!/^\d{17}[\dX]$/.test(id)) {
    return fail('身份证号应为 18 位（最后一位可为 X）；请将该列设为文本格式 / must be 18 characters');
  }
  if (!isValidIdNumber(id)) {
    return fail(
      '身份证号校验位或出生日期不正确（GB 11643）；若在 Excel 中按数字输入，请改为文本格式 / not a valid ID number',
    );
  }
  return ok(id);
}

export function parsePhone(raw: string): Parsed {
  if (!isValidMobile(raw)) return fail('不是有效的手机号（11 位，以 1 开头）/ not a mainland mobile number');
  return ok(normalizeMobile(raw));
}

export function parseSituation(raw: string): Parsed {
  const code = lookup(SITUATION_ZH, raw, SITUATION_ALIASES);
  return code ? ok(code) : fail(`未知的职工情况 ${quote(raw)}，可选：${options(SITUATION_ZH)}`);
}

export function parseMethod(raw: string): Parsed {
  const code = lookup(METHOD_ZH, raw, METHOD_ALIASES);
  return code ? ok(code) : fail(`未知的摸排方式 ${quote(raw)}，可选：${options(METHOD_ZH)}`);
}

export function parseDivisionCode(raw: string): Parsed {
  const code = raw.replace(/\s/g, '');
  if (!/^(\d{6}|\d{9})$/.test(code)) {
    return fail('行政区划代码应为 6 位（区县）或 9 位（乡镇街道）数字，如 640381001 / GB/T 2260 code');
  }
  return ok(code);
}

function parseWhole(raw: string, what: string, min: number, max: number, suffix: RegExp): Parsed {
  const text = raw.replace(/\s/g, '').replace(suffix, '');
  if (!/^\d+$/.test(text)) return fail(`${what}应为整数 / must be a whole number`);
  const n = Number(text);
  if (n < min || n > max) return fail(`${what}应在 ${min}–${max} 之间 / must be ${min}–${max}`);
  return ok(n);
}

export const parseHouseholdSize = (raw: string) => parseWhole(raw, '家庭人口', 1, 30, /[人口]$/);

/** Yuan as typed (`24000`, `24,000.50`, `1200元`) → integer fen, without floating-point rounding. */
export function parseYuan(raw: string): Parsed {
  const text = raw.replace(/[\s,，]/g, '').replace(/元$/, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return fail('金额应为不小于 0 的数字（元），最多两位小数，如 24000 或 1200.50 / amount in yuan');
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen > MONEY_MAX_FEN) return fail('金额超过 1 亿元 / amount too large');
  return ok(fen);
}

const LIST_SEPARATORS = /[、,，;；\s]+/;

export function parseCauses(raw: string): Parsed {
  const parts = raw.split(LIST_SEPARATORS).filter(Boolean);
  const codes: Cause[] = [];
  for (const p of parts) {
    const code = lookup(CAUSE_ZH, p);
    if (!code) return fail(`未知的致困原因 ${quote(p)}，可选：${options(CAUSE_ZH)}`);
    if (!codes.includes(code)) codes.push(code);
  }
  if (codes.length > 4) return fail('致困原因最多 4 项（1 项主要 + 3 项次要）/ at most 4 causes');
  return ok(codes);
}

const ENTRY_SEPARATORS = /[;；\n]+/;

/** `配偶 马有福 45; 子女 马小花 12` → members (relation, name, optional age). */
export function parseMembers(raw: string): Parsed {
  const entries = raw
    .split(ENTRY_SEPARATORS)
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length > 20) return fail('家庭成员最多 20 人 / at most 20 members');
  const members: Form['members'] = [];
  for (const [i, entry] of entries.entries()) {
    const n = i + 1;
    const [rel, name, age, ...extra] = entry.split(/[\s:：]+/).filter(Boolean);
    const relation = rel ? lookup(RELATION_ZH, rel) : undefined;
    if (!relation) {
      return fail(
        `第 ${n} 位成员的关系 ${quote(rel ?? '')} 无效，可选：${options(RELATION_ZH)}（格式：关系 姓名 年龄）`,
      );
    }
    if (!name) return fail(`第 ${n} 位成员缺少姓名（格式：关系 姓名 年龄，多人用分号隔开）`);
    if (extra.length > 0) return fail(`第 ${n} 位成员格式有误（格式：关系 姓名 年龄，多人用分号隔开）`);
    const member: Form['members'][number] = { relation, name };
    if (age !== undefined) {
      const a = /^(\d{1,3})岁?$/.exec(age);
      if (!a || Number(a[1]) > 120) return fail(`第 ${n} 位成员的年龄应为 0–120 的整数`);
      member.age = Number(a[1]);
    }
    members.push(member);
  }
  return ok(members);
}

/** `医疗 紧急 丈夫肝病需复查; 教育 一般 学费` → needs (kind, urgency — 一般 when left out —, description). */
export function parseNeeds(raw: string): Parsed {
  const entries = raw
    .split(ENTRY_SEPARATORS)
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length > 20) return fail('需求最多 20 项 / at most 20 needs');
  const needs: Form['needs'] = [];
  for (const [i, entry] of entries.entries()) {
    const n = i + 1;
    const [k, ...rest] = entry.split(/\s+/);
    const kind = k ? lookup(NEED_ZH, k) : undefined;
    if (!kind) return fail(`第 ${n} 项需求的类别 ${quote(k ?? '')} 无效，可选：${options(NEED_ZH)}`);
    const urgency = rest[0] ? lookup(URGENCY_ZH, rest[0]) : undefined;
    const description = (urgency ? rest.slice(1) : rest).join(' ').trim();
    if (!description) return fail(`第 ${n} 项需求缺少说明（格式：类别 紧急/一般 说明，多项用分号隔开）`);
    needs.push({ kind, urgency: urgency ?? 'normal', description });
  }
  return ok(needs);
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** `2026-05-20`, `2026/5/20`, `2026.5.20`, `2026年5月20日`, or an Excel date serial → `YYYY-MM-DD`. */
export function parseDate(raw: string): Parsed {
  const text = raw.trim();
  let y: number, m: number, d: number;
  const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (parts) {
    [y, m, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  } else if (/^\d{5}$/.test(text)) {
    // A date typed into a cell Excel kept as a plain number: days since 1899-12-30.
    const at = new Date(EXCEL_EPOCH_MS + Number(text) * 86_400_000);
    [y, m, d] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()];
  } else {
    return fail('摸排日期格式应为 YYYY-MM-DD，如 2026-05-20 / date as YYYY-MM-DD');
  }
  const at = new Date(Date.UTC(y, m - 1, d));
  if (y < 2000 || y > 2100 || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) {
    return fail('摸排日期不是有效日期 / not a real date');
  }
  return ok(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

// ---- the template ----

const EXAMPLE_ID = '640381198503120427';

/**
 * U+FFFD never comes from a person: it marks bytes that did not decode (a mis-encoded file, or a
 * reader that split a UTF-8 character). Such a cell is refused rather than stored garbled.
 */
function intact(parse?: ExcelColumn<ScreeningRow>['parse']): ExcelColumn<ScreeningRow>['parse'] {
  return (raw) => {
    if (raw.includes('\uFFFD')) {
      return fail(
        '单元格含无法识别的字符（�），请检查文件后重新导入 / the cell holds undecodable characters',
      );
    }
    return parse ? parse(raw) : ok(raw);
  };
}

const COLUMNS: ExcelColumn<ScreeningRow>[] = [
  {
    key: 'headName',
    header: '户主姓名',
    headerEn: 'Head of household',
    required: true,
    example: '喜登花',
    note: '困难职工本人（户主）姓名，最多 30 字',
  },
  {
    key: 'idNumber',
    header: '身份证号',
    headerEn: 'ID number',
    width: 22,
    parse: parseIdNumber,
    example: EXAMPLE_ID,
    note: '18 位居民身份证号，按文本填写；用于识别同一户，加密保存',
  },
  {
    key: 'phone',
    header: '手机号',
    headerEn: 'Mobile',
    width: 16,
    parse: parsePhone,
    example: '13995123456',
    note: '11 位手机号',
  },
  {
    key: 'situation',
    header: '职工情况',
    headerEn: 'Worker situation',
    width: 18,
    required: true,
    parse: parseSituation,
    example: SITUATION_ZH.migrant_worker,
    note: `可选：${options(SITUATION_ZH)}`,
  },
  {
    key: 'divisionCode',
    header: '行政区划代码',
    headerEn: 'Division code',
    width: 16,
    required: true,
    parse: parseDivisionCode,
    example: '640381101',
    note: 'GB/T 2260 代码：6 位区县或 9 位乡镇街道，如 640381001（青铜峡市裕民街道）',
  },
  {
    key: 'addressDetail',
    header: '详细地址',
    headerEn: 'Address',
    width: 30,
    required: true,
    example: '大坝镇韦桥村三队 12 号',
    note: '村（社区）、门牌号，最多 120 字',
  },
  {
    key: 'householdSize',
    header: '家庭人口',
    headerEn: 'Household size',
    required: true,
    parse: parseHouseholdSize,
    example: '4',
    note: '含户主的家庭人口数，1–30，不少于户主加所列家庭成员',
  },
  {
    key: 'annualIncomeFen',
    header: '家庭年收入(元)',
    headerEn: 'Annual income (yuan)',
    required: true,
    parse: parseYuan,
    example: '24000',
    note: '全家上一年总收入，单位元，最多两位小数',
  },
  {
    key: 'rigidExpenseFen',
    header: '刚性支出(元)',
    headerEn: 'Rigid expenses (yuan)',
    required: true,
    parse: parseYuan,
    example: '6000',
    note: '医疗、就学等刚性支出，单位元；没有填 0',
  },
  {
    key: 'causes',
    header: '致困原因',
    headerEn: 'Causes',
    width: 24,
    parse: parseCauses,
    example: '大病、子女就学',
    note: `最多 4 项，用顿号或逗号隔开；可选：${options(CAUSE_ZH)}`,
  },
  {
    key: 'suddenEvent',
    header: '突发事件',
    headerEn: 'Sudden event',
    width: 20,
    note: '意外、灾害、大病等突发情况，最多 200 字',
  },
  {
    key: 'members',
    header: '家庭成员',
    headerEn: 'Members',
    width: 32,
    parse: parseMembers,
    example: '配偶 马有福 45; 子女 马小花 12; 子女 马小军 9',
    note: `每人“关系 姓名 年龄”（年龄可省），多人用分号隔开；关系可选：${options(RELATION_ZH)}`,
  },
  {
    key: 'needs',
    header: '最迫切需求',
    headerEn: 'Urgent needs',
    width: 32,
    parse: parseNeeds,
    example: '医疗 紧急 丈夫肝病需复查; 教育 一般 学费',
    note: `每项“类别 紧急/一般 说明”，多项用分号隔开；类别可选：${options(NEED_ZH)}`,
  },
  {
    key: 'leads',
    header: '线索',
    headerEn: 'Leads',
    width: 30,
    example: '邻居反映家中无稳定收入',
    note: '摸排中了解到的线索，最多 2000 字',
  },
  {
    key: 'method',
    header: '摸排方式',
    headerEn: 'Method',
    width: 14,
    required: true,
    parse: parseMethod,
    example: METHOD_ZH.home_visit,
    note: `可选：${options(METHOD_ZH)}`,
  },
  {
    key: 'screenedOn',
    header: '摸排日期',
    headerEn: 'Screening date',
    width: 14,
    required: true,
    parse: parseDate,
    example: '2026-05-20',
    note: 'YYYY-MM-DD（如 2026-05-20），或 Excel 日期',
  },
];

export const SCREENING_COLUMNS: ExcelColumn<ScreeningRow>[] = COLUMNS.map((c) => ({
  ...c,
  parse: intact(c.parse),
}));

export const SCREENING_SHEET = '摸排导入';

const HEADER_OF = new Map(SCREENING_COLUMNS.map((c) => [c.key as string, c.header]));

/** Where a form field's problem shows in the sheet: the column it came from. */
function columnOf(field: string): string {
  const top = field.replace(/^\./, '').split('.')[0] ?? '';
  return HEADER_OF.get(top) ?? top;
}

function zhIssue(issue: z.core.$ZodIssue): string {
  const what = issue.path.some((p) => typeof p === 'number') ? '该项内容' : '内容';
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'array'
        ? `最多 ${String(issue.maximum)} 项 / too many entries`
        : issue.origin === 'string'
          ? `${what}过长，最多 ${String(issue.maximum)} 字 / too long`
          : `不能大于 ${String(issue.maximum)} / too large`;
    case 'too_small':
      return issue.origin === 'string' || issue.message === 'required'
        ? `${what}不能为空 / required`
        : `不能小于 ${String(issue.minimum)} / too small`;
    case 'invalid_value':
      return '取值无效 / not an allowed value';
    case 'invalid_format':
      return '格式不正确 / wrong format';
    case 'custom':
      return issue.message.includes('control characters')
        ? '含有不可见的控制字符 / contains control characters'
        : issue.message;
    default:
      return `${issue.message}`;
  }
}

const CHECK_MESSAGES: Record<string, string> = {
  id_number: '身份证号校验位不正确（GB 11643）/ not a valid ID number',
  mobile: '不是有效的手机号 / not a mainland mobile number',
  division: '未知的行政区划代码（GB/T 2260）/ unknown division code',
};

function zhCheck(issue: FieldIssue): string {
  if (issue.code && CHECK_MESSAGES[issue.code]) return CHECK_MESSAGES[issue.code]!;
  if (/householdSize$/.test(issue.field)) {
    return '家庭人口少于户主加所列家庭成员人数 / smaller than the head plus the members listed';
  }
  return issue.message;
}

/**
 * A parsed row (every cell already read without error) → the screening form, or the row's errors:
 * the contract's schema first, then what zod cannot see (`checkScreening(form, '')`).
 */
export function validateScreeningRow(
  row: number,
  value: Partial<ScreeningRow>,
  check: (form: Form) => FieldIssue[],
): { form: Form; errors: [] } | { form?: undefined; errors: ImportRowError[] } {
  const parsed = ScreeningForm.safeParse(value);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((issue) => ({
        row,
        column: columnOf(issue.path.map(String).join('.')),
        message: zhIssue(issue),
      })),
    };
  }
  const issues = check(parsed.data);
  if (issues.length > 0) {
    return { errors: issues.map((i) => ({ row, column: columnOf(i.field), message: zhCheck(i) })) };
  }
  return { form: parsed.data, errors: [] };
}

// ---- the household list export (masked: the summary holds only masked ID numbers and phones) ----

export interface HouseholdExportRow {
  headName: string;
  idNumberMasked: string;
  phoneMasked: string;
  divisionCode: string;
  divisionName: string;
  addressDetail: string;
  situation: string;
  state: string;
  category: string;
  archiveNo: string;
  archiveState: string;
  responsibleOrgName: string;
  householdSize: number;
  urgentOpen: number;
  screenings: number;
  lastScreenedOn: string;
}

export const HOUSEHOLD_EXPORT_COLUMNS: ExcelColumn<HouseholdExportRow>[] = [
  { key: 'headName', header: '户主姓名', headerEn: 'Head of household', width: 12 },
  { key: 'idNumberMasked', header: '身份证号(脱敏)', headerEn: 'ID number (masked)', width: 22 },
  { key: 'phoneMasked', header: '手机号(脱敏)', headerEn: 'Mobile (masked)', width: 15 },
  { key: 'divisionCode', header: '行政区划代码', headerEn: 'Division code', width: 14 },
  { key: 'divisionName', header: '行政区划', headerEn: 'Division', width: 28 },
  { key: 'addressDetail', header: '详细地址', headerEn: 'Address', width: 30 },
  { key: 'situation', header: '职工情况', headerEn: 'Worker situation', width: 16 },
  { key: 'state', header: '状态', headerEn: 'State', width: 12 },
  { key: 'category', header: '困难类别', headerEn: 'Category', width: 10 },
  { key: 'archiveNo', header: '档案编号', headerEn: 'Archive no.', width: 22 },
  { key: 'archiveState', header: '档案状态', headerEn: 'Archive state', width: 10 },
  { key: 'responsibleOrgName', header: '责任组织', headerEn: 'Responsible organisation', width: 20 },
  { key: 'householdSize', header: '家庭人口', headerEn: 'Household size', width: 10 },
  { key: 'urgentOpen', header: '未解决紧急需求', headerEn: 'Open urgent needs', width: 14 },
  { key: 'screenings', header: '摸排次数', headerEn: 'Screenings', width: 10 },
  { key: 'lastScreenedOn', header: '最近摸排日期', headerEn: 'Last screened on', width: 14 },
];

export function householdExportRow(h: HouseholdSummary): HouseholdExportRow {
  return {
    headName: h.headName,
    idNumberMasked: h.idNumberMasked ?? '',
    phoneMasked: h.phoneMasked ?? '',
    divisionCode: h.divisionCode,
    divisionName: h.divisionName,
    addressDetail: h.addressDetail,
    situation: SITUATION_ZH[h.situation] ?? h.situation,
    state: HOUSEHOLD_STATE_ZH[h.state] ?? h.state,
    category: h.category ? (CATEGORY_ZH[h.category] ?? h.category) : '',
    archiveNo: h.archiveNo ?? '',
    archiveState: h.archiveState ? (ARCHIVE_STATE_ZH[h.archiveState] ?? h.archiveState) : '',
    responsibleOrgName: h.responsibleOrgName ?? '',
    householdSize: h.householdSize,
    urgentOpen: h.urgentOpen,
    screenings: h.screenings,
    lastScreenedOn: h.lastScreenedOn,
  };
}
