/** The malformed-input harness (F-3) of identity's routes: server/test/harness/malformed.ts. */
import { describe, expect, it } from 'vitest';
import { ID_IN_URL, malformedInput } from '../malformed';

const m = await malformedInput('identity');

describe('regressions found by the harness', () => {
  // F-10: the test app logs with the production logger options (route pattern, no query
  // string), so an ID number typed into a search box stays out of t.logs.
  it('an ID number sent in a query string stays out of the logs', async () => {
    await m.admin().get(`/api/users?q=${ID_IN_URL}`);
    expect(m.t.logs.join('')).not.toContain(ID_IN_URL);
  });
});
