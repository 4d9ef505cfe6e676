import type { ErrorCode } from '../../contracts/errors';
import type { Dictionary, Entry } from '../i18n/core';
import type { ShellErrorCode } from './messages';

/**
 * The words every declared problem code (contracts/errors.ts) needs outside the shell's: a code
 * without them, or words for a code nobody declared, fails `tsc`.
 */
export type ErrorWords = { [C in Exclude<ErrorCode, ShellErrorCode> as `error.${C}`]: Entry };

/**
 * Our words for the server's stable problem codes (`error.<code>`), loaded with the first page
 * after sign-in; the sign-in page's own codes (auth.*, request.*, …) are in ./messages.ts.
 * Anything missing falls back to the server's title; the ErrorWords type keeps this list complete
 * (and error-codes.test.ts checks the server's sources against it).
 */
export const errorMessages = {
  // The vote's ballots and integrity review (contracts/vote-ballots.ts)
  'error.vote.window_closed': { zh: '现在不在投票时间内', en: 'Voting is not open now' },
  'error.vote.tier_not_counted': {
    zh: '本次评选只统计工会会员的投票',
    en: 'This campaign counts only union members’ votes',
  },
  'error.vote.candidate_unknown': { zh: '没有这位候选人', en: 'No such candidate' },
  'error.vote.request_key_reused': {
    zh: '请求编号已被使用，请刷新后重试',
    en: 'That request key was already used; refresh and try again',
  },
  'error.vote.busy': { zh: '投票人数较多，请稍后再试', en: 'Many people are voting; try again shortly' },
  'error.vote.flag_empty': { zh: '按这些条件没有找到任何选票', en: 'No votes match these criteria' },
  'error.vote.flag_decided': { zh: '该标记已作出决定', en: 'This flag is already decided' },
  'error.vote.flag_not_decided': { zh: '该标记尚未作出决定，暂不能申诉', en: 'This flag is not decided yet' },
  'error.vote.flag_stale': {
    zh: '记录已被他人修改，请刷新',
    en: 'Someone else changed this record; refresh',
  },
  'error.vote.zero_not_allowed': {
    zh: '本次评选规则未规定“确认刷票取消资格”，不能清零',
    en: 'The published rules do not allow zeroing a candidate',
  },
  'error.vote.appeal_exists': { zh: '该标记已有申诉', en: 'This flag already has an appeal' },
  'error.vote.appeal_decided': { zh: '该申诉已处理', en: 'This appeal is already decided' },
  'error.vote.appeal_not_yours': {
    zh: '只有候选人的推荐单位可以申诉',
    en: 'Only the candidate’s nominating unit may appeal',
  },
  'error.vote_ballot_campaign.not_found': { zh: '评选活动不存在', en: 'Campaign not found' },
  'error.vote_flag.not_found': { zh: '标记不存在或无权访问', en: 'Flag not found' },
  'error.vote_appeal.not_found': { zh: '申诉不存在或无权访问', en: 'Appeal not found' },
  'error.dashboard.bad_key': { zh: '看板参数有误，请返回看板重新选择', en: 'Unknown figure; pick it again' },
  'error.org.has_active_children': {
    zh: '该组织下还有未停用的下级组织，请先停用下级组织',
    en: 'It still has active sub-organisations; deactivate them first',
  },
  'error.assignment.exists': { zh: '该用户已被指派', en: 'The user is already assigned' },
  'error.org.stale': { zh: '记录已被他人修改，请刷新', en: 'Someone else changed this record; refresh' },
  'error.user.stale': { zh: '记录已被他人修改，请刷新', en: 'Someone else changed this record; refresh' },
  'error.org.not_found': { zh: '组织不存在或无权访问', en: 'Organisation not found' },
  'error.user.not_found': { zh: '用户不存在或无权访问', en: 'User not found' },
  'error.division.not_found': { zh: '行政区划不存在', en: 'Unknown administrative division' },
  'error.org.division_unknown': {
    zh: '行政区划不存在，请重新选择',
    en: 'Unknown administrative division; choose again',
  },
  'error.org.caring_kind_required': { zh: '请选择爱心单位类别', en: 'Choose the caring-unit category' },
  'error.org.caring_kind_not_allowed': {
    zh: '只有爱心单位才有单位类别',
    en: 'Only caring units have a category',
  },
  'error.org.name_taken': {
    zh: '同一上级下已有同名组织',
    en: 'An organisation with this name already exists here',
  },
  'error.org.parent_inactive': {
    zh: '上级组织已停用，请先启用上级组织',
    en: 'The parent organisation is inactive',
  },
  'error.org.bad_parent': {
    zh: '该类型的组织不能设在所选上级组织下',
    en: 'That type of organisation cannot sit under the chosen parent',
  },
  'error.org.root_fixed': {
    zh: '最顶层组织不能移动或停用',
    en: 'The top organisation cannot be moved or deactivated',
  },
  'error.org.move_into_self': {
    zh: '不能移动到自身或自己的下级组织下',
    en: 'It cannot move under itself or its own sub-organisations',
  },
  'error.user.username_taken': { zh: '用户名已被占用', en: 'That username is taken' },
  'error.user.org_unknown': { zh: '组织不存在', en: 'No such organisation' },
  'error.user.org_inactive': { zh: '该组织已停用', en: 'The organisation is inactive' },
  'error.user.role_not_grantable': {
    zh: '只有平台管理员可以授予该角色',
    en: 'Only a platform admin may grant that role',
  },
  'error.user.role_org_mismatch': {
    zh: '所选角色与组织类型不匹配',
    en: 'A chosen role does not fit the organisation type',
  },
  'error.user.self_change': {
    zh: '不能修改或停用自己的账号角色与组织，请联系其他管理员',
    en: 'Ask another administrator to change or disable your own account',
  },
  'error.audit.export_too_large': {
    zh: '导出的记录太多，请缩小查询范围',
    en: 'Too many rows to export; narrow the filter',
  },
  'error.household.not_found': { zh: '该户不存在或无权访问', en: 'Household not found' },
  'error.household.stale': {
    zh: '该户已被他人修改，请刷新后重试',
    en: 'Someone else changed this household; reload it',
  },
  'error.household.wrong_state': {
    zh: '该户当前状态不能进行此操作，请刷新',
    en: 'Not possible in the household’s current state; reload',
  },
  'error.household.bad_id_number': { zh: '身份证号不正确', en: 'Not a valid ID number' },
  'error.household.bad_phone': { zh: '不是有效的手机号', en: 'Not a mainland mobile number' },
  'error.household.member_required': { zh: '请指明家庭成员', en: 'Which member?' },
  'error.household.member_unknown': { zh: '家庭成员不存在', en: 'No such member' },
  'error.household.nothing_to_reveal': { zh: '没有登记该号码', en: 'No number recorded' },
  'error.household.bad_notice_period': {
    zh: '公示结束日期早于开始日期',
    en: 'The notice ends before it starts',
  },
  'error.archive.not_found': { zh: '档案不存在或无权访问', en: 'Archive not found' },
  'error.archive.not_verified': {
    zh: '最近一次核实未确认困难，不能建档',
    en: 'The latest verification did not confirm difficulty',
  },
  'error.archive.not_eligible': {
    zh: '不符合建档标准（见测算过程）',
    en: 'Below the archive standard (see the working)',
  },
  'error.archive.no_standard': {
    zh: '本年度建档标准尚未设置',
    en: 'This year’s archive standard is not set',
  },
  'error.archive.bad_causes': { zh: '次要原因不能与主要原因重复', en: 'Secondary causes repeat a cause' },
  'error.archive.stale': {
    zh: '档案已被他人修改，请刷新后重试',
    en: 'Someone else changed the archive; reload it',
  },
  'error.archive.wrong_state': {
    zh: '档案当前状态不能进行此操作，请刷新',
    en: 'Not possible in the archive’s state; reload',
  },
  'error.archive.not_for_upper': {
    zh: '地市级档案由本级总工会帮扶，无需上报',
    en: 'City-tier archives are not reported up',
  },
  'error.archive.no_upper': { zh: '本级总工会没有上级总工会', en: 'There is no federation above' },
  'error.merge.keep_archived': { zh: '只能保留已建档的一户', en: 'Keep the household that has the archive' },
  'error.merge.decided': { zh: '这一组已被处理，请刷新', en: 'This pair was already decided; reload' },
  'error.merge.gone': { zh: '其中一户已被合并，请刷新', en: 'One of them was already merged; reload' },
  'error.merge.different_id': {
    zh: '两户身份证号不同，不是同一人',
    en: 'Different ID numbers: different people',
  },
  'error.merge_candidate.not_found': { zh: '该组疑似重复不存在', en: 'No such pair' },
  'error.draft.not_found': { zh: '草稿已提交或已删除', en: 'The draft was submitted or deleted' },
  'error.draft.stale': { zh: '草稿已在别处修改', en: 'The draft was changed elsewhere' },
  'error.screening.invalid': { zh: '摸排内容有误，请检查标红的内容', en: 'Some fields are not valid' },
  'error.screening.campaign_unknown': { zh: '摸排行动不存在', en: 'Unknown campaign' },
  'error.member.not_found': { zh: '会员不存在或无权访问', en: 'Member not found' },
  'error.member.stale': {
    zh: '该会员信息已被他人修改，请刷新',
    en: 'Someone else changed this member; refresh',
  },
  'error.member.invalid': { zh: '会员信息有误，请检查标红的内容', en: 'Some fields are not valid' },
  'error.member.duplicate_id': { zh: '此人已在会员名册中', en: 'This person is on the roll already' },
  'error.member.phone_taken': {
    zh: '已有在册会员使用此手机号',
    en: 'An active member has this phone already',
  },
  'error.member.card_taken': { zh: '本工会已有此会员卡号', en: 'The unit already uses this card number' },
  'error.member.not_a_unit': {
    zh: '会员只能属于基层工会',
    en: 'Members belong to a unit (grassroots) union',
  },
  'error.member.org_unknown': { zh: '基层工会不存在或不在管辖范围', en: 'No such unit union' },
  'error.member.not_active': { zh: '该会员已离会', en: 'The member has left' },
  'error.member.same_unit': { zh: '会员已在该工会', en: 'The member is in this unit already' },
  'error.auth.worker_required': {
    zh: '请先用手机号和验证码登录',
    en: 'Sign in with your mobile number and a code first',
  },
  'error.auth.session_revoked': {
    zh: '此设备的登录已被管理员结束，请重新登录',
    en: 'An administrator signed this device out; please sign in again',
  },
  'error.screening.household_changed': {
    zh: '这户在复访开始后已被他人修改，请对比后重新提交',
    en: 'The household changed since this visit began; compare and send again',
  },
  'error.campaign.not_found': { zh: '摸排行动不存在', en: 'Campaign not found' },
  'error.campaign.bad_period': { zh: '结束日期早于开始日期', en: 'It ends before it starts' },
  'error.campaign.bad_area': { zh: '区域不存在', en: 'Unknown area' },
  'error.campaign.duplicate_target': { zh: '同一组织重复设置了目标', en: 'An organisation is listed twice' },
  'error.campaign.bad_target': { zh: '该组织不能作为摸排目标', en: 'That organisation cannot be a target' },
  'error.campaign.stale': {
    zh: '摸排行动已被他人修改，请刷新',
    en: 'Someone else changed the campaign; reload',
  },
  'error.alliance.org_unknown': { zh: '组织不存在', en: 'No such organisation' },
  'error.alliance.bad_org': {
    zh: '该类组织没有联盟成员',
    en: 'That kind of organisation has no alliance members',
  },
  'error.alliance.org_inactive': { zh: '该组织已停用', en: 'The organisation is inactive' },
  'error.alliance.bad_phone': { zh: '不是有效的手机号', en: 'Not a mainland mobile number' },
  'error.alliance.member_stale': {
    zh: '成员信息已被他人修改，请刷新',
    en: 'Someone else changed the member; reload',
  },
  'error.alliance.member_already_left': { zh: '该成员已退出联盟', en: 'Already left' },
  'error.alliance.member_already_active': { zh: '该成员已在联盟中', en: 'Already active' },
  'error.alliance.duplicate_situation': { zh: '人员类别重复', en: 'A situation is listed twice' },
  'error.import.bad_file': { zh: '无法读取该文件', en: 'The file cannot be read' },
  'error.import.busy': {
    zh: '已有导入正在进行，请等待完成后再试',
    en: 'An import is already running; wait for it to finish',
  },
  'error.export.empty': { zh: '没有符合条件的户', en: 'No household matches the filter' },
  'error.export.too_large': {
    zh: '符合条件的户太多，请缩小筛选范围',
    en: 'Too many households match; narrow the filter',
  },
  'error.alliance_member.not_found': { zh: '成员不存在或无权访问', en: 'Member not found' },
  'error.evidence.not_found': { zh: '凭证不存在或无权访问', en: 'Evidence not found' },
  'error.resource.not_found': { zh: '资源不存在或无权访问', en: 'Resource not found' },
  'error.resource.stale': { zh: '资源已被他人修改，请刷新', en: 'Someone else changed the resource; reload' },
  'error.resource.bad_validity': { zh: '有效期结束早于开始', en: 'It ends before it starts' },
  'error.resource.bad_org': { zh: '不能为该单位发布资源', en: 'You may not publish for that unit' },
  'error.resource.org_required': { zh: '请选择爱心单位', en: 'Choose the caring unit' },
  'error.resource.below_reserved': {
    zh: '数量不能少于已预留和已服务的名额',
    en: 'Fewer places than already reserved or served',
  },
  'error.resource.withdrawn': { zh: '资源已下架', en: 'The resource has been withdrawn' },
  'error.referral.not_found': { zh: '转介不存在或无权访问', en: 'Referral not found' },
  'error.referral.stale': { zh: '转介已被他人处理，请刷新', en: 'Someone else changed the referral; reload' },
  'error.referral.wrong_state': {
    zh: '该转介当前状态不能进行此操作，请刷新',
    en: 'Not possible in the referral’s state; reload',
  },
  'error.referral.future_delivery': { zh: '服务日期不能晚于今天', en: 'The date is in the future' },
  'error.referral.bad_delivered_on': { zh: '服务日期早于转介日期', en: 'Served before it was referred' },
  'error.measure.not_found': { zh: '措施不存在或无权访问', en: 'Measure not found' },
  'error.measure.stale': { zh: '措施已被他人修改，请刷新', en: 'Someone else changed the measure; reload' },
  'error.measure.wrong_state': {
    zh: '该措施当前状态不能进行此操作，请刷新',
    en: 'Not possible in the measure’s state; reload',
  },
  'error.measure.future_date': { zh: '完成日期不能晚于今天', en: 'The date is in the future' },
  'error.measure.done_only': {
    zh: '只有完成时才填写完成日期和金额',
    en: 'Only a done measure has a date and value',
  },
  'error.plan.unknown_org': { zh: '责任单位不存在', en: 'Unknown responsible organisation' },
  'error.plan.org_inactive': { zh: '责任单位已停用', en: 'The responsible organisation is inactive' },
  'error.template.not_found': { zh: '模板不存在或无权访问', en: 'Template not found' },
  'error.template.stale': { zh: '模板已被他人修改，请刷新', en: 'Someone else changed the template; reload' },
  'error.template.archived': { zh: '模板已停用，不能应用', en: 'The template is archived' },
  'error.template.org_inactive': {
    zh: '某项措施的责任单位已停用',
    en: 'A responsible organisation is inactive',
  },
  'error.template.unknown_division': { zh: '地区不存在', en: 'Unknown area' },
  'error.visit.not_found': { zh: '回访不存在或无权访问', en: 'Visit not found' },
  'error.visit.stale': { zh: '回访已被他人修改，请刷新', en: 'Someone else changed the visit; reload' },
  'error.visit.wrong_state': {
    zh: '该回访已记录或已取消，请刷新',
    en: 'The visit is done or cancelled; reload',
  },
  'error.visit.future_date': { zh: '回访日期不能晚于今天', en: 'The date is in the future' },
  'error.visit.assignee_unknown': { zh: '回访单位或成员不存在', en: 'Unknown organisation or member' },
  'error.visit.bad_assignee': { zh: '该单位不能承担回访', en: 'That organisation cannot visit' },
  'error.visit.bad_member': { zh: '该成员不属于所选单位', en: 'The member is not in that organisation' },
  'error.visit.member_without_org': { zh: '请先选择回访单位', en: 'Choose the organisation first' },
  'error.visit.past_due': { zh: '应回访日期不能早于今天', en: 'The due date is in the past' },
  'error.evidence.too_large': { zh: '凭证文件不能超过 5 MB', en: 'Evidence must be 5 MB or less' },
  'error.evidence.unsupported_type': {
    zh: '只能上传 JPG、PNG、WebP 照片或 PDF 文件',
    en: 'Only JPG, PNG, WebP photos or PDF files',
  },
  'error.evidence.type_mismatch': {
    zh: '文件内容与类型不符，请重新选择文件',
    en: 'The file is not what its type says',
  },
  'error.evidence.too_many': {
    zh: '该笔帮扶的凭证已达上限',
    en: 'This record has all the evidence it may hold',
  },
  'error.evidence.empty': { zh: '文件是空的', en: 'The file is empty' },
  'error.evidence.bad_file_name': { zh: '文件名不可用，请改名后再上传', en: 'Rename the file and try again' },
  'error.help.future_date': { zh: '帮扶日期不能晚于今天', en: 'The date cannot be in the future' },
  'error.help.giver_required': { zh: '请选择或填写帮扶单位', en: 'Pick or name the giver' },
  'error.help.unknown_need': { zh: '所选需求不存在或已解决，请刷新', en: 'A need is gone or solved; reload' },
  'error.help.unknown_org': { zh: '帮扶单位不存在', en: 'No such giver' },
  'error.consent.already_revoked': { zh: '该授权已撤回', en: 'Already revoked' },
  'error.consent.bad_org': { zh: '该单位不能作为授权对象', en: 'That organisation cannot be named' },
  'error.consent.future_date': { zh: '同意日期不能晚于今天', en: 'The date cannot be in the future' },
  'error.consent.guardian_required': {
    zh: '未满 14 周岁的未成年人须由监护人同意',
    en: 'A child under 14 consents only through a guardian',
  },
  'error.consent.guardian_name_required': { zh: '请填写监护人姓名', en: 'Name the guardian' },
  'error.consent.member_unknown': { zh: '该成员不属于本户', en: 'Not a member of this household' },
  'error.referral.consent_required': {
    zh: '尚无对该爱心单位的有效授权同意',
    en: 'No consent names this caring unit',
  },
  'error.referral.duplicate': {
    zh: '该户已有同一资源的转介正在进行',
    en: 'This household already has an open referral to this resource',
  },
  'error.referral.member_unknown': { zh: '该成员不属于本户', en: 'Not a member of this household' },
  'error.referral.resource_unknown': { zh: '爱心资源不存在', en: 'No such resource' },
  'error.resource.exhausted': { zh: '该资源剩余名额不足', en: 'Not enough places left' },
  'error.resource.expired': { zh: '该资源已过有效期', en: 'The resource has expired' },
  'error.resource.not_yet_valid': { zh: '该资源尚未到有效期', en: 'The resource is not valid yet' },
  'error.visit.already_due': {
    zh: '该户已有待回访记录，请先记录或改派',
    en: 'This household already has an open visit; record or reassign it',
  },
  'error.consent.not_found': { zh: '授权同意记录不存在', en: 'No such consent' },
  'error.consent.guardian_name_unexpected': {
    zh: '只有监护人代为同意时才填写监护人姓名',
    en: "Only a guardian's consent names a guardian",
  },
  'error.dashboard.bad_period': {
    zh: '统计区间的结束日期早于开始日期',
    en: 'The period ends before it starts',
  },
  'error.dashboard.chart_unavailable': {
    zh: '您的看板不包含该图表',
    en: 'This chart is not part of your dashboard',
  },
  'error.evidence.file_name_required': { zh: '请提供附件的文件名', en: 'Give the file a name' },
  'error.help_record.not_found': { zh: '帮扶记录不存在', en: 'No such help record' },
  'error.import.not_found': { zh: '导入任务不存在', en: 'No such import' },
  'error.otp.bad_phone': { zh: '请输入正确的大陆手机号', en: 'Not a mainland mobile number' },
  'error.otp.invalid': {
    zh: '验证码错误或已过期，请重新获取',
    en: 'The code is wrong or has expired; ask for a new one',
  },
  'error.otp.rate_limited': {
    zh: '获取验证码次数过多，请稍后再试',
    en: 'Too many codes requested; try again later',
  },
  'error.otp.too_soon': {
    zh: '请稍等一分钟再重新获取验证码',
    en: 'Wait a minute before asking for another code',
  },
  'error.self_report.no_federation': {
    zh: '该地区暂无总工会受理，请选择其他地区',
    en: 'No union federation serves this area yet',
  },
  'error.org.area_not_yours': {
    zh: '总工会的服务区域只能由上级总工会或平台管理员修改',
    en: "Only the federation above or a platform admin may change a federation's area",
  },
  'error.org.area_overlap': {
    zh: '该区域与另一个总工会的服务区域重叠',
    en: "The area overlaps another federation's area",
  },
  'error.household.search_limited': {
    zh: '按身份证号或手机号查找的次数已达每小时上限，请稍后再试',
    en: 'Hourly limit of searches by ID number or phone reached; try again later',
  },
  'error.household.search_identifier_forbidden': {
    zh: '您的角色不能按身份证号或手机号查找',
    en: 'Your role may not search by ID number or phone',
  },
  'error.household.same_id_number': {
    zh: '另一户已登记该身份证号：请在合并队列中合并，或关闭此申请',
    en: 'Another household holds this ID number: merge the pair in the merge queue or close the request',
  },
  'error.merge.keep_verified': {
    zh: '职工自助申请只能并入已受理的一户，不能保留申请而合并已受理户',
    en: "A worker's own request merges into the accepted household, not the other way round",
  },
  'error.referral.value_too_large': {
    zh: '帮扶价值超过上限（1 亿元），请填写实际价值',
    en: 'The value is over the maximum (¥100,000,000): enter the actual value',
  },
  'error.sms.send_failed': {
    zh: '短信发送失败，请稍后再试',
    en: 'The text message could not be sent; try again later',
  },
  'error.consent.already_confirmed': { zh: '该知情同意已确认', en: 'Already confirmed' },
  'error.consent.evidence_exists': {
    zh: '该知情同意已有签字同意书',
    en: 'The signed form is already attached',
  },
  'error.consent_evidence.not_found': {
    zh: '该知情同意还没有签字同意书',
    en: 'No signed form is attached to this consent',
  },
  'error.vote_campaign.not_found': { zh: '评选活动不存在或无权访问', en: 'Campaign not found' },
  'error.vote_nomination.not_found': { zh: '推荐记录不存在或无权访问', en: 'Nomination not found' },
  'error.vote_candidate.not_found': { zh: '候选人不存在', en: 'Candidate not found' },
  'error.vote_objection.not_found': { zh: '异议不存在', en: 'Objection not found' },
  'error.vote.stale': { zh: '记录已被他人修改，请刷新', en: 'Someone else changed this record; reload' },
  'error.vote.rules_frozen': {
    zh: '投票已开始，规则和时间安排不能再修改（本次尝试已记录）',
    en: 'Voting has opened: rules and timeline are frozen (this attempt was recorded)',
  },
  'error.vote.bad_timeline': { zh: '时间安排有误：各环节须依次进行', en: 'The timeline is out of order' },
  'error.vote.bad_formula': {
    zh: '计分规则有误：公众与专家权重之和须为100',
    en: 'The formula is not valid (weights must sum to 100)',
  },
  'error.vote.bad_org': { zh: '请选择您所在总工会', en: 'Choose a federation you may run a campaign for' },
  'error.vote.bad_state': {
    zh: '活动当前阶段不允许此操作',
    en: 'Not possible at this stage of the campaign',
  },
  'error.vote.step_not_allowed': { zh: '不能推进到该阶段', en: 'The campaign cannot move to that stage' },
  'error.vote.nomination_closed': { zh: '推荐已截止或尚未开始', en: 'Nominations are not open' },
  'error.vote.source_not_allowed': {
    zh: '本次活动不接受该推荐方式',
    en: 'The campaign does not accept this kind of nomination',
  },
  'error.vote.duplicate_nominee': { zh: '此人已被推荐', en: 'This person has already been nominated' },
  'error.vote.file_type': { zh: '文件类型不支持', en: 'File type not accepted' },
  'error.vote.file_too_large': { zh: '文件过大', en: 'The file is too large' },
  'error.vote.file_name': { zh: '请提供文件名', en: 'Name the file' },
  'error.vote.file_missing': { zh: '请选择文件', en: 'Choose a file' },
  'error.vote.too_many_files': { zh: '材料数量已达上限', en: 'Too many files' },
  'error.vote.not_expert': { zh: '该用户不是评审专家', en: 'The user is not a review expert' },
  'error.vote.conflict_declared': {
    zh: '已申报回避，不能评分',
    en: 'A declared conflict keeps you off this nominee',
  },
  'error.vote.score_criteria': { zh: '评分项有误', en: 'The scores are not valid' },
  'error.vote.not_scoring': { zh: '当前阶段不能评分', en: 'Scoring is not open at this stage' },
  'error.vote.shortlist_pick': { zh: '入围名单有误', en: 'The shortlist pick is not valid' },
  'error.vote.no_result': { zh: '尚未计算结果', en: 'The result has not been computed' },
  'error.vote.result_published': {
    zh: '结果已公示，不能重新计算',
    en: 'The result is published and cannot be recomputed',
  },
  'error.vote.objection_closed': {
    zh: '公示期外不能提出异议',
    en: 'Objections are taken during the notice only',
  },
  'error.vote.reason_required': { zh: '请填写理由', en: 'Give a reason' },
} satisfies ErrorWords & Dictionary;
