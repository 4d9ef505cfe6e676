import { describe, expect, it } from 'vitest';
import { matchPath } from 'react-router';
import { absolute } from './feature';
import { FEATURES } from './features';
import { messages } from './messages';
import { menuKeyOf, menuLines } from './navigation';

const pages = FEATURES.flatMap((feature) => feature.pages);
const lines = menuLines(FEATURES).flatMap((group) => group.lines);
const dictionary: Record<string, unknown> = messages;

describe('the feature list', () => {
  it('gives every page a unique path and every feature a unique name', () => {
    const paths = pages.map((page) => page.path);
    expect(new Set(paths).size).toBe(paths.length);
    const names = FEATURES.map((feature) => feature.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every menu line a unique key, test id and order inside its group', () => {
    const keys = lines.map((line) => line.key);
    expect(new Set(keys).size).toBe(keys.length);
    const testIds = lines.map((line) => line.testId);
    expect(new Set(testIds).size).toBe(testIds.length);
    for (const { lines: inGroup } of menuLines(FEATURES)) {
      const orders = inGroup.map((line) => line.order);
      expect(new Set(orders).size).toBe(orders.length);
    }
  });

  it('gives every menu page a crumb naming its menu label and an action, except the home page', () => {
    for (const page of pages.filter((candidate) => candidate.menu)) {
      if (page.path === '') continue;
      expect(page.crumbs.length, page.path).toBeGreaterThan(0);
      expect(page.crumbs.at(-1)?.key, page.path).toBe(page.menu?.label);
      expect(page.requirement, page.path).toBeDefined();
    }
  });

  it('makes every page inside the layout select a menu entry that exists, except the account page', () => {
    const keys = new Set(lines.map((line) => line.key));
    for (const page of pages.filter((candidate) => !candidate.bare)) {
      const key = menuKeyOf(page);
      if (page.path === 'account/password') {
        expect(key).toBeUndefined();
        continue;
      }
      expect(key, page.path).toBeDefined();
      expect(keys.has(key ?? ''), page.path).toBe(true);
    }
  });

  it('selects the entry of Plans, Resources, Referrals, Visits and Dashboard on their pages, and the list on a detail page', () => {
    const selectedAt = (url: string) => {
      const page = pages.find((candidate) => matchPath(`/${candidate.path}`, url));
      return page ? menuKeyOf(page) : undefined;
    };
    for (const url of [
      '/alliance/plans',
      '/alliance/resources',
      '/alliance/referrals',
      '/alliance/visits',
      '/alliance/dashboard',
      '/alliance/households',
      '/admin/orgs',
    ]) {
      expect(selectedAt(url), url).toBe(url);
    }
    expect(selectedAt('/alliance/households/42')).toBe('/alliance/households');
    expect(selectedAt('/')).toBe('/');
  });

  it('links every crumb to a page that exists', () => {
    const routes = pages.map((page) => absolute(page.path));
    for (const page of pages) {
      for (const crumb of page.crumbs) {
        if (crumb.to) expect(routes, page.path).toContain(crumb.to);
      }
    }
  });

  it('labels every menu line and crumb in both languages', () => {
    const keys = [
      ...lines.map((line) => line.label),
      ...pages.flatMap((page) => page.crumbs.map((c) => c.key)),
    ];
    for (const key of keys)
      expect(dictionary[key], key).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
  });
});
