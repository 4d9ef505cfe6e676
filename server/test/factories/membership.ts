import { expect } from 'vitest';
import type { WorkerMe } from '../../../contracts/worker';
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
