import { describe, expect, it } from 'vitest';
import { assess, type StandardRule } from './archive.policy';

const std: StandardRule = {
  id: 's',
  year: 2026,
  minLivingFen: 77000,
  relativeMultiplierPct: 200,
  accidentDropPct: 50,
};
const base = { householdSize: 4, annualIncomeFen: 2_400_000, rigidExpenseFen: 600_000 };

describe('archive standard calculator', () => {
  it('computes per-capita monthly income in fen and finds deep difficulty', () => {
    const a = assess(base, std);
    expect(a).toMatchObject({
      eligible: true,
      category: 'deep',
      perCapitaMonthlyFen: 37500,
      tier: 'provincial',
    });
    expect(a.steps[0].zh).toContain('375.00');
  });

  it('finds relative difficulty up to the multiplier line, and nothing above it', () => {
    expect(assess({ ...base, annualIncomeFen: 5_000_000 }, std)).toMatchObject({
      category: 'relative',
      tier: 'city',
    });
    // (5,600,000 − 600,000) / 12 / 4 = 104,166 > 77,000; ≤ 154,000
    const above = assess({ ...base, annualIncomeFen: 9_000_000 }, std);
    expect(above).toMatchObject({ eligible: false, category: null, rule: 'above_relative_line' });
    expect(above.steps.at(-1)!.en).toContain('below the archive standard');
  });

  it('treats the boundaries as inclusive', () => {
    const exact = assess({ householdSize: 1, annualIncomeFen: 77000 * 12, rigidExpenseFen: 0 }, std);
    expect(exact.category).toBe('deep');
    const line = assess({ householdSize: 1, annualIncomeFen: 154000 * 12, rigidExpenseFen: 0 }, std);
    expect(line.category).toBe('relative');
  });

  it('names accident-caused difficulty when a sudden event drives expenses above income or collapses income', () => {
    const illness = assess({ ...base, suddenEvent: '车祸致残', rigidExpenseFen: 3_000_000 }, std);
    expect(illness).toMatchObject({
      category: 'accident',
      rule: 'sudden_event_expenses_over_income',
      tier: 'provincial',
    });
    const collapse = assess(
      {
        householdSize: 2,
        annualIncomeFen: 4_000_000,
        rigidExpenseFen: 0,
        suddenEvent: '工厂停产',
        previousAnnualIncomeFen: 9_000_000,
      },
      std,
    );
    expect(collapse).toMatchObject({ category: 'accident', rule: 'sudden_event_income_collapse' });
  });

  it('applies the exclusions and the migrant-worker conditions before any band', () => {
    expect(assess({ ...base, exclusions: ['two_homes'] }, std)).toMatchObject({
      eligible: false,
      rule: 'excluded',
    });
    expect(assess({ ...base, situation: 'migrant_worker', migrantQualified: false }, std)).toMatchObject({
      eligible: false,
      rule: 'migrant_not_qualified',
    });
  });
});
