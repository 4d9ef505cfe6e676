/** The platform's own routes (health): open to everyone, they show no module's data. */
import type { HarnessDescriptor } from '../descriptor';

export const platformHarness = {
  name: 'platform',
  routes: ['/api/health'],
  matrix: { listShows: { 'GET /api/health': [] } },
  malformed: {},
} satisfies HarnessDescriptor;
