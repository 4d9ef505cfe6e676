/** The platform's own routes (health): open to everyone, they show no module's data. */
import type { HarnessDescriptor } from '../descriptor';

export const platformHarness = {
  name: 'platform',
  routes: ['/api/health'],
  // Health reads no module's data: no canary can appear in it.
  needs: [],
  matrix: { listShows: { 'GET /api/health': [] } },
  malformed: { needs: [] },
} satisfies HarnessDescriptor;
