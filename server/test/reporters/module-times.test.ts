import { describe, expect, it } from 'vitest';
import { moduleOf } from './module-times';

describe('moduleOf', () => {
  it('groups files by module folder, whatever their depth', () => {
    expect(moduleOf('server/modules/assistance/referrals/referral.api.test.ts')).toBe(
      'server/modules/assistance',
    );
    expect(moduleOf('server/modules/identity/auth.api.test.ts')).toBe('server/modules/identity');
    expect(moduleOf('server/test/authorization-matrix.api.test.ts')).toBe('server/test');
    expect(moduleOf('lint/boundaries.test.ts')).toBe('lint');
  });
});
