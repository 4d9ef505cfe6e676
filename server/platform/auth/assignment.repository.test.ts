import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY } from '../../app';
import { createTestApp, type TestApp } from '../../test/test-app';
import { can, relationsFor, requireRecord, type Actor, type RecordScope } from './actor';
import { installPolicy, type Action, type PolicyRow } from './policy';
import { scopeWhere } from './scope';

/**
 * The 'assigned' relation end to end, with a fixture action no real row uses yet: a volunteer
 * may judge only the records (here: organisations standing in for events) assigned to them.
 */
const JUDGE = 'fixture.judge' as Action;
const FIXTURE: PolicyRow[] = [{ role: 'volunteer', action: JUDGE, relation: 'assigned' }];
const SUBJECT_TYPE = 'fixture_event';

let t: TestApp;
let judge: Actor;
let other: Actor;
let subjectId: string;
let secondId: string;

const actorOf = (userId: string, username: string): Actor => ({
  userId,
  username,
  displayName: username,
  orgId: t.orgs.get('chunyu')!,
  orgPath: '/nowhere/',
  jurisdictionId: 'nowhere',
  roles: ['volunteer'],
  sessionId: 's',
  mustChangePassword: false,
});

beforeAll(async () => {
  t = await createTestApp();
  installPolicy([...POLICY, ...FIXTURE]);
  const users = [...t.users.entries()];
  judge = actorOf(users[0]![1], users[0]![0]);
  other = actorOf(users[1]![1], users[1]![0]);
  subjectId = t.orgs.get('qtx')!;
  secondId = t.orgs.get('guxia')!;
});
afterAll(async () => {
  installPolicy(POLICY);
  await t.close();
});

const subject = (id: string) => ({ subjectType: SUBJECT_TYPE, subjectId: id });

async function scopeOf(id: string): Promise<RecordScope> {
  const assignees = await t.platform.assignments.assignees(t.platform.db, subject(id));
  return { orgId: id, orgPath: '/elsewhere/', jurisdictionId: 'elsewhere', assignees };
}

/** The list twin: the organisations (standing in for events) the actor may judge. */
async function listed(actor: Actor): Promise<string[]> {
  const found = await t.platform.db
    .selectFrom('organisation')
    .select('id')
    .where((eb) =>
      scopeWhere(eb, actor, relationsFor(actor, JUDGE), {
        orgId: 'id',
        orgPath: 'path',
        jurisdictionId: 'jurisdictionId',
        assigned: { subjectType: SUBJECT_TYPE, subjectId: 'organisation.id' },
      }),
    )
    .execute();
  return found.map((r) => r.id).sort();
}

describe("the 'assigned' relation", () => {
  it('lets through only the actor assigned to the record, in can() and in lists', async () => {
    const assignments = t.platform.assignments;
    expect(can(judge, JUDGE)).toBe(true);
    expect(can(judge, JUDGE, await scopeOf(subjectId))).toBe(false);
    expect(await listed(judge)).toEqual([]);

    const made = await assignments.assign(t.platform.db, subject(subjectId), judge.userId, other.userId);
    expect(made).toMatchObject({ userId: judge.userId, assignedBy: other.userId, revokedAt: null });

    const scope = await scopeOf(subjectId);
    expect(scope.assignees).toEqual([judge.userId]);
    expect(can(judge, JUDGE, scope)).toBe(true);
    expect(can(other, JUDGE, scope)).toBe(false);
    expect(() => requireRecord(other, JUDGE, scope, 'org')).toThrow(expect.objectContaining({ status: 404 }));
    expect(can(judge, JUDGE, await scopeOf(secondId))).toBe(false);
    expect(await listed(judge)).toEqual([subjectId]);
    expect(await listed(other)).toEqual([]);
  });

  it('refuses a second active assignment of the same user (the partial unique index)', async () => {
    await expect(
      t.platform.assignments.assign(t.platform.db, subject(subjectId), judge.userId, other.userId),
    ).rejects.toMatchObject({ code: 'assignment.exists', status: 409 });
  });

  it('stops access once revoked, keeps the history and allows a new assignment', async () => {
    const assignments = t.platform.assignments;
    expect(await assignments.revoke(t.platform.db, subject(subjectId), judge.userId)).toBe(true);
    expect(await assignments.revoke(t.platform.db, subject(subjectId), judge.userId)).toBe(false);
    expect(can(judge, JUDGE, await scopeOf(subjectId))).toBe(false);
    expect(await listed(judge)).toEqual([]);

    t.clock.advance(1000);
    await assignments.assign(t.platform.db, subject(subjectId), judge.userId, other.userId);
    const history = await assignments.list(t.platform.db, subject(subjectId));
    expect(history).toHaveLength(2);
    expect(history[0]!.revokedAt).not.toBeNull();
    expect(history[1]!.revokedAt).toBeNull();
    expect(can(judge, JUDGE, await scopeOf(subjectId))).toBe(true);
  });
});
