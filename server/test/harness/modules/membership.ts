/**
 * Membership's harness descriptor: worker sign-in (the worker principal — every matrix signs in
 * a public-tier worker, this set-up adds a member-tier one) and the membership roll.
 */
import type { HarnessDescriptor } from '../descriptor';

export const membershipHarness = {
  name: 'membership',
  routes: ['/api/worker', '/api/workers'],
  needs: ['organisation'],
  matrix: {
    listShows: { 'GET /api/worker/me': [] },
  },
  malformed: { needs: ['organisation'] },
} satisfies HarnessDescriptor;
