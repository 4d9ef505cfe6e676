import { useCallback } from 'react';
import { isApiError } from '../../api/client';
import { Words, type Dictionary } from '../../i18n/core';
import { useMLang, type MVars } from '../texts';

/**
 * The words of the workers' own pages (/m/help…), Chinese first, plain: a worker with no
 * account reads them, not a screener. They live beside the pages so the screener's bundle and
 * texts stay as they are; the language follows the phone app's switch (MLangContext).
 */
const texts = {
  'help.title': { zh: '职工求助', en: 'Ask the union for help' },
  'help.appTitle': { zh: '爱心联盟 · 职工求助', en: 'UnionCare · Help for workers' },
  'help.intro': {
    zh: '生活遇到困难？工会帮您。不用注册，用手机号就能办。',
    en: 'Having a hard time? The union can help. No account needed, just your mobile number.',
  },
  'help.request': { zh: '我要求助', en: 'Ask for help' },
  'help.requestHint': {
    zh: '说说您家的情况，工会会联系您',
    en: 'Tell us about your family; the union will contact you',
  },
  'help.status': { zh: '查询进度', en: 'Check my requests' },
  'help.statusHint': { zh: '看看您的求助办到哪一步了', en: 'See how far your request has got' },
  'help.selftest': { zh: '建档自测', en: 'Am I eligible?' },
  'help.selftestHint': {
    zh: '估算能否建立困难职工档案，不保存任何信息',
    en: 'A quick estimate of whether you qualify; nothing is stored',
  },
  'help.privacy': {
    zh: '您的信息只用于工会帮扶，不会公开。',
    en: 'What you tell us is used only for union assistance and is never made public.',
  },
  'help.back': { zh: '返回', en: 'Back' },
  'help.home': { zh: '回到职工求助', en: 'Back to help' },

  'otp.phone': { zh: '手机号', en: 'Mobile number' },
  'otp.phoneHint': { zh: '我们会发短信验证码到这个号码', en: 'We text a code to this number' },
  'otp.send': { zh: '获取验证码', en: 'Get a code' },
  'otp.sending': { zh: '发送中…', en: 'Sending…' },
  'otp.resend': { zh: '重新获取', en: 'Send again' },
  'otp.wait': { zh: '{n} 秒后可重发', en: 'Again in {n}s' },
  'otp.sent': {
    zh: '验证码已发送到 {phone}，{min} 分钟内有效',
    en: 'A code was sent to {phone}; it works for {min} minutes',
  },
  'otp.code': { zh: '短信验证码', en: 'Code from the text message' },
  'otp.codeHint': { zh: '6 位数字', en: '6 digits' },
  'otp.needPhone': { zh: '请填写 11 位手机号', en: 'Enter an 11-digit mobile number' },
  'otp.needCode': { zh: '请填写 6 位验证码', en: 'Enter the 6-digit code' },
  'otp.needSend': { zh: '请先获取验证码', en: 'Get a code first' },
  'otp.changePhone': { zh: '换号码', en: 'Change' },

  'req.step1': { zh: '手机号', en: 'Phone' },
  'req.step2': { zh: '家庭情况', en: 'Your family' },
  'req.step3': { zh: '确认提交', en: 'Send' },
  'req.step': { zh: '第 {n}/3 步', en: 'Step {n} of 3' },
  'req.phoneLead': {
    zh: '先验证手机号。工会会用这个号码联系您，您也用它查询进度。',
    en: 'First your mobile number: the union calls you on it, and you use it to check progress.',
  },
  'req.formLead': {
    zh: '带 * 的必须填写，其他的知道就填。',
    en: 'Fields marked * are needed; fill in the rest if you know it.',
  },
  'req.headName': { zh: '户主姓名', en: "Name of the household's head" },
  'req.situation': { zh: '职工情况', en: 'Your work situation' },
  'req.area': { zh: '所在地区', en: 'Where you live' },
  'req.areaHint': { zh: '选到街道或乡镇', en: 'Down to the street or town' },
  'req.address': { zh: '详细地址', en: 'Address' },
  'req.addressHint': { zh: '如：XX社区 XX小区 3号楼 2单元 501', en: 'e.g. community, building, flat' },
  'req.size': { zh: '家里几口人（含户主）', en: 'People in the household (with the head)' },
  'req.income': { zh: '全家一年总收入', en: "The whole family's income in a year" },
  'req.incomeHint': {
    zh: '工资、补贴等加在一起，估个数就行',
    en: 'Wages, benefits and so on; an estimate will do',
  },
  'req.expense': { zh: '一年必须花的钱', en: 'Money you must spend in a year' },
  'req.expenseHint': { zh: '看病、孩子上学等躲不开的开销', en: 'Medical bills, schooling and the like' },
  'req.causes': { zh: '困难的原因（可多选，最多 4 项）', en: 'Why things are hard (up to 4)' },
  'req.members': { zh: '家庭成员（可不填）', en: 'Family members (optional)' },
  'req.membersHint': {
    zh: '户主以外的家人，填关系和姓名即可',
    en: 'Everyone but the head; relation and name are enough',
  },
  'req.member': { zh: '家人 {n}', en: 'Family member {n}' },
  'req.addMember': { zh: '添加家人', en: 'Add a family member' },
  'req.needs': { zh: '最急需解决的问题', en: 'What you need most' },
  'req.needsHint': { zh: '选类型，说说具体需要什么', en: 'Choose a kind and say what you need' },
  'req.need': { zh: '问题 {n}', en: 'Need {n}' },
  'req.addNeed': { zh: '添加一个问题', en: 'Add a need' },
  'req.story': { zh: '我的情况', en: 'In my own words' },
  'req.storyHint': {
    zh: '用自己的话说说家里遇到了什么困难（选填，最多 1000 字）',
    en: 'What has happened to your family, in your own words (optional)',
  },
  'req.codeLead': {
    zh: '输入短信里的验证码，提交求助。',
    en: 'Enter the code from the text message and send.',
  },
  'req.summary': { zh: '{name}，{n} 口人，{area}', en: '{name}, {n} people, {area}' },
  'req.next': { zh: '下一步', en: 'Next' },
  'req.prev': { zh: '上一步', en: 'Back' },
  'req.submit': { zh: '提交', en: 'Send' },
  'req.submitting': { zh: '提交中…', en: 'Sending…' },
  'req.doneTitle': { zh: '已收到您的求助', en: 'We have your request' },
  'req.reference': { zh: '受理编号', en: 'Reference' },
  'req.received': {
    zh: '您的求助已登记，工会工作人员核实后会与您联系。',
    en: 'Your request is registered; union staff will check it and contact you.',
  },
  'req.nextSteps': {
    zh: '工会工作人员会打电话或上门核实情况，请保持手机畅通。',
    en: 'Union staff will call or visit to check the details; keep your phone on.',
  },
  'req.howToCheck': {
    zh: '想知道办到哪一步，点「查询进度」，用同一个手机号获取验证码即可查看。',
    en: 'To see how it is going, tap "Check my requests" and get a code for the same number.',
  },

  'req.offlinePhone': {
    zh: '没有信号也可以先填写，联网后再获取验证码',
    en: 'No signal? Fill it in now and get the code once you are back online',
  },
  'req.offlineCode': {
    zh: '现在没有信号，拿不到验证码。可以先存到手机，联网后获取验证码即可提交。',
    en: 'No signal, so no code for now. Keep it on the phone; once online, get a code and send it.',
  },
  'req.keep': { zh: '存到手机', en: 'Keep on the phone' },
  'req.queuedTitle': { zh: '已存到手机', en: 'Kept on the phone' },
  'req.queuedLead': {
    zh: '联网后自动提交，提交后这里会显示受理编号。',
    en: 'It is sent by itself once you are online; its reference then shows here.',
  },
  'req.queuedNoCode': {
    zh: '联网后获取验证码即可提交：回到「职工求助」，在「待同步」里点「修改」。',
    en: 'Once online, get a code to send it: back on the help page, tap “Edit” under “Waiting to sync”.',
  },
  'req.queuedKeep': {
    zh: '请不要清除手机浏览器的数据，提交成功后手机上的这份内容会自动删除。',
    en: 'Do not clear the browser’s data; once sent, the copy on the phone is deleted.',
  },
  'req.fixLead': {
    zh: '这份求助还没有提交成功，请按提示修改，再获取一个新的验证码提交。',
    en: 'This request has not gone through yet: fix what is marked, then get a new code and send it.',
  },
  'req.loading': { zh: '正在打开…', en: 'Opening…' },
  'req.itemGone': {
    zh: '这份求助已不在手机上：可能已经提交成功，请回到「职工求助」查看受理编号。',
    en: 'This request is no longer on the phone: it may have been sent; see its reference on the help page.',
  },

  'receipt.title': { zh: '已提交的求助', en: 'Requests sent' },
  'receipt.line': { zh: '{name} · {phone} · {time}提交', en: '{name} · {phone} · sent {time}' },
  'receipt.ok': { zh: '知道了', en: 'Got it' },
  'receipt.hint': {
    zh: '请记下受理编号。点「知道了」后，手机上不再保存这条记录。',
    en: 'Note the reference. After “Got it” the phone no longer keeps this record.',
  },

  'queue.field': { zh: '{field}：请修改', en: '{field}: please correct it' },
  'queue.code': { zh: '验证码：请重新获取', en: 'Code: get a new one' },
  'queue.codeMissing': { zh: '验证码：联网后获取', en: 'Code: get one once online' },
  'queue.form': { zh: '求助内容：请修改', en: 'The request: please correct it' },
  'field.idNumber': { zh: '身份证号', en: 'ID number' },
  'field.suddenEvent': { zh: '突发事件', en: 'Sudden event' },

  'status.lead': {
    zh: '用求助时填写的手机号获取验证码，查看办理进度。',
    en: 'Get a code for the number you gave when asking for help.',
  },
  'status.submit': { zh: '查询', en: 'Check' },
  'status.checking': { zh: '查询中…', en: 'Checking…' },
  'status.none': {
    zh: '这个手机号还没有求助记录。',
    en: 'There are no requests for this number.',
  },
  'status.count': { zh: '共 {n} 条记录', en: '{n} request(s)' },
  'status.submitted': { zh: '提交于 {date}', en: 'Sent on {date}' },
  'status.again': { zh: '换个号码查询', en: 'Check another number' },
  'state.received': { zh: '已收到，等待工作人员核实', en: 'Received, waiting for staff to check it' },
  'state.reviewed': { zh: '工作人员已受理', en: 'Taken up by staff' },

  'test.lead': {
    zh: '填几个数字，估算您家能否建立困难职工档案。不需要手机号，不保存任何信息。',
    en: 'A few numbers estimate whether your family qualifies. No phone number; nothing is stored.',
  },
  'test.sudden': { zh: '最近是否遇到突发事件（选填）', en: 'Anything sudden lately? (optional)' },
  'test.suddenHint': { zh: '如：车祸、火灾、重病确诊', en: 'e.g. accident, fire, a serious diagnosis' },
  'test.submit': { zh: '开始测算', en: 'Work it out' },
  'test.working': { zh: '测算中…', en: 'Working…' },
  'test.perCapita': { zh: '每人每月平均', en: 'Per person per month' },
  'test.howTitle': { zh: '怎么算的', en: 'How it was worked out' },
  'test.yes': { zh: '您家可能符合{category}建档条件', en: 'Your family may qualify: {category}' },
  'test.no': { zh: '暂不符合建档标准', en: 'Does not meet the standard for now' },
  'test.noHint': {
    zh: '如果家里确有困难，仍可以提交求助，工会会了解情况。',
    en: 'If times are hard all the same, you can still ask for help; the union will look into it.',
  },
  'test.cat.deep': { zh: '深度困难', en: 'deep difficulty' },
  'test.cat.relative': { zh: '相对困难', en: 'relative difficulty' },
  'test.cat.accident': { zh: '意外致困', en: 'hardship from an accident' },
  'test.note': {
    zh: '这只是估算，结果以工会上门核实为准。本次测算没有保存任何信息。',
    en: 'This is only an estimate; the union’s check decides. Nothing was stored.',
  },
  'test.standard': {
    zh: '{year} 年标准：低保 {min} 元/人/月',
    en: '{year} standard: minimum living {min} yuan/person/month',
  },
  'test.again': { zh: '重新测算', en: 'Try other numbers' },

  'v.phone': { zh: '请填写正确的 11 位手机号', en: 'Enter a valid 11-digit mobile number' },
  'v.required': { zh: '请填写{field}', en: 'Fill in: {field}' },
  'v.choose': { zh: '请选择{field}', en: 'Choose: {field}' },
  'v.area': { zh: '请选到街道或乡镇', en: 'Choose down to the street or town' },
  'v.fix': { zh: '有内容需要修改，请看标红的地方', en: 'Some fields need fixing; see the red text' },

  'error.otp.bad_phone': { zh: '不是有效的手机号', en: 'Not a valid mobile number' },
  'error.otp.too_soon': {
    zh: '验证码发送太频繁，请稍后再试',
    en: 'Please wait before asking for another code',
  },
  'error.otp.rate_limited': {
    zh: '这个号码今天获取验证码次数太多，请 1 小时后再试',
    en: 'Too many codes for this number; try again in an hour',
  },
  'error.otp.invalid': {
    zh: '验证码不对或已过期，请重新获取',
    en: 'The code is wrong or has expired; get a new one',
  },
  'error.self_report.no_federation': {
    zh: '这个地区的工会还没有加入平台，请联系当地工会',
    en: 'The union in this area has not joined yet; contact your local union',
  },
  'error.request.rate_limited': { zh: '操作太频繁，请稍后再试', en: 'Too many tries; wait a little' },
  'error.request.invalid': { zh: '有内容填写不正确，请检查', en: 'Some fields are not valid' },
  'error.screening.invalid': { zh: '有内容填写不正确，请检查', en: 'Some fields are not valid' },
  'error.otp.required': { zh: '联网后获取验证码即可提交', en: 'Get a code once online to send it' },
  'error.client.timeout': { zh: '网络太慢，稍后会再试', en: 'The network is slow; it will try again' },
  'error.client.error': { zh: '没有成功，稍后会再试', en: 'That did not work; it will try again' },
  'error.client.network': { zh: '网络连接失败，请检查网络', en: 'Network error; check your connection' },
  'error.server.error': { zh: '服务器出错了，请稍后再试', en: 'Server error; try again later' },
  'error.auth.csrf': { zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload it' },
  'error.generic': { zh: '没有成功，请稍后再试', en: 'That did not work; try again later' },
  'error.divisions': { zh: '地区列表加载失败', en: 'Could not load the list of areas' },
} satisfies Dictionary;

export type HKey = keyof typeof texts;
export type HTranslate = (key: HKey, vars?: MVars) => string;

/** The workers' pages' words, through the one implementation of the back office and the phone pages. */
const words = new Words(texts);

export function useHT(): HTranslate {
  const lang = useMLang();
  return useCallback<HTranslate>((key, vars) => words.say(key, lang, vars), [lang]);
}

/** A queued request's last error (a code and the server's message) in the workers' words. */
export function useHQueueErrorText(): (code: string, message: string) => string {
  const lang = useMLang();
  return useCallback(
    (code: string) => words.find(`error.${code}`, lang) ?? words.say('error.generic', lang),
    [lang],
  );
}

/** Our words for an error code; the rate-limit plugin's 429 has its own code. */
export function useHErrorText(): (err: unknown) => string {
  const lang = useMLang();
  return useCallback(
    (err: unknown) => {
      if (isApiError(err)) {
        const text =
          words.find(`error.${err.code}`, lang) ??
          (err.status === 429 ? words.find('error.request.rate_limited', lang) : undefined);
        if (text !== undefined) return text;
        return err.status >= 500 ? words.say('error.server.error', lang) : err.title;
      }
      return words.say('error.generic', lang);
    },
    [lang],
  );
}
