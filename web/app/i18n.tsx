import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { isApiError } from '../api/client';
import { messages, type Entry, type MessageKey } from './messages';

export type Lang = 'zh' | 'en';
export const LANG_STORAGE_KEY = 'uc.lang';

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** For keys built at run time (`orgKind.${kind}`): undefined when the dictionary has none. */
  tryT: (key: string, vars?: Vars) => string | undefined;
}

const dictionary: Record<string, Entry> = messages;

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

function readStoredLang(): Lang {
  try {
    return window.localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    // Private mode or a locked-down browser: fall back to Chinese, the platform's language.
    return 'zh';
  }
}

function applyLang(lang: Lang): void {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = readStoredLang();
    applyLang(initial);
    return initial;
  });

  useEffect(() => applyLang(lang), [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // Not persisted, but the switch still applies to this tab.
    }
    applyLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nValue>(() => {
    const tryT = (key: string, vars?: Vars) => {
      const entry = dictionary[key];
      return entry ? interpolate(entry[lang], vars) : undefined;
    };
    const t: Translate = (key, vars) => interpolate(messages[key][lang], vars);
    return { lang, setLang, t, tryT };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs <I18nProvider>');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}

/** A message for any thrown error: our text for known API codes, else the server's title. */
export function useErrorText(): (err: unknown) => string {
  const { t, tryT } = useI18n();
  return useCallback(
    (err: unknown) => {
      if (isApiError(err)) return tryT(`error.${err.code}`) ?? err.title;
      return t('error.generic');
    },
    [t, tryT],
  );
}
