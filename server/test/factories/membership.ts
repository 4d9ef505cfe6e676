import { expect } from 'vitest';
import type { Member } from '../../../contracts/membership';
import type { WorkerMe } from '../../../contracts/worker';
import { makeIdNumber } from '../../platform/personal-data/identity';
import type { App } from '../../app';
import { MemorySmsSender } from '../../platform/sms';
import type { Agent } from '../test-app';

/** The app an agent talks to (its text messages are the test SMS sender's). */
const appOf = (agent: Agent) => (agent as unknown as { t: App }).t;

/**
 * Signs the agent in as a worker through the API: asks for a code, reads it from the test SMS
 * sender (the app of a test is built with MemorySmsSender), signs in. The phone must not have
 * asked for a code in the last minute (the resend wait): use one phone per worker.
 */
export async function signInWorker(agent: Agent, phone: string): Promise<WorkerMe> {
  const sms = appOf(agent).platform.sms;
  if (!(sms instanceof MemorySmsSender)) throw new Error('signInWorker needs the test app (MemorySmsSender)');
  const sent = await agent.post('/api/worker/code', { phone });
  expect(sent.statusCode, sent.body).toBe(200);
  const code = sms.lastCodeFor(phone.replace(/\D/g, '').slice(-11));
  const res = await agent.post('/api/worker/sign-in', { phone, code });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as WorkerMe;
}

let seq = 0;
/** A valid member body for the unit (ID number and phone unique per call in the test run). */
export function memberBody(orgId: string, over: Record<string, unknown> = {}) {
  seq += 1;
  const n = String(seq).padStart(3, '0');
  return {
    orgId,
    name: `会员${n}`,
    idNumber: makeIdNumber('140105', '19880312', n),
    phone: `1360351${String(seq).padStart(4, '0')}`,
    joinedOn: '2015-07-01',
    ...over,
  };
}

/** Adds a member through the API as `agent` (a federation staff or the unit's cadre). */
export async function addMember(agent: Agent, orgId: string, over: Record<string, unknown> = {}) {
  const res = await agent.post('/api/members', memberBody(orgId, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Member;
}
