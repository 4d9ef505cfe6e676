import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INT32_MAX, MONEY_MAX_FEN } from '../../../contracts/numbers';
import {
  STANDARD_2026,
  TODAY,
  giveConsent,
  ok,
  publishResource,
  screen,
  screeningForm,
} from '../../test/harness/modules/assistance-fixtures';
import { createTestApp, signIn, type Agent, type TestApp } from '../../test/test-app';

/**
 * Issue 9 item 11 (decision 0010): the numbers the contracts allow are the numbers the columns
 * hold — on PostgreSQL as on SQLite. Amounts at the maximum are stored, summed and answered as
 * exact numbers; places at their maxima are held without overflow; a derived amount past the
 * maximum is refused naming the field; versions past what an `integer` column can advance to
 * are a 400, never a 500.
 */

let t: TestApp;
let staff: Agent;
let hospital: Agent;

/** The fields the errors name (a number can break two rules of one field at once). */
const fields = (res: { json(): { errors?: { field: string }[] } }) => [
  ...new Set((res.json().errors ?? []).map((e) => e.field)),
];

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  hospital = await signIn(t, 'rmyy_staff');
  ok(await staff.post('/api/standards', STANDARD_2026), 201, 'standard');
});
afterAll(() => t.close());

describe('numbers at the contracts’ maxima (issue 9.11)', () => {
  it('amounts of ¥100 000 000 are stored, summed in SQL and answered as exact numbers', async () => {
    const { householdId } = await screen(
      staff,
      screeningForm({
        headName: '最大金额户',
        annualIncomeFen: MONEY_MAX_FEN,
        rigidExpenseFen: MONEY_MAX_FEN,
        members: [{ relation: 'spouse', name: '最大金额配偶', monthlyIncomeFen: MONEY_MAX_FEN }],
      }),
    );
    const household = ok(await staff.get(`/api/households/${householdId}`), 200, 'household');
    expect(household.annualIncomeFen).toBe(MONEY_MAX_FEN);
    expect((household.members as { monthlyIncomeFen: unknown }[])[0].monthlyIncomeFen).toBe(MONEY_MAX_FEN);

    for (const what of ['应急慰问金一', '应急慰问金二']) {
      const res = await staff.post(`/api/households/${householdId}/help`, {
        route: 'urgent',
        kind: 'living_subsidy',
        what,
        valueFen: MONEY_MAX_FEN,
        givenOn: '2026-05-30',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().valueFen).toBe(MONEY_MAX_FEN);
    }
    const measure = await staff.post(`/api/households/${householdId}/measures`, {
      policy: 'household',
      kind: 'medical_aid',
      description: '大病救助',
      responsibleOrgId: t.orgs.get('chunyu'),
      dueOn: '2026-07-01',
      valueFen: MONEY_MAX_FEN,
    });
    expect(measure.statusCode, measure.body).toBe(201);
    expect(measure.json().valueFen).toBe(MONEY_MAX_FEN);

    const help = ok(await staff.get(`/api/households/${householdId}/help`), 200, 'help');
    const totals = help.totals as { valueFen: unknown; byRoute: { urgent: unknown } };
    expect(totals.valueFen).toBe(2 * MONEY_MAX_FEN);
    expect(totals.byRoute.urgent).toBe(2 * MONEY_MAX_FEN);
    // The dashboard sums in SQL (PostgreSQL: SUM of bigint is numeric): a number, exact.
    const dash = ok(await staff.get('/api/dashboard'), 200, 'dashboard');
    const urgent = (dash.valueByRoute as { route: string; valueFen: unknown }[]).find(
      (r) => r.route === 'urgent',
    );
    expect(urgent?.valueFen).toBe(2 * MONEY_MAX_FEN);
    const drill = ok(await staff.get('/api/dashboard/drill?metric=route&key=urgent'), 200, 'drill');
    expect((drill.items as { householdId: string; valueFen: unknown }[])[0]).toMatchObject({
      householdId,
      valueFen: 2 * MONEY_MAX_FEN,
    });
  });

  it('places at their maxima are held and delivered; places × unit value past the maximum is refused naming valueFen', async () => {
    const resourceId = await publishResource(hospital, {
      title: '最大资源',
      quantity: 10_000_000,
      unitValueFen: MONEY_MAX_FEN,
    });
    const { householdId } = await screen(staff, screeningForm({ headName: '最大转介户' }));
    await giveConsent(staff, householdId, t.orgs.get('hospital')!);
    const sent = await staff.post(`/api/households/${householdId}/referrals`, {
      resourceId,
      quantity: 10_000,
      need: '需要大量名额',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const accepted = await hospital.post(`/api/referrals/${sent.json().id}/accept`, {
      version: sent.json().version,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const url = `/api/referrals/${sent.json().id}/deliver`;
    const derived = await hospital.post(url, { version: accepted.json().version, deliveredOn: TODAY });
    expect(derived.statusCode, derived.body).toBe(422);
    expect(derived.json().code).toBe('referral.value_too_large');
    expect(fields(derived)).toEqual(['body.valueFen']);
    const given = await hospital.post(url, {
      version: accepted.json().version,
      deliveredOn: TODAY,
      valueFen: MONEY_MAX_FEN,
    });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().deliveredValueFen).toBe(MONEY_MAX_FEN);
    const resource = ok(await hospital.get(`/api/resources/${resourceId}`), 200, 'resource');
    expect(resource).toMatchObject({
      quantity: 10_000_000,
      reserved: 10_000,
      delivered: 10_000,
      available: 9_990_000,
      unitValueFen: MONEY_MAX_FEN,
    });
  });

  it('a version the integer column can still advance to is a conflict; one past it is a 400 naming version', async () => {
    const resourceId = await publishResource(hospital, { title: '版本资源' });
    const url = `/api/resources/${resourceId}/withdraw`;
    const atMax = await hospital.post(url, { version: INT32_MAX - 1 });
    expect(atMax.statusCode, atMax.body).toBe(409);
    for (const version of [INT32_MAX, 2 ** 53, 1.5]) {
      const res = await hospital.post(url, { version });
      expect(res.statusCode, res.body).toBe(400);
      expect(fields(res)).toEqual(['body.version']);
    }
  });

  it('query-string numbers past their bounds are a 400 naming the parameter', async () => {
    for (const q of ['year=2101', 'year=1e20', 'year=1.5', 'year=-2147483649']) {
      const res = await staff.get(`/api/standards?${q}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(400);
      expect(fields(res)).toEqual(['query.year']);
    }
    const last = await staff.get('/api/resources?page=100000&pageSize=200');
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json()).toMatchObject({ items: [], page: 100000, pageSize: 200 });
    for (const q of ['page=100001', 'pageSize=201', 'page=9223372036854775808']) {
      const res = await staff.get(`/api/resources?${q}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(400);
      expect(fields(res)[0]).toMatch(/^query\.page/);
    }
  });
});
