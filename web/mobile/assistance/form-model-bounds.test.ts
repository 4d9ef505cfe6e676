import { describe, expect, it } from 'vitest';
import { DraftBody, MemberInput, NeedInput, ScreeningForm } from '../../../contracts/assistance';
import { MONEY_MAX_FEN } from '../../../contracts/numbers';
import { fenToYuanText } from '../../components/money/money';
import {
  type FormState,
  check,
  emptyForm,
  emptyMember,
  emptyNeed,
  toDraftForm,
  toScreeningForm,
} from './form-model';
import { translateS } from './texts';

/**
 * The phone form refuses, on the field, whatever the shared contract refuses: its bounds come
 * from contracts/ (a changed bound changes these tests' inputs, never their verdicts).
 */

const maxOf = (schema: unknown): number => {
  const s = schema as { maxLength?: number | null; in?: { maxLength?: number | null } };
  const max = s.maxLength ?? s.in?.maxLength;
  if (typeof max !== 'number') throw new Error('no maximum length');
  return max;
};

const HEAD_MAX = maxOf(ScreeningForm.shape.headName);
const ADDRESS_MAX = maxOf(ScreeningForm.shape.addressDetail);
const SUDDEN_MAX = maxOf(ScreeningForm.shape.suddenEvent.unwrap());
const LEADS_MAX = maxOf(ScreeningForm.shape.leads.unwrap());
const NAME_MAX = maxOf(MemberInput.shape.name);
const SCHOOL_MAX = maxOf(MemberInput.shape.school.unwrap());
const DESCRIPTION_MAX = maxOf(NeedInput.shape.description);

const MAX_YUAN = fenToYuanText(MONEY_MAX_FEN);
const OVER_YUAN = fenToYuanText(MONEY_MAX_FEN + 1);
const FAR_OVER_YUAN = '999999999';

function completeForm(over: Partial<FormState> = {}): FormState {
  return {
    ...emptyForm(),
    screenedOn: '2026-12-01',
    headName: '张三',
    situation: 'migrant_worker',
    divisionCode: '110105001',
    addressDetail: '幸福社区 3号楼 2单元 501',
    householdSize: '2',
    annualIncome: '12000',
    rigidExpense: '3000',
    members: [{ ...emptyMember(), relation: 'child', name: '张小明' }],
    needs: [{ ...emptyNeed(), kind: 'medical', description: '住院费用无力支付' }],
    ...over,
  };
}

/** What the server would say of the full form. */
const serverAccepts = (f: FormState) => ScreeningForm.safeParse(toScreeningForm(f)).success;

describe('check: amounts within the contract’s bound for one amount', () => {
  it('takes the largest amount the contract takes, and refuses one fen more, on the field', () => {
    expect(check(completeForm({ annualIncome: MAX_YUAN, rigidExpense: MAX_YUAN }), 'money')).toEqual({});
    for (const yuan of [OVER_YUAN, FAR_OVER_YUAN]) {
      const f = completeForm({ annualIncome: yuan, rigidExpense: yuan });
      expect(serverAccepts(f)).toBe(false);
      expect(check(f, 'money')).toEqual({
        annualIncome: { key: 'v.amountMax', vars: { max: MONEY_MAX_FEN / 100 } },
        rigidExpense: { key: 'v.amountMax', vars: { max: MONEY_MAX_FEN / 100 } },
      });
    }
  });

  it('refuses a member’s monthly income over the bound', () => {
    const f = completeForm({
      members: [{ ...emptyMember(), relation: 'child', name: '张小明', monthlyIncome: OVER_YUAN }],
    });
    expect(serverAccepts(f)).toBe(false);
    expect(check(f, 'members')).toEqual({
      'members.0.monthlyIncome': { key: 'v.amountMax', vars: { max: MONEY_MAX_FEN / 100 } },
    });
  });

  it('says so in Chinese first, naming the bound in yuan', () => {
    const problem = check(completeForm({ annualIncome: OVER_YUAN }), 'money').annualIncome;
    expect(problem).toBeDefined();
    expect(translateS('zh')(problem!.key, problem!.vars)).toBe(`金额不能超过 ${MONEY_MAX_FEN / 100} 元`);
    expect(translateS('en')(problem!.key, problem!.vars)).toBe(`At most ${MONEY_MAX_FEN / 100} yuan`);
  });

  it('a draft leaves the over-large income out, and check() names that field', () => {
    const f = completeForm({ annualIncome: FAR_OVER_YUAN });
    const draft = toDraftForm(f);
    expect(DraftBody.safeParse({ form: draft }).success).toBe(true);
    expect(draft.annualIncomeFen).toBeUndefined();
    expect(check(f).annualIncome).toEqual({ key: 'v.amountMax', vars: { max: MONEY_MAX_FEN / 100 } });
  });
});

describe('check: texts within the contract’s lengths', () => {
  const cases: [string, Partial<FormState>, string, 'head' | 'members' | 'money' | 'needs' | 'leads'][] = [
    ['headName', { headName: '张'.repeat(HEAD_MAX + 1) }, 'headName', 'head'],
    ['addressDetail', { addressDetail: 'a'.repeat(ADDRESS_MAX + 1) }, 'addressDetail', 'head'],
    ['suddenEvent', { suddenEvent: '祸'.repeat(SUDDEN_MAX + 1) }, 'suddenEvent', 'money'],
    ['leads', { leads: '线'.repeat(LEADS_MAX + 1) }, 'leads', 'leads'],
    [
      'a member’s name',
      { members: [{ ...emptyMember(), relation: 'child', name: '明'.repeat(NAME_MAX + 1) }] },
      'members.0.name',
      'members',
    ],
    [
      'a member’s school',
      {
        members: [
          { ...emptyMember(), relation: 'child', name: '张小明', school: '学'.repeat(SCHOOL_MAX + 1) },
        ],
      },
      'members.0.school',
      'members',
    ],
    [
      'a need’s description',
      { needs: [{ ...emptyNeed(), kind: 'medical', description: '难'.repeat(DESCRIPTION_MAX + 1) }] },
      'needs.0.description',
      'needs',
    ],
  ];

  for (const [what, over, path, step] of cases) {
    it(`refuses ${what} one character over the contract’s maximum, on the field`, () => {
      const f = completeForm(over);
      expect(serverAccepts(f)).toBe(false);
      expect(check(f, step)).toEqual({ [path]: { key: 'v.tooLong' } });
    });
  }

  it('takes each text at exactly the contract’s maximum', () => {
    const f = completeForm({
      headName: '张'.repeat(HEAD_MAX),
      suddenEvent: '祸'.repeat(SUDDEN_MAX),
      leads: '线'.repeat(LEADS_MAX),
      members: [{ ...emptyMember(), relation: 'child', name: '明'.repeat(NAME_MAX) }],
      needs: [{ ...emptyNeed(), kind: 'medical', description: '难'.repeat(DESCRIPTION_MAX) }],
    });
    expect(check(f)).toEqual({});
    expect(serverAccepts(f)).toBe(true);
  });
});

describe('check: characters and dates the contract refuses', () => {
  it('refuses control characters in a typed text, on the field', () => {
    const f = completeForm({
      headName: '张\u0007三',
      leads: '邻居\u001b反映',
      needs: [{ ...emptyNeed(), kind: 'medical', description: '住院\u0000费用' }],
    });
    expect(serverAccepts(f)).toBe(false);
    expect(check(f)).toEqual({
      headName: { key: 'v.control' },
      leads: { key: 'v.control' },
      'needs.0.description': { key: 'v.control' },
    });
    expect(translateS('zh')('v.control')).toBe('含有无法识别的字符，请删除');
  });

  it('keeps line breaks and tabs, which the contract takes', () => {
    const f = completeForm({ leads: '邻居反映\n\t另有线索' });
    expect(check(f)).toEqual({});
    expect(serverAccepts(f)).toBe(true);
  });

  it('refuses a date that is not on the calendar', () => {
    for (const screenedOn of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-04-31']) {
      const f = completeForm({ screenedOn });
      expect(serverAccepts(f)).toBe(false);
      expect(check(f, 'leads')).toEqual({ screenedOn: { key: 'v.noSuchDate' } });
    }
    expect(check(completeForm({ screenedOn: '2024-02-29' }), 'leads')).toEqual({});
    expect(translateS('zh')('v.noSuchDate')).toBe('日期不存在，请核对');
  });
});
