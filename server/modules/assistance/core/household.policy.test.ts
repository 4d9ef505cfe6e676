import { describe, expect, it } from 'vitest';
import { archiveNumber, mayTransition, normalizeName, queryTokens, searchTokens } from './household.policy';
import { chinaDate } from '../../../platform/clock';

describe('household rules', () => {
  it('finds two-character words through bigrams', () => {
    const tokens = new Set(searchTokens('喜登花', '裕民街道 朝阳社区 3号楼'));
    for (const t of queryTokens('登花')) expect(tokens.has(t)).toBe(true);
    for (const t of queryTokens('朝阳社区')) expect(tokens.has(t)).toBe(true);
    expect(queryTokens('喜')).toEqual(['喜']);
    expect(tokens.has('喜')).toBe(true);
    expect(queryTokens('花喜').every((t) => tokens.has(t))).toBe(false);
  });

  it('normalises names for matching', () => {
    expect(normalizeName(' 喜 登\u3000花 ')).toBe('喜登花');
    expect(normalizeName('阿依古丽•买买提')).toBe(normalizeName('阿依古丽·买买提'));
  });

  it('numbers archives readably', () => {
    expect(archiveNumber('640381', 2023, 17)).toBe('640381-2023-00017');
  });

  it('uses the China calendar date', () => {
    expect(chinaDate(new Date('2023-12-31T16:30:00Z'))).toBe('2024-01-01');
  });

  it('allows archiving only after verification', () => {
    expect(mayTransition('archive', 'screened')).toBe(false);
    expect(mayTransition('archive', 'verifying')).toBe(true);
    expect(mayTransition('close', 'archived')).toBe(false);
  });
});
