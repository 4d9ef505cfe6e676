import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { isApiError } from '../api/client';
import {
  applyDocumentLang,
  readStoredLang,
  storeLang,
  Words,
  type Dictionary,
  type Lang,
  type Vars,
} from '../i18n/core';
import { messages, type MessageKey } from './messages';

export type { Lang, Vars };
export { LANG_STORAGE_KEY } from '../i18n/core';
export type Translate = (key: MessageKey, vars?: Vars) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** For keys built at run time (`orgKind.${kind}`): undefined when the dictionary has none. */
  tryT: (key: string, vars?: Vars) => string | undefined;
}

/** The shell's words, and each feature's once its pages have loaded. */
const words = new Words(messages);

/** Merges a feature's dictionary; the router calls it before the feature's page renders. */
export function addDictionary(dictionary: Dictionary): void {
  words.add(dictionary);
}

function applyLang(lang: Lang): void {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  applyDocumentLang(lang);
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
    storeLang(next);
    applyLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nValue>(() => {
    const tryT = (key: string, vars?: Vars) => words.find(key, lang, vars);
    const t: Translate = (key, vars) => words.say(key, lang, vars);
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
