import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

/**
 * The installable phone pages (issue 11 item 1): the service worker and the web app manifest that
 * vite.config.ts writes to m/ are revalidated on every visit (a phone sees a new version), carry
 * their own media types, and the content security policy lets them load. A tiny web dist of our
 * own stands in for the build.
 */
describe('the phone pages as an installed app', () => {
  let dir: string;
  let web: TestApp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uc-pwa-'));
    mkdirSync(join(dir, 'm'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>UnionCare</title>');
    writeFileSync(join(dir, 'm', 'index.html'), '<!doctype html><title>摸排 · 爱心联盟</title>');
    writeFileSync(join(dir, 'm', 'sw.js'), 'self.addEventListener("fetch", () => undefined);');
    writeFileSync(
      join(dir, 'm', 'manifest.webmanifest'),
      JSON.stringify({ name: '职工服务 · 爱心联盟', start_url: '/m/', scope: '/m/' }),
    );
    writeFileSync(join(dir, 'assets', 'mobile-a1b2.js'), 'export {}');
    web = await createTestApp({ config: { webDist: dir }, seed: false });
  });
  afterAll(async () => {
    await web.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (url: string) => web.app.inject({ method: 'GET', url });

  it('serves the service worker as JavaScript, revalidated on every visit', async () => {
    const res = await get('/m/sw.js');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('addEventListener');
  });

  it('serves the manifest as application/manifest+json, revalidated on every visit', async () => {
    const res = await get('/m/manifest.webmanifest');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^application\/manifest\+json/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.json()).toMatchObject({ start_url: '/m/', scope: '/m/' });
  });

  it('lets the worker and the manifest load under the content security policy', async () => {
    for (const url of ['/m/', '/m/help', '/']) {
      const csp = String((await get(url)).headers['content-security-policy']);
      expect(csp, url).toContain("worker-src 'self'");
      expect(csp, url).toContain("manifest-src 'self'");
    }
  });

  it('keeps hashed assets cached for good and the phone page revalidated', async () => {
    expect((await get('/assets/mobile-a1b2.js')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    const page = await get('/m/help/request');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('摸排');
    expect(page.headers['cache-control']).toBe('no-cache');
  });
});
