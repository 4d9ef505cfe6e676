import type { MemberCounts } from '../../../../contracts/membership';

export type CountRow = MemberCounts['items'][number];

/** The units by their members on the roll, most first (equal numbers by name, as Chinese sorts). */
export function sortedUnits(items: readonly CountRow[]): CountRow[] {
  return [...items].sort((a, b) => b.active - a.active || a.orgName.localeCompare(b.orgName, 'zh-CN'));
}

/** The years the page offers: this year back to 2000 at most, `span` of them. */
export function yearOptions(thisYear: number, span = 10): number[] {
  const years: number[] = [];
  for (let y = thisYear; y > thisYear - span && y >= 2000; y -= 1) years.push(y);
  return years;
}
