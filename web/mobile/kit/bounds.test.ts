import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  MemberInput,
  NeedInput,
  OtpBody,
  ScreeningForm,
  SelfReportForm,
} from '../../../contracts/assistance';
import { YUAN_TEXT_MAX, digitsOf, maxOf, minOf } from './bounds';

describe('the contracts bounds read off their schemas', () => {
  it('reads texts, numbers and lists through optional, default and RequiredText', () => {
    const F = ScreeningForm.shape;
    expect(maxOf(F.headName)).toBe(30);
    expect(maxOf(F.phone)).toBe(20);
    expect(maxOf(F.addressDetail)).toBe(120);
    expect([minOf(F.householdSize), maxOf(F.householdSize), digitsOf(F.householdSize)]).toEqual([1, 30, 2]);
    expect(maxOf(F.causes)).toBe(4);
    expect([maxOf(F.members), maxOf(F.needs)]).toEqual([20, 20]);
    expect([maxOf(F.suddenEvent), maxOf(F.leads)]).toEqual([200, 2000]);
    expect(maxOf(SelfReportForm.shape.story)).toBe(1000);
    expect(digitsOf(MemberInput.shape.age)).toBe(3);
    expect(maxOf(NeedInput.shape.description)).toBe(300);
    expect(maxOf(OtpBody.shape.phone)).toBe(20);
    expect(YUAN_TEXT_MAX).toBe('100000000.00'.length);
  });

  it('refuses a schema that declares no bound, rather than guessing one', () => {
    expect(() => maxOf(z.string())).toThrow();
    expect(() => minOf(z.array(z.string()).max(3))).toThrow();
  });
});
