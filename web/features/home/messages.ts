import type { Dictionary } from '../../i18n/core';

/** The words of the home page; loaded with its pages (see feature.ts). Chinese first. */
export const homeMessages = {
  'home.title': { zh: '工作台', en: 'Workbench' },
  'home.morning': { zh: '早上好，{name}', en: 'Good morning, {name}' },
  'home.afternoon': { zh: '下午好，{name}', en: 'Good afternoon, {name}' },
  'home.evening': { zh: '晚上好，{name}', en: 'Good evening, {name}' },
  'home.org': { zh: '所属组织', en: 'Organisation' },
  'home.roles': { zh: '角色', en: 'Roles' },
  'home.quickLinks': { zh: '快捷入口', en: 'Quick links' },
  'home.orgsDesc': {
    zh: '查看和维护工会、协会与爱心单位',
    en: 'Browse and maintain unions, associations and caring units',
  },
  'home.usersDesc': { zh: '管理账号、角色与密码', en: 'Manage accounts, roles and passwords' },
  'home.auditDesc': { zh: '查询操作记录，导出与校验', en: 'Search, export and verify the record of actions' },
  'home.passwordDesc': { zh: '定期修改密码，保护账号安全', en: 'Change your password regularly' },
} satisfies Dictionary;
