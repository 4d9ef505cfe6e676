/**
 * Shared by the two generated harnesses (authorization matrix, malformed input): what they need
 * to know about the Love Alliance (S1) routes that the route and policy tables cannot tell them,
 * and helpers that build S1 records through the API as the users who would really do it.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Action } from '../platform/auth/policy';
import { makeIdNumber } from '../platform/identity';
import type { Agent } from './test-app';

/**
 * Routes declared `session` whose service then checks actions of its own: the archive list and
 * page serve both the managing federation (archive.manage) and the upper federation the archive
 * was reported to (archive.review). The harnesses derive their expectations from these actions.
 */
export const SESSION_ROUTE_ACTIONS: Record<string, Action[]> = {
  'GET /api/archives': ['archive.manage', 'archive.review'],
  'GET /api/archives/:id': ['archive.manage', 'archive.review'],
};

/** Meaningful sample values for fields whose JSON schema alone does not make a valid request. */
export const SAMPLE_DATE = '2026-05-20';
export const SAMPLE_PHONE = '13995123456';
export const SAMPLE_DIVISION = '640381';

let idSeq = 0;
/** A fresh, valid GB 11643 number (all digits), unique within the test file. */
export function nextIdNumber(prefix6 = '640381'): string {
  for (;;) {
    const id = makeIdNumber(prefix6, '19760101', String(100 + (++idSeq % 900)).padStart(3, '0'));
    if (/^\d{18}$/.test(id)) return id;
  }
}

/** A complete screening form; deep, provincial-tier difficulty under a 77 000-fen standard. */
export function screeningForm(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    method: 'home_visit',
    screenedOn: SAMPLE_DATE,
    headName: '测试户主',
    idNumber: nextIdNumber(),
    situation: 'union_unit_employee',
    divisionCode: SAMPLE_DIVISION,
    addressDetail: '大坝镇韦桥村三队 12 号',
    householdSize: 2,
    annualIncomeFen: 1_200_000,
    rigidExpenseFen: 300_000,
    causes: ['serious_illness'],
    members: [{ relation: 'spouse', name: '测试配偶', idNumber: nextIdNumber() }],
    needs: [{ kind: 'medical', urgency: 'urgent', description: '需要复查' }],
    ...over,
  };
}

export const STANDARD_2026 = {
  year: 2026,
  minLivingFen: 77_000,
  relativeMultiplierPct: 200,
  accidentDropPct: 50,
};

type Json = Record<string, unknown>;

export function ok(res: LightMyRequestResponse, status: number, what: string): Json {
  if (res.statusCode !== status) {
    throw new Error(`setup: ${what} answered ${res.statusCode} ${res.body.slice(0, 300)}`);
  }
  return JSON.parse(res.body) as Json;
}

export interface Screened {
  householdId: string;
  responsibleOrgId: string | null;
  match: string;
}

export async function screen(agent: Agent, form: Json, what = 'screening'): Promise<Screened> {
  return ok(await agent.post('/api/screenings', { form }), 200, what) as unknown as Screened;
}

/** 核实 then 建档, as federation staff: the household ends archived, its archive in state 'archived'. */
export async function verifyAndArchive(
  staff: Agent,
  householdId: string,
): Promise<{ id: string; version: number }> {
  const h = ok(await staff.get(`/api/households/${householdId}`), 200, 'read household');
  const v = ok(
    await staff.post(`/api/households/${householdId}/verify`, {
      version: h.version,
      verifiedOn: '2026-05-28',
      homeVisit: true,
      documents: ['id_card'],
      incomeConsent: true,
      result: 'confirmed',
    }),
    200,
    'verify',
  );
  const a = ok(
    await staff.post(`/api/households/${householdId}/archive`, {
      version: v.version,
      primaryCause: 'serious_illness',
    }),
    201,
    'archive',
  );
  return { id: String(a.id), version: Number(a.version) };
}

/** 核实 only: the household ends 'verifying', ready to be archived. */
export async function verify(staff: Agent, householdId: string): Promise<void> {
  const h = ok(await staff.get(`/api/households/${householdId}`), 200, 'read household');
  ok(
    await staff.post(`/api/households/${householdId}/verify`, {
      version: h.version,
      verifiedOn: '2026-05-28',
      homeVisit: true,
      documents: ['id_card'],
      incomeConsent: true,
      result: 'confirmed',
    }),
    200,
    'verify',
  );
}

/** 上报 to the federation above; returns the reported archive's version. */
export async function reportArchive(staff: Agent, archive: { id: string; version: number }): Promise<number> {
  const r = ok(
    await staff.post(`/api/archives/${archive.id}/report`, { version: archive.version }),
    200,
    'report',
  );
  return Number(r.version);
}
