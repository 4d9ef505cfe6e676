import { useCallback } from 'react';
import { isApiError } from '../../api/client';
import { Words, type Dictionary } from '../../i18n/core';
import { SHELL_TEXTS, useMLang, type MLang, type MVars } from '../texts';

/**
 * The words of the screeners' pages and the screening form (home, steps, fields, checks, result,
 * drafts), Chinese first, on top of the shell's (SHELL_TEXTS); the desktop 新增摸排 page uses the
 * same form and these words. Enum labels (situations, needs, causes…) come from
 * features/assistance/core/labels.ts.
 */
const texts = {
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
  'save.phone': {
    zh: '没有网络：已存在手机上 {time}，联网后自动保存为草稿',
    en: 'No network: kept on the phone {time}; saved as a draft once online',
  },
  'home.onPhone': { zh: '存在手机上的填写（{n}）', en: 'Kept on this phone ({n})' },
  'home.onPhoneHint': {
    zh: '没有网络时填写的内容，联网后打开会自动保存为草稿。',
    en: 'Filled in with no network; opened online, they are saved as drafts.',
  },
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
  'result.revisit': { zh: '已记入这户的复访', en: 'Recorded as a return visit to this household' },
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

  'error.screening.invalid': { zh: '有内容填写不正确，请检查', en: 'Some fields are not valid' },
  'error.screening.campaign_unknown': {
    zh: '所选摸排行动不存在，请重新选择',
    en: 'Unknown campaign; choose again',
  },
  'error.screening.household_changed': {
    zh: '这户已被他人修改，请对比后重新提交',
    en: 'Someone changed this household; compare and send again',
  },
  'error.draft.stale': { zh: '草稿已在别处修改', en: 'The draft was changed elsewhere' },
  'error.draft.not_found': { zh: '草稿已提交或已删除', en: 'The draft was submitted or deleted' },

  'v.revisitIdNumber': { zh: '不是这户登记的身份证号', en: "Not this household's ID number" },

  'revisit.banner': {
    zh: '复访：{name}。已登记的身份证号（{id}）和手机号（{phone}）不用再填，不填则保持不变。',
    en: 'Return visit: {name}. The ID number ({id}) and phone ({phone}) on record stay as they are unless you type new ones.',
  },
  'revisit.title': { zh: '带到手机的走访户（{n}）', en: 'Households on this phone ({n})' },
  'revisit.none': {
    zh: '还没有带到手机的户。联网时搜索姓名或地址，点“带到手机”，没有信号也能复访。',
    en: 'None yet. While online, search a name or address and tap "Take along" to revisit with no signal.',
  },
  'revisit.search': {
    zh: '搜索本单位的户（姓名、地址或档案号）',
    en: 'Find a household (name, address or file no.)',
  },
  'revisit.searchBtn': { zh: '搜索', en: 'Search' },
  'revisit.noHits': { zh: '没有找到', en: 'Nothing found' },
  'revisit.take': { zh: '带到手机', en: 'Take along' },
  'revisit.taken': { zh: '已带到手机', en: 'On this phone' },
  'revisit.start': { zh: '开始复访', en: 'Start the visit' },
  'revisit.remove': { zh: '移除', en: 'Remove' },
  'revisit.needsNetwork': { zh: '搜索需要联网', en: 'Searching needs a network' },
  'revisit.gone': { zh: '这户已不在手机上', en: 'This household is no longer on the phone' },
  'revisit.fetched': { zh: '{time} 取到手机', en: 'Taken {time}' },

  'queued.title': { zh: '已存到手机', en: 'Kept on this phone' },
  'queued.waiting': {
    zh: '联网后会自动提交，不用重新填写。可在首页“待同步”里查看。',
    en: 'It is sent by itself when the network is back. See "Waiting to sync" on the start page.',
  },
  'queued.conflict': {
    zh: '这户在您走访期间已被他人修改。请逐项对比后再提交。',
    en: 'Someone changed this household meanwhile. Compare field by field, then send.',
  },
  'queued.compare': { zh: '现在对比', en: 'Compare now' },

  'sync.title': { zh: '逐项对比 · {name}', en: 'Compare field by field · {name}' },
  'sync.gone': { zh: '这条记录已处理', en: 'This record was dealt with' },
  'sync.theirs': { zh: '服务器上现在的内容（第 {version} 版）', en: 'On the server now (version {version})' },

  'offline.banner': {
    zh: '离线 · 填写的内容存在手机上，联网后自动提交',
    en: 'Offline · what you fill in stays on the phone and is sent when the network is back',
  },
  signOut: { zh: '退出登录', en: 'Sign out' },
  'signOut.confirm': {
    zh: '还有 {n} 条未同步的记录。退出后会从手机上删除。要先导出吗？',
    en: '{n} records have not been sent. Signing out deletes them from the phone. Export them first?',
  },
  'signOut.export': { zh: '先导出', en: 'Export first' },
  'signOut.anyway': { zh: '仍然退出', en: 'Sign out anyway' },
  'signOut.cancel': { zh: '取消', en: 'Cancel' },
} satisfies Dictionary;

export type SKey = keyof typeof texts | keyof typeof SHELL_TEXTS;
export type STranslate = (key: SKey, vars?: MVars) => string;

/** The screeners' dictionary after the shell's, through the one implementation (web/i18n/core.ts). */
const words = new Words(SHELL_TEXTS);
words.add(texts);

/** A key the table lacks (a field name from a newer server) shows as itself, never as a crash. */
export function translateS(lang: MLang): STranslate {
  return (key, vars) => words.say(key, lang, vars);
}

export function useST(): STranslate {
  const lang = useMLang();
  return useCallback<STranslate>((key, vars) => words.say(key, lang, vars), [lang]);
}

/** Our words for a known error code, else the server's title. */
export function useSErrorText(): (err: unknown) => string {
  const lang = useMLang();
  return useCallback(
    (err: unknown) => {
      if (isApiError(err)) {
        return words.find(`error.${err.code}`, lang) ?? err.title;
      }
      return words.say('error.generic', lang);
    },
    [lang],
  );
}
