import { expect } from 'vitest';
import type { ScreeningForm } from '../../../contracts/assistance';
import { makeIdNumber } from '../../platform/personal-data/identity';
import type { Agent } from '../test-app';

/**
 * The Love Alliance's set-ups, through the API as a user would make them: a screening form,
 * screen → verify → archive → exit. Each step asserts its own status so a broken step fails
 * where it breaks, not in the test that used it.
 */
export function screeningForm(seq: number | string, over: Partial<ScreeningForm> = {}): ScreeningForm {
  const n = String(seq).padStart(3, '0').slice(-3);
  return {
    method: 'home_visit',
    screenedOn: '2026-05-20',
    headName: '喜登花',
    idNumber: makeIdNumber('640381', '19850312', n),
    situation: 'migrant_worker',
    divisionCode: '640381101',
    addressDetail: `大坝镇韦桥村三队 ${n} 号`,
    householdSize: 4,
    annualIncomeFen: 2_400_000,
    rigidExpenseFen: 600_000,
    causes: ['serious_illness'],
    members: [],
    needs: [],
    ...over,
  };
}

/** A household screened by `agent` (a partner or the federation); returns its id. */
export async function screenHousehold(agent: Agent, form: ScreeningForm): Promise<string> {
  const res = await agent.post('/api/screenings', { form });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().householdId as string;
}

/** The jurisdiction's yearly standard the archive calculator needs (once per test app); `over` adds or overrides fields (e.g. a note). */
export async function setStandard(
  staff: Agent,
  year = 2026,
  over: Record<string, unknown> = {},
): Promise<void> {
  const res = await staff.post('/api/standards', {
    year,
    minLivingFen: 77000,
    relativeMultiplierPct: 200,
    accidentDropPct: 50,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
}

/** Verified by the federation (home visit, ID card, income consent, confirmed); returns the new version. */
export async function verifyHousehold(
  staff: Agent,
  householdId: string,
  over: Record<string, unknown> = {},
): Promise<number> {
  const h = (await staff.get(`/api/households/${householdId}`)).json();
  const res = await staff.post(`/api/households/${householdId}/verify`, {
    version: h.version,
    verifiedOn: '2026-05-28',
    homeVisit: true,
    documents: ['id_card'],
    incomeConsent: true,
    result: 'confirmed',
    migrantQualified: true,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().version as number;
}

/** Verified (`verify` overrides the verification body) and archived; returns the archive's id and version. */
export async function archiveHousehold(
  staff: Agent,
  householdId: string,
  primaryCause = 'serious_illness',
  verify: Record<string, unknown> = {},
): Promise<{ archiveId: string; version: number }> {
  const version = await verifyHousehold(staff, householdId, verify);
  const res = await staff.post(`/api/households/${householdId}/archive`, { version, primaryCause });
  expect(res.statusCode, res.body).toBe(201);
  return { archiveId: res.json().id as string, version: res.json().version as number };
}

/** An archive closed as out of difficulty; returns its new version. */
export async function exitArchive(
  staff: Agent,
  archive: { archiveId: string; version: number },
  reason = '家属康复返岗，收入稳定',
): Promise<number> {
  const res = await staff.post(`/api/archives/${archive.archiveId}/exit`, {
    version: archive.version,
    kind: 'out_of_difficulty',
    reason,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().version as number;
}
