import { createContext, useCallback, useContext } from 'react';
import { isApiError } from '../api/client';
import {
  applyDocumentLang,
  LANG_STORAGE_KEY,
  readStoredLang as readLang,
  storeLang as keepLang,
  Words,
  type Dictionary,
  type Lang,
  type Vars,
} from '../i18n/core';

/**
 * The words of the phone pages' shell (title, language switch, loading, sign-in, the errors any
 * call may meet), Chinese first. They live apart from web/app/messages.ts because the phone pages
 * are a separate, small bundle that must not carry the back office's dictionary; each system's
 * phone pages add their own (assistance/texts.ts, help/help-texts.ts) on top of SHELL_TEXTS.
 */
export type MLang = Lang;
export { LANG_STORAGE_KEY };

export const SHELL_TEXTS = {
  'app.title': { zh: '爱心联盟 · 摸排', en: 'UnionCare · Screening' },
  'app.desktop': { zh: '电脑版', en: 'Desktop' },
  'app.lang': { zh: 'EN', en: '中文' },
  // The spoken name starts with the visible word, so a voice command "EN" finds the button.
  'app.langLabel': { zh: 'EN · Switch to English', en: '中文 · 切换到中文' },
  'app.loading': { zh: '加载中…', en: 'Loading…' },
  'app.loadFailed': { zh: '加载失败', en: 'Could not load' },
  'app.retry': { zh: '重试', en: 'Try again' },
  'app.noAccess': { zh: '您的账号不能进行摸排', en: 'Your account cannot record screenings' },
  'app.noAccessHint': {
    zh: '如需开通，请联系所属总工会。',
    en: 'Ask your federation if you need to.',
  },
  'app.notFound': { zh: '页面不存在', en: 'Page not found' },
  'app.back': { zh: '返回', en: 'Back' },
  'app.largeText': { zh: '大字', en: 'Large text' },
  'app.largeTextLabel': { zh: '大字模式', en: 'Large text mode' },

  'pwa.update': { zh: '有新版本 · 点此更新', en: 'New version · tap to update' },
  'pwa.offlineReady': {
    zh: '可离线使用：没有网络时也能打开这些页面',
    en: 'Ready offline: these pages open without a network',
  },
  'pwa.dismiss': { zh: '知道了', en: 'OK' },

  'signIn.title': { zh: '登录后开始摸排', en: 'Sign in to record screenings' },
  'signIn.username': { zh: '用户名', en: 'Username' },
  'signIn.password': { zh: '密码', en: 'Password' },
  'signIn.submit': { zh: '登录', en: 'Sign in' },
  'signIn.busy': { zh: '正在登录…', en: 'Signing in…' },
  'signIn.required': { zh: '请填写{field}', en: 'Enter your {field}' },
  'signIn.showPassword': { zh: '显示密码', en: 'Show password' },
  'error.auth.invalid_credentials': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'error.auth.locked': {
    zh: '账号已临时锁定，请稍后再试',
    en: 'The account is locked for a while; try again later',
  },
  'error.generic': { zh: '操作失败，请稍后再试', en: 'That did not work; try again later' },
  'error.client.network': { zh: '网络连接失败，请检查网络', en: 'Network error; check your connection' },
  'error.client.bad_response': { zh: '服务器返回了无法识别的数据', en: 'Unexpected server response' },
  'error.server.error': { zh: '服务器出错了，请稍后再试', en: 'Server error; try again later' },
  'error.auth.csrf': { zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload it' },
  'error.auth.forbidden': { zh: '无权执行此操作', en: 'You may not do this' },
  'error.auth.unauthenticated': { zh: '请先登录', en: 'Please sign in' },
  'error.auth.session_revoked': {
    zh: '此手机的登录已被管理员结束，手机上未提交的内容已删除',
    en: 'An administrator signed this phone out; what it kept unsent was deleted',
  },
  'error.auth.session_expired': { zh: '登录已过期，请重新登录', en: 'Your session expired' },
  'error.request.invalid': { zh: '有内容填写不正确，请检查', en: 'Some fields are not valid' },
  'error.request.rate_limited': { zh: '操作太频繁，请稍后再试', en: 'Too many requests; slow down' },
  'app.home': { zh: '返回首页', en: 'Back to start' },
} satisfies Dictionary;

export type MKey = keyof typeof SHELL_TEXTS;
export type MVars = Vars;
export type MTranslate = (key: MKey, vars?: MVars) => string;

/** The shell's words, through the same implementation as the back office's (web/i18n/core.ts). */
const words = new Words(SHELL_TEXTS);

/** A key the table lacks (a field name from a newer server) shows as itself, never as a crash. */
const say = (key: string, lang: MLang, vars?: MVars) => words.say(key, lang, vars);

export function translate(lang: MLang): MTranslate {
  return (key, vars) => say(key, lang, vars);
}

/** The language of the screening form: the phone app's own switch, or the back office's. */
export const MLangContext = createContext<MLang>('zh');

export function useMLang(): MLang {
  return useContext(MLangContext);
}

export function useMT(): MTranslate {
  const lang = useMLang();
  return useCallback<MTranslate>((key, vars) => say(key, lang, vars), [lang]);
}

/** Our words for a known error code, else the server's title. */
export function useMErrorText(): (err: unknown) => string {
  const lang = useMLang();
  return useCallback(
    (err: unknown) => {
      if (isApiError(err)) {
        return words.find(`error.${err.code}`, lang) ?? err.title;
      }
      return SHELL_TEXTS['error.generic'][lang];
    },
    [lang],
  );
}

/** The 大字 switch (适老化): kept on this phone, applied as a class on <html> (mobile.css). */
const LARGE_TEXT_KEY = 'uc_m_large_text';

export function readStoredLargeText(): boolean {
  try {
    return window.localStorage.getItem(LARGE_TEXT_KEY) === '1';
  } catch {
    return false;
  }
}

export function storeLargeText(on: boolean): void {
  try {
    window.localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
  } catch {
    // private mode: the switch holds for this visit only
  }
  document.documentElement.classList.toggle('m-large-text', on);
}

export function readStoredLang(): MLang {
  return readLang();
}

export function storeLang(lang: MLang): void {
  keepLang(lang);
  applyDocumentLang(lang);
}
