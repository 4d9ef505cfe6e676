import { describe, it, expect } from 'vitest';
import { maskBankAccount, maskIdNumber, maskIdTail, maskName, maskPhone } from './mask';

describe('maskIdNumber', () => {
  it('shows three characters before the check digit, hides the check digit, keeps the length', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('**************002*');
    expect(maskIdNumber('11010519491231002X')).toHaveLength(18);
  });

  it('builds the same mask from the stored tail', () => {
    expect(maskIdTail('002X')).toBe(maskIdNumber('11010519491231002X'));
    expect(maskIdTail(null)).toBeNull();
  });

  it('fully masks empty and short values', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('12')).toBe('**');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber('12345')).toBe('*234*');
  });
});

describe('maskPhone', () => {
  it('shows only the last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('*******5678');
    expect(maskPhone(' 13812345678 ')).toBe('*******5678');
  });

  it('handles short values without throwing', () => {
    expect(maskPhone('')).toBe('');
    expect(maskPhone('123')).toBe('***');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('12345678')).toBe('****5678');
  });
});

describe('maskName', () => {
  it('keeps only the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李小明')).toBe('李**');
  });

  it('counts astral-plane characters once', () => {
    expect(maskName('𠈌小明')).toBe('𠈌**');
    expect(maskName('王𠈌')).toBe('王*');
  });

  it('handles empty and single-character names', () => {
    expect(maskName('')).toBe('');
    expect(maskName('张')).toBe('*');
  });
});

describe('maskBankAccount', () => {
  it('shows only the last four digits in a fixed layout', () => {
    expect(maskBankAccount('6222021234567891234')).toBe('**** **** **** 1234');
    expect(maskBankAccount('6222 0212 3456 1234')).toBe('**** **** **** 1234');
  });

  it('handles empty and short values', () => {
    expect(maskBankAccount('')).toBe('');
    expect(maskBankAccount('123')).toBe('****');
  });
});
