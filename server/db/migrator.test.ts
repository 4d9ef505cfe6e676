import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../app';
import { collectMigrations, PLATFORM_MIGRATIONS, type PortableMigration } from './migrator';

const noop: PortableMigration = () => ({ up: async () => {} });

describe('collectMigrations', () => {
  it('keeps the names databases have recorded, in the order they ran', () => {
    expect(Object.keys(MIGRATIONS)).toEqual([
      '2026112901-foundation',
      '2026112902-assistance',
      '2026112903-help',
      '2026120701-login-throttle',
      '2026120702-federation-area-lock',
      '2026120703-self-report-unverified',
      '2026120704-identifier-search',
      '2026120705-consent-confirmation',
      '2026120706-money-bigint',
      '2026120801-assignment',
      '2026121001-membership',
      '2026121101-campaigns',
      '2026121120-ballots',
      '2026121201-ballot-answers',
    ]);
  });

  it('orders by name whatever the order of the modules', () => {
    const all = collectMigrations([
      { name: 'b', migrations: { '2026120902-b': noop } },
      { name: 'a', migrations: { '2026120901-a': noop } },
      { name: 'none' },
    ]);
    expect(Object.keys(all)).toEqual([...Object.keys(PLATFORM_MIGRATIONS), '2026120901-a', '2026120902-b']);
  });

  it('fails loudly on a name listed twice', () => {
    expect(() =>
      collectMigrations([
        { name: 'a', migrations: { '2026120901-x': noop } },
        { name: 'b', migrations: { '2026120901-x': noop } },
      ]),
    ).toThrow('migration 2026120901-x is listed by both module a and module b');
    expect(() => collectMigrations([{ name: 'a', migrations: { '2026112901-foundation': noop } }])).toThrow(
      /listed by both platform and module a/,
    );
  });
});
