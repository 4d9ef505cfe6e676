import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToYuan, fenToYuanText, formatYuan, shortMask, yuanTextToFen, yuanToFen } from './money';

describe('yuanTextToFen', () => {
  it.each([
    ['0', 0],
    ['1', 100],
    ['12', 1200],
    ['1234.5', 123450],
    ['1234.50', 123450],
    ['1234.05', 123405],
    ['0.01', 1],
    ['0.1', 10],
    ['0.3', 30],
    ['19.99', 1999],
    ['1.', 100],
    ['007', 700],
    ['999999999', 99_999_999_900],
    ['999999999.99', 99_999_999_999],
  ])('reads %j as %i fen', (text, fen) => {
    expect(yuanTextToFen(text)).toBe(fen);
  });

  it('adds no float error where 0.1 + 0.2 would: text goes straight to integer fen', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(yuanTextToFen('0.3')).toBe(30);
    expect(yuanTextToFen('1.15')).toBe(115); // 1.15 * 100 === 114.99999999999999
    expect(yuanTextToFen('4.35')).toBe(435); // 4.35 * 100 === 434.99999999999994
    expect(Number.isInteger(yuanTextToFen('8.07'))).toBe(true);
  });

  it('allows whitespace around the amount, not inside it', () => {
    expect(yuanTextToFen('  12.5  ')).toBe(1250);
    expect(yuanTextToFen('\t3\n')).toBe(300);
    expect(yuanTextToFen('1 2')).toBeUndefined();
    expect(yuanTextToFen('12 .5')).toBeUndefined();
    expect(yuanTextToFen('12. 5')).toBeUndefined();
  });

  it('refuses a third decimal rather than rounding it away', () => {
    expect(yuanTextToFen('1.005')).toBeUndefined();
    expect(yuanTextToFen('0.001')).toBeUndefined();
    expect(yuanTextToFen('12.340')).toBeUndefined();
  });

  it('refuses more than nine whole digits', () => {
    expect(yuanTextToFen('1000000000')).toBeUndefined();
    expect(yuanTextToFen('9999999999.99')).toBeUndefined();
  });

  it.each([
    '',
    '   ',
    '.',
    '.5',
    '-1',
    '+1',
    '-0.5',
    '1,000',
    '1,5',
    '1e3',
    'abc',
    '12元',
    '¥12',
    '0x10',
    'NaN',
    'Infinity',
    '１２', // full-width digits
    '1.2.3',
  ])('refuses %j', (text) => {
    expect(yuanTextToFen(text)).toBeUndefined();
  });
});

describe('yuanToFen', () => {
  it('rounds a yuan float to the nearest fen', () => {
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(19.99)).toBe(1999); // 19.99 * 100 === 1998.9999999999998
    expect(yuanToFen(1.15)).toBe(115);
    expect(yuanToFen(1.234)).toBe(123);
    expect(yuanToFen(1.236)).toBe(124);
    expect(yuanToFen(12)).toBe(1200);
    expect(yuanToFen(0)).toBe(0);
  });

  it('is undefined for an empty input', () => {
    expect(yuanToFen(null)).toBeUndefined();
    expect(yuanToFen(undefined)).toBeUndefined();
    expect(yuanToFen(Number.NaN)).toBeUndefined();
  });

  it('always gives an integer for amounts with at most two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 11 - 1 }), (fen) => {
        expect(yuanToFen(fenToYuan(fen))).toBe(fen);
      }),
    );
  });
});

describe('fenToYuan / fenToYuanText', () => {
  it('gives yuan as a number', () => {
    expect(fenToYuan(123450)).toBe(1234.5);
    expect(fenToYuan(1)).toBe(0.01);
    expect(fenToYuan(0)).toBe(0);
  });

  it.each([
    [0, '0'],
    [1, '0.01'],
    [5, '0.05'],
    [10, '0.1'],
    [50, '0.5'],
    [99, '0.99'],
    [100, '1'],
    [105, '1.05'],
    [110, '1.1'],
    [123450, '1234.5'],
    [123456, '1234.56'],
    [99_999_999_999, '999999999.99'],
  ])('writes %i fen as %j', (fen, text) => {
    expect(fenToYuanText(fen)).toBe(text);
  });

  it('writes nothing for no amount', () => {
    expect(fenToYuanText(null)).toBe('');
    expect(fenToYuanText(undefined)).toBe('');
  });

  it('round-trips every fen amount through text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 11 - 1 }), (fen) => {
        expect(yuanTextToFen(fenToYuanText(fen))).toBe(fen);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips the edges of the range', () => {
    for (const fen of [0, 1, 9, 10, 99, 100, 101, 10 ** 10, 10 ** 11 - 1, 10 ** 11 - 100]) {
      expect(yuanTextToFen(fenToYuanText(fen))).toBe(fen);
    }
  });

  it('round-trips canonical yuan text both ways', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 99 }),
        (whole, cents) => {
          const fen = whole * 100 + cents;
          const text = fenToYuanText(fen);
          expect(text).not.toMatch(/\.$|\.\d*0$/); // no trailing ".", ".0", ".x0"
          expect(fenToYuanText(yuanTextToFen(text))).toBe(text);
        },
      ),
    );
  });
});

describe('formatYuan', () => {
  it('writes yuan with thousands separators and two decimals, 元 after in Chinese', () => {
    expect(formatYuan(1234560)).toBe('12,345.60 元');
    expect(formatYuan(1234560, 'zh')).toBe('12,345.60 元');
    expect(formatYuan(0, 'zh')).toBe('0.00 元');
    expect(formatYuan(5, 'zh')).toBe('0.05 元');
    expect(formatYuan(99_999_999_999, 'zh')).toBe('999,999,999.99 元');
  });

  it('writes ¥ before in English', () => {
    expect(formatYuan(1234560, 'en')).toBe('¥12,345.60');
    expect(formatYuan(100, 'en')).toBe('¥1.00');
    expect(formatYuan(0, 'en')).toBe('¥0.00');
  });

  it('writes nothing for no amount', () => {
    expect(formatYuan(null)).toBe('');
    expect(formatYuan(undefined, 'en')).toBe('');
  });

  it('agrees with the exact fen for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 11 - 1 }), (fen) => {
        const shown = formatYuan(fen, 'en').slice(1).replace(/,/g, '');
        expect(yuanTextToFen(shown)).toBe(fen);
      }),
    );
  });
});

describe('shortMask', () => {
  it('shortens the server mask of fourteen stars to six', () => {
    expect(shortMask('**************0021')).toBe('******0021');
    expect(shortMask('**************002X')).toBe('******002X');
    expect(shortMask('*******1234')).toBe('******1234');
  });

  it('leaves a short mask alone', () => {
    expect(shortMask('******0021')).toBe('******0021');
    expect(shortMask('138****8000')).toBe('138****8000');
  });

  it('is null for no mask', () => {
    expect(shortMask(null)).toBeNull();
    expect(shortMask(undefined)).toBeNull();
    expect(shortMask('')).toBeNull();
  });
});
