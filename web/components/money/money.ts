/**
 * Money is integer fen (分) in the API and yuan (元) on screen. Conversions go through text so
 * 0.1 + 0.2 never becomes a fen off: "1234.5" → 123450.
 */
const YUAN = /^\s*(\d{1,9})(?:\.(\d{0,2}))?\s*$/;

/** Fen from what a person typed in yuan; undefined when it is not an amount with at most 2 decimals. */
export function yuanTextToFen(text: string): number | undefined {
  const m = YUAN.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Fen from an InputNumber's yuan value (a float): rounded to the fen. */
export function yuanToFen(yuan: number | null | undefined): number | undefined {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return undefined;
  return Math.round(yuan * 100);
}

/** Yuan as a number for an InputNumber. */
export const fenToYuan = (fen: number): number => fen / 100;

/** Yuan as text for an input: no trailing ".00". */
export function fenToYuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const whole = Math.floor(fen / 100);
  const rest = fen % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

/** `12,345.60 元` / `¥12,345.60` for reading. */
export function formatYuan(fen: number | null | undefined, lang: 'zh' | 'en' = 'zh'): string {
  if (fen === null || fen === undefined) return '';
  const text = (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return lang === 'zh' ? `${text} 元` : `¥${text}`;
}

/**
 * The server masks an ID number as fourteen stars and the last four characters; six stars say
 * the same in less room: `******0021`.
 */
export function shortMask(masked: string | null | undefined): string | null {
  if (!masked) return null;
  return masked.replace(/\*{7,}/, '******');
}
