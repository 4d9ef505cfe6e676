import { describe, expect, it } from 'vitest';
import { sortedUnits, yearOptions } from './counts-model';

describe('the numbers per unit', () => {
  it('puts the largest unit first, equal ones by name', () => {
    const rows = [
      { orgId: 'a', orgName: '乙工会', active: 2, joinedThisYear: 0, leftThisYear: 0 },
      { orgId: 'b', orgName: '甲工会', active: 5, joinedThisYear: 1, leftThisYear: 0 },
      { orgId: 'c', orgName: '丙工会', active: 2, joinedThisYear: 0, leftThisYear: 1 },
    ];
    const sorted = sortedUnits(rows).map((r) => r.orgId);
    expect(sorted[0]).toBe('b');
    expect(sorted.slice(1).sort()).toEqual(['a', 'c']);
    expect(
      sortedUnits(rows)
        .slice(1)
        .map((r) => r.orgName),
    ).toEqual(['乙工会', '丙工会'].sort((x, y) => x.localeCompare(y, 'zh-CN')));
    expect(rows.map((r) => r.orgId)).toEqual(['a', 'b', 'c']);
  });

  it('offers this year and the years before it, never before 2000', () => {
    expect(yearOptions(2026, 3)).toEqual([2026, 2025, 2024]);
    expect(yearOptions(2001, 5)).toEqual([2001, 2000]);
  });
});
