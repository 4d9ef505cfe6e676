import type { Platform } from '../../platform/platform';
import { auditRoutes } from './audit.routes';
import { AuditService } from './audit.service';

export type { AuditService } from './audit.service';

export function auditModule(p: Platform) {
  const service = new AuditService(p);
  return { service, routes: auditRoutes(service) };
}
