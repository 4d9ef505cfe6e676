import { describe, expect, it } from 'vitest';
import {
  emptyForm,
  emptyMember,
  emptyNeed,
  withMember,
  withNeed,
  withNewMember,
  withNewNeed,
  withoutMember,
  withoutNeed,
  withoutPaths,
  withoutRows,
  type FormState,
} from './form-model';

const withRows = (members: number, needs: number, size = '1'): FormState => ({
  ...emptyForm(),
  householdSize: size,
  members: Array.from({ length: members }, emptyMember),
  needs: Array.from({ length: needs }, emptyNeed),
});

describe('editing the form', () => {
  it('changes one member or need and leaves the form it was given alone', () => {
    const f = withRows(2, 2, '3');
    const m = withMember(f, 1, { name: '李四', age: '9' });
    expect(m.members[1]).toMatchObject({ name: '李四', age: '9', key: f.members[1].key });
    expect(m.members[0]).toBe(f.members[0]);
    expect(f.members[1].name).toBe('');
    const n = withNeed(f, 0, { kind: 'medical', urgency: 'urgent' });
    expect(n.needs[0]).toMatchObject({ kind: 'medical', urgency: 'urgent', key: f.needs[0].key });
    expect(n.needs[1]).toBe(f.needs[1]);
    expect(f.needs[0].kind).toBe('');
  });

  it('grows the household to hold the head and every member, never shrinks it', () => {
    const one = withNewMember(withRows(0, 0, '1'));
    expect(one.members).toHaveLength(1);
    expect(one.householdSize).toBe('2');
    expect(withNewMember(withRows(1, 0, '5')).householdSize).toBe('5');
    expect(withNewMember(withRows(2, 0, '')).householdSize).toBe('4');
    const added = withNewMember(withRows(1, 0, '2'));
    expect(new Set(added.members.map((m) => m.key)).size).toBe(2);
  });

  it('removes the row asked for and keeps the others in order', () => {
    const f = withRows(3, 3, '4');
    expect(withoutMember(f, 1).members.map((m) => m.key)).toEqual([f.members[0].key, f.members[2].key]);
    expect(withoutMember(f, 1).householdSize).toBe('4');
    expect(withoutNeed(f, 0).needs.map((n) => n.key)).toEqual([f.needs[1].key, f.needs[2].key]);
    const more = withNewNeed(f);
    expect(more.needs).toHaveLength(4);
    expect(more.needs[3]).toMatchObject({ kind: '', urgency: 'normal', description: '' });
  });
});

describe('taking marks off', () => {
  it('drops the paths named and gives the same object back when none was marked', () => {
    const marked = { headName: 'x', 'members.0.name': 'y', idNumber: 'z' };
    expect(withoutPaths(marked, ['headName', 'idNumber'])).toEqual({ 'members.0.name': 'y' });
    expect(withoutPaths(marked, ['phone'])).toBe(marked);
    expect(withoutPaths(marked, [])).toBe(marked);
    expect(marked).toHaveProperty('headName');
  });

  it('drops every mark on a list when one of its rows goes', () => {
    const marked = { 'members.0.name': 1, 'members.2.age': 2, 'needs.0.kind': 3, householdSize: 4 };
    expect(withoutRows(marked, 'members')).toEqual({ 'needs.0.kind': 3, householdSize: 4 });
    expect(withoutRows(marked, 'needs')).toEqual({
      'members.0.name': 1,
      'members.2.age': 2,
      householdSize: 4,
    });
  });
});
