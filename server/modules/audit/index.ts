import { defineModule } from '../../platform/module';
import { AUDIT_POLICY } from './policy';
import { auditRoutes } from './audit.routes';
import { AuditService } from './audit.service';

export type { AuditService } from './audit.service';

/** Browsing, exporting and verifying the audit trail (the writer is platform/audit). */
export const auditModule = defineModule({
  name: 'audit',
  needs: [],
  policy: AUDIT_POLICY,
  build(p) {
    const service = new AuditService(p);
    return { services: service, routes: [auditRoutes(service, p.clock)] };
  },
});
