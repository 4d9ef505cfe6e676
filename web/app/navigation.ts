import type { Requirement } from '../components/session/permissions';
import {
  absolute,
  MENU_GROUPS,
  type Feature,
  type FeaturePage,
  type MenuEntry,
  type MenuGroup,
} from './feature';

/** One line of the side menu, from a feature's page or external link. */
export interface MenuLine extends MenuEntry {
  /** The menu key: the absolute path it opens. */
  key: string;
  /** True for a full page load (another app), false for a client-side route. */
  external: boolean;
  requirement?: Requirement;
}

/** The menu key a page highlights: its own entry's, its parent's, or none. */
export function menuKeyOf(page: FeaturePage): string | undefined {
  if (page.menu) return absolute(page.path);
  if (page.highlights !== undefined) return absolute(page.highlights);
  return undefined;
}

/** Every menu line of the features, grouped in menu order and sorted inside each group. */
export function menuLines(features: readonly Feature[]): { group: MenuGroup; lines: MenuLine[] }[] {
  const lines: MenuLine[] = [];
  for (const feature of features) {
    for (const page of feature.pages) {
      if (page.menu) {
        lines.push({
          ...page.menu,
          key: absolute(page.path),
          external: false,
          requirement: page.requirement,
        });
      }
    }
    for (const link of feature.links ?? []) {
      lines.push({ ...link.menu, key: link.href, external: true, requirement: link.requirement });
    }
  }
  return MENU_GROUPS.map((group) => ({
    group,
    lines: lines.filter((line) => line.group === group).sort((a, b) => a.order - b.order),
  }));
}
