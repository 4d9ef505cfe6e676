import type { Platform } from '../../platform/platform';
import { DivisionService } from './division.service';
import { organisationRoutes } from './organisation.routes';
import { OrganisationService } from './organisation.service';

export type { OrganisationService } from './organisation.service';
export { isFederation } from './organisation.policy';

export function organisationModule(p: Platform) {
  const divisions = new DivisionService();
  const service = new OrganisationService(p, divisions);
  return { service, divisions, routes: organisationRoutes(service, divisions) };
}
