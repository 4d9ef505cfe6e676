import { randomBytes } from 'node:crypto';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and runs forward in real time (UC_CLOCK_START: journeys that must
 * cross midnight in China without waiting for it).
 */
export function clockStartingAt(start: Date | string, real: () => number = Date.now): Clock {
  const offset = new Date(start).getTime() - real();
  return { now: () => new Date(real() + offset) };
}

/** A clock tests can move: `advance(ms)` steps time without waiting. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-06-01T08:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
}

export const iso = (clock: Clock): string => clock.now().toISOString();

/** The calendar date in China, where the unions work (UTC+8, no daylight saving): `YYYY-MM-DD`. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Today in China on the injected clock — for rules, and for the date stamped on download names. */
export const chinaToday = (clock: Clock): string => chinaDate(clock.now());

export type IdGenerator = () => string;

/**
 * UUIDv7: time-ordered, so primary-key indexes grow at the end on both engines,
 * and ids can be generated in the app before the row exists.
 */
export function uuidv7Generator(clock: Clock = systemClock): IdGenerator {
  let lastMs = -1;
  let counter = 0;
  return () => {
    const ms = clock.now().getTime();
    counter = ms === lastMs ? (counter + 1) & 0xfff : 0;
    lastMs = ms;
    const b = randomBytes(16);
    b.writeUIntBE(ms, 0, 6);
    b[6] = 0x70 | (counter >> 8);
    b[7] = counter & 0xff;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

/** Predictable ids for tests: `prefix-000001`, `prefix-000002`, … */
export function sequentialIds(prefix = 'id'): IdGenerator {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(6, '0')}`;
}
