import { describe, expect, it } from 'vitest';
import { TIMELINE_STEPS } from '../../../../contracts/vote';
import type { Campaign } from './api';
import {
  createBody,
  currentStage,
  defaultValues,
  fieldPathFor,
  stageWindow,
  toPicker,
  TIMELINE_STAGES,
  updateBody,
  valuesOf,
} from './campaign-form';
import { samePick } from './shortlist-pick';

const ORG = '0190b5e4-0000-7000-8000-000000000001';
const NOW = new Date('2026-06-01T08:20:00Z');

const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: '0190b5e4-0000-7000-8000-000000000009',
  orgId: ORG,
  orgName: '青铜峡市总工会',
  coOrganisers: ['中共青铜峡市委宣传部'],
  kind: 'craftsman',
  title: '青铜峡工匠',
  year: 2026,
  summary: '',
  state: 'draft',
  timeline: {
    nominationOpens: '2026-06-01T00:00:00.000Z',
    nominationCloses: '2026-06-03T00:00:00.000Z',
    reviewCloses: '2026-06-04T00:00:00.000Z',
    votingOpens: '2026-06-05T00:00:00.000Z',
    votingCloses: '2026-06-10T00:00:00.000Z',
    expertReviewCloses: '2026-06-12T00:00:00.000Z',
    noticeOpens: '2026-06-13T00:00:00.000Z',
    noticeCloses: '2026-06-18T00:00:00.000Z',
  },
  rules: {
    votesPerCandidatePerDay: 1,
    candidatesPerDay: 3,
    likesPerDay: 5,
    tiersCounted: ['member'],
    showTotals: 'live',
    formula: { publicWeight: 40, expertWeight: 60, normalisation: 'share' },
    shortlistFactorTenths: 15,
    finalCount: 4,
    nominatedCount: 2,
    allowOnlineRecommendation: true,
    allowSelfNomination: false,
    zeroOnConfirmedFraud: true,
  },
  rulesFrozenAt: null,
  frozen: false,
  nextStates: ['nominating', 'cancelled'],
  candidateCount: 0,
  nominationCount: 0,
  createdAt: '2026-06-01T00:00:00.000Z',
  updatedAt: '2026-06-01T00:00:00.000Z',
  version: 1,
  ...over,
});

describe('the campaign form model', () => {
  it('starts a fresh campaign at this whole hour with the steps in order, and the body passes the contract', () => {
    const v = defaultValues(ORG, NOW);
    v.title = '  青铜峡市最美劳动者 ';
    v.coOrganisers = ['中共青铜峡市委宣传部', '  '];
    const checked = createBody(v);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(checked.body.title).toBe('青铜峡市最美劳动者');
    expect(checked.body.coOrganisers).toEqual(['中共青铜峡市委宣传部']);
    expect(checked.body.timeline.nominationOpens).toBe('2026-06-01T08:00:00.000Z');
    const instants = TIMELINE_STEPS.map((k) => Date.parse(checked.body.timeline[k]));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
    expect(checked.body.rules.shortlistFactorTenths).toBe(12);
    expect(checked.body.year).toBe(2026);
  });

  it('round-trips a campaign: Beijing wall clock on screen, the same instants and rules in the body', () => {
    const c = campaign();
    const v = valuesOf(c);
    // 08:00 Beijing is midnight UTC: the picker shows Beijing time whatever the browser's zone.
    expect(v.timeline.nominationOpens?.format('YYYY-MM-DD HH:mm')).toBe('2026-06-01 08:00');
    expect(v.rules.shortlistFactor).toBe(1.5);
    const checked = updateBody(v, c.version, false);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(checked.body.rules).toEqual(c.rules);
    expect(checked.body.timeline).toEqual(
      Object.fromEntries(TIMELINE_STEPS.map((k) => [k, new Date(c.timeline[k]).toISOString()])),
    );
  });

  it('leaves the rules and timeline out of a change once they are frozen', () => {
    const c = campaign({ frozen: true, state: 'voting' });
    const checked = updateBody({ ...valuesOf(c), title: '新名称' }, c.version, true);
    if (!checked.ok) throw new Error('refused');
    expect(checked.body).toEqual({
      version: 1,
      coOrganisers: ['中共青铜峡市委宣传部'],
      title: '新名称',
      summary: '',
    });
  });

  it('names the form field of a value the contract refuses', () => {
    const v = defaultValues(ORG, NOW);
    v.title = ' ';
    v.rules.likesPerDay = null;
    v.rules.shortlistFactor = 9;
    v.rules.tiersCounted = [];
    v.timeline.votingOpens = null;
    const checked = createBody(v);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.path.join('.')).sort()).toEqual(
      [
        'title',
        'rules.likesPerDay',
        'rules.shortlistFactor',
        'rules.tiersCounted',
        'timeline.votingOpens',
      ].sort(),
    );
  });

  it('maps the server’s fields onto the form; a field the form lacks is for the alert', () => {
    expect(fieldPathFor('body.rules.formula.expertWeight')).toEqual(['rules', 'formula', 'expertWeight']);
    expect(fieldPathFor('body.timeline.votingCloses')).toEqual(['timeline', 'votingCloses']);
    expect(fieldPathFor('body.rules.shortlistFactorTenths')).toEqual(['rules', 'shortlistFactor']);
    expect(fieldPathFor('body.coOrganisers.3')).toEqual(['coOrganisers']);
    expect(fieldPathFor('body.orgId')).toEqual(['orgId']);
    expect(fieldPathFor('body.rules')).toBeNull();
    expect(fieldPathFor('body.version')).toBeNull();
  });

  it('reads the picker as Beijing time', () => {
    expect(toPicker('2026-06-01T16:30:00Z').format('YYYY-MM-DD HH:mm')).toBe('2026-06-02 00:30');
  });
});

describe('the timeline steps', () => {
  it('puts each state at its stage: draft before the first, final after the last, cancelled nowhere', () => {
    expect(currentStage('draft')).toBe(-1);
    expect(currentStage('nominating')).toBe(0);
    expect(currentStage('voting')).toBe(TIMELINE_STAGES.indexOf('voting'));
    expect(currentStage('result_notice')).toBe(TIMELINE_STAGES.indexOf('notice'));
    expect(currentStage('final')).toBe(TIMELINE_STAGES.length);
    expect(currentStage('cancelled')).toBeNull();
  });

  it('gives each stage its window on the timeline', () => {
    const t = campaign().timeline;
    expect(stageWindow(t, 'display')).toEqual([t.reviewCloses, t.votingOpens]);
    expect(stageWindow(t, 'voting')).toEqual([t.votingOpens, t.votingCloses]);
    expect(stageWindow(t, 'expertReview')).toEqual([t.votingCloses, t.expertReviewCloses]);
  });
});

describe('the shortlist pick', () => {
  it('is the rule’s list in any order, and not when one is swapped, added or repeated', () => {
    expect(samePick(['b', 'a'], ['a', 'b'])).toBe(true);
    expect(samePick(['a', 'c'], ['a', 'b'])).toBe(false);
    expect(samePick(['a', 'b', 'c'], ['a', 'b'])).toBe(false);
    expect(samePick(['a', 'a'], ['a', 'b'])).toBe(false);
  });
});
