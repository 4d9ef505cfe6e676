import { describe, expect, it } from 'vitest';
import {
  areaOf,
  chooseResponsible,
  isoWeek,
  partnerKindFor,
  responsibilityTable,
  type RoutingOrg,
} from './alliance.policy';

const fed: RoutingOrg = {
  id: 'fed',
  name: '市总工会',
  kind: 'city',
  status: 'active',
  jurisdictionId: 'fed',
};
const union: RoutingOrg = {
  id: 'u1',
  name: '某公司工会',
  kind: 'grassroots',
  status: 'active',
  jurisdictionId: 'fed',
};
const social: RoutingOrg = {
  id: 's1',
  name: '社工协会',
  kind: 'social_work',
  status: 'active',
  jurisdictionId: 'fed',
};
const volunteer: RoutingOrg = {
  id: 'v1',
  name: '志愿者协会',
  kind: 'volunteer',
  status: 'active',
  jurisdictionId: 'fed',
};

describe('responsibility table', () => {
  it('falls back to the seed defaults for situations without a row', () => {
    const rules = new Map([['migrant_worker', 'volunteer']]);
    expect(partnerKindFor(rules, 'migrant_worker')).toBe('volunteer');
    expect(partnerKindFor(rules, 'social_org_employee')).toBe('social_work');
    expect(partnerKindFor(new Map(), 'other')).toBe('union');
    expect(responsibilityTable(new Map())).toHaveLength(7);
  });
});

describe('chooseResponsible', () => {
  it('prefers the screening organisation when it is of the responsible kind', () => {
    expect(
      chooseResponsible('union', 'fed', { screeningOrg: union, firstOfKind: undefined, federation: fed }),
    ).toBe(union);
    expect(
      chooseResponsible('social_work', 'fed', {
        screeningOrg: social,
        firstOfKind: undefined,
        federation: fed,
      }),
    ).toBe(social);
  });

  it('takes the first partner of the kind, but never another grassroots union', () => {
    expect(
      chooseResponsible('volunteer', 'fed', {
        screeningOrg: social,
        firstOfKind: volunteer,
        federation: fed,
      }),
    ).toBe(volunteer);
    expect(
      chooseResponsible('union', 'fed', { screeningOrg: social, firstOfKind: union, federation: fed }),
    ).toBe(fed);
  });

  it('ignores an inactive or foreign screening organisation and falls back to the federation', () => {
    const inactive = { ...social, status: 'inactive' };
    const foreign = { ...union, jurisdictionId: 'other' };
    expect(
      chooseResponsible('social_work', 'fed', {
        screeningOrg: inactive,
        firstOfKind: undefined,
        federation: fed,
      }),
    ).toBe(fed);
    expect(
      chooseResponsible('union', 'fed', { screeningOrg: foreign, firstOfKind: undefined, federation: fed }),
    ).toBe(fed);
    expect(
      chooseResponsible('union', 'fed', {
        screeningOrg: foreign,
        firstOfKind: undefined,
        federation: undefined,
      }),
    ).toBe(undefined);
  });
});

describe('isoWeek', () => {
  it.each([
    ['2023-06-05', '2023-W23'],
    ['2023-06-11', '2023-W23'],
    ['2026-06-01', '2026-W23'],
    ['2021-01-01', '2020-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-03', '2026-W53'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
});

describe('areaOf', () => {
  it('puts a division in the most specific campaign area containing it', () => {
    const areas = ['640381', '640381001'];
    expect(areaOf('640381001', areas)).toBe('640381001');
    expect(areaOf('640381101', areas)).toBe('640381');
    expect(areaOf('640104', areas)).toBe('640104');
  });
});
