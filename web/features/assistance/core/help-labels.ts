/**
 * The words for the help side of the Love Alliance (帮扶、爱心资源、转介、回访), Chinese first.
 * Plain data like `../assistance/labels.ts`, read through the same `labelOf` / `useLabels`.
 */
import type { Label } from './labels';
import type {
  HelpRoute,
  MeasureKind,
  MeasureState,
  ReferralState,
  ResourceKind,
} from '../../../../contracts/help';

type Table<K extends string> = Readonly<Record<K, Label>>;
export type MeasurePolicy = 'household' | 'case' | 'category';
export type ConsentGivenBy = 'self' | 'guardian';
export type ConsentMethod = 'signed_form' | 'verbal' | 'phone';
export type VisitReason = 'after_help' | 'after_exit' | 'manual';
export type VisitState = 'due' | 'done' | 'cancelled';
export type VisitChange = 'better' | 'same' | 'worse';
export type FunnelStage = 'screened' | 'verified' | 'archived' | 'reported' | 'approved' | 'returned';

export const MEASURE_KINDS: readonly MeasureKind[] = [
  'living_subsidy',
  'medical_aid',
  'education_aid',
  'employment_help',
  'skills_training',
  'home_care',
  'psychological_support',
  'legal_aid',
  'goods',
  'coupons',
];
export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'green_channel',
  'free_screening',
  'coupons',
  'home_care',
  'counselling',
  'money',
  'goods',
  'jobs',
  'other',
];
export const HELP_ROUTES: readonly HelpRoute[] = ['urgent', 'measure', 'referral', 'upper'];
export const VISIT_CHANGES: readonly VisitChange[] = ['better', 'same', 'worse'];
export const CONSENT_METHODS: readonly ConsentMethod[] = ['signed_form', 'verbal', 'phone'];

export const MEASURE_KIND_LABELS: Table<MeasureKind> = {
  living_subsidy: { zh: '生活补助', en: 'Living subsidy' },
  medical_aid: { zh: '医疗救助', en: 'Medical aid' },
  education_aid: { zh: '助学帮扶', en: 'Education aid' },
  employment_help: { zh: '就业帮扶', en: 'Employment help' },
  skills_training: { zh: '技能培训', en: 'Skills training' },
  home_care: { zh: '居家照护', en: 'Home care' },
  psychological_support: { zh: '心理疏导', en: 'Psychological support' },
  legal_aid: { zh: '法律援助', en: 'Legal aid' },
  goods: { zh: '物资帮扶', en: 'Goods' },
  coupons: { zh: '消费券', en: 'Coupons' },
};
export const RESOURCE_KIND_LABELS: Table<ResourceKind> = {
  green_channel: { zh: '就医绿色通道', en: 'Green channel' },
  free_screening: { zh: '免费筛查', en: 'Free screening' },
  coupons: { zh: '优惠券', en: 'Discount coupons' },
  home_care: { zh: '居家照护', en: 'Home care' },
  counselling: { zh: '心理咨询', en: 'Counselling' },
  money: { zh: '资金', en: 'Money' },
  goods: { zh: '物资', en: 'Goods' },
  jobs: { zh: '就业岗位', en: 'Jobs' },
  other: { zh: '其他', en: 'Other' },
};
/** A ledger row's kind is a measure kind or a resource kind. */
export const HELP_KIND_LABELS: Table<MeasureKind | ResourceKind> = {
  ...MEASURE_KIND_LABELS,
  ...RESOURCE_KIND_LABELS,
};
export const MEASURE_POLICY_LABELS: Table<MeasurePolicy> = {
  household: { zh: '一户一策', en: 'Household plan' },
  case: { zh: '个案专策', en: 'Special case measure' },
  category: { zh: '同类同策', en: 'Category template' },
};
export const MEASURE_STATE_LABELS: Table<MeasureState> = {
  pending_approval: { zh: '待审批', en: 'Awaiting approval' },
  planned: { zh: '已计划', en: 'Planned' },
  in_progress: { zh: '实施中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  rejected: { zh: '未批准', en: 'Rejected' },
};
export const HELP_ROUTE_LABELS: Table<HelpRoute> = {
  urgent: { zh: '应急救助', en: 'Urgent help' },
  measure: { zh: '帮扶措施', en: 'Plan measure' },
  referral: { zh: '转介服务', en: 'Referral' },
  upper: { zh: '上级帮扶', en: 'Upper federation' },
};
export const REFERRAL_STATE_LABELS: Table<ReferralState> = {
  sent: { zh: '已转介', en: 'Sent' },
  accepted: { zh: '已接收', en: 'Accepted' },
  declined: { zh: '已婉拒', en: 'Declined' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  delivered: { zh: '已服务', en: 'Delivered' },
};
export const CONSENT_GIVEN_BY_LABELS: Table<ConsentGivenBy> = {
  self: { zh: '本人同意', en: 'The household' },
  guardian: { zh: '监护人同意', en: 'A guardian' },
};
export const CONSENT_METHOD_LABELS: Table<ConsentMethod> = {
  signed_form: { zh: '书面签字', en: 'Signed form' },
  verbal: { zh: '当面口头（已记录）', en: 'Verbal, recorded' },
  phone: { zh: '电话确认', en: 'By phone' },
};
export const VISIT_REASON_LABELS: Table<VisitReason> = {
  after_help: { zh: '帮扶后回访', en: 'After help' },
  after_exit: { zh: '脱困后回访', en: 'After exit' },
  manual: { zh: '计划回访', en: 'Scheduled' },
};
export const VISIT_STATE_LABELS: Table<VisitState> = {
  due: { zh: '待回访', en: 'Due' },
  done: { zh: '已回访', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
export const VISIT_CHANGE_LABELS: Table<VisitChange> = {
  better: { zh: '好转', en: 'Better' },
  same: { zh: '无变化', en: 'Same' },
  worse: { zh: '变差', en: 'Worse' },
};
export const FUNNEL_STAGE_LABELS: Table<FunnelStage> = {
  screened: { zh: '已摸排', en: 'Screened' },
  verified: { zh: '已核实', en: 'Verified' },
  archived: { zh: '已建档', en: 'Archived' },
  reported: { zh: '已上报', en: 'Reported' },
  approved: { zh: '已审核', en: 'Approved' },
  returned: { zh: '被退回', en: 'Returned by the region' },
};
