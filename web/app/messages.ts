import type { ErrorCode } from '../../contracts/errors';
import type { Dictionary, Entry } from '../i18n/core';
import type { assistanceMessages } from '../features/assistance/messages';
import type { organisationMessages } from '../features/organisation/messages';
import type { userMessages } from '../features/user/messages';
import type { auditMessages } from '../features/audit/messages';
import type { authMessages } from '../features/auth/messages';
import type { homeMessages } from '../features/home/messages';
import type { membershipMessages } from '../features/membership/messages';
import type { voteReviewMessages } from '../features/vote/review/messages';
import type { voteSetupMessages } from '../features/vote/setup/messages';
import type { errorMessages } from './error-messages';

export type { Entry };

/**
 * The shell's words, Chinese first: the layout, the menu and breadcrumbs, the sign-in page and
 * the errors any page can show. Each feature's words live in web/features/<name>/messages.ts and
 * load with its pages; the server's problem codes in ./error-messages.ts.
 */
export const messages = {
  'app.name': { zh: '爱心联盟 · 职工服务平台', en: 'UnionCare · Worker Services' },
  'app.shortName': { zh: '爱心联盟', en: 'UnionCare' },
  'app.tagline': {
    zh: '工会 + 社工 + 义工 联动服务职工',
    en: 'Unions, social workers and volunteers, together for workers',
  },
  'common.ok': { zh: '确定', en: 'OK' },
  'common.cancel': { zh: '取消', en: 'Cancel' },
  'common.save': { zh: '保存', en: 'Save' },
  'common.search': { zh: '查询', en: 'Search' },
  'common.reset': { zh: '重置', en: 'Reset' },
  'common.refresh': { zh: '刷新', en: 'Refresh' },
  'common.actions': { zh: '操作', en: 'Actions' },
  'common.close': { zh: '关闭', en: 'Close' },
  'common.saved': { zh: '已保存', en: 'Saved' },
  'common.loading': { zh: '加载中…', en: 'Loading…' },
  'common.all': { zh: '全部', en: 'All' },
  'common.never': { zh: '从未', en: 'Never' },
  'common.total': { zh: '共 {total} 条', en: '{total} in total' },
  'common.required': { zh: '请填写{field}', en: '{field} is required' },
  'common.requiredSelect': { zh: '请选择{field}', en: 'Choose {field}' },
  'reason.reason': { zh: '原因', en: 'Reason' },
  'lang.switch': { zh: 'EN', en: '中文' },
  'lang.switchLabel': { zh: 'Switch to English', en: '切换到中文' },
  'nav.home': { zh: '首页', en: 'Home' },
  'nav.admin': { zh: '系统管理', en: 'Administration' },
  'nav.orgs': { zh: '组织机构', en: 'Organisations' },
  'nav.users': { zh: '用户管理', en: 'Users' },
  'nav.audit': { zh: '审计日志', en: 'Audit log' },
  'nav.account': { zh: '我的账号', en: 'My account' },
  'nav.changePassword': { zh: '修改密码', en: 'Change password' },
  'nav.logout': { zh: '退出登录', en: 'Sign out' },
  'nav.openMenu': { zh: '打开菜单', en: 'Open menu' },
  'nav.collapseMenu': { zh: '收起菜单', en: 'Collapse menu' },
  'nav.expandMenu': { zh: '展开菜单', en: 'Expand menu' },
  'nav.userMenu': { zh: '用户菜单', en: 'User menu' },
  'login.title': { zh: '登录', en: 'Sign in' },
  'login.username': { zh: '用户名', en: 'Username' },
  'login.password': { zh: '密码', en: 'Password' },
  'login.submit': { zh: '登录', en: 'Sign in' },
  'login.failed': { zh: '登录失败', en: 'Sign-in failed' },
  'forbidden.title': { zh: '无权访问', en: 'You do not have access' },
  'forbidden.subtitle': {
    zh: '您的账号没有访问此页面的权限，如需开通请联系上级工会管理员。',
    en: 'Your account may not open this page. Ask your federation administrator if you need it.',
  },
  'notFound.title': { zh: '页面不存在', en: 'Page not found' },
  'notFound.subtitle': { zh: '您访问的页面不存在或已被移除。', en: 'The page you asked for does not exist.' },
  'error.pageTitle': { zh: '页面出错了', en: 'Something went wrong' },
  'error.pageSubtitle': {
    zh: '抱歉，页面遇到了意外问题。请重新加载；如果问题仍然存在，请联系管理员。',
    en: 'Sorry, the page hit an unexpected problem. Reload it; if it happens again, tell your administrator.',
  },
  'error.reload': { zh: '重新加载', en: 'Reload' },
  'error.backHome': { zh: '返回首页', en: 'Back to home' },
  'error.loadFailed': { zh: '数据加载失败', en: 'Could not load the data' },
  'error.retry': { zh: '重试', en: 'Try again' },
  'org.move': { zh: '移动', en: 'Move' },
  'org.deactivate': { zh: '停用', en: 'Deactivate' },
  'org.inactive': { zh: '已停用', en: 'Inactive' },
  'orgKind.national': { zh: '全国总工会', en: 'National federation' },
  'orgKind.province': { zh: '省级总工会', en: 'Provincial federation' },
  'orgKind.city': { zh: '市级总工会', en: 'City federation' },
  'orgKind.county': { zh: '县级总工会', en: 'County federation' },
  'orgKind.grassroots': { zh: '基层工会', en: 'Grassroots union' },
  'orgKind.social_work': { zh: '社工协会', en: 'Social-work association' },
  'orgKind.volunteer': { zh: '志愿者协会', en: 'Volunteer association' },
  'orgKind.association': { zh: '其他协会', en: 'Other association' },
  'orgKind.caring_unit': { zh: '爱心单位', en: 'Caring unit' },
  'user.create': { zh: '新建用户', en: 'New user' },
  'user.disable': { zh: '停用', en: 'Disable' },
  'audit.export': { zh: '导出 Excel', en: 'Export to Excel' },
  'common.yes': { zh: '是', en: 'Yes' },
  'common.no': { zh: '否', en: 'No' },
  'common.none': { zh: '无', en: 'None' },
  // The Excel import dialog of the kit (web/components/import).
  'xlsxImport.step1': { zh: '第一步：下载模板并填写', en: 'Step 1: download the template and fill it in' },
  'xlsxImport.template': { zh: '下载模板', en: 'Download the template' },
  'xlsxImport.step2': { zh: '第二步：选择填好的文件', en: 'Step 2: choose the filled-in file' },
  'xlsxImport.choose': { zh: '点击或拖入 .xlsx 文件', en: 'Click or drop an .xlsx file here' },
  'xlsxImport.chooseHint': { zh: '只支持 .xlsx，最大 {mb} MB', en: '.xlsx only, at most {mb} MB' },
  'xlsxImport.notXlsx': { zh: '请选择 .xlsx 格式的文件', en: 'Choose an .xlsx file' },
  'xlsxImport.tooBig': {
    zh: '文件超过 {mb} MB，请拆分后分批导入',
    en: 'The file is over {mb} MB; split it up',
  },
  'xlsxImport.start': { zh: '开始导入', en: 'Start the import' },
  'xlsxImport.again': { zh: '重新选择文件', en: 'Choose another file' },
  'xlsxImport.parsingStart': { zh: '正在读取文件…', en: 'Reading the file…' },
  'xlsxImport.parsing': { zh: '正在读取 {n} 行…', en: 'Reading {n} rows…' },
  'xlsxImport.row': { zh: '行', en: 'Row' },
  'xlsxImport.column': { zh: '列', en: 'Column' },
  'xlsxImport.problem': { zh: '问题', en: 'Problem' },
  'xlsxImport.moreErrors': { zh: '另有 {n} 处问题未列出', en: '{n} more problem(s) not listed' },
  'xlsxImport.badFile': { zh: '无法读取该文件：{why}', en: 'The file cannot be read: {why}' },
  'nav.alliance': { zh: '爱心联盟', en: 'Love Alliance' },
  'nav.vote': { zh: '评选投票', en: 'Role-model votes' },
  'nav.membership': { zh: '会员管理', en: 'Membership' },
  'nav.memberRoll': { zh: '会员名册', en: 'Membership roll' },
  'nav.memberCounts': { zh: '各单位会员数', en: 'Members per unit' },
  // Menu lines and crumbs render before a feature's dictionary loads: their words live here.
  'nav.campaigns': { zh: '评选活动', en: 'Campaigns' },
  'nav.campaignNew': { zh: '新建评选', en: 'New campaign' },
  'nav.campaign': { zh: '活动详情', en: 'Campaign' },
  'nav.campaignEdit': { zh: '修改活动', en: 'Edit campaign' },
  'nav.voteReview': { zh: '计票与审核', en: 'Counting and review' },
  'nav.voteTallies': { zh: '计票', en: 'Tallies' },
  'nav.voteIntegrity': { zh: '刷票审核', en: 'Fraud review' },
  'nav.voteUnitFlags': { zh: '本单位候选人的标记', en: 'Flags on our candidates' },
  'nav.voteResult': { zh: '评选结果', en: 'Result' },
  'nav.households': { zh: '困难职工户', en: 'Households' },
  'nav.household': { zh: '户详情', en: 'Household' },
  'nav.screen': { zh: '新增摸排', en: 'New screening' },
  'nav.merges': { zh: '疑似重复', en: 'Possible duplicates' },
  'nav.archives': { zh: '档案审核', en: 'Archives' },
  'nav.setup': { zh: '联盟设置', en: 'Alliance set-up' },
  'nav.mobile': { zh: '手机摸排', en: 'Phone screening' },
  'nav.dashboard': { zh: '数据看板', en: 'Dashboard' },
  'nav.plans': { zh: '帮扶方案', en: 'Help plans' },
  'nav.resources': { zh: '爱心资源', en: 'Caring resources' },
  'nav.referrals': { zh: '转介服务', en: 'Referrals' },
  'nav.referralSlip': { zh: '转介单', en: 'Referral slip' },
  'nav.visits': { zh: '回访', en: 'Return visits' },
  'nav.householdPrint': { zh: '打印档案', en: 'Print file' },
  'validation.required': { zh: '必填', en: 'Required' },
  'validation.at least 10 characters': { zh: '密码至少 10 位', en: 'At least 10 characters' },
  'validation.at most 128 characters': { zh: '密码最多 128 位', en: 'At most 128 characters' },
  'validation.must contain letters and digits': {
    zh: '密码须同时包含字母和数字',
    en: 'Must contain letters and digits',
  },
  'validation.must not contain the username': {
    zh: '密码不能包含用户名',
    en: 'Must not contain the username',
  },
  'validation.at least one role': { zh: '请至少选择一个角色', en: 'Choose at least one role' },
  'error.generic': { zh: '操作失败，请稍后再试', en: 'That did not work; try again later' },
  'error.auth.invalid_credentials': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'error.auth.locked': {
    zh: '账号已临时锁定，请稍后再试',
    en: 'The account is locked for a while; try again later',
  },
  'error.auth.csrf': { zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload it and try again' },
  'error.auth.unauthenticated': { zh: '请先登录', en: 'Please sign in' },
  'error.auth.session_expired': { zh: '登录已过期，请重新登录', en: 'Your session expired; sign in again' },
  'error.auth.forbidden': { zh: '无权执行此操作', en: 'You may not do this' },
  'error.auth.password_change_required': { zh: '请先修改密码', en: 'Change your password first' },
  'error.auth.wrong_password': { zh: '当前密码不正确', en: 'The current password is wrong' },
  'error.auth.weak_password': { zh: '密码强度不够', en: 'The password is too weak' },
  'error.auth.same_password': {
    zh: '新密码不能与当前密码相同',
    en: 'Choose a password different from the current one',
  },
  'error.request.invalid': {
    zh: '提交的内容有误，请检查标红的字段',
    en: 'Some fields are not valid; check the marked ones',
  },
  'error.request.rate_limited': { zh: '操作太频繁，请稍后再试', en: 'Too many requests; slow down' },
  'error.request.unsupported_media_type': { zh: '不支持的文件格式', en: 'This file type is not accepted' },
  'error.request.too_large': { zh: '提交的内容太大', en: 'The request is too large' },
  'error.server.error': { zh: '服务器出错了，请稍后再试', en: 'Server error; try again later' },
  'error.client.network': { zh: '网络连接失败，请检查网络', en: 'Network error; check your connection' },
  'error.client.bad_response': {
    zh: '服务器返回了无法识别的数据',
    en: 'The server sent an unexpected response',
  },
} satisfies Dictionary;

/** A key of the shell's dictionary. */
export type ShellKey = keyof typeof messages;

/** The server's codes whose words load with the shell (the sign-in page shows them). */
export type ShellErrorCode = {
  [K in ShellKey]: K extends `error.${infer C}` ? (C extends ErrorCode ? C : never) : never;
}[ShellKey];

/** Every key some dictionary has: `t()` with any other key fails `tsc`. */
export type MessageKey =
  | ShellKey
  | keyof typeof errorMessages
  | keyof typeof assistanceMessages
  | keyof typeof organisationMessages
  | keyof typeof userMessages
  | keyof typeof auditMessages
  | keyof typeof authMessages
  | keyof typeof homeMessages
  | keyof typeof membershipMessages
  | keyof typeof voteSetupMessages
  | keyof typeof voteReviewMessages;
