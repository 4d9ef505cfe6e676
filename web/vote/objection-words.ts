import { Words, type Dictionary, type Lang, type Vars } from '../i18n/core';
import type { FieldProblem, ObjectionField } from './objection-model';

/**
 * The objection page's words, Chinese first, loaded with that page only (the candidate list
 * does not carry them). Plain, short sentences for older workers: what to do, what happens next.
 */
const OBJECTION_WORDS = {
  'obj.title': { zh: '对公示结果提出异议', en: 'Object to the published result' },
  'obj.intro': {
    zh: '评选结果正在公示。您如果认为某位候选人的事迹、资格或得票有问题，可以在这里写下来，主办单位会逐件核实并答复。',
    en: 'The result is on public notice. If you think something about a candidate — the story, eligibility or votes — is wrong, write it here; the organisers check and answer each objection.',
  },
  'obj.until': { zh: '公示截止：{at}（北京时间）', en: 'The notice closes {at} (Beijing time)' },
  'obj.private': {
    zh: '您的姓名和手机号不会公开，主办单位只看到“会员职工”或“社会公众”。',
    en: 'Your name and number are not made public; the organisers see only “member” or “public”.',
  },
  'obj.noRush': {
    zh: '不用着急，慢慢写；写好后点“提交异议”。',
    en: 'Take your time; when you are done, press “Send the objection”.',
  },
  'obj.closed': {
    zh: '现在不在公示期，不能提出新的异议。您以前提出的异议和答复见下方。',
    en: 'The notice is not open now, so no new objection can be sent. Your earlier objections and their answers are below.',
  },
  'obj.signInFirst': {
    zh: '提出异议前，请先用手机号和短信验证码登录。',
    en: 'Sign in with your mobile number and a text code before you object.',
  },
  'obj.signIn': { zh: '登录后提出异议', en: 'Sign in to object' },
  'obj.about': { zh: '对哪位候选人有异议', en: 'Which candidate is it about' },
  'obj.aboutAll': { zh: '不针对某一位，对整个评选结果', en: 'No one candidate: the result as a whole' },
  'obj.candidate': { zh: '{n} 号 {name}（{unit}）', en: 'No. {n} {name} ({unit})' },
  'obj.text': { zh: '异议内容', en: 'Your objection' },
  'obj.textHint': {
    zh: '请写明您了解到的事实和理由，有证明人或材料的也请写上。',
    en: 'Write what you know and why; name any witness or document.',
  },
  'obj.submit': { zh: '提交异议', en: 'Send the objection' },
  'obj.sending': { zh: '正在提交…', en: 'Sending…' },
  'obj.sent': {
    zh: '您的异议已提交。主办单位答复后，答复会显示在下面“我的异议”里。',
    en: 'Your objection is sent. When the organisers answer, the answer shows below under “My objections”.',
  },
  'obj.fixFields': { zh: '请按提示修改后再提交。', en: 'Please correct what is marked, then send again.' },
  'obj.field.candidateId': { zh: '候选人', en: 'Candidate' },
  'obj.field.text': { zh: '异议内容', en: 'Your objection' },
  'obj.problem.required': { zh: '{field}：请填写。', en: '{field}: please fill this in.' },
  'obj.problem.too_long': {
    zh: '{field}：写得太长了，请删短一些再提交。',
    en: '{field}: this is too long; shorten it and send again.',
  },
  'obj.problem.bad_chars': {
    zh: '{field}：含有不能识别的字符，请删去后再提交。',
    en: '{field}: it has characters that cannot be read; remove them and send again.',
  },
  'obj.problem.not_candidate': {
    zh: '{field}：这位不是本次评选的候选人，请重新选择。',
    en: '{field}: this is not a candidate of this vote; choose again.',
  },
  'obj.problem.invalid': {
    zh: '{field}：填写的内容不对，请检查。',
    en: '{field}: this is not right; check it.',
  },
  'obj.mine': { zh: '我的异议', en: 'My objections' },
  'obj.mineNone': { zh: '您还没有提出过异议。', en: 'You have not sent an objection.' },
  'obj.mineOpen': { zh: '有 {n} 件还在等待答复。', en: '{n} still waiting for an answer.' },
  'obj.sentAt': { zh: '提交时间：{at}', en: 'Sent {at}' },
  'obj.answeredAt': { zh: '答复时间：{at}', en: 'Answered {at}' },
  'obj.state.open': { zh: '等待答复', en: 'Waiting for an answer' },
  'obj.state.upheld': { zh: '已答复：异议成立', en: 'Answered: upheld' },
  'obj.state.rejected': { zh: '已答复：异议不成立', en: 'Answered: not upheld' },
  'obj.answer': { zh: '主办单位的答复', en: 'The organisers’ answer' },
  'obj.yourText': { zh: '您写的内容', en: 'What you wrote' },
  'obj.backResult': { zh: '返回评选结果', en: 'Back to the result' },
  'error.vote.objection_closed': {
    zh: '公示期已经结束，不能再提出异议。',
    en: 'The notice has closed; objections are no longer taken.',
  },
} satisfies Dictionary;

export type ObjectionWordKey = keyof typeof OBJECTION_WORDS;
const words = new Words(OBJECTION_WORDS);

export type SayObjection = (key: ObjectionWordKey, vars?: Vars) => string;
export const objectionSay =
  (lang: Lang): SayObjection =>
  (key, vars) =>
    words.say(key, lang, vars);

/** A refused field in words that name it: “异议内容：写得太长了……”. */
export function fieldProblemText(say: SayObjection, field: ObjectionField, problem: FieldProblem): string {
  return say(`obj.problem.${problem}`, { field: say(`obj.field.${field}`) });
}

/** A refusal's code in this page's words, when it has them (else the vote pages' own). */
export function objectionErrorText(lang: Lang, code: string): string | undefined {
  return words.find(`error.${code}`, lang);
}
