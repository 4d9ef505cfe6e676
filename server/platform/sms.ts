import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from './mask';

/** Sends a text message. Production plugs in a carrier's gateway; the interface stays this small. */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/**
 * Development sender: writes the message to the log so a tester can read the code. The phone is
 * masked there like everywhere else in the logs.
 */
export function logSmsSender(log: () => FastifyBaseLogger): SmsSender {
  return {
    async send(phone, text) {
      log().info({ sms: { to: maskPhone(phone), text } }, 'sms (development sender)');
    },
  };
}

/** Test sender: keeps what was sent, for the test to read back. */
export class MemorySmsSender implements SmsSender {
  readonly sent: { phone: string; text: string }[] = [];
  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
  }
  lastCodeFor(phone: string): string | undefined {
    const hit = [...this.sent].reverse().find((m) => m.phone === phone);
    return hit?.text.match(/\d{6}/)?.[0];
  }
}
