import { useEffect, useState } from 'preact/hooks';
import {
  applyDocumentLang,
  readStoredLang,
  storeLang,
  Words,
  type Dictionary,
  type Lang,
  type Vars,
} from '../i18n/core';

/** The vote pages' words, Chinese first (web/i18n/core.ts: one language switch for every app). */
const VOTE_WORDS = {
  'app.title': { zh: '网络投票', en: 'Public vote' },
  'app.largeText': { zh: '大字', en: 'Large text' },
  'app.largeTextLabel': { zh: '大字模式', en: 'Large text mode' },
  'app.lang': { zh: 'EN', en: '中文' },
  'app.langLabel': { zh: 'Switch to English', en: '切换到中文' },
  'app.signIn': { zh: '登录', en: 'Sign in' },
  'app.mine': { zh: '我的投票', en: 'My votes' },
  'app.loading': { zh: '正在加载…', en: 'Loading…' },
  'app.retry': { zh: '重试', en: 'Try again' },
  'app.back': { zh: '返回候选人列表', en: 'Back to the candidates' },
  'app.notFound': { zh: '没有这个页面。', en: 'There is no such page.' },
  'home.title': { zh: '网络投票', en: 'Public vote' },
  'home.pick': {
    zh: '请从主办单位发布的链接或二维码进入投票页面。',
    en: 'Open the vote from the link or QR code the organisers published.',
  },
  'home.open': { zh: '进入投票', en: 'Open the vote' },
  'list.search': { zh: '搜索姓名、编号或单位', en: 'Search name, number or unit' },
  'list.searchLabel': { zh: '搜索候选人', en: 'Search candidates' },
  'list.count': { zh: '共 {n} 位候选人', en: '{n} candidates' },
  'list.found': { zh: '找到 {n} 位', en: '{n} found' },
  'list.none': { zh: '没有找到符合的候选人。', en: 'No candidate matches.' },
  'list.rules': { zh: '投票规则', en: 'Rules' },
  'list.number': { zh: '{n} 号', en: 'No. {n}' },
  'list.votes': { zh: '{n} 票', en: '{n} votes' },
  'list.likes': { zh: '{n} 赞', en: '{n} likes' },
  'list.totalsHidden': {
    zh: '投票期间不公布票数，结果公示时一并公布。',
    en: 'Totals are not shown while voting; they are published with the result.',
  },
  'list.read': { zh: '查看事迹', en: 'Read more' },
  'list.zeroed': { zh: '已取消资格', en: 'Disqualified' },
  'state.voting': { zh: '投票进行中', en: 'Voting is open' },
  'state.before': { zh: '投票尚未开始', en: 'Voting has not started' },
  'state.after': { zh: '投票已结束', en: 'Voting has closed' },
  'window.line': { zh: '投票时间：{from} 至 {to}（北京时间）', en: 'Voting: {from} to {to} (Beijing time)' },
  'allow.voted': { zh: '今日已投', en: 'Voted today' },
  'allow.candidatesLeft': { zh: '今日还可投 {n} 人', en: '{n} more candidates today' },
  'allow.likesLeft': { zh: '点赞 {n} 次', en: '{n} likes left' },
  'allow.signInFirst': {
    zh: '登录后投票：手机号加验证码即可。',
    en: 'Sign in to vote: your phone number and a code.',
  },
  'allow.notCounted': {
    zh: '本次评选只计入工会会员的投票，您的手机号未在会员名册中，可以浏览和分享。',
    en: 'Only union members’ votes count in this vote; your number is not on the roll. You can still browse and share.',
  },
  'vote.vote': { zh: '投票', en: 'Vote' },
  'vote.voteFor': { zh: '为 {name} 投票', en: 'Vote for {name}' },
  'vote.like': { zh: '点赞', en: 'Like' },
  'vote.likeFor': { zh: '为 {name} 点赞', en: 'Like {name}' },
  'vote.sending': { zh: '正在提交…', en: 'Sending…' },
  'vote.counted': { zh: '投票成功，谢谢您！', en: 'Your vote is counted. Thank you!' },
  'vote.liked': { zh: '点赞成功！', en: 'Liked!' },
  'vote.already_today': {
    zh: '您今天已经为 TA 投过票了，明天可以再投。',
    en: 'You already voted for this candidate today; vote again tomorrow.',
  },
  'vote.cap_reached': {
    zh: '您今天可投的 {n} 位候选人已经投满，明天可以再投。',
    en: 'You have voted for {n} candidates today, the daily most; vote again tomorrow.',
  },
  'vote.likes_exhausted': {
    zh: '您今天的 {n} 次点赞已经用完，明天可以再点。',
    en: 'You have used today’s {n} likes; like again tomorrow.',
  },
  'vote.window_closed': {
    zh: '现在不在投票时间内，投票时间见投票规则。',
    en: 'Voting is not open now; see the rules for the dates.',
  },
  'vote.tier_not_counted': {
    zh: '本次评选只计入工会会员的投票，您的手机号未在会员名册中。',
    en: 'Only union members’ votes count in this vote; your number is not on the roll.',
  },
  'vote.candidate_unknown': {
    zh: '没有这位候选人，请返回列表重新选择。',
    en: 'There is no such candidate; go back to the list.',
  },
  'vote.candidate_zeroed': {
    zh: '这位候选人已被取消资格，不能再投票。',
    en: 'This candidate has been disqualified; votes are closed.',
  },
  'vote.campaign_unknown': { zh: '没有这场投票。', en: 'There is no such vote.' },
  'vote.signInToVote': { zh: '登录后投票', en: 'Sign in to vote' },
  'cand.story': { zh: '先进事迹', en: 'Story' },
  'cand.share': { zh: '分享拉票海报', en: 'Share poster' },
  'poster.title': { zh: '分享海报', en: 'Share poster' },
  'poster.scan': { zh: '扫码为 TA 投票', en: 'Scan to vote' },
  'poster.qrAlt': { zh: '{name} 的投票页面二维码', en: 'QR code of {name}’s vote page' },
  'poster.hint': {
    zh: '截图或长按保存，发给亲友。',
    en: 'Take a screenshot or long-press to save, then send it to friends.',
  },
  'poster.copy': { zh: '复制链接', en: 'Copy link' },
  'poster.copied': { zh: '链接已复制', en: 'Link copied' },
  'poster.shareNow': { zh: '分享', en: 'Share' },
  'result.title': { zh: '评选结果公示', en: 'Result' },
  'result.publishedAt': { zh: '公示时间：{at}（北京时间）', en: 'Published {at} (Beijing time)' },
  'result.rank': { zh: '第 {n} 名', en: 'Rank {n}' },
  'result.named': { zh: '命名', en: 'Named' },
  'result.nominated': { zh: '提名', en: 'Nominated' },
  'result.none': { zh: '未入选', en: 'Not selected' },
  'result.raw': { zh: '原始票数', en: 'Raw votes' },
  'result.clean': { zh: '核减后有效票', en: 'Cleaned votes' },
  'result.public': { zh: '网络得分', en: 'Public score' },
  'result.expert': { zh: '专家评分', en: 'Expert score' },
  'result.combined': { zh: '综合得分', en: 'Combined score' },
  'result.noticeOpen': {
    zh: '公示期至 {at}（北京时间）。对结果有不同意见，可以提出异议。',
    en: 'The notice runs until {at} (Beijing time). If you disagree with the result, you may object.',
  },
  'result.object': { zh: '提出异议', en: 'Object' },
  'result.objectAbout': { zh: '对 {name} 提出异议', en: 'Object about {name}' },
  'result.myObjections': { zh: '我的异议和答复', en: 'My objections and answers' },
  'mine.title': { zh: '我的投票', en: 'My votes' },
  'mine.today': { zh: '今天', en: 'Today' },
  'mine.none': { zh: '您还没有投过票。', en: 'You have not voted yet.' },
  'mine.vote': { zh: '投票', en: 'Vote' },
  'mine.like': { zh: '点赞', en: 'Like' },
  'mine.signedInAs': { zh: '已登录：{phone}', en: 'Signed in: {phone}' },
  'mine.member': { zh: '会员 {name} · {unit}', en: 'Member {name} · {unit}' },
  'mine.public': { zh: '社会公众（未在会员名册中）', en: 'Public (not on the membership roll)' },
  'mine.signOut': { zh: '退出登录', en: 'Sign out' },
  'rules.title': { zh: '投票规则', en: 'Rules' },
  'rules.organisers': { zh: '主办单位', en: 'Organisers' },
  'rules.timeline': { zh: '日程', en: 'Timeline' },
  'rules.nomination': { zh: '推荐报名', en: 'Nominations' },
  'rules.voting': { zh: '网络投票', en: 'Public vote' },
  'rules.expert': { zh: '专家评审', en: 'Expert review' },
  'rules.notice': { zh: '结果公示', en: 'Result notice' },
  'rules.range': { zh: '{from} 至 {to}', en: '{from} to {to}' },
  'rules.how': { zh: '怎么投', en: 'How to vote' },
  'rules.perCandidate': {
    zh: '每人每天可为同一位候选人投 {n} 票。',
    en: 'Each person may vote {n} time(s) a day for one candidate.',
  },
  'rules.perDay': {
    zh: '每人每天最多可投 {n} 位候选人。',
    en: 'Each person may vote for up to {n} candidates a day.',
  },
  'rules.likes': { zh: '每人每天可点赞 {n} 次。', en: 'Each person may like {n} times a day.' },
  'rules.day': { zh: '“每天”按北京时间零点计算。', en: '“A day” starts at midnight Beijing time.' },
  'rules.tiersMember': {
    zh: '只计入工会会员（手机号在会员名册中）的投票。',
    en: 'Only union members’ votes (numbers on the roll) count.',
  },
  'rules.tiersAll': {
    zh: '工会会员和社会公众的投票都计入。',
    en: 'Votes of members and of the public both count.',
  },
  'rules.totalsLive': { zh: '投票期间实时公布票数。', en: 'Totals are shown live.' },
  'rules.totalsHidden': {
    zh: '投票期间不公布票数，结果公示时一并公布原始票数和核减后的票数。',
    en: 'Totals are hidden while voting; raw and cleaned totals are published with the result.',
  },
  'rules.formula': {
    zh: '最终得分 = 网络投票 {p}% + 专家评审 {e}%。',
    en: 'Final score = public vote {p}% + expert review {e}%.',
  },
  'rules.normMax': {
    zh: '网络得分 = 票数 ÷ 最高票数 × 100。',
    en: 'Public score = votes ÷ the top votes × 100.',
  },
  'rules.normShare': {
    zh: '网络得分 = 票数 ÷ 总票数 × 100。',
    en: 'Public score = votes ÷ all votes × 100.',
  },
  'rules.final': { zh: '评出 {f} 名，另 {n} 名获提名。', en: '{f} are named, and {n} nominated.' },
  'rules.fraud': {
    zh: '经查实刷票的，按规则取消候选人资格；被处理的单位可以申诉。',
    en: 'Where vote-rigging is confirmed the candidate is disqualified by this rule; the unit may appeal.',
  },
  'rules.fair': {
    zh: '请勿刷票：异常投票会被核查，核减的票不计入。',
    en: 'No vote-rigging: unusual votes are reviewed and discounted.',
  },
  'signin.title': { zh: '手机号登录', en: 'Sign in with your phone' },
  'signin.why': {
    zh: '为保证一人一票，投票前请用手机号和短信验证码登录。',
    en: 'One person, one vote: sign in with your mobile number and a text code.',
  },
  'signin.phone': { zh: '手机号', en: 'Mobile number' },
  'signin.send': { zh: '获取验证码', en: 'Send code' },
  'signin.resend': { zh: '{n} 秒后可重新获取', en: 'Send again in {n} s' },
  'signin.sent': { zh: '验证码已发送到 {phone}。', en: 'A code was sent to {phone}.' },
  'signin.code': { zh: '短信验证码', en: 'Code from the text' },
  'signin.submit': { zh: '登录', en: 'Sign in' },
  'signin.badPhone': { zh: '请输入 11 位手机号。', en: 'Enter an 11-digit mobile number.' },
  'signin.badCode': { zh: '请输入 6 位验证码。', en: 'Enter the 6-digit code.' },
  'error.auth.worker_required': { zh: '请先用手机号登录。', en: 'Please sign in with your phone first.' },
  'error.otp.invalid': {
    zh: '验证码不对或已过期，请重新获取。',
    en: 'The code is wrong or has expired; ask for a new one.',
  },
  'error.otp.too_soon': { zh: '发送太频繁，请稍后再试。', en: 'Too soon; wait a moment.' },
  'error.otp.bad_phone': { zh: '请输入正确的 11 位手机号。', en: 'Enter a valid 11-digit mobile number.' },
  'error.otp.rate_limited': {
    zh: '今天获取验证码的次数太多，请稍后再试。',
    en: 'Too many codes asked for; try later.',
  },
  'error.request.invalid': {
    zh: '填写的内容不对，请检查。',
    en: 'Something entered is not right; check it.',
  },
  'error.request.rate_limited': { zh: '操作太频繁，请稍后再试。', en: 'Too many requests; wait a moment.' },
  'error.client.network': { zh: '网络不好，请稍后重试。', en: 'The network is down; try again.' },
  'error.generic': { zh: '出错了，请稍后重试。', en: 'Something went wrong; try again.' },
} satisfies Dictionary;

export type WordKey = keyof typeof VOTE_WORDS;
const words = new Words(VOTE_WORDS);

export type Say = (key: WordKey, vars?: Vars) => string;

/** A problem's code in the page's words (`vote.window_closed` → the closed window line). */
export function errorText(lang: Lang, err: { code: string; title?: string }, vars?: Vars): string {
  return (
    words.find(err.code, lang, vars) ??
    words.find(`error.${err.code}`, lang, vars) ??
    words.say('error.generic', lang)
  );
}

export function useLang(): [Lang, (l: Lang) => void, Say] {
  const [lang, setLang] = useState<Lang>(readStoredLang);
  useEffect(() => {
    storeLang(lang);
    applyDocumentLang(lang);
  }, [lang]);
  return [lang, setLang, (key, vars) => words.say(key, lang, vars)];
}

/** The 大字 switch, kept with the /m pages' (one setting on this phone): a class on <html>. */
const LARGE_TEXT_KEY = 'uc_m_large_text';

export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState<boolean>(() => {
    try {
      return window.localStorage.getItem(LARGE_TEXT_KEY) === '1';
    } catch {
      return false;
    }
  });
  useEffect(() => {
    try {
      window.localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
    } catch {
      // private mode: for this visit only
    }
    document.documentElement.classList.toggle('v-large-text', on);
  }, [on]);
  return [on, setOn];
}

/** An instant as Beijing wall time, `2023-05-01 08:00`. */
export function beijing(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
