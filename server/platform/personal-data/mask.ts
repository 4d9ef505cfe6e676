// Display masking in the spirit of GB/T 35273 (personal information de-identification
// for display). These are for UI/log output only; they are not a substitute for
// encryption and must never be used as lookup keys.

const MASK = '*';

// Array.from splits by code point so rare CJK characters outside the BMP
// (e.g. 𠈌 in some names) are treated as one character, not two halves.
function chars(value: string): string[] {
  return Array.from(value);
}

function stars(count: number): string {
  return MASK.repeat(Math.max(0, count));
}

/**
 * Shows 3 characters before the last and hides the last: `**************002*`. The last
 * character of a GB 11643 number is a check digit computed from the other 17, so showing it
 * narrows an exact-ID search to one candidate in eleven; it is hidden, and the length is kept.
 */
export function maskIdNumber(id: string): string {
  const c = chars(String(id ?? '').trim());
  // Revealing 3 of 4 characters would reveal too much, so short values are fully masked.
  if (c.length <= 4) return stars(c.length);
  return stars(c.length - 4) + c.slice(-4, -1).join('') + MASK;
}

/**
 * The masked ID number from its stored tail (the last 4 characters of an 18-character number),
 * in the same format as `maskIdNumber`.
 */
export function maskIdTail(tail: string | null | undefined): string | null {
  if (!tail) return null;
  const c = chars(tail);
  return stars(18 - c.length) + c.slice(0, -1).join('') + MASK;
}

/**
 * `13812345678` → `*******5678`: the last 4 only. With the first 3 shown as well, 7 of 11 digits
 * were known and an exact-phone search needed at most 10,000 guesses to find the rest.
 */
export function maskPhone(phone: string): string {
  const c = chars(String(phone ?? '').trim());
  if (c.length >= 8) return stars(c.length - 4) + c.slice(-4).join('');
  if (c.length >= 5) return stars(c.length - 2) + c.slice(-2).join('');
  return stars(c.length);
}

/** Keeps the surname character: `张三` → `张*`, `欧阳娜娜` → `欧***`. */
export function maskName(name: string): string {
  const c = chars(String(name ?? '').trim());
  if (c.length <= 1) return stars(c.length);
  return (c[0] ?? '') + stars(c.length - 1);
}

/** Always `**** **** **** 1234`, so the account length is not disclosed either. */
export function maskBankAccount(account: string): string {
  const c = chars(String(account ?? '').replace(/[\s-]/g, ''));
  if (c.length === 0) return '';
  if (c.length <= 4) return '****';
  return `**** **** **** ${c.slice(-4).join('')}`;
}
