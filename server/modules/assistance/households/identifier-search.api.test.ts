import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningForm } from '../../../../contracts/assistance';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

// Issue 9 item 3: masked tails plus exact search leaked whole numbers, with no audit row.
const ID = makeIdNumber('640381', '19790521', '137');
const PHONE = '13995127788';
const LIMIT = 3;

let t: TestApp;
let staff: Agent;
let volunteer: Agent;
let cadre: Agent;

const form = (): ScreeningForm => ({
  method: 'home_visit',
  screenedOn: '2026-05-20',
  headName: '马秀兰',
  idNumber: ID,
  phone: PHONE,
  situation: 'migrant_worker',
  divisionCode: '640381101',
  addressDetail: '大坝镇韦桥村五队 3 号',
  householdSize: 2,
  annualIncomeFen: 1_200_000,
  rigidExpenseFen: 300_000,
  causes: ['serious_illness'],
  members: [{ relation: 'spouse', name: '马有才' }],
  needs: [],
});

const searchRows = () =>
  t.platform.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', 'household.search_identifier')
    .orderBy('seq')
    .execute();

beforeAll(async () => {
  t = await createTestApp({ config: { identifierSearchesPerHour: LIMIT } });
  staff = await signIn(t, 'qtx_staff');
  volunteer = await signIn(t, 'cy_volunteer');
  cadre = await signIn(t, 'yx_cadre');
  const res = await volunteer.post('/api/screenings', { form: form(), clientRef: 'ident-search-0001' });
  expect(res.statusCode).toBe(200);
});
afterAll(() => t.close());

describe('searching households by ID number or phone', () => {
  it('masks show the phone’s last 4 only and hide the ID number’s check digit', async () => {
    const list = (await volunteer.post('/api/households/query', { q: '秀兰' })).json();
    expect(list.total).toBe(1);
    expect(list.items[0].phoneMasked).toBe('*******7788');
    expect(list.items[0].idNumberMasked).toBe(`**************${ID.slice(14, 17)}*`);
  });

  it('refuses a volunteer’s identifier searches, and audits every one without the value', async () => {
    const byId = await volunteer.post('/api/households/query', { idNumber: ID });
    expect(byId.statusCode).toBe(403);
    expect(byId.json()).toMatchObject({ code: 'household.search_identifier_forbidden' });
    const byPhone = await volunteer.post('/api/households/query', { phone: PHONE });
    expect(byPhone.statusCode).toBe(403);
    expect(byPhone.body).not.toContain('马秀兰');
    const rows = await searchRows();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => [r.actorId, r.result])).toEqual([
      [t.users.get('cy_volunteer'), 'denied'],
      [t.users.get('cy_volunteer'), 'denied'],
    ]);
    expect(JSON.parse(rows[0].details)).toMatchObject({ kinds: ['id_number'], reason: 'no_purpose' });
    expect(JSON.parse(rows[1].details)).toMatchObject({ kinds: ['phone'], reason: 'no_purpose' });
    for (const r of rows) {
      expect(r.details).not.toContain(ID);
      expect(r.details).not.toContain(PHONE);
      expect(r.details).not.toContain(PHONE.slice(3));
    }
    // Words still find the household the volunteer screened.
    expect((await volunteer.post('/api/households/query', { q: '秀兰' })).json().total).toBe(1);
  });

  it('limits a permitted user per hour (429) and audits each search with its hit', async () => {
    const before = (await searchRows()).length;
    const hit = await staff.post('/api/households/query', { idNumber: ID });
    expect(hit.statusCode).toBe(200);
    expect(hit.json().total).toBe(1);
    const miss = await staff.post('/api/households/query', {
      idNumber: makeIdNumber('640381', '19790521', '138'),
    });
    expect(miss.json().total).toBe(0);
    expect((await staff.post('/api/households/query', { phone: PHONE })).json().total).toBe(1);
    const over = await staff.post('/api/households/query', { phone: PHONE });
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ code: 'household.search_limited', limit: LIMIT });
    expect(over.json().retryAfterSeconds).toBeGreaterThan(0);
    expect(over.body).not.toContain('马秀兰');
    const rows = (await searchRows()).slice(before);
    expect(rows.map((r) => r.result)).toEqual(['success', 'success', 'success', 'denied']);
    const details = rows.map((r) => JSON.parse(r.details) as Record<string, unknown>);
    expect(details.map((d) => d.hit)).toEqual([true, false, true, undefined]);
    expect(details[3]).toMatchObject({ reason: 'limit', limit: LIMIT });
    const refs = details.map((d) => d.refs as Record<string, string>);
    // The same number gives the same reference; different numbers differ.
    expect(refs[2].phone).toBe(refs[3].phone);
    expect(refs[0].idNumber).not.toBe(refs[1].idNumber);
    for (const r of rows) {
      expect(r.details).not.toContain(ID);
      expect(r.details).not.toContain(PHONE);
    }
    // Other users have their own count, and the next hour starts afresh.
    expect((await cadre.post('/api/households/query', { phone: PHONE })).statusCode).toBe(200);
    t.clock.advance(60 * 60 * 1000);
    staff = await signIn(t, 'qtx_staff');
    expect((await staff.post('/api/households/query', { phone: PHONE })).statusCode).toBe(200);
  });

  it('holds the limit under parallel searches (counted in the database)', async () => {
    t.clock.advance(60 * 60 * 1000);
    cadre = await signIn(t, 'yx_cadre');
    const before = (await searchRows()).length;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => cadre.post('/api/households/query', { phone: PHONE })),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    expect((await searchRows()).length - before).toBe(8);
    expect((await t.platform.audit.verify(t.platform.db)).ok).toBe(true);
  });
});
