import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

/**
 * The public vote pages (issue 12 item 5): every path under /v answers the vote entry's page
 * (v/index.html, the Preact entry vite.config.ts moves there), revalidated on every visit; the
 * back office and the /m pages keep theirs. A tiny web dist of our own stands in for the build.
 */
describe('the vote pages at /v', () => {
  let dir: string;
  let web: TestApp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uc-vote-pages-'));
    mkdirSync(join(dir, 'm'));
    mkdirSync(join(dir, 'v'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>back office</title>');
    writeFileSync(join(dir, 'm', 'index.html'), '<!doctype html><title>phone pages</title>');
    writeFileSync(join(dir, 'v', 'index.html'), '<!doctype html><title>vote pages</title>');
    web = await createTestApp({ config: { webDist: dir }, seed: false });
  });
  afterAll(async () => {
    await web.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (url: string) => web.app.inject({ method: 'GET', url });

  it('answers every page path under /v with the vote page, revalidated', async () => {
    for (const url of [
      '/v',
      '/v/',
      '/v/sign-in?next=%2Fv',
      '/v/abc',
      '/v/abc/rules',
      '/v/abc/c/def/poster',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('vote pages');
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('leaves the back office and the /m pages their own', async () => {
    expect((await get('/vote')).body).toContain('back office');
    expect((await get('/votes/1')).body).toContain('back office');
    expect((await get('/m/help')).body).toContain('phone pages');
    expect((await get('/dashboard')).body).toContain('back office');
  });
});
