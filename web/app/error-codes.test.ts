import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessages } from './error-messages';
import { messages } from './messages';

/** Every server source file that can throw (tests and fixtures aside). */
function serverSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : serverSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The codes the server can emit, read from the calls that build an AppError (server/platform/errors.ts). */
function serverErrorCodes(): Set<string> {
  const codes = new Set<string>(['auth.forbidden', 'auth.unauthenticated']);
  const patterns: [RegExp, (found: string) => string][] = [
    [/new AppError\(\s*['`]([a-z_]+(?:\.[a-z_]+)+)['`]/g, (found) => found],
    [/\b(?:invalid|conflict)\(\s*['`]([a-z_]+(?:\.[a-z_]+)+)['`]/g, (found) => found],
    [/\bnotFound\(\s*['`]([a-z_]+)['`]\s*\)/g, (found) => `${found}.not_found`],
  ];
  for (const file of serverSources(join(process.cwd(), 'server'))) {
    const source = readFileSync(file, 'utf8');
    for (const [pattern, toCode] of patterns) {
      for (const match of source.matchAll(pattern)) codes.add(toCode(match[1] ?? ''));
    }
  }
  return codes;
}

describe('server error codes in the back office', () => {
  const dictionary: Record<string, unknown> = { ...messages, ...errorMessages };
  const codes = serverErrorCodes();

  it('finds the codes the server throws (the scan is not empty)', () => {
    expect(codes.size).toBeGreaterThan(50);
    for (const known of ['otp.invalid', 'consent.not_found', 'dashboard.bad_period', 'import.not_found']) {
      expect(codes, known).toContain(known);
    }
  });

  it('translates every one of them into Chinese and English', () => {
    const missing = [...codes].filter((code) => !dictionary[`error.${code}`]).sort();
    expect(missing).toEqual([]);
  });
});
