import { describe, expect, it } from 'vitest';
import { HouseholdQuery, HouseholdUrlFilters } from '../../../../contracts/assistance';
import { parseUrlFilters, serialiseUrlFilters } from '../../../components/list/use-url-filters';
import {
  HOUSEHOLD_URL_KEYS,
  householdFormOf,
  householdQuery,
  splitHouseholdForm,
  type HouseholdForm,
} from './household-filters';

const NAME = '韩晓梅';
const ID = '64038119800101001x';
const PHONE = '13700000002';
const ARCHIVE = '640381-2026-00012';

const typed: HouseholdForm = {
  q: ` ${NAME} `,
  idNumber: ID,
  phone: PHONE,
  archiveNo: ARCHIVE,
  state: 'screened',
  orgId: 'org_7',
  urgentOnly: true,
};

/** What the page writes to the URL when the form is submitted (useUrlFilters' setFilters). */
const urlAfter = (values: HouseholdForm, current = new URLSearchParams()) => {
  const filters = parseUrlFilters(HouseholdUrlFilters, HOUSEHOLD_URL_KEYS, current);
  const { url } = splitHouseholdForm(values);
  return serialiseUrlFilters(HouseholdUrlFilters, HOUSEHOLD_URL_KEYS, { ...filters, ...url, page: 1 });
};

describe('households list filters', () => {
  it('never writes a name, ID number, phone or archive number typed into the search to the URL', () => {
    const written = urlAfter(typed).toString();
    expect(written).toBe('state=screened&orgId=org_7&urgentOnly=true');
    const decoded = decodeURIComponent(written).toLowerCase();
    for (const value of [NAME, ID.toLowerCase(), PHONE, ARCHIVE]) expect(decoded).not.toContain(value);
  });

  it('refuses keys outside the safe schema even when handed them', () => {
    const written = serialiseUrlFilters(HouseholdUrlFilters, HOUSEHOLD_URL_KEYS, {
      ...typed,
      urgentOnly: 'true',
    } as never);
    expect([...written.keys()].sort()).toEqual(['orgId', 'state', 'urgentOnly']);
    const sneaked = serialiseUrlFilters(
      HouseholdUrlFilters,
      ['q', 'idNumber', 'phone'] as never,
      {
        q: NAME,
        idNumber: ID,
        phone: PHONE,
      } as never,
    );
    expect(sneaked.toString()).toBe('');
  });

  it('reads no search from a URL that carries one', () => {
    const read = parseUrlFilters(
      HouseholdUrlFilters,
      HOUSEHOLD_URL_KEYS,
      new URLSearchParams(`q=${NAME}&idNumber=${ID}&phone=${PHONE}&state=screened`),
    );
    expect(householdQuery(read, {})).toMatchObject({ state: 'screened', q: undefined, idNumber: undefined });
    expect(Object.values(read)).not.toContain(NAME);
  });

  it('sends the POST body built from the URL and the search in memory', () => {
    const current = urlAfter(typed);
    const read = parseUrlFilters(HouseholdUrlFilters, HOUSEHOLD_URL_KEYS, current);
    const body = householdQuery(read, splitHouseholdForm(typed).search);
    expect(HouseholdQuery.parse(body)).toEqual({
      page: 1,
      pageSize: 20,
      sort: 'lastScreenedOn',
      order: 'desc',
      state: 'screened',
      orgId: 'org_7',
      urgentOnly: true,
      q: NAME,
      idNumber: ID.toUpperCase(),
      phone: PHONE,
      archiveNo: ARCHIVE,
    });
    expect(householdFormOf(read)).toMatchObject({ state: 'screened', orgId: 'org_7', urgentOnly: true });
  });

  it('keeps the sort and paging in the URL, the defaults out of it', () => {
    const written = serialiseUrlFilters(HouseholdUrlFilters, HOUSEHOLD_URL_KEYS, {
      page: 3,
      pageSize: 50,
      sort: 'headName',
      order: 'asc',
    });
    expect(written.toString()).toBe('page=3&pageSize=50&sort=headName&order=asc');
    expect(
      serialiseUrlFilters(HouseholdUrlFilters, HOUSEHOLD_URL_KEYS, {
        page: 1,
        sort: 'lastScreenedOn',
        order: 'desc',
      }).toString(),
    ).toBe('');
  });
});
