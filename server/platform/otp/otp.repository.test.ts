import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { createTestDatabase } from '../../test/test-database';
import { FakeClock, sequentialIds } from '../clock';
import { createBlindIndex } from '../personal-data/crypto';
import { AppError } from '../errors';
import { MemorySmsSender } from '../sms';
import { PhoneOtp, type OtpPlatform } from './otp';
import * as repo from './otp.repository';

let handle: DatabaseHandle;
let p: OtpPlatform & { clock: FakeClock; sms: MemorySmsSender };
let otp: PhoneOtp;

beforeAll(async () => {
  handle = await createTestDatabase();
  p = {
    db: handle.db,
    clock: new FakeClock('2026-06-01T08:00:00.000Z'),
    ids: sequentialIds('otp'),
    blindIndex: createBlindIndex(Buffer.alloc(32, 7)),
    sms: new MemorySmsSender(),
    config: { otpResendSeconds: 60 },
  };
  otp = new PhoneOtp(p, {
    sms: { signName: '测试系统', template: 'otp' },
    ttlSeconds: 120,
    maxAttempts: 3,
    perPhonePerHour: 3,
    perAddressPerHour: 4,
  });
});
afterAll(() => handle.close());

/** The error a call throws: its code, status, details. */
async function failure(run: () => Promise<unknown>) {
  const e = await run().then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  const a = e as AppError;
  return { code: a.code, status: a.status, details: a.details };
}

const bidx = (phone: string) => p.blindIndex('phone', phone);
const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

/** A fresh code for the phone, the clock moved past the resend wait first. */
async function issued(phone: string, ip: string | null = null): Promise<string> {
  p.clock.advance(61_000);
  await otp.issue(phone, ip);
  return p.sms.lastCodeFor(phone)!;
}

describe('worker phone one-time codes (platform)', () => {
  it('normalises a mainland mobile and refuses anything else on the named field', async () => {
    expect(otp.phone('138 9500 1000')).toBe('13895001000');
    expect(await failure(async () => otp.phone('12345'))).toEqual({
      code: 'otp.bad_phone',
      status: 422,
      details: { fields: [{ field: 'body.phone', message: 'not a mainland mobile number' }] },
    });
  });

  it('sends the template with the sign name the system passes, and keeps only hashes', async () => {
    const phone = '13895001001';
    expect(await otp.issue(phone, '10.1.0.1')).toEqual({ sent: true, expiresInSeconds: 120 });
    const sent = p.sms.sent.at(-1)!;
    expect(sent.message).toEqual({
      template: 'otp',
      params: { code: expect.stringMatching(/^\d{6}$/), minutes: '2' },
    });
    expect(sent.text.startsWith('【测试系统】')).toBe(true);
    const rows = await handle.db
      .selectFrom('otpCode')
      .selectAll()
      .where('phoneBidx', '=', bidx(phone))
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ip: '10.1.0.1',
      attempts: 0,
      consumedAt: null,
      expiresAt: '2026-06-01T08:02:00.000Z',
    });
    expect(JSON.stringify(rows[0])).not.toContain(phone);
    expect(JSON.stringify(rows[0])).not.toContain(p.sms.lastCodeFor(phone)!);
  });

  it('waits between codes and limits them per phone and per address an hour', async () => {
    const phone = '13895001002';
    await otp.issue(phone, null);
    p.clock.advance(20_000);
    expect(await failure(() => otp.issue(phone, null))).toMatchObject({
      code: 'otp.too_soon',
      status: 429,
      details: { retryAfterSeconds: 40 },
    });
    await issued(phone);
    await issued(phone);
    p.clock.advance(61_000);
    expect(await failure(() => otp.issue(phone, null))).toMatchObject({
      code: 'otp.rate_limited',
      status: 429,
      details: { retryAfterSeconds: 3600 },
    });
    // An hour on, the phone may ask again.
    p.clock.advance(3600_000);
    await otp.issue(phone, null);

    for (let i = 0; i < 4; i++) await issued(`1389500110${i}`, '10.2.0.1');
    expect(await failure(() => issued('13895001109', '10.2.0.1'))).toMatchObject({
      code: 'otp.rate_limited',
      status: 429,
    });
    expect(await repo.countIssuedFromAddress(handle.db, '10.2.0.1', '2026-01-01T00:00:00.000Z')).toBe(4);
  });

  it('a wrong guess costs an attempt; the right code is used up once', async () => {
    const phone = '13895001003';
    const code = await issued(phone);
    const bad = await failure(() => otp.check(phone, wrong(code)));
    expect(bad).toMatchObject({
      code: 'otp.invalid',
      status: 422,
      details: { fields: [{ field: 'body.code' }] },
    });
    const now = p.clock.now().toISOString();
    expect((await repo.newestLiveCode(handle.db, bidx(phone), now))?.attempts).toBe(1);
    await otp.check(phone, code);
    await handle.db.transaction().execute((trx) => otp.consume(trx, phone, code));
    expect(await repo.newestLiveCode(handle.db, bidx(phone), now)).toBeUndefined();
    expect((await failure(() => otp.consume(handle.db, phone, code))).code).toBe('otp.invalid');
  });

  it('a code rolled back with its transaction stays usable', async () => {
    const phone = '13895001004';
    const code = await issued(phone);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await otp.consume(trx, phone, code);
        throw new Error('the write after it failed');
      }),
    ).rejects.toThrow('the write after it failed');
    await otp.consume(handle.db, phone, code);
  });

  it('burns a code after the attempt limit, and expires it', async () => {
    const phone = '13895001005';
    const code = await issued(phone);
    for (let i = 0; i < 3; i++)
      expect((await failure(() => otp.check(phone, wrong(code)))).code).toBe('otp.invalid');
    expect((await failure(() => otp.consume(handle.db, phone, code))).code).toBe('otp.invalid');

    const late = await issued(phone);
    p.clock.advance(121_000);
    expect((await failure(() => otp.consume(handle.db, phone, late))).code).toBe('otp.invalid');
  });

  it('of two consumers of one code exactly one wins (the conditional update)', async () => {
    const phone = '13895001006';
    await issued(phone);
    const row = (await repo.newestLiveCode(handle.db, bidx(phone), p.clock.now().toISOString()))!;
    const at = p.clock.now().toISOString();
    const results = await Promise.all([1, 2, 3].map(() => repo.consumeCode(handle.db, row.id, at, 3)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
