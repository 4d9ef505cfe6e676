import { z } from 'zod';
import { BodyPage, Id, IsoDateTime, PageQuery, RequiredText, Text, Version, pageOf } from './common';
import { Count, Year, queryInt } from './numbers';

/**
 * 会员名册 (S7b): the members of each unit union, kept by its cadres and seen by the federation
 * for its whole jurisdiction. ID numbers and phones are encrypted with a blind index; lists show
 * them masked, a reveal and an export are audited; a search by name, ID number or phone is a POST
 * body, never a URL.
 */
export const MEMBERSHIP_ACTIONS = ['member.read', 'member.manage', 'member.reveal', 'member.export'] as const;

export const MEMBERSHIP_ERROR_CODES = [
  'member.not_found',
  'member.stale',
  'member.invalid',
  'member.duplicate_id',
  'member.phone_taken',
  'member.card_taken',
  'member.not_a_unit',
  'member.org_unknown',
  'member.not_active',
  'member.same_unit',
] as const;

const DateOnly = z.iso.date();
const IdNumberText = z.string().trim().max(20);
const PhoneText = z.string().trim().max(20);

export const Gender = z.enum(['male', 'female']);
export const MemberState = z.enum(['active', 'left']);

export const MemberInput = z.strictObject({
  /** The unit union (a grassroots organisation) the member belongs to. */
  orgId: Id,
  name: RequiredText(30),
  idNumber: IdNumberText,
  phone: PhoneText,
  cardNumber: Text(30).optional(),
  gender: Gender.optional(),
  joinedOn: DateOnly,
});
export type MemberInput = z.infer<typeof MemberInput>;

export const MemberPatch = z.strictObject({
  version: Version,
  name: RequiredText(30).optional(),
  phone: PhoneText.optional(),
  cardNumber: Text(30).nullable().optional(),
  gender: Gender.nullable().optional(),
  joinedOn: DateOnly.optional(),
});

export const MemberLeaveBody = z.strictObject({
  version: Version,
  leftOn: DateOnly,
  reason: Text(200).optional(),
});

export const MemberTransferBody = z.strictObject({
  version: Version,
  toOrgId: Id,
  reason: RequiredText(200),
});

/** The search, sent as a body: name, ID number and phone never travel in a URL. */
export const MemberSearchBody = BodyPage.extend({
  q: Text(30).optional(),
  idNumber: IdNumberText.optional(),
  phone: PhoneText.optional(),
  orgId: Id.optional(),
  state: MemberState.optional(),
}).strict();

/** The roll page's filters that may stay in the URL (no name, no identifier). */
export const MemberUrlFilters = PageQuery.extend({
  orgId: Id.optional(),
  state: MemberState.optional(),
});

export const MemberSummary = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  cardNumber: z.string().nullable(),
  gender: Gender.nullable(),
  joinedOn: z.string(),
  state: MemberState,
  leftOn: z.string().nullable(),
  version: Count,
});
export type MemberSummary = z.infer<typeof MemberSummary>;

export const MemberTransfer = z.object({
  id: Id,
  fromOrgName: z.string(),
  toOrgName: z.string(),
  at: IsoDateTime,
  reason: z.string(),
});

export const Member = MemberSummary.extend({
  transfers: z.array(MemberTransfer),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Member = z.infer<typeof Member>;

export const MemberPage = pageOf(MemberSummary);

export const MemberRevealed = z.object({ idNumber: z.string(), phone: z.string() });

export const MemberCountsQuery = z.strictObject({ year: queryInt(2000, 2100).optional() });
export const MemberCounts = z.object({
  year: Year,
  items: z.array(
    z.object({ orgId: Id, orgName: z.string(), active: Count, joinedThisYear: Count, leftThisYear: Count }),
  ),
  totals: z.object({ active: Count, joinedThisYear: Count, leftThisYear: Count }),
});
export type MemberCounts = z.infer<typeof MemberCounts>;

/** The export: the search's filters (masked identifiers; audited). */
export const MemberExportBody = MemberSearchBody.omit({ page: true, pageSize: true });
