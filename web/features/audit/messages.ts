import type { Dictionary } from '../../i18n/core';

/** The words of the audit log; loaded with its pages (see feature.ts). Chinese first. */
export const auditMessages = {
  'audit.title': { zh: '审计日志', en: 'Audit log' },
  'audit.actor': { zh: '操作人', en: 'Actor' },
  'audit.action': { zh: '操作', en: 'Action' },
  'audit.subjectType': { zh: '对象类型', en: 'Subject type' },
  'audit.subjectId': { zh: '对象 ID', en: 'Subject ID' },
  'audit.subject': { zh: '操作对象', en: 'Subject' },
  'audit.result': { zh: '结果', en: 'Result' },
  'audit.time': { zh: '时间', en: 'Time' },
  'audit.seq': { zh: '序号', en: 'No.' },
  'audit.ip': { zh: 'IP 地址', en: 'IP address' },
  'audit.details': { zh: '详情', en: 'Details' },
  'audit.timeZoneNote': { zh: '时间为北京时间', en: 'Times are China Standard Time (UTC+8)' },
  'audit.result.success': { zh: '成功', en: 'Success' },
  'audit.result.denied': { zh: '拒绝', en: 'Denied' },
  'audit.result.failure': { zh: '失败', en: 'Failure' },
  'audit.verify': { zh: '校验完整性', en: 'Verify integrity' },
  'audit.verifyOk': { zh: '审计日志完整，未被篡改', en: 'The audit log is intact' },
  'audit.verifyOkSub': { zh: '已校验 {checked} 条记录', en: '{checked} entries checked' },
  'audit.verifyBroken': { zh: '审计日志完整性校验未通过', en: 'The audit log failed its integrity check' },
  'audit.verifyBrokenSub': {
    zh: '已校验 {checked} 条，第 {brokenAt} 条记录处断裂：{reason}',
    en: '{checked} entries checked; the chain breaks at entry {brokenAt}: {reason}',
  },
  'audit.verifyTitle': { zh: '完整性校验', en: 'Integrity check' },
} satisfies Dictionary;
