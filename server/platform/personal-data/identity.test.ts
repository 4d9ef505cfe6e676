import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ageOn,
  idNumberBirthDate,
  idNumberSex,
  isValidIdNumber,
  isValidMobile,
  makeIdNumber,
  normalizeIdNumber,
  normalizeMobile,
} from './identity';

const KNOWN = '11010519491231002X';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function ymd(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1, 2)}${pad(d.getDate(), 2)}`;
}

describe('isValidIdNumber', () => {
  it('accepts the published example in either case', () => {
    expect(isValidIdNumber(KNOWN)).toBe(true);
    expect(isValidIdNumber(KNOWN.toLowerCase())).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002Y')).toBe(false);
  });

  it('rejects impossible or out-of-range birth dates even with a correct checksum', () => {
    expect(isValidIdNumber(makeIdNumber('110105', '20230230', '001'))).toBe(false); // Feb 30
    expect(isValidIdNumber(makeIdNumber('110105', '20230229', '001'))).toBe(false); // not a leap year
    expect(isValidIdNumber(makeIdNumber('110105', '20240229', '001'))).toBe(true);
    expect(isValidIdNumber(makeIdNumber('110105', '19991301', '001'))).toBe(false);
    expect(isValidIdNumber(makeIdNumber('110105', '18991231', '001'))).toBe(false);
    const nextYear = new Date().getFullYear() + 1;
    expect(isValidIdNumber(makeIdNumber('110105', `${nextYear}0101`, '001'))).toBe(false);
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    expect(isValidIdNumber(makeIdNumber('110105', ymd(tomorrow), '001'))).toBe(false);
    expect(isValidIdNumber(makeIdNumber('110105', ymd(new Date()), '001'))).toBe(true);
  });

  it('rejects unknown province codes', () => {
    expect(isValidIdNumber(makeIdNumber('990105', '19491231', '002'))).toBe(false);
    expect(isValidIdNumber(makeIdNumber('100105', '19491231', '002'))).toBe(false);
    expect(isValidIdNumber(makeIdNumber('810000', '19491231', '002'))).toBe(true);
  });

  it('rejects 15-digit legacy numbers and malformed input', () => {
    expect(isValidIdNumber('110105491231002')).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
    expect(isValidIdNumber(` ${KNOWN}`)).toBe(false);
    expect(isValidIdNumber('1101051949123100X2')).toBe(false);
    expect(isValidIdNumber('11010519491231002XX')).toBe(false);
  });
});

describe('ID number accessors', () => {
  it('normalises, extracts birth date and sex', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe(KNOWN);
    expect(idNumberBirthDate(KNOWN)).toBe('1949-12-31');
    expect(idNumberSex(KNOWN)).toBe('female'); // 17th digit 2
    expect(idNumberSex(makeIdNumber('110105', '19800101', '013'))).toBe('male');
  });

  it('computes completed years of age', () => {
    expect(ageOn(KNOWN, new Date(2024, 11, 30))).toBe(74);
    expect(ageOn(KNOWN, new Date(2024, 11, 31))).toBe(75);
    const leap = makeIdNumber('110105', '20000229', '001');
    expect(ageOn(leap, new Date(2001, 1, 28))).toBe(0);
    expect(ageOn(leap, new Date(2001, 2, 1))).toBe(1);
    expect(ageOn(leap, new Date(2004, 1, 29))).toBe(4);
  });

  it('refuses invalid numbers without echoing them', () => {
    expect(() => idNumberBirthDate('110105194912310021')).toThrow(/^invalid ID number$/);
    expect(() => idNumberSex('abc')).toThrow('invalid ID number');
    expect(() => ageOn(KNOWN, new Date(Number.NaN))).toThrow(RangeError);
  });

  it('makeIdNumber validates the shape of its parts', () => {
    expect(makeIdNumber('110105', '19491231', '002')).toBe(KNOWN);
    expect(() => makeIdNumber('11010', '19491231', '002')).toThrow(/prefix6/);
    expect(() => makeIdNumber('110105', '1949-12-31', '002')).toThrow(/birth/);
    expect(() => makeIdNumber('110105', '19491231', '2')).toThrow(/seq3/);
  });
});

describe('ID number properties', () => {
  const provinces = ['11', '12', '31', '44', '50', '65', '71', '81', '82', '83', '91'];
  const arbPrefix = fc
    .tuple(fc.constantFrom(...provinces), fc.integer({ min: 0, max: 9999 }))
    .map(([p, rest]) => `${p}${pad(rest, 4)}`);
  const arbBirth = fc
    .date({ min: new Date(1900, 0, 1), max: new Date(), noInvalidDate: true })
    .map((d) => ymd(d));
  const arbSeq = fc.integer({ min: 0, max: 999 }).map((n) => pad(n, 3));
  const arbId = fc.tuple(arbPrefix, arbBirth, arbSeq).map(([p, b, s]) => makeIdNumber(p, b, s));

  it('makeIdNumber always yields valid numbers', () => {
    fc.assert(
      fc.property(arbId, (id) => isValidIdNumber(id)),
      { numRuns: 2000 },
    );
  });

  it('changing any single character makes the number invalid', () => {
    fc.assert(
      fc.property(
        arbId,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (id, pos, delta) => {
          const alphabet = pos === 17 ? '0123456789X' : '0123456789';
          const current = alphabet.indexOf(id[pos] ?? '');
          const replacement = alphabet[(current + delta) % alphabet.length] ?? '';
          fc.pre(replacement !== id[pos]);
          const mutated = id.slice(0, pos) + replacement + id.slice(pos + 1);
          return !isValidIdNumber(mutated);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('mobile numbers', () => {
  it('accepts mainland numbers with optional country prefix', () => {
    for (const v of [
      '13812345678',
      '+8613812345678',
      '8619912345678',
      ' 138 1234 5678 ',
      '+86-138-1234-5678',
    ]) {
      expect(isValidMobile(v)).toBe(true);
    }
    expect(normalizeMobile('+86 138 1234 5678')).toBe('13812345678');
    expect(normalizeMobile('8615912345678')).toBe('15912345678');
  });

  it('rejects other shapes', () => {
    for (const v of [
      '12812345678',
      '1381234567',
      '138123456789',
      '+8513812345678',
      '010-12345678',
      '',
      'abc',
    ]) {
      expect(isValidMobile(v)).toBe(false);
    }
    expect(() => normalizeMobile('12345')).toThrow('invalid mobile number');
  });
});
