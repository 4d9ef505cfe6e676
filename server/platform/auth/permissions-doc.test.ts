import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICY } from '../../app';
import { permissionsMarkdown } from './permissions-doc';

describe('docs/permissions.md', () => {
  it('is the policy table as it is now (npm run permissions:doc rewrites it)', () => {
    expect(readFileSync('docs/permissions.md', 'utf8')).toBe(permissionsMarkdown(POLICY));
  });
});
