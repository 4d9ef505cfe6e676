/**
 * Every enum of the Love Alliance (爱心联盟) as the words people look for on screen, Chinese
 * first. Plain data with no React or antd in it: the back office and the phone pages (which
 * must stay small) read the same tables. `labelOf(lang)` turns a table and a value into text.
 */
import type {
  Category,
  Cause,
  HouseholdState,
  PartnerKind,
  Situation,
  SubmitResult,
} from '../../../../contracts/assistance';
import type { z } from 'zod';

export interface Label {
  zh: string;
  en: string;
}
export type LabelLang = 'zh' | 'en';
type Table<K extends string> = Readonly<Record<K, Label>>;

export type Method = 'home_visit' | 'phone_survey' | 'street_visit' | 'self_report';
export type NeedKind =
  'medical' | 'education' | 'living' | 'employment' | 'care' | 'psychological' | 'legal' | 'housing';
export type Urgency = 'urgent' | 'normal';
export type Relation = 'spouse' | 'child' | 'parent' | 'sibling' | 'grandchild' | 'other';
export type ArchiveState = 'archived' | 'reported' | 'approved' | 'returned' | 'exited';
export type VerifyResult = 'confirmed' | 'not_in_difficulty' | 'unreachable';
export type DocumentKind =
  'id_card' | 'household_register' | 'income_proof' | 'medical_records' | 'disability_card' | 'other';
export type Exclusion = 'two_homes' | 'business_owner' | 'private_school';
export type Match = z.infer<typeof SubmitResult>['match'];
export type ExitKind = 'out_of_difficulty' | 'cancelled';

/** Lists in the order the forms offer them (the contract's order). */
export const SITUATIONS: readonly Situation[] = [
  'union_unit_employee',
  'social_org_employee',
  'migrant_worker',
  'flexible_employment',
  'special_group',
  'unemployed',
  'other',
];
export const PARTNER_KINDS: readonly PartnerKind[] = ['union', 'social_work', 'volunteer', 'association'];
export const METHODS: readonly Method[] = ['home_visit', 'phone_survey', 'street_visit', 'self_report'];
export const NEED_KINDS: readonly NeedKind[] = [
  'medical',
  'education',
  'living',
  'employment',
  'care',
  'psychological',
  'legal',
  'housing',
];
export const URGENCIES: readonly Urgency[] = ['urgent', 'normal'];
export const CAUSES: readonly Cause[] = [
  'no_capacity',
  'unemployed_able',
  'laid_off',
  'no_social_insurance',
  'insurance_unpaid',
  'serious_illness',
  'natural_disaster',
  'accident',
  'schooling',
  'other',
];
export const HOUSEHOLD_STATES: readonly HouseholdState[] = [
  'unverified',
  'screened',
  'verifying',
  'archived',
  'assisted_below_standard',
  'closed',
];
export const ARCHIVE_STATES: readonly ArchiveState[] = [
  'archived',
  'reported',
  'approved',
  'returned',
  'exited',
];
export const CATEGORIES: readonly Category[] = ['deep', 'relative', 'accident'];
export const RELATIONS: readonly Relation[] = ['spouse', 'child', 'parent', 'sibling', 'grandchild', 'other'];
export const VERIFY_RESULTS: readonly VerifyResult[] = ['confirmed', 'not_in_difficulty', 'unreachable'];
export const DOCUMENTS: readonly DocumentKind[] = [
  'id_card',
  'household_register',
  'income_proof',
  'medical_records',
  'disability_card',
  'other',
];
export const EXCLUSIONS: readonly Exclusion[] = ['two_homes', 'business_owner', 'private_school'];
export const EXIT_KINDS: readonly ExitKind[] = ['out_of_difficulty', 'cancelled'];

export const SITUATION_LABELS: Table<Situation> = {
  union_unit_employee: { zh: '单位已建会职工', en: 'Employee of a unionised unit' },
  social_org_employee: { zh: '社会组织从业人员', en: 'Social-organisation employee' },
  migrant_worker: { zh: '外出务工人员(农民工)', en: 'Migrant worker' },
  flexible_employment: { zh: '灵活就业人员', en: 'Flexible-employment worker' },
  special_group: { zh: '特殊群体', en: 'Special group' },
  unemployed: { zh: '失业人员', en: 'Unemployed' },
  other: { zh: '其他', en: 'Other' },
};

export const PARTNER_KIND_LABELS: Table<PartnerKind> = {
  union: { zh: '工会', en: 'Union' },
  social_work: { zh: '社工协会', en: 'Social-work association' },
  volunteer: { zh: '志愿者协会', en: 'Volunteer association' },
  association: { zh: '其他协会', en: 'Other association' },
};

export const METHOD_LABELS: Table<Method> = {
  home_visit: { zh: '入户走访', en: 'Home visit' },
  phone_survey: { zh: '电话调查', en: 'Phone survey' },
  street_visit: { zh: '走访街道社区', en: 'Street / community visit' },
  self_report: { zh: '自主申报', en: 'Self-report' },
};

export const NEED_LABELS: Table<NeedKind> = {
  medical: { zh: '医疗', en: 'Medical' },
  education: { zh: '教育', en: 'Education' },
  living: { zh: '生活', en: 'Living' },
  employment: { zh: '就业', en: 'Employment' },
  care: { zh: '照护', en: 'Care' },
  psychological: { zh: '心理', en: 'Psychological' },
  legal: { zh: '法律', en: 'Legal' },
  housing: { zh: '住房', en: 'Housing' },
};

export const URGENCY_LABELS: Table<Urgency> = {
  urgent: { zh: '紧急', en: 'Urgent' },
  normal: { zh: '一般', en: 'Normal' },
};

export const NEED_STATUS_LABELS: Table<'open' | 'solved'> = {
  open: { zh: '待解决', en: 'Open' },
  solved: { zh: '已解决', en: 'Solved' },
};

export const CAUSE_LABELS: Table<Cause> = {
  no_capacity: { zh: '丧失劳动能力', en: 'No capacity to work' },
  unemployed_able: { zh: '有劳动能力但失业', en: 'Able to work but unemployed' },
  laid_off: { zh: '下岗', en: 'Laid off' },
  no_social_insurance: { zh: '无社会保险', en: 'No social insurance' },
  insurance_unpaid: { zh: '社保待遇未发放', en: 'Social-insurance benefits not paid' },
  serious_illness: { zh: '大病', en: 'Serious illness' },
  natural_disaster: { zh: '自然灾害', en: 'Natural disaster' },
  accident: { zh: '意外事故', en: 'Accident' },
  schooling: { zh: '子女就学', en: "Children's schooling" },
  other: { zh: '其他', en: 'Other' },
};

export const HOUSEHOLD_STATE_LABELS: Table<HouseholdState> = {
  unverified: { zh: '职工自助申请(未核实)', en: "Worker's own request (unverified)" },
  screened: { zh: '已摸排', en: 'Screened' },
  verifying: { zh: '核实中', en: 'Verifying' },
  archived: { zh: '已建档', en: 'Archived' },
  assisted_below_standard: { zh: '帮扶(未达标准)', en: 'Helped (below standard)' },
  closed: { zh: '已关闭', en: 'Closed' },
  merged: { zh: '已合并', en: 'Merged' },
};

export const ARCHIVE_STATE_LABELS: Table<ArchiveState> = {
  archived: { zh: '已建档', en: 'Archived' },
  reported: { zh: '已上报', en: 'Reported' },
  approved: { zh: '已审核', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
  exited: { zh: '已退出', en: 'Exited' },
};

export const CATEGORY_LABELS: Table<Category> = {
  deep: { zh: '深度困难', en: 'Deep difficulty' },
  relative: { zh: '相对困难', en: 'Relative difficulty' },
  accident: { zh: '意外致困', en: 'Accident-caused difficulty' },
};

export const TIER_LABELS: Table<'national' | 'provincial' | 'city' | 'county' | 'grassroots'> = {
  national: { zh: '全国级', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
  city: { zh: '地市级', en: 'City' },
  county: { zh: '区县级', en: 'County' },
  grassroots: { zh: '基层', en: 'Grassroots' },
};

export const RELATION_LABELS: Table<Relation> = {
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  parent: { zh: '父母', en: 'Parent' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  grandchild: { zh: '孙子女', en: 'Grandchild' },
  other: { zh: '其他', en: 'Other' },
};

export const VERIFY_RESULT_LABELS: Table<VerifyResult> = {
  confirmed: { zh: '确认困难', en: 'Difficulty confirmed' },
  not_in_difficulty: { zh: '不属于困难', en: 'Not in difficulty' },
  unreachable: { zh: '无法联系', en: 'Unreachable' },
};

export const DOCUMENT_LABELS: Table<DocumentKind> = {
  id_card: { zh: '身份证', en: 'ID card' },
  household_register: { zh: '户口簿', en: 'Household register' },
  income_proof: { zh: '收入证明', en: 'Proof of income' },
  medical_records: { zh: '病历/诊断证明', en: 'Medical records' },
  disability_card: { zh: '残疾证', en: 'Disability card' },
  other: { zh: '其他材料', en: 'Other documents' },
};

export const EXCLUSION_LABELS: Table<Exclusion> = {
  two_homes: { zh: '拥有两套及以上住房', en: 'Owns two or more homes' },
  business_owner: { zh: '经营店铺或雇佣他人', en: 'Owns a shop or employs others' },
  private_school: {
    zh: '子女就读高收费私立学校或自费出国留学',
    en: 'Children at a high-fee private school or studying abroad at own expense',
  },
};

export const MATCH_LABELS: Table<Match> = {
  new: { zh: '新建户', en: 'New household' },
  id_number: { zh: '身份证号一致', en: 'Same ID number' },
  phone_name: { zh: '手机号+姓名一致', en: 'Same phone and name' },
  revisit: { zh: '复访（指定户）', en: 'Return visit' },
};

export const EXIT_KIND_LABELS: Table<ExitKind> = {
  out_of_difficulty: { zh: '解困脱困', en: 'Out of difficulty' },
  cancelled: { zh: '注销', en: 'Cancelled' },
};

export const MEMBER_STATUS_LABELS: Table<'active' | 'left'> = {
  active: { zh: '在册', en: 'Active' },
  left: { zh: '已退出', en: 'Left' },
};

export const MERGE_REASON_LABELS: Table<'same_name_address' | 'self_report'> = {
  same_name_address: { zh: '姓名与地址相同', en: 'Same name and address' },
  self_report: { zh: '来自职工自助申请 / 未核实', en: "From a worker's own request / unverified" },
};

/** The calculator's `rule`: which line of the standard decided. */
export const RULE_LABELS: Table<
  | 'per_capita_at_most_min_living'
  | 'per_capita_at_most_relative_line'
  | 'sudden_event_expenses_over_income'
  | 'sudden_event_income_collapse'
  | 'excluded'
  | 'migrant_not_qualified'
  | 'above_relative_line'
> = {
  per_capita_at_most_min_living: {
    zh: '人均月收入不高于低保标准',
    en: 'Per-capita income at most the minimum',
  },
  per_capita_at_most_relative_line: {
    zh: '人均月收入不高于相对困难线',
    en: 'Per-capita income at most the relative line',
  },
  sudden_event_expenses_over_income: {
    zh: '突发事件且刚性支出大于收入',
    en: 'Sudden event, expenses above income',
  },
  sudden_event_income_collapse: { zh: '突发事件致收入骤降', en: 'Sudden event, income collapsed' },
  excluded: { zh: '符合排除条件', en: 'An exclusion applies' },
  migrant_not_qualified: { zh: '农民工建档条件不满足', en: 'Migrant-worker conditions not met' },
  above_relative_line: { zh: '人均月收入高于相对困难线', en: 'Per-capita income above the relative line' },
};

/** Household events on the timeline (the server's `kind`). */
export const EVENT_LABELS: Table<
  | 'screened'
  | 'reopened'
  | 'verified'
  | 'archived'
  | 'reported'
  | 'approved'
  | 'returned'
  | 'archive_fixed'
  | 'yearly_review'
  | 'exited'
  | 'merged'
  | 'accepted'
  | 'assisted_below_standard'
  | 'closed'
  | 'relapse_reopened'
  | 'urgent_help'
  | 'upper_aid'
  | 'measure_added'
  | 'measure_in_progress'
  | 'measure_done'
  | 'measure_cancelled'
  | 'measure_approved'
  | 'measure_rejected'
  | 'template_applied'
  | 'consent_given'
  | 'consent_revoked'
  | 'referral_sent'
  | 'referral_accepted'
  | 'referral_declined'
  | 'referral_withdrawn'
  | 'referral_delivered'
  | 'visit_scheduled'
  | 'visit_assigned'
  | 'visit_recorded'
> = {
  screened: { zh: '摸排', en: 'Screened' },
  reopened: { zh: '重新打开', en: 'Reopened' },
  verified: { zh: '核实', en: 'Verified' },
  archived: { zh: '建档', en: 'Archive established' },
  reported: { zh: '上报', en: 'Reported up' },
  approved: { zh: '上级审核通过', en: 'Approved by the upper federation' },
  returned: { zh: '上级退回', en: 'Returned by the upper federation' },
  archive_fixed: { zh: '修改档案', en: 'Archive corrected' },
  yearly_review: { zh: '年度复核完成', en: 'Yearly review done' },
  exited: { zh: '退出档案', en: 'Left the archive' },
  merged: { zh: '合并重复户', en: 'Duplicate merged in' },
  accepted: { zh: '职工自助申请已核实受理', en: "Worker's own request accepted" },
  assisted_below_standard: { zh: '转为帮扶(未达标准)', en: 'Helped below the standard' },
  closed: { zh: '关闭', en: 'Closed' },
  relapse_reopened: { zh: '返贫重新开档', en: 'Reopened after a relapse' },
  urgent_help: { zh: '应急救助', en: 'Urgent help' },
  upper_aid: { zh: '上级帮扶', en: 'Aid from the upper federation' },
  measure_added: { zh: '新增帮扶措施', en: 'Measure added' },
  measure_in_progress: { zh: '措施开始实施', en: 'Measure started' },
  measure_done: { zh: '措施完成', en: 'Measure done' },
  measure_cancelled: { zh: '措施取消', en: 'Measure cancelled' },
  measure_approved: { zh: '个案专策获批', en: 'Special measure approved' },
  measure_rejected: { zh: '个案专策未获批', en: 'Special measure rejected' },
  template_applied: { zh: '同类同策适用', en: 'Category template applied' },
  consent_given: { zh: '登记授权同意', en: 'Consent recorded' },
  consent_revoked: { zh: '撤回授权同意', en: 'Consent revoked' },
  referral_sent: { zh: '转介', en: 'Referred' },
  referral_accepted: { zh: '爱心单位接收转介', en: 'Referral accepted' },
  referral_declined: { zh: '爱心单位婉拒转介', en: 'Referral declined' },
  referral_withdrawn: { zh: '转介撤回', en: 'Referral withdrawn' },
  referral_delivered: { zh: '爱心单位确认服务', en: 'Referral delivered' },
  visit_scheduled: { zh: '安排回访', en: 'Return visit scheduled' },
  visit_assigned: { zh: '分配回访', en: 'Return visit assigned' },
  visit_recorded: { zh: '回访记录', en: 'Return visit recorded' },
};

/** How a screening reached the platform, when not typed in by a screener. */
export const VIA_LABELS: Table<'self_report' | 'import'> = {
  self_report: { zh: '职工自主申报', en: "The worker's own report" },
  import: { zh: 'Excel 导入', en: 'Excel import' },
};

/** Tag colours (antd preset names), so a state looks the same on every page. */
export const HOUSEHOLD_STATE_COLORS: Readonly<Record<HouseholdState, string>> = {
  unverified: 'orange',
  screened: 'blue',
  verifying: 'gold',
  archived: 'red',
  assisted_below_standard: 'purple',
  closed: 'default',
  merged: 'default',
};
export const ARCHIVE_STATE_COLORS: Readonly<Record<ArchiveState, string>> = {
  archived: 'red',
  reported: 'processing',
  approved: 'success',
  returned: 'warning',
  exited: 'default',
};
export const CATEGORY_COLORS: Readonly<Record<Category, string>> = {
  deep: 'red',
  relative: 'orange',
  accident: 'magenta',
};

/**
 * `labelOf(lang)(SITUATION_LABELS, value)`; a value the table does not know (a newer server)
 * shows as itself rather than as nothing.
 */
export function labelOf(lang: LabelLang) {
  return <K extends string>(
    table: Readonly<Record<K, Label>>,
    value: K | string | null | undefined,
  ): string => {
    if (value === null || value === undefined || value === '') return '';
    const entry = (table as Readonly<Record<string, Label>>)[value];
    return entry ? entry[lang] : value;
  };
}
export type LabelFn = ReturnType<typeof labelOf>;
