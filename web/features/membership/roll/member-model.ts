import type { z } from 'zod';
import type {
  MemberInput,
  MemberPatch,
  MemberState,
  MemberSummary,
  MemberUrlFilters,
} from '../../../../contracts/membership';
import type { UrlFilters } from '../../../components/list/use-url-filters';
import type { MemberSearchInput } from './hooks';

/** What the roll keeps in its URL (MemberUrlFilters names no person). */
export const MEMBER_URL_KEYS = ['orgId', 'state'] as const;
export type MemberUrl = UrlFilters<typeof MemberUrlFilters, (typeof MEMBER_URL_KEYS)[number]>;

/** The search fields that may name a person: in the page's memory and the POST body only. */
export const SEARCH_FIELDS = ['q', 'idNumber', 'phone'] as const;
export type MemberSearch = Partial<Record<(typeof SEARCH_FIELDS)[number], string>>;

/** The filter bar: the search and the filters the URL carries. */
export interface MemberFilterForm extends MemberSearch {
  orgId?: string;
  state?: z.infer<typeof MemberState>;
}

const text = (v?: string | null) => v?.trim() || undefined;

/** A submitted filter bar in two: the search for the page's state, the rest for the URL. */
export function splitMemberFilters(values: MemberFilterForm): {
  search: MemberSearch;
  url: Partial<Pick<MemberUrl, (typeof MEMBER_URL_KEYS)[number]>>;
} {
  return {
    search: {
      q: text(values.q),
      idNumber: text(values.idNumber)?.toUpperCase(),
      phone: text(values.phone)?.replace(/[\s-]/g, ''),
    },
    url: { orgId: values.orgId, state: values.state },
  };
}

/** The URL's filters as the filter bar shows them. */
export function memberFiltersOf(url: MemberUrl): MemberFilterForm {
  return { orgId: url.orgId, state: url.state };
}

/** The search body: the URL's filters and paging with the search kept in memory. */
export function memberQuery(url: MemberUrl, search: MemberSearch): MemberSearchInput {
  const body: MemberSearchInput = { page: url.page, pageSize: url.pageSize };
  if (url.orgId) body.orgId = url.orgId;
  if (url.state) body.state = url.state;
  if (search.q) body.q = search.q;
  if (search.idNumber) body.idNumber = search.idNumber;
  if (search.phone) body.phone = search.phone;
  return body;
}

/** The add / edit dialog's values (the date as YYYY-MM-DD; the dialog converts its picker's). */
export interface MemberFormValues {
  orgId?: string;
  name: string;
  idNumber?: string;
  phone?: string;
  cardNumber?: string;
  gender?: 'male' | 'female' | null;
  joinedOn: string;
}

export const MEMBER_FORM_FIELDS = [
  'orgId',
  'name',
  'idNumber',
  'phone',
  'cardNumber',
  'gender',
  'joinedOn',
] as const;

/** A new member's body: everything trimmed, the ID number's check letter upper-case. */
export function createBody(v: MemberFormValues): MemberInput {
  const body: MemberInput = {
    orgId: v.orgId ?? '',
    name: v.name.trim(),
    idNumber: (v.idNumber ?? '').trim().toUpperCase(),
    phone: (v.phone ?? '').trim(),
    joinedOn: v.joinedOn,
  };
  const card = text(v.cardNumber);
  if (card) body.cardNumber = card;
  if (v.gender) body.gender = v.gender;
  return body;
}

/**
 * An edit's body: the version it was based on and only what changed (the ID number and the unit
 * are not edited here: a transfer moves a member). An empty phone box keeps the phone; an empty
 * card number box removes it.
 */
export function patchBody(member: MemberSummary, v: MemberFormValues): z.input<typeof MemberPatch> {
  const body: z.input<typeof MemberPatch> = { version: member.version };
  const name = v.name.trim();
  if (name !== member.name) body.name = name;
  const phone = text(v.phone);
  if (phone) body.phone = phone;
  const card = text(v.cardNumber) ?? null;
  if (card !== member.cardNumber) body.cardNumber = card;
  const gender = v.gender ?? null;
  if (gender !== member.gender) body.gender = gender;
  if (v.joinedOn !== member.joinedOn) body.joinedOn = v.joinedOn;
  return body;
}

/** Whether an edit changes anything (a body with only its version is not sent). */
export const changesSomething = (body: z.input<typeof MemberPatch>) => Object.keys(body).length > 1;
