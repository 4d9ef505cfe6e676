/** The authorization matrix (F-1) of the Love Alliance's routes: server/test/harness/matrix.ts. */
import { describe, expect, it } from 'vitest';
import { authorizationMatrix } from '../matrix';

const m = await authorizationMatrix('assistance');

describe('regressions found by the matrix', () => {
  // The archive list is declared { kind: 'session' } ("any signed-in user", routes.ts): a
  // signed-in user holding neither archive.manage nor archive.review gets an empty page, as the
  // declaration promises, not 403.
  it('GET /api/archives answers a signed-in user as its declared access (session) says', async () => {
    const res = await m.principal('yx_cadre').agent.get('/api/archives');
    expect(res.statusCode).toBe(200);
  });
});
