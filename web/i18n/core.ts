/**
 * The one i18n implementation of the back office (web/app/i18n.tsx) and the phone pages
 * (web/mobile/texts.ts): Chinese first, a dictionary is `key → { zh, en }`, `{name}` fills in,
 * the choice of language is remembered in localStorage and shared by both apps.
 */
export type Lang = 'zh' | 'en';

export interface Entry {
  zh: string;
  en: string;
}

/** A dictionary: `satisfies Dictionary` makes a Chinese text without its English twin fail `tsc`. */
export type Dictionary = Record<string, Entry>;

export type Vars = Record<string, string | number>;

export const LANG_STORAGE_KEY = 'uc.lang';

export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function readStoredLang(): Lang {
  try {
    return window.localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    // Private mode or a locked-down browser: fall back to Chinese, the platform's language.
    return 'zh';
  }
}

export function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Not persisted, but the switch still applies to this tab.
  }
}

export function applyDocumentLang(lang: Lang): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/**
 * The words an app knows so far: its own dictionary first, then those its pages bring when
 * they load (merged before the page renders, so no key ever shows as itself).
 */
export class Words {
  private readonly table: Dictionary;

  constructor(base: Dictionary) {
    this.table = { ...base };
  }

  add(dictionary: Dictionary): void {
    Object.assign(this.table, dictionary);
  }

  has(key: string): boolean {
    return key in this.table;
  }

  /** The text, or undefined when no loaded dictionary has the key. */
  find(key: string, lang: Lang, vars?: Vars): string | undefined {
    const entry = this.table[key];
    return entry ? interpolate(entry[lang], vars) : undefined;
  }

  /** The text; a key no loaded dictionary has shows as itself, never as a crash. */
  say(key: string, lang: Lang, vars?: Vars): string {
    return this.find(key, lang, vars) ?? key;
  }
}
