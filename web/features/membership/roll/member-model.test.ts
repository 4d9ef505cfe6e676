import { describe, expect, it } from 'vitest';
import {
  MemberInput,
  MemberPatch,
  MemberSearchBody,
  type MemberSummary,
} from '../../../../contracts/membership';
import {
  changesSomething,
  createBody,
  memberFiltersOf,
  memberQuery,
  patchBody,
  splitMemberFilters,
} from './member-model';

const member: MemberSummary = {
  id: 'm1',
  orgId: 'o1',
  orgName: '第一中学工会',
  name: '王建明',
  idNumberMasked: '1401**********001X',
  phoneMasked: '136****0001',
  cardNumber: 'YX-001',
  gender: 'male',
  joinedOn: '2015-07-01',
  state: 'active',
  leftOn: null,
  version: 3,
};

describe('the roll filter bar', () => {
  it('keeps names and identifiers out of the URL part', () => {
    const { search, url } = splitMemberFilters({
      q: ' 王建明 ',
      idNumber: ' 14010519880312001x ',
      phone: '136-0351 0001',
      orgId: 'o1',
      state: 'active',
    });
    expect(url).toEqual({ orgId: 'o1', state: 'active' });
    expect(JSON.stringify(url)).not.toMatch(/王|1401|136/);
    expect(search).toEqual({ q: '王建明', idNumber: '14010519880312001X', phone: '13603510001' });
  });

  it('builds a search body the contract accepts, leaving out what is empty', () => {
    const url = { page: 2, pageSize: 50, orgId: undefined, state: 'left' as const };
    const body = memberQuery(url, { q: '王', idNumber: undefined, phone: undefined });
    expect(body).toEqual({ page: 2, pageSize: 50, state: 'left', q: '王' });
    expect(MemberSearchBody.safeParse(body).success).toBe(true);
    expect(memberFiltersOf(url)).toEqual({ orgId: undefined, state: 'left' });
  });
});

describe('the add and edit dialog', () => {
  it('a new member: trimmed, the check letter upper-case, optional fields only when given', () => {
    const body = createBody({
      orgId: 'o1',
      name: ' 李娜 ',
      idNumber: '14010519880312002x',
      phone: ' 13603510002 ',
      cardNumber: '  ',
      gender: null,
      joinedOn: '2020-01-02',
    });
    expect(body).toEqual({
      orgId: 'o1',
      name: '李娜',
      idNumber: '14010519880312002X',
      phone: '13603510002',
      joinedOn: '2020-01-02',
    });
    expect(MemberInput.safeParse(body).success).toBe(true);
  });

  it('an edit sends its version and only what changed', () => {
    const same = patchBody(member, {
      name: '王建明',
      phone: '',
      cardNumber: 'YX-001',
      gender: 'male',
      joinedOn: '2015-07-01',
    });
    expect(same).toEqual({ version: 3 });
    expect(changesSomething(same)).toBe(false);

    const changed = patchBody(member, {
      name: '王建民',
      phone: '13603519999',
      cardNumber: '',
      gender: undefined,
      joinedOn: '2016-07-01',
    });
    expect(changed).toEqual({
      version: 3,
      name: '王建民',
      phone: '13603519999',
      cardNumber: null,
      gender: null,
      joinedOn: '2016-07-01',
    });
    expect(changesSomething(changed)).toBe(true);
    expect(MemberPatch.safeParse(changed).success).toBe(true);
  });
});
