import { describe, expect, it } from 'vitest';
import { clockStartingAt, FakeClock, sequentialIds, uuidv7Generator } from './clock';

describe('clock and ids', () => {
  it('moves a fake clock only when told', () => {
    const c = new FakeClock('2026-01-01T00:00:00Z');
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    c.advance(1500);
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:01.500Z');
  });

  it('generates time-ordered, unique UUIDv7 ids, even within one millisecond', () => {
    const c = new FakeClock();
    const next = uuidv7Generator(c);
    const ids = Array.from({ length: 2000 }, () => next());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    c.advance(1);
    expect(next() > ids[ids.length - 1]).toBe(true);
  });

  it('offers predictable ids for tests', () => {
    const next = sequentialIds('org');
    expect([next(), next()]).toEqual(['org-000001', 'org-000002']);
  });

  it('starts a clock at a given instant and runs it forward in real time', () => {
    let real = 1_000_000;
    const clock = clockStartingAt('2026-12-10T15:59:59.000Z', () => real);
    expect(clock.now().toISOString()).toBe('2026-12-10T15:59:59.000Z');
    real += 2000;
    expect(clock.now().toISOString()).toBe('2026-12-10T16:00:01.000Z');
  });
});
