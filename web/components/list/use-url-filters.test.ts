import { describe, expect, it } from 'vitest';
import { ReferralQuery, ResourceQuery, VisitQuery } from '../../../contracts/help';
import { ArchiveListQuery } from '../../../contracts/assistance';
import type { z } from 'zod';
import { parseUrlFilters, serialiseUrlFilters, type QuerySchema, type UrlFilters } from './use-url-filters';

const REFERRAL_KEYS = ['state', 'orgId', 'resourceId'] as const;
const params = (s: string) => new URLSearchParams(s);

describe('URL filters', () => {
  it('reads a bare URL as the schema defaults', () => {
    expect(parseUrlFilters(ReferralQuery, REFERRAL_KEYS, params(''))).toEqual({
      page: 1,
      pageSize: 20,
      state: undefined,
      orgId: undefined,
      resourceId: undefined,
    });
  });

  it('reads the fields the page names through the contract', () => {
    expect(
      parseUrlFilters(ReferralQuery, REFERRAL_KEYS, params('page=3&pageSize=50&state=accepted&orgId=org-1')),
    ).toEqual({ page: 3, pageSize: 50, state: 'accepted', orgId: 'org-1', resourceId: undefined });
  });

  it('drops a bad or stale value field by field, keeping the others', () => {
    expect(
      parseUrlFilters(
        ReferralQuery,
        REFERRAL_KEYS,
        params('page=0&pageSize=abc&state=lost&orgId=not%20an%20id&resourceId=res-2'),
      ),
    ).toEqual({ page: 1, pageSize: 20, state: undefined, orgId: undefined, resourceId: 'res-2' });
    expect(parseUrlFilters(VisitQuery, ['overdue'], params('overdue=maybe&pageSize=999'))).toEqual({
      page: 1,
      pageSize: 20,
      overdue: undefined,
    });
  });

  it('ignores parameters the page does not name (free text stays out of the URL)', () => {
    const read = parseUrlFilters(ResourceQuery, ['kind', 'orgId'], params('q=someone&kind=coupons'));
    expect(read).toEqual({ page: 1, pageSize: 20, kind: 'coupons', orgId: undefined });
    expect(
      serialiseUrlFilters(ResourceQuery, ['kind'], { kind: 'coupons', q: 'someone' } as never).toString(),
    ).toBe('kind=coupons');
  });

  it('leaves defaults and empty values out of the URL', () => {
    expect(
      serialiseUrlFilters(ReferralQuery, REFERRAL_KEYS, {
        page: 1,
        pageSize: 20,
        state: undefined,
        orgId: '',
      } as never).toString(),
    ).toBe('');
    expect(
      serialiseUrlFilters(
        ReferralQuery,
        REFERRAL_KEYS,
        { page: 1, state: 'sent' },
        { state: 'sent' },
      ).toString(),
    ).toBe('');
  });

  it('uses the page defaults where the URL has none or a bad value', () => {
    expect(parseUrlFilters(ReferralQuery, REFERRAL_KEYS, params('state=nope'), { state: 'sent' }).state).toBe(
      'sent',
    );
  });

  it('keeps a filter cleared where the page has a default of its own', () => {
    const defaults = { state: 'due' } as const;
    const written = serialiseUrlFilters(VisitQuery, ['state'], { state: undefined }, defaults);
    expect(written.toString()).toBe('state=');
    expect(parseUrlFilters(VisitQuery, ['state'], written, defaults).state).toBeUndefined();
    expect(parseUrlFilters(VisitQuery, ['state'], params(''), defaults).state).toBe('due');
    expect(parseUrlFilters(VisitQuery, ['state'], params('page='), defaults).page).toBe(1);
  });

  it('round-trips what it writes', () => {
    roundTrip(ReferralQuery, REFERRAL_KEYS, { page: 2, pageSize: 50, state: 'declined' });
    roundTrip(ArchiveListQuery, ['state', 'reviewDue'], { page: 4, reviewDue: 'true' });
    roundTrip(VisitQuery, ['state', 'overdue', 'assigneeOrgId'], {
      pageSize: 100,
      state: 'due',
      assigneeOrgId: 'org_7',
    });
  });
});

function roundTrip<S extends QuerySchema, K extends keyof z.output<S> & string>(
  schema: S,
  keys: readonly K[],
  values: Partial<UrlFilters<S, K>>,
) {
  const written = serialiseUrlFilters(schema, keys, values);
  const read = parseUrlFilters(schema, keys, written);
  expect(read).toMatchObject(values);
  expect(serialiseUrlFilters(schema, keys, read).toString()).toBe(written.toString());
}
