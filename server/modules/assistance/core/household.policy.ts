import type { HouseholdState } from '../../../../contracts/assistance';

/** Names compare without spaces (full-width ones included) and with the middle dot of minority names unified. */
export function normalizeName(name: string): string {
  return name.replace(/[\s\u3000]/g, '').replace(/[·•‧]/g, '·');
}

/**
 * Search tokens: every character bigram of the text (so 两字 words match), plus single
 * characters for one-character names and queries. Latin letters and digits are lower-cased.
 */
export function searchTokens(...texts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    const chars = [...t.toLowerCase().replace(/[\s\u3000,，.。、;；:：()（）\-—#号]/g, '')];
    for (let i = 0; i < chars.length; i++) {
      out.add(chars[i]);
      if (i + 1 < chars.length) out.add(chars[i] + chars[i + 1]);
    }
  }
  return [...out];
}

/** The tokens a query must all find: bigrams, or the single character of a one-character query. */
export function queryTokens(q: string): string[] {
  const chars = [...q.toLowerCase().replace(/[\s\u3000]/g, '')];
  if (chars.length === 1) return chars;
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return [...out];
}

/** States in which a new screening still refreshes the household's figures. */
export function takesScreeningUpdates(state: HouseholdState): boolean {
  return state === 'screened';
}

/** What a household's case may do next, by state: the one table the service checks. */
const TRANSITIONS: Record<string, HouseholdState[]> = {
  verify: ['unverified', 'screened', 'verifying', 'assisted_below_standard'],
  archive: ['verifying'],
  below_standard: ['screened', 'verifying'],
  close: ['unverified', 'screened', 'verifying', 'assisted_below_standard'],
  reopen: ['closed'],
};

export function mayTransition(step: keyof typeof TRANSITIONS, state: HouseholdState): boolean {
  return TRANSITIONS[step].includes(state);
}

/** Archive numbers: jurisdiction division code, year and a five-digit sequence, e.g. 640381-2023-00017. */
export function archiveNumber(divisionCode: string, year: number, seq: number): string {
  return `${divisionCode}-${year}-${String(seq).padStart(5, '0')}`;
}
