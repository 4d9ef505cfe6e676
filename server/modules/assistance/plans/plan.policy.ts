import type { MeasureState } from '../../../../contracts/help';

/**
 * Pure rules of plans (一户一策 / 个案专策 / 同类同策): the measure state machine, where a new
 * measure starts, when it is overdue, and the shape of a template's criteria.
 */

/** Where a measure may go next, by state. `decide` is the federation's approval, apart. */
const MOVES: Record<MeasureState, MeasureState[]> = {
  pending_approval: [],
  planned: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
  rejected: [],
};

export function mayMoveMeasure(from: MeasureState, to: MeasureState): boolean {
  return (MOVES[from] ?? []).includes(to);
}

/** 个案专策 waits for the federation's approval; 一户一策 and 同类同策 take effect at once. */
export function initialMeasureState(policy: 'household' | 'case' | 'category'): MeasureState {
  return policy === 'case' ? 'pending_approval' : 'planned';
}

/** Only a case measure waiting for approval can be decided. */
export function mayDecide(state: MeasureState): boolean {
  return state === 'pending_approval';
}

/** The states in which a measure still has work to do (and so can be late). */
export const OPEN_MEASURE_STATES: MeasureState[] = ['planned', 'in_progress'];

export function isOverdue(m: { state: string; dueOn: string }, today: string): boolean {
  return OPEN_MEASURE_STATES.includes(m.state as MeasureState) && m.dueOn < today;
}

/** The text a cause takes inside the household's JSON array of causes (for a portable LIKE). */
export function causePattern(cause: string): string {
  return `%${JSON.stringify(cause)}%`;
}

/** Household states a template never touches: merged records and closed cases. */
export const TEMPLATE_EXCLUDED_STATES = ['merged', 'closed'] as const;

export interface TemplateFacts {
  state: string;
  archiveState: string | null;
  category: string | null;
  causes: string[];
  situation: string;
  openNeedKinds: string[];
  divisionCode: string;
}

export interface Criteria {
  categories: string[];
  causes: string[];
  situations: string[];
  archiveStates: string[];
  /** Household states that fit as well as the archive states (any of either). */
  householdStates?: string[];
  needKinds: string[];
  divisionCode?: string;
}

/**
 * Whether a household fits a template's criteria: every non-empty list must match (causes and
 * need kinds any-of). The repository's SQL is the twin of this rule for whole jurisdictions.
 */
export function matchesTemplate(h: TemplateFacts, c: Criteria): boolean {
  if ((TEMPLATE_EXCLUDED_STATES as readonly string[]).includes(h.state)) return false;
  const states = c.householdStates ?? [];
  if (c.archiveStates.length || states.length) {
    const byArchive = h.archiveState !== null && c.archiveStates.includes(h.archiveState);
    if (!byArchive && !states.includes(h.state)) return false;
  }
  if (c.categories.length && !(h.category && c.categories.includes(h.category))) return false;
  if (c.causes.length && !c.causes.some((x) => h.causes.includes(x))) return false;
  if (c.situations.length && !c.situations.includes(h.situation)) return false;
  if (c.needKinds.length && !c.needKinds.some((k) => h.openNeedKinds.includes(k))) return false;
  if (c.divisionCode && !h.divisionCode.startsWith(c.divisionCode)) return false;
  return true;
}
