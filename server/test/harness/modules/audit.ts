/**
 * The audit trail's harness descriptor: its lists show the organisation canaries (a canary user
 * signs in once, so an audit row's actor is that name); its records are not addressed by id.
 */
import type { HarnessDescriptor } from '../descriptor';

export const auditHarness = {
  name: 'audit',
  routes: ['/api/audit'],
  // Every module's writes are audited: any module's canary could appear in the trail.
  needs: ['organisation', 'identity', 'assistance'],
  matrix: {
    listShows: {
      'GET /api/audit': ['org'],
      'GET /api/audit/export': ['org'],
      'GET /api/audit/verify': [],
    },
  },
  // An `orgId` query parameter names the organisation's disposable one.
  malformed: { needs: ['organisation'] },
} satisfies HarnessDescriptor;
