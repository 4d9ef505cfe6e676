import type { Dictionary } from '../../i18n/core';

/** The words of the users page; loaded with its pages (see feature.ts). Chinese first. */
export const userMessages = {
  'user.title': { zh: '用户管理', en: 'Users' },
  'user.editTitle': { zh: '编辑用户“{name}”', en: 'Edit user “{name}”' },
  'user.username': { zh: '用户名', en: 'Username' },
  'user.usernameHint': {
    zh: '3–32 位小写字母、数字或 _ . -，创建后不能修改',
    en: '3–32 lower-case letters, digits, _ . - ; cannot be changed later',
  },
  'user.displayName': { zh: '姓名', en: 'Display name' },
  'user.org': { zh: '所属组织', en: 'Organisation' },
  'user.roles': { zh: '角色', en: 'Roles' },
  'user.rolesHint': {
    zh: '只列出该组织类型可担任的角色',
    en: 'Only roles that fit the organisation type are listed',
  },
  'user.chooseOrgFirst': { zh: '请先选择所属组织', en: 'Choose the organisation first' },
  'user.status': { zh: '状态', en: 'Status' },
  'user.locked': { zh: '锁定', en: 'Lock' },
  'user.lockedTag': { zh: '已锁定', en: 'Locked' },
  'user.mustChangeTag': { zh: '待改密', en: 'Must change password' },
  'user.lastLogin': { zh: '最近登录', en: 'Last sign-in' },
  'user.status.active': { zh: '正常', en: 'Active' },
  'user.status.disabled': { zh: '已停用', en: 'Disabled' },
  'user.keyword': { zh: '用户名或姓名', en: 'Username or name' },
  'user.password': { zh: '初始密码（可选）', en: 'Initial password (optional)' },
  'user.passwordHint': {
    zh: '留空则由系统生成临时密码；用户首次登录后须修改密码。',
    en: 'Leave empty to have a temporary password generated; the user must change it at first sign-in.',
  },
  'user.edit': { zh: '编辑', en: 'Edit' },
  'user.resetPassword': { zh: '重置密码', en: 'Reset password' },
  'user.endSessions': { zh: '手机丢失', en: 'Phone lost' },
  'user.endSessionsConfirm': {
    zh: '结束“{name}”的所有登录吗？',
    en: 'End every session of “{name}”?',
  },
  'user.endSessionsHint': {
    zh: '用于手机丢失：该用户所有设备都需重新登录；丢失的手机联网后会删除其中未提交的内容，不能再提交。',
    en: 'For a lost phone: the user signs in again everywhere; the lost phone deletes what it kept unsent when it next goes online.',
  },
  'user.sessionsEnded': { zh: '已结束该用户的所有登录', en: 'All sessions ended' },
  'user.resetConfirm': { zh: '确定重置“{name}”的密码吗？', en: 'Reset the password of “{name}”?' },
  'user.resetHint': {
    zh: '旧密码立即失效，该用户的登录会话将被终止。',
    en: 'The old password stops working at once and the user is signed out.',
  },
  'user.enable': { zh: '启用', en: 'Enable' },
  'user.disableConfirm': { zh: '确定停用“{name}”吗？', en: 'Disable “{name}”?' },
  'user.disableHint': {
    zh: '停用后该用户立即退出且不能登录。',
    en: 'The user is signed out and can no longer sign in.',
  },
  'user.enableConfirm': { zh: '确定启用“{name}”吗？', en: 'Enable “{name}”?' },
  'user.disabled': { zh: '已停用', en: 'Disabled' },
  'user.enabled': { zh: '已启用', en: 'Enabled' },
  'user.created': { zh: '用户已创建', en: 'User created' },
  'user.tempTitle': { zh: '临时密码', en: 'Temporary password' },
  'user.tempFor': { zh: '用户“{name}”的临时密码：', en: 'Temporary password for “{name}”:' },
  'user.tempWarning': {
    zh: '此密码只显示这一次，关闭后无法再次查看。请立即复制，并通过安全的方式交给用户本人。',
    en: 'This password is shown only this once and cannot be seen again after you close this box. Copy it now and hand it to the user safely.',
  },
  'user.copy': { zh: '复制', en: 'Copy' },
  'user.copied': { zh: '已复制', en: 'Copied' },
} satisfies Dictionary;
