import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

// Issue 9 item 14: drafts hold ID numbers and phones, yet were created, changed and discarded
// without an audit row.
const ID = makeIdNumber('640381', '19880214', '051');
const PHONE = '13995124411';

let t: TestApp;
let volunteer: Agent;
let other: Agent;

const draftRows = () =>
  t.platform.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', 'like', 'screening.draft_%')
    .orderBy('seq')
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  volunteer = await signIn(t, 'cy_volunteer');
  other = await signIn(t, 'jd_volunteer');
});
afterAll(() => t.close());

describe('screening drafts are audited without their identifiers', () => {
  it('audits save, change and discard, one row each, with no ID number or phone', async () => {
    const saved = await volunteer.post('/api/screenings/drafts', {
      form: { headName: '田桂芳', idNumber: ID, phone: PHONE },
    });
    expect(saved.statusCode).toBe(201);
    const { id, version } = saved.json();
    const changed = await volunteer.patch(`/api/screenings/drafts/${id}`, {
      version,
      form: { headName: '田桂芳', idNumber: ID, phone: PHONE, members: [{ name: '马成', idNumber: ID }] },
    });
    expect(changed.statusCode).toBe(200);
    expect((await volunteer.post(`/api/screenings/drafts/${id}/discard`, {})).statusCode).toBe(200);

    const rows = await draftRows();
    expect(rows.map((r) => [r.action, r.subjectId, r.actorId])).toEqual([
      ['screening.draft_save', id, t.users.get('cy_volunteer')],
      ['screening.draft_update', id, t.users.get('cy_volunteer')],
      ['screening.draft_discard', id, t.users.get('cy_volunteer')],
    ]);
    expect(JSON.parse(rows[0].details)).toMatchObject({
      version: 1,
      fields: ['headName', 'idNumber', 'phone'],
    });
    expect(JSON.parse(rows[1].details)).toMatchObject({ version: 2, members: 1 });
    for (const r of rows) {
      expect(r.details).not.toContain(ID);
      expect(r.details).not.toContain(PHONE);
      expect(r.details).not.toContain('田桂芳');
    }
    expect((await t.platform.audit.verify(t.platform.db)).ok).toBe(true);
  });

  it('writes no row for a stale change, or for someone else’s draft', async () => {
    const saved = (await volunteer.post('/api/screenings/drafts', { form: { phone: PHONE } })).json();
    const before = (await draftRows()).length;
    const stale = await volunteer.patch(`/api/screenings/drafts/${saved.id}`, {
      version: saved.version + 5,
      form: { phone: PHONE },
    });
    expect(stale.statusCode).toBe(409);
    expect((await other.post(`/api/screenings/drafts/${saved.id}/discard`, {})).statusCode).toBe(404);
    expect((await draftRows()).length).toBe(before);
  });
});
