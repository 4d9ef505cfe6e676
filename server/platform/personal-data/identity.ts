// Helpers for PRC resident identity numbers (GB 11643-1999) and mainland
// mobile numbers. Pure functions, no I/O.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

// Besides the mainland provinces: 71 Taiwan; 81/82/83 residence permits for
// Hong Kong, Macao and Taiwan residents; 91 the 18-character format used by
// foreigners' permanent residence cards.
// prettier-ignore
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83', '91',
]);

const ID_SHAPE = /^\d{17}[\dX]$/;

function checkChar(first17: string): string {
  let sum = 0;
  ID_WEIGHTS.forEach((weight, i) => {
    sum += (first17.charCodeAt(i) - 48) * weight;
  });
  return ID_CHECK_CHARS[sum % 11] ?? '';
}

function isRealPastDate(year: number, month: number, day: number, today: Date): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  // Date.UTC rolls Feb 30 over into March, so a mismatch on the way back means
  // the date does not exist.
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return false;
  // Compare calendar days in server-local time: a baby born "today" in Beijing is valid.
  const todayKey = today.getFullYear() * 10000 + (today.getMonth() + 1) * 100 + today.getDate();
  return year * 10000 + month * 100 + day <= todayKey;
}

export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

export function isValidIdNumber(value: string): boolean {
  if (typeof value !== 'string' || value.length !== 18) return false;
  const id = value.toUpperCase();
  if (!ID_SHAPE.test(id)) return false;
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (!isRealPastDate(year, month, day, new Date())) return false;
  return checkChar(id.slice(0, 17)) === id[17];
}

function requireValidId(id: string): string {
  const n = normalizeIdNumber(id);
  // Never echo the number itself: error messages end up in logs.
  if (!isValidIdNumber(n)) throw new Error('invalid ID number');
  return n;
}

export function idNumberBirthDate(id: string): string {
  const n = requireValidId(id);
  return `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
}

export function idNumberSex(id: string): 'male' | 'female' {
  const n = requireValidId(id);
  return Number(n[16]) % 2 === 1 ? 'male' : 'female';
}

/**
 * Completed years of age on the calendar day of `on` (server-local time).
 * Someone born on 29 February becomes a year older on 1 March in common years.
 * Negative when `on` precedes the birth date.
 */
export function ageOn(id: string, on: Date): number {
  const n = requireValidId(id);
  if (!(on instanceof Date) || Number.isNaN(on.getTime())) throw new RangeError('ageOn needs a valid date');
  const by = Number(n.slice(6, 10));
  const bm = Number(n.slice(10, 12));
  const bd = Number(n.slice(12, 14));
  const y = on.getFullYear();
  const m = on.getMonth() + 1;
  const d = on.getDate();
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/**
 * Builds an 18-character number with the correct check character. Only the
 * shape of the parts is validated, so tests can deliberately build numbers with
 * a correct checksum but an impossible date or region.
 */
export function makeIdNumber(prefix6: string, birth: string, seq3: string): string {
  if (!/^\d{6}$/.test(prefix6)) throw new Error('makeIdNumber: prefix6 must be 6 digits');
  if (!/^\d{8}$/.test(birth)) throw new Error('makeIdNumber: birth must be YYYYMMDD');
  if (!/^\d{3}$/.test(seq3)) throw new Error('makeIdNumber: seq3 must be 3 digits');
  const first17 = `${prefix6}${birth}${seq3}`;
  return first17 + checkChar(first17);
}

const MOBILE_PATTERN = /^(?:\+?86)?(1[3-9]\d{9})$/;

function compactMobile(value: string): string {
  // People paste numbers as "138 1234 5678" or "+86-138-1234-5678".
  return value.trim().replace(/[\s-]/g, '');
}

export function isValidMobile(value: string): boolean {
  if (typeof value !== 'string') return false;
  return MOBILE_PATTERN.test(compactMobile(value));
}

export function normalizeMobile(value: string): string {
  const match = typeof value === 'string' ? MOBILE_PATTERN.exec(compactMobile(value)) : null;
  if (!match?.[1]) throw new Error('invalid mobile number');
  return match[1];
}
