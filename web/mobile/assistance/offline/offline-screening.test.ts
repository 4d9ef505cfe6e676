import { describe, expect, it } from 'vitest';
import type { RevisitHousehold } from '../../../../contracts/assistance';
import { check, toScreeningForm, type ScreeningFormInput } from '../form-model';
import { formFromRevisit, resolveRevisit, revisitConflictFields, screeningLabel } from './offline-screening';

const theirs: RevisitHousehold = {
  id: 'h1',
  version: 3,
  state: 'verifying',
  headName: '喜登花',
  idNumberMasked: '640381********123',
  phoneMasked: '139****0302',
  situation: 'migrant_worker',
  divisionCode: '640381101',
  divisionName: '大坝镇',
  addressDetail: '韦桥村三队 12 号',
  householdSize: 5,
  annualIncomeFen: 900_000,
  rigidExpenseFen: 300_000,
  causes: ['serious_illness'],
  suddenEvent: null,
  members: [
    {
      relation: 'spouse',
      name: '马成',
      age: 41,
      school: null,
      health: null,
      work: null,
      monthlyIncomeFen: null,
    },
  ],
  lastScreenedOn: '2026-05-20',
};

const words = {
  lang: 'zh' as const,
  label: (k: string) => k,
  divisionName: (c: string) => (c === '640381101' ? '大坝镇' : c),
  yuan: (t: string) => `${t} 元`,
};

describe('a return visit on the offline queue', () => {
  it('starts from the household as fetched, identifiers left empty, and is a valid form', () => {
    const f = formFromRevisit(theirs, '2026-12-07');
    expect(f).toMatchObject({
      headName: '喜登花',
      idNumber: '',
      phone: '',
      householdSize: '5',
      annualIncome: '9000',
    });
    expect(f.members.map((m) => [m.relation, m.name, m.age])).toEqual([['spouse', '马成', '41']]);
    expect(check(f)).toEqual({});
    expect(toScreeningForm(f)).toMatchObject({ annualIncomeFen: 900_000, screenedOn: '2026-12-07' });
  });

  it('lists every field mine and theirs; equal ones compare equal', () => {
    const mine = {
      ...toScreeningForm(formFromRevisit(theirs)),
      householdSize: 4,
      annualIncomeFen: 1_200_000,
    };
    const fields = revisitConflictFields(mine, theirs, words);
    const differ = fields.filter((f) => f.mine !== f.theirs).map((f) => f.key);
    expect(differ).toEqual(['householdSize', 'annualIncome']);
    expect(fields.find((f) => f.key === 'annualIncome')).toMatchObject({
      mine: '12000 元',
      theirs: '9000 元',
    });
    expect(fields.find((f) => f.key === 'members')!.mine).toBe('配偶 马成 41');
  });

  it('builds the visit to send again from the choices, field by field', () => {
    const mine: ScreeningFormInput = {
      ...toScreeningForm(formFromRevisit(theirs)),
      headName: '喜登花',
      householdSize: 4,
      annualIncomeFen: 1_200_000,
      addressDetail: '韦桥村三队 12 号院',
      members: [],
    };
    const next = resolveRevisit(
      mine,
      theirs,
      { householdSize: 'theirs', annualIncome: 'mine', addressDetail: 'edited', members: 'theirs' },
      { addressDetail: ' 韦桥村三队 12 号（东院） ' },
    );
    expect(next).toMatchObject({
      householdSize: 5,
      annualIncomeFen: 1_200_000,
      addressDetail: '韦桥村三队 12 号（东院）',
      members: [{ relation: 'spouse', name: '马成', age: 41 }],
    });
    // Keeping one's own members list with a size the server's members would not fit: grown to fit.
    const kept = resolveRevisit(
      { ...mine, householdSize: 1, members: [{ relation: 'child', name: '马小', age: 9 }] },
      theirs,
      {},
      {},
    );
    expect(kept.householdSize).toBe(2);
    expect(screeningLabel(next)).toBe('喜登花 · 韦桥村三队 12 号（东院）');
  });
});
