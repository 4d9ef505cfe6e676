import type { HouseholdQuery } from '../../../../contracts/assistance';
import { HouseholdUrlFilters } from '../../../../contracts/assistance';
import type { UrlFilters } from '../../../components/list/use-url-filters';
import type { z } from 'zod';

type HouseholdQueryInput = z.infer<typeof HouseholdQuery>;

/** What the households list keeps in its URL (HouseholdUrlFilters names no person). */
export const HOUSEHOLD_URL_KEYS = [
  'state',
  'category',
  'orgId',
  'campaignId',
  'divisionCode',
  'urgentOnly',
  'sort',
  'order',
] as const;
export type HouseholdUrl = UrlFilters<typeof HouseholdUrlFilters, (typeof HOUSEHOLD_URL_KEYS)[number]>;

/** The search fields that may name a person: in the page's memory and the POST body only. */
export const SEARCH_FIELDS = ['q', 'idNumber', 'phone', 'archiveNo'] as const;
export type HouseholdSearch = Partial<Record<(typeof SEARCH_FIELDS)[number], string>>;

/** The filter form: the search and the filters the URL carries. */
export interface HouseholdForm extends HouseholdSearch {
  state?: HouseholdQueryInput['state'];
  category?: HouseholdQueryInput['category'];
  orgId?: string;
  campaignId?: string;
  divisionCode?: string;
  urgentOnly?: boolean;
}

const text = (v?: string) => v?.trim() || undefined;

/** A submitted form in two: the search for the page's state, the rest for the URL. */
export function splitHouseholdForm(values: HouseholdForm): {
  search: HouseholdSearch;
  url: Partial<Pick<HouseholdUrl, (typeof HOUSEHOLD_URL_KEYS)[number]>>;
} {
  return {
    search: {
      q: text(values.q),
      idNumber: text(values.idNumber)?.toUpperCase(),
      phone: text(values.phone),
      archiveNo: text(values.archiveNo),
    },
    url: {
      state: values.state,
      category: values.category,
      orgId: values.orgId,
      campaignId: values.campaignId,
      divisionCode: values.divisionCode,
      urgentOnly: values.urgentOnly ? 'true' : undefined,
    },
  };
}

/** The URL's filters as the form shows them. */
export function householdFormOf(url: HouseholdUrl): HouseholdForm {
  return {
    state: url.state,
    category: url.category,
    orgId: url.orgId,
    campaignId: url.campaignId,
    divisionCode: url.divisionCode,
    urgentOnly: url.urgentOnly === 'true',
  };
}

/** The POST body: the URL's filters and paging with the search kept in memory. */
export function householdQuery(url: HouseholdUrl, search: HouseholdSearch): HouseholdQueryInput {
  return {
    page: url.page,
    pageSize: url.pageSize,
    sort: url.sort,
    order: url.order,
    state: url.state,
    category: url.category,
    orgId: url.orgId,
    campaignId: url.campaignId,
    divisionCode: url.divisionCode,
    urgentOnly: url.urgentOnly === 'true' || undefined,
    q: search.q,
    idNumber: search.idNumber,
    phone: search.phone,
    archiveNo: search.archiveNo,
  };
}
