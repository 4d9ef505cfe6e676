/**
 * Helpers that build Love Alliance (S1) records through the API as the users who would really do
 * it: the assistance harness descriptor's set-ups (modules/assistance.ts) and the module's own
 * API tests use them.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Action } from '../../../platform/auth/policy';
import { makeIdNumber } from '../../../platform/personal-data/identity';
import type { Agent } from '../../test-app';

/**
 * Routes declared `session` whose service then checks actions of its own: the archive list and
 * page serve both the managing federation (archive.manage) and the upper federation the archive
 * was reported to (archive.review). The harnesses derive their expectations from these actions.
 */
export const SESSION_ROUTE_ACTIONS: Record<string, Action[]> = {
  'GET /api/archives': ['archive.manage', 'archive.review'],
  'GET /api/archives/:id': ['archive.manage', 'archive.review'],
  // A referral is seen by the caring unit it was sent to (referral.read / referral.respond on the
  // referral) and by whoever works the household (help.manage on the household: RecordRef.scopeFor);
  // either side may withdraw it.
  'GET /api/referrals/:id': ['referral.read', 'referral.respond', 'help.manage'],
  'POST /api/referrals/:id/withdraw': ['referral.respond', 'help.manage'],
};

/** Meaningful sample values for fields whose JSON schema alone does not make a valid request. */
export { SAMPLE_DATE, SAMPLE_DIVISION, SAMPLE_PHONE } from '../schema';
import { SAMPLE_DATE, SAMPLE_DIVISION } from '../schema';

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

// ---------------------------------------------------------------------------------------------
// Love Alliance part 2: help, plans, caring-unit resources, consent and referrals.
// ---------------------------------------------------------------------------------------------

/** The clock's day in the test apps (FakeClock 2026-06-01T08:00Z is 2026-06-01 in China). */
export const TODAY = '2026-06-01';
/** A day after it, for visits and measures that must not be due in the past. */
export const FUTURE_DATE = '2026-07-01';

/** The smallest valid PNG: a 1×1 transparent pixel. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A resource body; a caring unit publishes as itself, federation staff name the unit in `orgId`. */
export function resourceBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'free_screening',
    title: '免费体检',
    unit: '人次',
    quantity: 20,
    unitValueFen: 5_000,
    validFrom: '2026-05-01',
    validUntil: '2026-12-31',
    audience: '建档困难职工家庭',
    ...over,
  };
}

export async function publishResource(agent: Agent, over: Record<string, unknown> = {}): Promise<string> {
  return String(ok(await agent.post('/api/resources', resourceBody(over)), 201, 'resource').id);
}

/** 知情同意 to share the household with one organisation. */
export async function giveConsent(agent: Agent, householdId: string, orgId: string): Promise<string> {
  const c = ok(
    await agent.post(`/api/households/${householdId}/consents`, {
      orgId,
      givenBy: 'self',
      method: 'signed_form',
      givenOn: '2026-05-30',
    }),
    201,
    'consent',
  );
  // A partner's record gates a referral only with its signed form (issue 9 item 13): every
  // consent here carries one, so the form's download route has a file behind each consent.
  ok(
    await agent.upload(`/api/consents/${String(c.id)}/evidence`, PNG_1PX, 'image/png', '知情同意书.png'),
    201,
    'consent form',
  );
  return String(c.id);
}

/** 转介: the household (with consent for the resource's unit) to one resource. */
export async function refer(
  agent: Agent,
  householdId: string,
  resourceId: string,
  need = '需要体检',
): Promise<{ id: string; version: number }> {
  const r = ok(
    await agent.post(`/api/households/${householdId}/referrals`, { resourceId, quantity: 1, need }),
    201,
    'referral',
  );
  return { id: String(r.id), version: Number(r.version) };
}

/** A measure of a household's plan: 一户一策 (planned at once) or 个案专策 (pending approval). */
export async function addMeasure(
  agent: Agent,
  householdId: string,
  over: Record<string, unknown> & { responsibleOrgId: string },
): Promise<string> {
  const m = ok(
    await agent.post(`/api/households/${householdId}/measures`, {
      policy: 'household',
      kind: 'medical_aid',
      description: '协助办理大病救助',
      dueOn: FUTURE_DATE,
      valueFen: 100_000,
      ...over,
    }),
    201,
    'measure',
  );
  return String(m.id);
}

/** A 同类同策 template with one measure. */
export async function createTemplate(
  agent: Agent,
  name: string,
  responsibleOrgId: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const t = ok(
    await agent.post('/api/plan-templates', {
      name,
      criteria: { causes: ['serious_illness'] },
      measures: [{ kind: 'medical_aid', description: '大病慰问', responsibleOrgId, dueInDays: 30 }],
      ...over,
    }),
    201,
    'template',
  );
  return String(t.id);
}

/** 应急帮扶 recorded on a household; schedules the follow-up visit as a delivery does. */
export async function recordHelp(agent: Agent, householdId: string, what = '应急慰问金'): Promise<string> {
  const h = ok(
    await agent.post(`/api/households/${householdId}/help`, {
      route: 'urgent',
      kind: 'living_subsidy',
      what,
      valueFen: 50_000,
      givenOn: '2026-05-30',
    }),
    201,
    'help record',
  );
  return String(h.id);
}

/** A photo proving a delivery: the raw PNG bytes, its name in x-file-name. */
export async function uploadEvidence(
  agent: Agent,
  helpRecordId: string,
  name = '发放照片.png',
): Promise<string> {
  const e = ok(
    await agent.upload(`/api/help-records/${helpRecordId}/evidence`, PNG_1PX, 'image/png', name),
    201,
    'evidence',
  );
  return String(e.id);
}
