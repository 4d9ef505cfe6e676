import type { Dictionary } from '../../i18n/core';

/** The words of the change-password page and role names; loaded with its pages (see feature.ts). Chinese first. */
export const authMessages = {
  'password.title': { zh: '修改密码', en: 'Change password' },
  'password.current': { zh: '当前密码', en: 'Current password' },
  'password.new': { zh: '新密码', en: 'New password' },
  'password.confirm': { zh: '确认新密码', en: 'Confirm new password' },
  'password.mismatch': { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  'password.forced': {
    zh: '首次登录或密码已被重置，请先设置一个新密码再继续使用。',
    en: 'This is a first sign-in or your password was reset: set a new password to continue.',
  },
  'password.hint': {
    zh: '至少 10 位，须同时包含字母和数字，不能包含用户名；不要与其他网站的密码相同。',
    en: 'At least 10 characters with letters and digits, not containing the username; not used on other sites.',
  },
  'password.tooShort': { zh: '密码至少 10 位', en: 'At least 10 characters' },
  'password.changed': { zh: '密码已修改', en: 'Password changed' },
  'password.submit': { zh: '确认修改', en: 'Change password' },
  'role.platform_admin': { zh: '平台管理员', en: 'Platform admin' },
  'role.federation_staff': { zh: '总工会工作人员', en: 'Federation staff' },
  'role.grassroots_cadre': { zh: '基层工会干部', en: 'Grassroots union cadre' },
  'role.social_worker': { zh: '社工', en: 'Social worker' },
  'role.volunteer': { zh: '志愿者', en: 'Volunteer' },
  'role.caring_unit_staff': { zh: '爱心单位工作人员', en: 'Caring-unit staff' },
  'role.upper_reviewer': { zh: '上级工会审核人', en: 'Upper-federation reviewer' },
  'role.auditor': { zh: '审计员', en: 'Auditor' },
  'role.expert': { zh: '评审专家', en: 'Review expert' },
} satisfies Dictionary;
