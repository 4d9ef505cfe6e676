import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFoundation } from '../../seed/foundation';
import { Agent, createTestApp, signIn, type TestApp } from '../../test/test-app';
import { precompressDir } from './precompress';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('HTTP surface', () => {
  it('reports engine and migration state at /api/health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      engine: t.platform.engine,
      migrations: { pending: 0 },
    });
  });

  it('sends security headers on API, docs and error responses', async () => {
    const admin = await signIn(t, 'admin');
    for (const res of [
      await t.app.inject({ method: 'GET', url: '/api/health' }),
      await admin.get('/api/orgs'),
      await t.app.inject({ method: 'GET', url: '/api/nope' }),
      await t.app.inject({ method: 'GET', url: '/api/docs/json' }),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    }
  });

  it('answers unknown API routes with problem+json 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      status: 404,
      code: 'route.not_found',
      type: 'urn:unioncare:problem:route.not_found',
    });
  });

  it('publishes an OpenAPI 3 document generated from the zod schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/orgs', '/api/users/{id}', '/api/audit']),
    );
    const create = doc.paths['/api/orgs'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['parentId', 'kind', 'name', 'divisionCode']));
    expect(schema.additionalProperties).toBe(false);
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
  });

  it('names the field in validation problems', async () => {
    const admin = await signIn(t, 'admin');
    const res = await admin.post('/api/orgs', {
      parentId: t.orgs.get('qtx'),
      kind: 'castle',
      name: '',
      divisionCode: 'x',
      extra: 1,
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.kind', 'body.divisionCode']));
  });

  it('rejects oversized bodies with 413', async () => {
    const admin = await signIn(t, 'admin');
    const res = await admin.post('/api/orgs', { name: 'x'.repeat(1_100_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('request.too_large');
  });

  it('rate-limits per client address', async () => {
    const limited = await createTestApp({ config: { rateLimitPerMinute: 5 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++)
        codes.push((await limited.app.inject({ method: 'GET', url: '/api/health' })).statusCode);
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const res = await limited.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('request.rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('keeps secrets out of the logs', async () => {
    const a = new Agent(t);
    await a.login('admin');
    const log = t.logs.join('');
    expect(log).not.toContain('UnionCare2026');
    expect(log).not.toContain(a.sessionCookie()!);
  });
});

describe('web app', () => {
  it('serves index.html for the root and for client-side routes, problem+json for unknown API routes', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'uc-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>UnionCare</title>');
    const web = await createTestApp({ config: { webDist: dir } });
    try {
      for (const url of ['/', '/admin/orgs', '/alliance/households/123']) {
        const res = await web.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expect(res.body).toContain('UnionCare');
      }
      // A file added after start-up (a rebuild) is served too.
      writeFileSync(join(dir, 'late.js'), 'export {}');
      expect((await web.app.inject({ method: 'GET', url: '/late.js' })).statusCode).toBe(200);
      expect((await web.app.inject({ method: 'GET', url: '/api/nope' })).headers['content-type']).toContain(
        'application/problem+json',
      );
    } finally {
      await web.close();
    }
  });
});

describe('the API is known by the route the router matched (issue 9 item 5)', () => {
  const variants = ['/%61pi', '/%61%70%69', '/ap%69', '/%61p%69'];

  it('refuses a percent-encoded state-changing request without the CSRF token', async () => {
    for (const prefix of variants) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${prefix}/auth/login`,
        payload: { username: 'admin', password: 'UnionCare2026' },
      });
      expect(res.statusCode, prefix).toBe(403);
      expect(res.json().code, prefix).toBe('auth.csrf');
    }
  });

  it('counts percent-encoded requests against the rate limit', async () => {
    const limited = await createTestApp({ config: { rateLimitPerMinute: 3 }, seed: false });
    try {
      const codes: number[] = [];
      for (const prefix of ['/api', ...variants]) {
        codes.push((await limited.app.inject({ method: 'GET', url: `${prefix}/health` })).statusCode);
      }
      expect(codes).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('answers a percent-encoded unknown API path with problem+json, never the web page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/%61pi/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('route.not_found');
  });
});

describe('API answers are never cached (issue 9 item 18)', () => {
  it('sends Cache-Control: no-store on JSON, problem and signed-in answers', async () => {
    const admin = await signIn(t, 'admin');
    const answers = {
      me: await admin.get('/api/auth/me'),
      users: await admin.get('/api/users'),
      health: await t.app.inject({ method: 'GET', url: '/api/health' }),
      notFound: await t.app.inject({ method: 'GET', url: '/api/nope' }),
      encoded: await t.app.inject({ method: 'GET', url: '/%61pi/auth/me' }),
      refused: await admin.post('/api/auth/login', { username: 'admin', password: 'wrong-password-9' }),
    };
    for (const [name, res] of Object.entries(answers)) {
      expect(res.headers['cache-control'], name).toBe('no-store');
    }
  });
});

describe('client addresses behind proxies (issue 9 item 6)', () => {
  const health = (app: TestApp, remoteAddress: string, forwardedFor?: string) =>
    app.app.inject({
      method: 'GET',
      url: '/api/health',
      remoteAddress,
      ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}),
    });

  it('by default a forged X-Forwarded-For does not change the counted address', async () => {
    const app = await createTestApp({ config: { rateLimitPerMinute: 2 }, seed: false });
    try {
      const codes = [];
      for (const forged of ['10.9.9.1', '10.9.9.2', '10.9.9.3'])
        codes.push((await health(app, '203.0.113.9', forged)).statusCode);
      expect(codes).toEqual([200, 200, 429]);
    } finally {
      await app.close();
    }
  });

  it('with one trusted hop the real client is counted, whatever it put in the header itself', async () => {
    const app = await createTestApp({ config: { rateLimitPerMinute: 2, trustProxy: 1 }, seed: false });
    try {
      const proxy = '10.0.0.2';
      const codes = [];
      // The load balancer appends the address it saw; the client forged the entries before it.
      for (const forged of ['1.1.1.1', '2.2.2.2', '3.3.3.3'])
        codes.push((await health(app, proxy, `${forged}, 198.51.100.20`)).statusCode);
      expect(codes).toEqual([200, 200, 429]);
      // Another client behind the same proxy has its own budget.
      expect((await health(app, proxy, '198.51.100.21')).statusCode).toBe(200);

      // The audit trail records the real client too.
      await seedFoundation(app.platform);
      await new Agent(app).request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody', password: 'wrong-password-1' },
        remoteAddress: proxy,
        headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.30' },
      });
      const rows = await app.platform.db.selectFrom('auditLog').select('ip').execute();
      expect(rows.map((r) => r.ip)).toContain('198.51.100.30');
      expect(rows.map((r) => r.ip)).not.toContain('6.6.6.6');
    } finally {
      await app.close();
    }
  });
});

describe('compressed answers (issue 9 item 20)', () => {
  it('compresses a JSON answer for a client that accepts gzip or brotli; it decodes to the same body', async () => {
    const admin = await signIn(t, 'admin');
    const plain = await admin.get('/api/orgs');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const gz = await admin.request({
      method: 'GET',
      url: '/api/orgs',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(String(gz.headers.vary)).toMatch(/accept-encoding/i);
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
    const br = await admin.request({
      method: 'GET',
      url: '/api/orgs',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(br.headers['cache-control']).toBe('no-store');
  });

  it('serves the built web app pre-compressed, hashed assets cached for good', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'uc-web-'));
    mkdirSync(join(dir, 'assets'));
    const script = `export const pages = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `page-${i}`))};\n`;
    writeFileSync(join(dir, 'assets', 'index-Dx3k9a.js'), script);
    writeFileSync(join(dir, 'assets', 'tiny-a1b2.js'), 'export {}');
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><title>UnionCare</title>${'<p>工会</p>'.repeat(200)}`,
    );
    const made = precompressDir(dir);
    expect(made.files).toBe(2);
    expect(existsSync(join(dir, 'assets', 'index-Dx3k9a.js.br'))).toBe(true);
    expect(existsSync(join(dir, 'assets', 'index-Dx3k9a.js.gz'))).toBe(true);
    expect(existsSync(join(dir, 'assets', 'tiny-a1b2.js.gz'))).toBe(false);

    const web = await createTestApp({ config: { webDist: dir }, seed: false });
    try {
      const get = (url: string, enc?: string) =>
        web.app.inject({ method: 'GET', url, ...(enc ? { headers: { 'accept-encoding': enc } } : {}) });
      const br = await get('/assets/index-Dx3k9a.js', 'gzip, br');
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(String(br.headers['content-type'])).toContain('javascript');
      // The very bytes the build wrote, not compressed again per request.
      expect(br.rawPayload.equals(readFileSync(join(dir, 'assets', 'index-Dx3k9a.js.br')))).toBe(true);
      expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(script);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const gz = await get('/assets/index-Dx3k9a.js', 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.rawPayload.equals(readFileSync(join(dir, 'assets', 'index-Dx3k9a.js.gz')))).toBe(true);
      const plain = await get('/assets/index-Dx3k9a.js');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(script);
      // Pages (the client-side routes' fallback too) come compressed and are revalidated.
      for (const url of ['/', '/alliance/households']) {
        const page = await get(url, 'br');
        expect(page.statusCode, url).toBe(200);
        expect(page.headers['content-encoding'], url).toBe('br');
        expect(page.headers['cache-control'], url).toBe('no-cache');
        expect(brotliDecompressSync(page.rawPayload).toString('utf8'), url).toContain('UnionCare');
      }
    } finally {
      await web.close();
    }
  });
});
