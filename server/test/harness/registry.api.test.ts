/**
 * The harness registry: every route of the app is owned by exactly one module's descriptor (so
 * its authorization matrix and malformed-input files drive it), every route declares an access,
 * every role has a demo user to drive it, and the table list of the snapshots matches the
 * database.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../seed/foundation';
import { createTestApp } from '../test-app';
import { HARNESSES, ownersOf } from './registry';
import { TABLE_NAMES, catalogueTables } from './snapshot';
import { ROLES } from './world';

const t = await createTestApp();
afterAll(async () => {
  await t.close();
});

describe('harness registry', () => {
  it('every /api route is owned by exactly one module descriptor', () => {
    expect(t.routes.length).toBeGreaterThan(0);
    const unowned = t.routes.filter((r) => ownersOf(r).length === 0).map((r) => `${r.method} ${r.url}`);
    expect(
      unowned,
      `add their URL prefix to a descriptor's routes (server/test/harness/modules/): ${unowned.join(', ')}`,
    ).toEqual([]);
    const twice = t.routes
      .filter((r) => ownersOf(r).length > 1)
      .map((r) => `${r.method} ${r.url}: ${ownersOf(r).map((d) => d.name)}`);
    expect(twice, `routes owned twice: ${twice.join(', ')}`).toEqual([]);
  });

  it('every descriptor owns at least one route, and names are unique', () => {
    const names = HARNESSES.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const d of HARNESSES) {
      expect(
        t.routes.some((r) => ownersOf(r).includes(d)),
        `${d.name} owns no route`,
      ).toBe(true);
    }
  });

  it('every /api route declares an access', () => {
    const missing = t.routes.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
    expect(missing, `routes without config.access: ${missing.join(', ')}`).toEqual([]);
  });

  it('every role has a demo user to drive it', () => {
    const uncovered = ROLES.filter((role) => !DEMO_USERS.some((u) => u.roles.includes(role)));
    expect(uncovered, 'add a demo user with this role to server/seed/foundation.ts').toEqual([]);
  });

  it('the table list matches the database', async () => {
    expect(await catalogueTables(t)).toEqual([...TABLE_NAMES].sort());
  });
});
