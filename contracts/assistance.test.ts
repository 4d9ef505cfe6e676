import { describe, expect, it } from 'vitest';
import { HouseholdQuery, HouseholdUrlFilters } from './assistance';

/** The search fields that can name a person: they travel only in the POST body. */
const PERSONAL = ['q', 'idNumber', 'phone', 'archiveNo'] as const;

describe('HouseholdUrlFilters', () => {
  it('names none of the search fields that can identify a person', () => {
    const keys = Object.keys(HouseholdUrlFilters.shape);
    for (const key of PERSONAL) expect(keys).not.toContain(key);
    for (const key of PERSONAL) expect(Object.keys(HouseholdQuery.shape)).toContain(key);
  });

  it('holds only fields the POST body also takes', () => {
    for (const key of Object.keys(HouseholdUrlFilters.shape))
      expect(Object.keys(HouseholdQuery.shape)).toContain(key);
  });

  it('refuses a personal field and reads query text', () => {
    expect(HouseholdUrlFilters.safeParse({ idNumber: '110101199003070011' }).success).toBe(false);
    expect(HouseholdUrlFilters.parse({ page: '2', state: 'screened', urgentOnly: 'true' })).toEqual({
      page: 2,
      pageSize: 20,
      state: 'screened',
      urgentOnly: 'true',
      sort: 'lastScreenedOn',
      order: 'desc',
    });
  });
});
