/**
 * The vote's harness descriptor: campaigns, nominations, experts, candidates and results under
 * /api/vote, and the public (no sign-in) rules and result pages under /api/public/vote.
 */
import type { HarnessDescriptor } from '../descriptor';

export const voteHarness = {
  name: 'vote',
  routes: ['/api/vote', '/api/public/vote'],
  needs: ['organisation'],
  matrix: {},
  malformed: { needs: ['organisation'] },
} satisfies HarnessDescriptor;
