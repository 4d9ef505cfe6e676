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
 * The texts of the screening form and the phone pages, Chinese first. They live apart from
 * web/app/messages.ts because the phone pages are a separate, small bundle that must not carry
 * the back office's dictionary; the desktop 新增摸排 page uses the same form and these texts.
 * Enum labels (situations, needs, causes…) come from features/assistance/core/labels.ts.
 */
export type MLang = Lang;
export { LANG_STORAGE_KEY };

const texts = {
  'app.title': { zh: '爱心联盟 · 摸排', en: 'UnionCare · Screening' },
  'app.desktop': { zh: '电脑版', en: 'Desktop' },
  'app.lang': { zh: 'EN', en: '中文' },
  'app.langLabel': { zh: 'Switch to English', en: '切换到中文' },
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

  'home.title': { zh: '我的摸排', en: 'My screenings' },
  'home.hello': { zh: '{name}，您好', en: 'Hello, {name}' },
  'home.new': { zh: '新摸排', en: 'New screening' },
  'home.drafts': { zh: '草稿（{n}）', en: 'Drafts ({n})' },
  'home.noDrafts': {
    zh: '没有未提交的草稿。填写中的摸排会自动保存为草稿。',
    en: 'No drafts. A screening in progress is saved as a draft automatically.',
  },
  'home.unnamed': { zh: '（未填写户主姓名）', en: '(no name yet)' },
  'home.updated': { zh: '保存于 {time}', en: 'Saved {time}' },
  'home.continue': { zh: '继续填写', en: 'Continue' },
  'home.discard': { zh: '删除', en: 'Delete' },
  'home.discardConfirm': { zh: '确认删除', en: 'Really delete' },
  'home.discarded': { zh: '草稿已删除', en: 'Draft deleted' },
  'home.draftGone': {
    zh: '该草稿已提交或已删除',
    en: 'That draft was submitted or deleted',
  },

  'step.head': { zh: '户主', en: 'Head' },
  'step.members': { zh: '家庭成员', en: 'Members' },
  'step.money': { zh: '收入支出', en: 'Income' },
  'step.needs': { zh: '困难与需求', en: 'Needs' },
  'step.leads': { zh: '线索', en: 'Leads' },
  'step.submit': { zh: '提交', en: 'Submit' },
  'step.of': { zh: '第 {n}/{total} 步', en: 'Step {n} of {total}' },
  'nav.prev': { zh: '上一步', en: 'Back' },
  'nav.next': { zh: '下一步', en: 'Next' },
  'nav.submit': { zh: '提交摸排', en: 'Submit' },
  'nav.submitting': { zh: '提交中…', en: 'Submitting…' },

  'save.saving': { zh: '正在保存草稿…', en: 'Saving draft…' },
  'save.saved': { zh: '草稿已保存 {time}', en: 'Draft saved {time}' },
  'save.savedAsNew': {
    zh: '草稿已在别处修改，已另存为新草稿 {time}',
    en: 'The draft was changed elsewhere; saved as a new draft {time}',
  },
  'save.failed': { zh: '草稿未保存（{reason}），稍后自动重试', en: 'Draft not saved ({reason}); will retry' },
  'save.none': { zh: '填写后自动保存为草稿', en: 'Saved as a draft as you type' },

  'f.headName': { zh: '户主姓名', en: "Head's name" },
  'f.idNumber': { zh: '身份证号', en: 'ID number' },
  'f.idNumberHint': { zh: '选填，18 位', en: 'Optional, 18 characters' },
  'f.phone': { zh: '手机号', en: 'Mobile' },
  'f.phoneHint': { zh: '选填', en: 'Optional' },
  'f.situation': { zh: '人员类别', en: 'Situation' },
  'f.division': { zh: '街道 / 乡镇', en: 'Street / town' },
  'f.divisionIn': { zh: '街道 / 乡镇（{county}）', en: 'Street / town ({county})' },
  'f.address': { zh: '社区及详细地址', en: 'Community and address' },
  'f.addressHint': { zh: '如：XX社区 XX小区 3号楼 2单元 501', en: 'e.g. community, building, flat' },
  'f.choose': { zh: '请选择', en: 'Choose' },
  'f.size': { zh: '家庭人口（含户主）', en: 'Household size (with the head)' },
  'f.sizeMinus': { zh: '减少一人', en: 'One fewer' },
  'f.sizePlus': { zh: '增加一人', en: 'One more' },
  'f.members': { zh: '家庭成员', en: 'Household members' },
  'f.membersHint': {
    zh: '户主以外的成员，可只填关系和姓名。',
    en: 'Everyone but the head; relation and name are enough.',
  },
  'f.member': { zh: '成员 {n}', en: 'Member {n}' },
  'f.addMember': { zh: '添加成员', en: 'Add a member' },
  'f.remove': { zh: '移除', en: 'Remove' },
  'f.relation': { zh: '与户主关系', en: 'Relation' },
  'f.name': { zh: '姓名', en: 'Name' },
  'f.age': { zh: '年龄', en: 'Age' },
  'f.school': { zh: '就学情况', en: 'School' },
  'f.schoolHint': { zh: '如：小学三年级', en: 'e.g. primary year 3' },
  'f.health': { zh: '健康状况', en: 'Health' },
  'f.work': { zh: '工作情况', en: 'Work' },
  'f.monthlyIncome': { zh: '月收入（元）', en: 'Monthly income (yuan)' },
  'f.more': { zh: '更多信息', en: 'More' },
  'f.income': { zh: '家庭年收入（元）', en: 'Household yearly income (yuan)' },
  'f.incomeHint': {
    zh: '全家过去 12 个月的总收入',
    en: 'Everyone’s income over the last 12 months',
  },
  'f.expense': { zh: '刚性支出（元/年）', en: 'Rigid expenses (yuan/year)' },
  'f.expenseHint': { zh: '医疗、子女上学等必需支出', en: 'Medical costs, schooling and the like' },
  'f.perCapita': {
    zh: '估算人均月收入：{amount} 元（以核实和建档标准为准）',
    en: 'Estimated per-capita monthly income: ¥{amount} (the verification and the standard decide)',
  },
  'f.causes': { zh: '致困原因（最多 4 项）', en: 'Causes (up to 4)' },
  'f.suddenEvent': { zh: '突发事件', en: 'Sudden event' },
  'f.suddenEventHint': { zh: '如：车祸、火灾、重病确诊（没有可不填）', en: 'e.g. accident, fire, diagnosis' },
  'f.needs': { zh: '最急需解决的问题', en: 'Most urgent problems' },
  'f.needsHint': {
    zh: '每项需求选择类型和紧急程度，并简要说明。',
    en: 'For each need choose a kind and urgency and say what it is.',
  },
  'f.need': { zh: '需求 {n}', en: 'Need {n}' },
  'f.addNeed': { zh: '添加需求', en: 'Add a need' },
  'f.needKind': { zh: '需求类型', en: 'Kind' },
  'f.urgency': { zh: '紧急程度', en: 'Urgency' },
  'f.description': { zh: '具体情况', en: 'What is needed' },
  'f.noNeeds': { zh: '暂未添加需求', en: 'No needs yet' },
  'f.leads': { zh: '线索内容', en: 'What you learned' },
  'f.leadsHint': {
    zh: '邻居反映、社区掌握的情况等，仅本组织和总工会可见。',
    en: 'What neighbours or the community said; only your organisation and the federation see it.',
  },
  'f.method': { zh: '摸排方式', en: 'Method' },
  'f.screenedOn': { zh: '摸排日期', en: 'Date' },
  'f.campaign': { zh: '摸排行动', en: 'Campaign' },
  'f.noCampaign': { zh: '不属于摸排行动', en: 'No campaign' },
  'f.review': { zh: '请核对后提交', en: 'Check and submit' },
  'f.edit': { zh: '修改', en: 'Edit' },
  'f.none': { zh: '无', en: 'None' },
  'f.people': { zh: '{n} 人', en: '{n}' },
  'f.needCount': { zh: '{n} 项（紧急 {urgent} 项）', en: '{n} ({urgent} urgent)' },

  'v.required': { zh: '请填写{field}', en: '{field} is required' },
  'v.choose': { zh: '请选择{field}', en: 'Choose {field}' },
  'v.idNumber': { zh: '身份证号不正确，请核对', en: 'Not a valid ID number' },
  'v.phone': { zh: '不是有效的手机号', en: 'Not a mainland mobile number' },
  'v.amount': { zh: '请输入金额，最多两位小数', en: 'Enter an amount, at most 2 decimals' },
  'v.size': { zh: '人口须为 1–30 的整数', en: 'A whole number from 1 to 30' },
  'v.sizeMembers': {
    zh: '家庭人口不能少于户主加成员人数（{n} 人）',
    en: 'At least the head plus the members ({n})',
  },
  'v.age': { zh: '年龄须为 0–120 的整数', en: 'A whole number from 0 to 120' },
  'v.tooLong': { zh: '内容太长', en: 'Too long' },
  'v.control': { zh: '含有无法识别的字符，请删除', en: 'Holds characters that cannot be kept; remove them' },
  'v.amountMax': { zh: '金额不能超过 {max} 元', en: 'At most {max} yuan' },
  'v.noSuchDate': { zh: '日期不存在，请核对', en: 'There is no such date' },
  'v.invalid': { zh: '内容有误', en: 'Not valid' },
  'v.date': { zh: '请选择日期', en: 'Choose a date' },
  'v.fixErrors': { zh: '请先修改标红的内容', en: 'Fix the marked fields first' },

  'result.title': { zh: '摸排已提交', en: 'Screening submitted' },
  'result.new': { zh: '新建户', en: 'A new household was created' },
  'result.id_number': {
    zh: '已与已有户合并（身份证号一致）',
    en: 'Added to an existing household (same ID number)',
  },
  'result.phone_name': {
    zh: '已与已有户合并（手机号+姓名一致）',
    en: 'Added to an existing household (same phone and name)',
  },
  'result.near': {
    zh: '疑似重复 {n} 户待核对',
    en: '{n} possible duplicate(s) to check',
  },
  'result.assigned': { zh: '已分派给 {org}', en: 'Assigned to {org}' },
  'result.unassigned': { zh: '尚未分派负责组织', en: 'No responsible organisation yet' },
  'result.again': { zh: '再摸排一户', en: 'Screen another household' },
  'result.home': { zh: '返回首页', en: 'Back to start' },
  'result.open': { zh: '查看该户', en: 'Open the household' },

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
  'error.auth.session_expired': { zh: '登录已过期，请重新登录', en: 'Your session expired' },
  'error.request.invalid': { zh: '有内容填写不正确，请检查', en: 'Some fields are not valid' },
  'error.request.rate_limited': { zh: '操作太频繁，请稍后再试', en: 'Too many requests; slow down' },
  'error.screening.invalid': { zh: '有内容填写不正确，请检查', en: 'Some fields are not valid' },
  'error.screening.campaign_unknown': {
    zh: '所选摸排行动不存在，请重新选择',
    en: 'Unknown campaign; choose again',
  },
  'error.draft.stale': { zh: '草稿已在别处修改', en: 'The draft was changed elsewhere' },
  'error.draft.not_found': { zh: '草稿已提交或已删除', en: 'The draft was submitted or deleted' },
} satisfies Dictionary;

export type MKey = keyof typeof texts;
export type MVars = Vars;
export type MTranslate = (key: MKey, vars?: MVars) => string;

/** The phone pages' words, through the same implementation as the back office's (web/i18n/core.ts). */
const words = new Words(texts);

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
      return texts['error.generic'][lang];
    },
    [lang],
  );
}

export function readStoredLang(): MLang {
  return readLang();
}

export function storeLang(lang: MLang): void {
  keepLang(lang);
  applyDocumentLang(lang);
}
