import { useCallback } from 'react';
import { Words, type Dictionary, type Vars } from '../../../i18n/core';
import { useMLang } from '../../texts';

/**
 * The offline kit's own words (the queue panel, the conflict view), Chinese first and plain: an
 * older worker reads them on a small screen. Any system's phone pages that reuse the kit get
 * them with it; the language follows the phone app's switch (MLangContext).
 */
const texts = {
  'offline.title': { zh: '待同步', en: 'Waiting to sync' },
  'offline.count': { zh: '{n} 条未提交', en: '{n} not sent yet' },
  'offline.none': {
    zh: '全部已提交，手机上没有待同步的内容。',
    en: 'Everything is sent; nothing waits on this phone.',
  },
  'offline.online': { zh: '在线 · 会自动提交', en: 'Online · sent automatically' },
  'offline.offline': { zh: '离线 · 联网后自动提交', en: 'Offline · sent when you are back online' },
  'offline.syncNow': { zh: '立即同步', en: 'Sync now' },
  'offline.syncing': { zh: '正在同步…', en: 'Syncing…' },
  'offline.exportAll': { zh: '全部导出', en: 'Export all' },

  'offline.state.waiting': { zh: '等待提交', en: 'Waiting' },
  'offline.state.sending': { zh: '正在提交', en: 'Sending' },
  'offline.state.conflict': { zh: '有冲突，需要您处理', en: 'Conflict: your choice needed' },
  'offline.state.invalid': { zh: '有内容要修改', en: 'Needs a correction' },
  'offline.state.blocked': { zh: '暂停：请重新登录', en: 'Paused: sign in again' },

  'offline.savedNow': { zh: '刚刚保存', en: 'Saved just now' },
  'offline.savedMinutes': { zh: '{n} 分钟前保存', en: 'Saved {n} min ago' },
  'offline.savedHours': { zh: '{n} 小时前保存', en: 'Saved {n} h ago' },
  'offline.savedDays': { zh: '{n} 天前保存', en: 'Saved {n} days ago' },
  'offline.attempts': { zh: '已尝试 {n} 次', en: 'Tried {n} times' },
  'offline.lastError': { zh: '上次：{reason}', en: 'Last try: {reason}' },

  'offline.resolve': { zh: '处理冲突', en: 'Resolve' },
  'offline.edit': { zh: '修改', en: 'Edit' },
  'offline.export': { zh: '导出', en: 'Export' },
  'offline.delete': { zh: '删除', en: 'Delete' },
  'offline.deleteTitle': { zh: '删除这条记录？', en: 'Delete this record?' },
  'offline.deleteBody': {
    zh: '“{label}”还没有提交。删除后，手机上的这份内容就没有了，无法找回。需要的话，请先导出。',
    en: '“{label}” has not been sent. Once deleted it is gone from this phone for good. Export it first if you need it.',
  },
  'offline.deleteYes': { zh: '删除，不要了', en: 'Delete it' },
  'offline.cancel': { zh: '取消', en: 'Cancel' },

  'conflict.title': { zh: '别人已改过这条记录', en: 'Someone changed this record' },
  'conflict.intro': {
    zh: '您离线时，服务器上的这条记录被修改了。请逐项选择保留哪一个。',
    en: 'While you were offline the record changed on the server. Choose, field by field, what to keep.',
  },
  'conflict.mine': { zh: '我的', en: 'Mine' },
  'conflict.theirs': { zh: '服务器上的', en: 'On the server' },
  'conflict.useMine': { zh: '用我的', en: 'Use mine' },
  'conflict.useTheirs': { zh: '用服务器的', en: 'Use the server’s' },
  'conflict.useEdited': { zh: '自己改', en: 'Write my own' },
  'conflict.empty': { zh: '（空）', en: '(empty)' },
  'conflict.same': { zh: '{n} 项两边相同', en: '{n} fields are the same' },
  'conflict.left': { zh: '还有 {n} 项没选', en: '{n} fields still to choose' },
  'conflict.done': { zh: '确定，重新提交', en: 'Done, send again' },
  'conflict.cancel': { zh: '稍后再处理', en: 'Later' },
} satisfies Dictionary;

export type OKey = keyof typeof texts;
export type OTranslate = (key: OKey, vars?: Vars) => string;

const words = new Words(texts);

/** The kit's words in the phone app's language. */
export function useOT(): OTranslate {
  const lang = useMLang();
  return useCallback<OTranslate>((key, vars) => words.say(key, lang, vars), [lang]);
}

/** "3 分钟前保存": how long ago `at` was, in the kit's words. */
export function savedAgo(t: OTranslate, at: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return t('offline.savedNow');
  if (minutes < 60) return t('offline.savedMinutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('offline.savedHours', { n: hours });
  return t('offline.savedDays', { n: Math.floor(hours / 24) });
}
