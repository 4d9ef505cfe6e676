import { describe, expect, it } from 'vitest';
import { MeasureState } from '../../../../contracts/help';
import {
  causePattern,
  initialMeasureState,
  isOverdue,
  matchesTemplate,
  mayDecide,
  mayMoveMeasure,
  type Criteria,
  type TemplateFacts,
} from './plan.policy';

describe('the measure state machine', () => {
  it('allows exactly planned → in_progress | done | cancelled and in_progress → done | cancelled', () => {
    const allowed: string[] = [];
    for (const from of MeasureState.options) {
      for (const to of MeasureState.options) if (mayMoveMeasure(from, to)) allowed.push(`${from}>${to}`);
    }
    expect(allowed.sort()).toEqual(
      [
        'planned>in_progress',
        'planned>done',
        'planned>cancelled',
        'in_progress>done',
        'in_progress>cancelled',
      ].sort(),
    );
  });

  it('starts case measures waiting for approval, the others planned', () => {
    expect(initialMeasureState('case')).toBe('pending_approval');
    expect(initialMeasureState('household')).toBe('planned');
    expect(initialMeasureState('category')).toBe('planned');
    expect(MeasureState.options.filter(mayDecide)).toEqual(['pending_approval']);
  });

  it('calls open measures past their day overdue, and nothing else', () => {
    expect(isOverdue({ state: 'planned', dueOn: '2026-05-31' }, '2026-06-01')).toBe(true);
    expect(isOverdue({ state: 'in_progress', dueOn: '2026-05-31' }, '2026-06-01')).toBe(true);
    expect(isOverdue({ state: 'planned', dueOn: '2026-06-01' }, '2026-06-01')).toBe(false);
    expect(isOverdue({ state: 'done', dueOn: '2026-01-01' }, '2026-06-01')).toBe(false);
    expect(isOverdue({ state: 'pending_approval', dueOn: '2026-01-01' }, '2026-06-01')).toBe(false);
  });
});

describe('template matching', () => {
  const h: TemplateFacts = {
    state: 'archived',
    archiveState: 'approved',
    category: 'deep',
    causes: ['serious_illness', 'schooling'],
    situation: 'migrant_worker',
    openNeedKinds: ['medical'],
    divisionCode: '640381101',
  };
  const c = (over: Partial<Criteria> = {}): Criteria => ({
    categories: [],
    causes: [],
    situations: [],
    archiveStates: ['archived', 'reported', 'approved'],
    needKinds: [],
    ...over,
  });

  it('matches when every given list matches, causes and need kinds any-of', () => {
    expect(matchesTemplate(h, c())).toBe(true);
    expect(
      matchesTemplate(h, c({ causes: ['laid_off', 'schooling'], needKinds: ['living', 'medical'] })),
    ).toBe(true);
    expect(matchesTemplate(h, c({ causes: ['laid_off'] }))).toBe(false);
    expect(matchesTemplate(h, c({ needKinds: ['living'] }))).toBe(false);
    expect(matchesTemplate(h, c({ categories: ['relative'] }))).toBe(false);
    expect(matchesTemplate(h, c({ situations: ['unemployed'] }))).toBe(false);
    expect(matchesTemplate(h, c({ divisionCode: '640381' }))).toBe(true);
    expect(matchesTemplate(h, c({ divisionCode: '640302' }))).toBe(false);
  });

  it('needs an archive in the listed states, unless the list is empty; never merged or closed households', () => {
    const screened = { ...h, state: 'screened', archiveState: null, category: null };
    expect(matchesTemplate(screened, c())).toBe(false);
    expect(matchesTemplate(screened, c({ archiveStates: [] }))).toBe(true);
    expect(matchesTemplate({ ...h, archiveState: 'exited' }, c())).toBe(false);
    expect(matchesTemplate({ ...h, state: 'closed' }, c({ archiveStates: [] }))).toBe(false);
    expect(matchesTemplate({ ...h, state: 'merged' }, c({ archiveStates: [] }))).toBe(false);
  });

  it('finds a cause inside the JSON array text, not a cause that merely contains it', () => {
    expect(causePattern('accident')).toBe('%"accident"%');
    expect(JSON.stringify(['no_social_insurance']).includes(causePattern('insurance').slice(1, -1))).toBe(
      false,
    );
  });
});
