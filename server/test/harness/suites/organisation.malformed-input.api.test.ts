/** The malformed-input harness (F-3) of the organisation module's routes: server/test/harness/malformed.ts. */
import { describe, expect, it } from 'vitest';
import { malformedInput } from '../malformed';

const m = await malformedInput('organisation');

describe('regressions found by the harness', () => {
  // An over-long path parameter once answered Fastify's own 414 application/json
  // (FST_ERR_MAX_PARAM_LENGTH): not problem+json, no stable code, the URL echoed back.
  it('an over-long path parameter answers problem+json', async () => {
    const res = await m.admin().get(`/api/orgs/${'a'.repeat(300)}`);
    expect(res.statusCode).toBeLessThan(500);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  });

  // A lone % in the path once answered 400 application/json FST_ERR_BAD_URL.
  it('a lone % in the path answers problem+json', async () => {
    const res = await m.admin().get('/api/orgs/%');
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  });
});
