import { defineModule } from '../../platform/module';
import { DivisionService } from './division.service';
import { federationAreaLock } from './migrations/2026120702-federation-area-lock';
import { organisationRoutes } from './organisation.routes';
import { OrganisationService } from './organisation.service';

export type { OrganisationService } from './organisation.service';
export type { OrganisationTable, OrganisationTables } from './tables';
export { isFederation } from './organisation.policy';

/** The union tree and GB/T 2260 divisions. */
export const organisationModule = defineModule({
  name: 'organisations',
  needs: [],
  migrations: { '2026120702-federation-area-lock': federationAreaLock },
  build(p) {
    const divisions = new DivisionService();
    const service = new OrganisationService(p, divisions);
    return { services: service, routes: [organisationRoutes(service, divisions)] };
  },
});
