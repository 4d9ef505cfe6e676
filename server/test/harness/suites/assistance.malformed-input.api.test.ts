/** The malformed-input harness (F-3) of the Love Alliance's routes: server/test/harness/malformed.ts. */
import { describe, expect, it } from 'vitest';
import { malformedInput } from '../malformed';

const m = await malformedInput('assistance');

describe('regressions found by the harness', () => {
  // The body schema of a household search is a JSON body: a boolean page and a string pageSize
  // are refused (400 naming body.page and body.pageSize), not coerced as a query string would be.
  it('POST /api/households/query refuses a boolean page and a string pageSize', async () => {
    const res = await m.driver('POST /api/households/query').post('/api/households/query', {
      page: true,
      pageSize: '1',
    });
    expect(res.statusCode).toBe(400);
  });
});
