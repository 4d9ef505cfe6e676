import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DraftBody, ScreeningForm, SubmitScreeningBody } from '../../../contracts/assistance';
import {
  type FormState,
  type MemberState,
  type NeedState,
  STEPS,
  check,
  chinaToday,
  emptyForm,
  emptyMember,
  emptyNeed,
  fromDraft,
  hasContent,
  looksLikeIdNumber,
  looksLikeMobile,
  newClientRef,
  requiredProblem,
  rowKey,
  screenFieldOf,
  stepOf,
  toDraftForm,
  toScreeningForm,
} from './form-model';

/**
 * A GB 11643 check character computed from the standard's definition (weights 2^(17-i) mod 11,
 * check value (12 - sum mod 11) mod 11, 10 written X), not from the code under test.
 */
function withCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const v = (12 - (sum % 11)) % 11;
  return first17 + (v === 10 ? 'X' : String(v));
}

const HEAD_ID = withCheck('11010519491231002'); // the standard's example: 11010519491231002X
const CHILD_ID = withCheck('44030620150612003');
const MEMBER_ID_X = withCheck('44030620150612018'); // its check character is X

const NOON_IN_CHINA = new Date('2026-12-07T04:00:00Z');

function member(over: Partial<MemberState> = {}): MemberState {
  return { ...emptyMember(), relation: 'child', name: '张小明', ...over };
}

function need(over: Partial<NeedState> = {}): NeedState {
  return { ...emptyNeed(), kind: 'medical', urgency: 'urgent', description: '住院费用无力支付', ...over };
}

/** A form every step of which is complete, written the way the form itself writes values back. */
function completeForm(over: Partial<FormState> = {}): FormState {
  return {
    ...emptyForm(),
    method: 'phone_survey',
    screenedOn: '2026-12-01',
    campaignId: 'campaign-1',
    headName: '张三',
    idNumber: HEAD_ID,
    phone: '13800138000',
    situation: 'migrant_worker',
    divisionCode: '110105001',
    addressDetail: '幸福社区 3号楼 2单元 501',
    householdSize: '2',
    annualIncome: '12000.5',
    rigidExpense: '3000',
    causes: ['serious_illness', 'schooling'],
    suddenEvent: '车祸',
    members: [
      member({
        age: '9',
        idNumber: CHILD_ID,
        school: '小学三年级',
        health: '良好',
        work: '无',
        monthlyIncome: '0',
      }),
    ],
    needs: [need()],
    leads: '邻居反映',
    ...over,
  };
}

const withoutKeys = (f: FormState) => ({
  ...f,
  members: f.members.map(({ key: _key, ...m }) => m),
  needs: f.needs.map(({ key: _key, ...n }) => n),
});

afterEach(() => {
  vi.useRealTimers();
});

describe('chinaToday', () => {
  it('is the date in UTC+8: the day turns at 16:00 UTC', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-07T15:59:59.999Z'));
    expect(chinaToday()).toBe('2026-12-07');
    vi.setSystemTime(new Date('2026-12-07T16:00:00.000Z'));
    expect(chinaToday()).toBe('2026-12-08');
  });

  it('turns the month and the year at 16:00 UTC too', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-31T15:59:59Z'));
    expect(chinaToday()).toBe('2026-12-31');
    vi.setSystemTime(new Date('2026-12-31T16:00:00Z'));
    expect(chinaToday()).toBe('2027-01-01');
    vi.setSystemTime(new Date('2028-02-28T16:30:00Z'));
    expect(chinaToday()).toBe('2028-02-29');
  });

  it('is what a new form is dated', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-07T17:00:00Z'));
    expect(emptyForm().screenedOn).toBe('2026-12-08');
  });
});

describe('emptyForm / hasContent', () => {
  it('starts as a home visit for a household of one, with nothing typed', () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOON_IN_CHINA);
    expect(emptyForm()).toEqual({
      method: 'home_visit',
      screenedOn: '2026-12-07',
      campaignId: '',
      headName: '',
      idNumber: '',
      phone: '',
      situation: '',
      divisionCode: '',
      addressDetail: '',
      householdSize: '1',
      annualIncome: '',
      rigidExpense: '',
      causes: [],
      suddenEvent: '',
      members: [],
      needs: [],
      leads: '',
    });
  });

  it('an untouched form, or one holding only defaults and blanks, has no content', () => {
    expect(hasContent(emptyForm())).toBe(false);
    expect(
      hasContent({
        ...emptyForm(),
        method: 'street_visit',
        screenedOn: '2026-01-01',
        householdSize: '3',
        headName: '   ',
        phone: ' ',
        leads: '\n',
      }),
    ).toBe(false);
  });

  it.each<[string, Partial<FormState>]>([
    ['headName', { headName: '张' }],
    ['idNumber', { idNumber: '1' }],
    ['phone', { phone: '1' }],
    ['addressDetail', { addressDetail: '幸福社区' }],
    ['situation', { situation: 'other' }],
    ['annualIncome', { annualIncome: '0' }],
    ['rigidExpense', { rigidExpense: '0' }],
    ['leads', { leads: '线索' }],
    ['suddenEvent', { suddenEvent: '火灾' }],
    ['a member row', { members: [emptyMember()] }],
    ['a need row', { needs: [emptyNeed()] }],
  ])('%s alone is content worth a draft', (_name, over) => {
    expect(hasContent({ ...emptyForm(), ...over })).toBe(true);
  });
});

describe('rowKey / newClientRef', () => {
  it('gives a new row key each time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => rowKey()));
    expect(keys.size).toBe(200);
    expect(emptyMember().key).not.toBe(emptyMember().key);
  });

  it('gives a 32-character reference the submit contract accepts, new each time', () => {
    const refs = Array.from({ length: 50 }, () => newClientRef());
    for (const ref of refs) expect(ref).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(refs).size).toBe(50);
    const body = { form: toScreeningForm(completeForm()), clientRef: refs[0] };
    expect(SubmitScreeningBody.safeParse(body).success).toBe(true);
  });
});

describe('looksLikeIdNumber', () => {
  it('accepts the standard example and numbers built by the standard', () => {
    expect(HEAD_ID).toBe('11010519491231002X');
    expect(MEMBER_ID_X).toMatch(/X$/);
    expect(looksLikeIdNumber('11010519491231002X')).toBe(true);
    expect(looksLikeIdNumber(CHILD_ID)).toBe(true);
  });

  it('accepts a lower-case x and surrounding spaces', () => {
    expect(looksLikeIdNumber('11010519491231002x')).toBe(true);
    expect(looksLikeIdNumber(`  ${HEAD_ID} `)).toBe(true);
  });

  it('refuses a wrong check character, a wrong length or a stray character', () => {
    expect(looksLikeIdNumber('110105194912310020')).toBe(false);
    expect(looksLikeIdNumber('110105194912310021')).toBe(false);
    expect(looksLikeIdNumber('11010519491231002')).toBe(false);
    expect(looksLikeIdNumber('11010519491231002X0')).toBe(false);
    expect(looksLikeIdNumber('110105491231002')).toBe(false); // the old 15-digit form
    expect(looksLikeIdNumber('1101051949123100X2')).toBe(false);
    expect(looksLikeIdNumber('110105 19491231002X')).toBe(false);
    expect(looksLikeIdNumber('')).toBe(false);
  });

  it('accepts exactly the one right check character for any seventeen digits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 17, maxLength: 17 }), (digits) => {
        const id = withCheck(digits.join(''));
        expect(looksLikeIdNumber(id)).toBe(true);
        for (const other of '0123456789X') {
          if (other !== id[17]) expect(looksLikeIdNumber(id.slice(0, 17) + other)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('looksLikeMobile', () => {
  const good = [
    '13800138000',
    '19912345678',
    '138 0013 8000',
    '138-0013-8000',
    '+8613800138000',
    '8613800138000',
    ' +86 138 0013 8000 ',
  ];
  const bad = [
    '',
    '12800138000',
    '10800138000',
    '1380013800',
    '138001380000',
    '010-12345678',
    '+85213800138000',
    '(138)00138000',
    '1380013800a',
  ];

  it.each(good)('accepts %j', (phone) => {
    expect(looksLikeMobile(phone)).toBe(true);
  });

  it.each(bad)('refuses %j', (phone) => {
    expect(looksLikeMobile(phone)).toBe(false);
  });
});

describe('check', () => {
  it('finds nothing in a complete form, on any step or all of them', () => {
    const f = completeForm();
    expect(check(f)).toEqual({});
    for (const step of STEPS) expect(check(f, step)).toEqual({});
  });

  it('names every missing required field of an empty form, by field', () => {
    expect(check(emptyForm())).toEqual({
      headName: { key: 'v.required', vars: { field: 'f.headName' } },
      situation: { key: 'v.choose', vars: { field: 'f.situation' } },
      divisionCode: { key: 'v.choose', vars: { field: 'f.division' } },
      addressDetail: { key: 'v.required', vars: { field: 'f.address' } },
      annualIncome: { key: 'v.required', vars: { field: 'f.income' } },
      rigidExpense: { key: 'v.required', vars: { field: 'f.expense' } },
    });
  });

  it('checks only the step it is asked about', () => {
    const f = emptyForm();
    const head = Object.keys(check(f, 'head')).sort();
    expect(head).toEqual(['addressDetail', 'divisionCode', 'headName', 'situation']);
    expect(Object.keys(check(f, 'money')).sort()).toEqual(['annualIncome', 'rigidExpense']);
    expect(check(f, 'members')).toEqual({});
    expect(check(f, 'needs')).toEqual({});
    expect(check(f, 'leads')).toEqual({});
    expect(check(f, 'submit')).toEqual({});
  });

  describe('head', () => {
    it('wants a name of at most 30 characters, not counting spaces around it', () => {
      expect(check(completeForm({ headName: '   ' }), 'head').headName).toEqual({
        key: 'v.required',
        vars: { field: 'f.headName' },
      });
      expect(check(completeForm({ headName: '张'.repeat(30) }), 'head').headName).toBeUndefined();
      expect(check(completeForm({ headName: ` ${'张'.repeat(30)} ` }), 'head').headName).toBeUndefined();
      const long = check(completeForm({ headName: '张'.repeat(31) }), 'head');
      expect(long.headName).toEqual({ key: 'v.tooLong' });
    });

    it('wants an address of at most 120 characters', () => {
      expect(check(completeForm({ addressDetail: ' ' }), 'head').addressDetail).toEqual({
        key: 'v.required',
        vars: { field: 'f.address' },
      });
      expect(check(completeForm({ addressDetail: 'a'.repeat(120) }), 'head').addressDetail).toBeUndefined();
      expect(check(completeForm({ addressDetail: 'a'.repeat(121) }), 'head').addressDetail).toEqual({
        key: 'v.tooLong',
      });
    });

    it('takes no ID number or phone, but refuses a wrong one', () => {
      expect(check(completeForm({ idNumber: '', phone: '' }), 'head')).toEqual({});
      expect(check(completeForm({ idNumber: '  ', phone: ' ' }), 'head')).toEqual({});
      expect(check(completeForm({ idNumber: '110105194912310021' }), 'head')).toEqual({
        idNumber: { key: 'v.idNumber' },
      });
      expect(check(completeForm({ phone: '12800138000' }), 'head')).toEqual({ phone: { key: 'v.phone' } });
      const loose = completeForm({ idNumber: '11010519491231002x', phone: '+86 138-0013-8000' });
      expect(check(loose, 'head')).toEqual({});
    });
  });

  describe('members', () => {
    it('wants a household size from 1 to 30', () => {
      for (const size of ['', 'abc', '0', '31', '1.5', '-1', '1000'])
        expect(check(completeForm({ householdSize: size, members: [] }), 'members')).toEqual({
          householdSize: { key: 'v.size' },
        });
      for (const size of ['1', '30', ' 7 '])
        expect(check(completeForm({ householdSize: size, members: [] }), 'members')).toEqual({});
    });

    it('wants a household at least as large as the head and the members listed', () => {
      const f = completeForm({ householdSize: '2', members: [member(), member({ relation: 'spouse' })] });
      expect(check(f, 'members')).toEqual({ householdSize: { key: 'v.sizeMembers', vars: { n: 3 } } });
      expect(check({ ...f, householdSize: '3' }, 'members')).toEqual({});
    });

    it('wants each member’s relation and name, keyed by the row', () => {
      const f = completeForm({ householdSize: '3', members: [member(), { ...emptyMember(), name: ' ' }] });
      expect(check(f, 'members')).toEqual({
        'members.1.relation': { key: 'v.choose', vars: { field: 'f.relation' } },
        'members.1.name': { key: 'v.required', vars: { field: 'f.name' } },
      });
    });

    it('refuses an age that is not a whole number up to 120', () => {
      for (const age of ['121', '1.5', '-1', 'abc', '1000'])
        expect(check(completeForm({ members: [member({ age })] }), 'members')).toEqual({
          'members.0.age': { key: 'v.age' },
        });
      for (const age of ['', '0', '120', ' 9 '])
        expect(check(completeForm({ members: [member({ age })] }), 'members')).toEqual({});
    });

    it('refuses a wrong member ID number and a monthly income that is not an amount', () => {
      const wrong = member({ idNumber: '440306201506120030', monthlyIncome: '1.005' });
      expect(check(completeForm({ members: [wrong] }), 'members')).toEqual({
        'members.0.idNumber': { key: 'v.idNumber' },
        'members.0.monthlyIncome': { key: 'v.amount' },
      });
      expect(check(completeForm({ members: [member({ monthlyIncome: '2500.5' })] }), 'members')).toEqual({});
    });
  });

  describe('money', () => {
    it('wants both amounts, as yuan with at most two decimals', () => {
      expect(check(completeForm({ annualIncome: '0', rigidExpense: '0' }), 'money')).toEqual({});
      expect(check(completeForm({ annualIncome: ' ', rigidExpense: '' }), 'money')).toEqual({
        annualIncome: { key: 'v.required', vars: { field: 'f.income' } },
        rigidExpense: { key: 'v.required', vars: { field: 'f.expense' } },
      });
      expect(check(completeForm({ annualIncome: '1,000', rigidExpense: '12.345' }), 'money')).toEqual({
        annualIncome: { key: 'v.amount' },
        rigidExpense: { key: 'v.amount' },
      });
      const negative = check(completeForm({ annualIncome: '-5' }), 'money');
      expect(negative).toEqual({ annualIncome: { key: 'v.amount' } });
    });
  });

  describe('needs', () => {
    it('wants each need’s kind and description, keyed by the row', () => {
      const f = completeForm({ needs: [need(), { ...emptyNeed(), description: '  ' }] });
      expect(check(f, 'needs')).toEqual({
        'needs.1.kind': { key: 'v.choose', vars: { field: 'f.needKind' } },
        'needs.1.description': { key: 'v.required', vars: { field: 'f.description' } },
      });
    });
  });

  describe('leads', () => {
    it('wants the screening date as YYYY-MM-DD', () => {
      for (const screenedOn of ['', '2026/12/07', '07-12-2026', '2026-12-7'])
        expect(check(completeForm({ screenedOn }), 'leads')).toEqual({ screenedOn: { key: 'v.date' } });
      expect(check(completeForm({ screenedOn: '2026-12-07' }), 'leads')).toEqual({});
    });
  });

  it('says only "invalid" for a field it has no name for', () => {
    expect(requiredProblem('headName')).toEqual({ key: 'v.required', vars: { field: 'f.headName' } });
    expect(requiredProblem('nothingKnown')).toEqual({ key: 'v.invalid' });
  });
});

describe('toScreeningForm', () => {
  it('gives a form the shared contract accepts, in fen, with values tidied', () => {
    const f = completeForm({
      headName: ' 张三 ',
      idNumber: ' 11010519491231002x ',
      phone: '+86 138-0013-8000',
      addressDetail: ' 幸福社区 3号楼 2单元 501 ',
      householdSize: ' 3 ',
      annualIncome: ' 12000.5 ',
      rigidExpense: '3000.05',
    });
    const lowerX = ` ${MEMBER_ID_X.toLowerCase()} `;
    f.members.push(member({ relation: 'parent', name: ' 张老 ', idNumber: lowerX }));
    const out = toScreeningForm(f);
    expect(out).toEqual({
      method: 'phone_survey',
      screenedOn: '2026-12-01',
      campaignId: 'campaign-1',
      headName: '张三',
      idNumber: '11010519491231002X',
      phone: '+8613800138000',
      situation: 'migrant_worker',
      divisionCode: '110105001',
      addressDetail: '幸福社区 3号楼 2单元 501',
      householdSize: 3,
      annualIncomeFen: 1_200_050,
      rigidExpenseFen: 300_005,
      causes: ['serious_illness', 'schooling'],
      suddenEvent: '车祸',
      members: [
        {
          relation: 'child',
          name: '张小明',
          idNumber: CHILD_ID,
          age: 9,
          school: '小学三年级',
          health: '良好',
          work: '无',
          monthlyIncomeFen: 0,
        },
        { relation: 'parent', name: '张老', idNumber: MEMBER_ID_X },
      ],
      needs: [{ kind: 'medical', urgency: 'urgent', description: '住院费用无力支付' }],
      leads: '邻居反映',
    });
    const parsed = ScreeningForm.safeParse(out);
    expect(parsed.success).toBe(true);
  });

  it('leaves out what was not typed, and the contract still accepts it', () => {
    const f = completeForm({
      campaignId: '',
      idNumber: '',
      phone: ' ',
      householdSize: '1',
      causes: [],
      suddenEvent: ' ',
      members: [{ ...emptyMember(), relation: 'spouse', name: '李四' }],
      needs: [],
      leads: '',
    });
    const out = toScreeningForm(f);
    expect(out).not.toHaveProperty('campaignId');
    expect(out).not.toHaveProperty('idNumber');
    expect(out).not.toHaveProperty('phone');
    expect(out).not.toHaveProperty('suddenEvent');
    expect(out).not.toHaveProperty('leads');
    expect(out.members).toEqual([{ relation: 'spouse', name: '李四' }]);
    expect(out.needs).toEqual([]);
    // householdSize '1' with one member is refused by check(); the contract does not count members
    const parsed = ScreeningForm.safeParse(out);
    expect(parsed.success).toBe(true);
  });

  it('sends at most four causes', () => {
    const five: FormState['causes'] = ['no_capacity', 'laid_off', 'accident', 'schooling', 'serious_illness'];
    const out = toScreeningForm(completeForm({ causes: five }));
    expect(out.causes).toEqual(['no_capacity', 'laid_off', 'accident', 'schooling']);
    expect(ScreeningForm.safeParse(out).success).toBe(true);
  });

  it('dates a form with no date today in China', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-07T16:00:00Z'));
    expect(toScreeningForm(completeForm({ screenedOn: '' })).screenedOn).toBe('2026-12-08');
  });

  it('accepts, for any amounts check() lets through up to the contract’s ceiling, the same fen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000_00 }),
        fc.integer({ min: 0, max: 100_000_000_00 }),
        (incomeFen, expenseFen) => {
          const f = completeForm({
            annualIncome: (incomeFen / 100).toFixed(2),
            rigidExpense: String(Math.floor(expenseFen / 100)),
          });
          expect(check(f, 'money')).toEqual({});
          const out = toScreeningForm(f);
          expect(out.annualIncomeFen).toBe(incomeFen);
          expect(out.rigidExpenseFen).toBe(Math.floor(expenseFen / 100) * 100);
          expect(ScreeningForm.safeParse(out).success).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('toDraftForm / fromDraft', () => {
  it('an empty form saves only its defaults, which the draft contract accepts', () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOON_IN_CHINA);
    const draft = toDraftForm(emptyForm());
    expect(draft).toEqual({ method: 'home_visit', screenedOn: '2026-12-07', householdSize: 1, causes: [] });
    expect(DraftBody.safeParse({ form: draft }).success).toBe(true);
  });

  it('saves what is valid so far and drops what is not', () => {
    const f: FormState = {
      ...emptyForm(),
      screenedOn: '2026-12-07',
      headName: '张'.repeat(31),
      idNumber: ' 11010519491231002x ',
      phone: '138 0013 8000',
      divisionCode: '12345',
      householdSize: '0',
      annualIncome: '1.005',
      rigidExpense: '300',
      members: [{ ...emptyMember(), name: '李四', age: '200', monthlyIncome: 'abc' }],
      needs: [{ ...emptyNeed(), urgency: 'urgent' }],
    };
    const draft = toDraftForm(f);
    expect(draft).toEqual({
      method: 'home_visit',
      screenedOn: '2026-12-07',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      rigidExpenseFen: 30000,
      causes: [],
      members: [{ name: '李四' }],
      needs: [{ urgency: 'urgent' }],
    });
    expect(DraftBody.safeParse({ form: draft }).success).toBe(true);
  });

  it('round-trips a complete form through a draft', () => {
    const f = completeForm();
    const draft = toDraftForm(f);
    expect(DraftBody.safeParse({ form: draft }).success).toBe(true);
    const back = fromDraft(draft as Record<string, unknown>);
    expect(withoutKeys(back)).toEqual(withoutKeys(f));
    expect(toDraftForm(back)).toEqual(draft);
  });

  it('round-trips a half-filled form through a draft', () => {
    const f: FormState = {
      ...emptyForm(),
      screenedOn: '2026-12-07',
      headName: '王五',
      householdSize: '3',
      annualIncome: '0.5',
      members: [
        { ...emptyMember(), relation: 'parent' },
        { ...emptyMember(), age: '77' },
      ],
      needs: [{ ...emptyNeed(), kind: 'care' }],
    };
    expect(withoutKeys(fromDraft(toDraftForm(f) as Record<string, unknown>))).toEqual(withoutKeys(f));
  });

  it('gives restored rows fresh keys', () => {
    const f = completeForm();
    const back = fromDraft(toDraftForm(f) as Record<string, unknown>);
    expect(back.members[0]?.key).toEqual(expect.any(String));
    expect(back.members[0]?.key).not.toBe(f.members[0]?.key);
    expect(back.needs[0]?.key).not.toBe(f.needs[0]?.key);
  });

  it('restores an empty draft as an empty form', () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOON_IN_CHINA);
    expect(fromDraft({})).toEqual(emptyForm());
  });

  it('reads a draft defensively, keeping only values of the right kind', () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOON_IN_CHINA);
    const back = fromDraft({
      method: 'teleport',
      screenedOn: 20261207,
      headName: 42,
      idNumber: null,
      situation: 'rich',
      householdSize: '3',
      annualIncomeFen: '100',
      rigidExpenseFen: 250,
      causes: ['laid_off', 'bogus', 3, 'accident'],
      members: [null, { relation: 'cousin', name: 5, age: Number.POSITIVE_INFINITY, monthlyIncomeFen: 150 }],
      needs: 'not a list',
      leads: ['x'],
    });
    expect(back).toEqual({
      ...emptyForm(),
      householdSize: '3', // not a number in the draft: the head and the two member rows
      rigidExpense: '2.5',
      causes: ['laid_off', 'accident'],
      members: [
        { ...emptyMember(), key: expect.any(String) },
        { ...emptyMember(), key: expect.any(String), monthlyIncome: '1.5' },
      ],
    });
  });

  it('restores a need with no valid urgency as normal, and a household size from the draft', () => {
    const needs = [{ kind: 'legal', urgency: 'soon', description: '欠薪' }];
    const back = fromDraft({ householdSize: 4, needs });
    expect(back.householdSize).toBe('4');
    expect(withoutKeys(back).needs).toEqual([{ kind: 'legal', urgency: 'normal', description: '欠薪' }]);
  });
});

describe('stepOf / screenFieldOf', () => {
  it.each([
    ['headName', 'head'],
    ['idNumber', 'head'],
    ['phone', 'head'],
    ['situation', 'head'],
    ['divisionCode', 'head'],
    ['addressDetail', 'head'],
    ['householdSize', 'members'],
    ['members', 'members'],
    ['members.0.name', 'members'],
    ['members.3.monthlyIncome', 'members'],
    ['annualIncome', 'money'],
    ['annualIncomeFen', 'money'],
    ['rigidExpense', 'money'],
    ['rigidExpenseFen', 'money'],
    ['causes', 'money'],
    ['causes.4', 'money'],
    ['suddenEvent', 'money'],
    ['needs', 'needs'],
    ['needs.1.description', 'needs'],
    ['leads', 'leads'],
    ['method', 'leads'],
    ['screenedOn', 'leads'],
    ['campaignId', 'leads'],
    ['clientRef', 'submit'],
    ['draftId', 'submit'],
    ['', 'submit'],
    ['headNameX', 'submit'],
  ])('puts %j on the %s step', (path, step) => {
    expect(stepOf(path)).toBe(step);
  });

  it.each([
    ['body.form.headName', 'headName'],
    ['body.form.annualIncomeFen', 'annualIncome'],
    ['body.form.rigidExpenseFen', 'rigidExpense'],
    ['body.form.members.0.monthlyIncomeFen', 'members.0.monthlyIncome'],
    ['body.form.members.2.idNumber', 'members.2.idNumber'],
    ['body.form.needs.0.kind', 'needs.0.kind'],
    ['body.clientRef', 'clientRef'],
    ['body.draftId', 'draftId'],
    ['form.headName', 'form.headName'],
  ])('names the server field %j %j on the screen', (server, screen) => {
    expect(screenFieldOf(server)).toBe(screen);
  });

  it('opens the step whose check() names the same field', () => {
    const f = completeForm({
      headName: '',
      householdSize: '0',
      annualIncome: 'x',
      screenedOn: '',
      members: [member({ monthlyIncome: 'x' })],
      needs: [need({ kind: '' })],
    });
    const problems = check(f);
    expect(Object.keys(problems).length).toBe(6);
    for (const [field] of Object.entries(problems)) expect(check(f, stepOf(field))).toHaveProperty([field]);
  });

  it('maps every server field of a refused form to a field check() uses, on the right step', () => {
    const server = [
      'body.form.headName',
      'body.form.members.0.monthlyIncomeFen',
      'body.form.annualIncomeFen',
      'body.form.rigidExpenseFen',
      'body.form.needs.0.description',
      'body.form.screenedOn',
    ];
    const steps = server.map((s) => stepOf(screenFieldOf(s)));
    expect(steps).toEqual(['head', 'members', 'money', 'money', 'needs', 'leads']);
  });
});
