import { defineModule } from '../../platform/module';
import type { OrganisationService } from '../organisation';
import { AllianceService } from './alliance.service';
import { allianceRoutes } from './alliance.routes';
import { ArchiveService } from './archive.service';
import { archiveRoutes } from './archive.routes';
import { householdRoutes } from './household.routes';
import { HouseholdService } from './household.service';
import { MergeService } from './merge.service';
import { ScreeningService } from './screening.service';
import { SelfReportService } from './self-report.service';
import { HouseholdExportService } from './household-export.service';
import { ScreeningImportService } from './screening-import.service';
import { screeningImportRoutes } from './screening-import.routes';
import { selfReportRoutes } from './self-report.routes';
import { HelpService } from './help.service';
import { helpRoutes } from './help.routes';
import { PlanService } from './plan.service';
import { planRoutes } from './plan.routes';
import { ResourceService } from './resource.service';
import { resourceRoutes } from './resource.routes';
import { ReferralService } from './referral.service';
import { referralRoutes } from './referral.routes';
import { VisitService } from './visit.service';
import { visitRoutes } from './visit.routes';
import { DashboardService } from './dashboard.service';
import { dashboardRoutes } from './dashboard.routes';

export type { AllianceService } from './alliance.service';
export type { ArchiveService } from './archive.service';
export type { HouseholdService } from './household.service';
export type { ScreeningService } from './screening.service';
export type { MergeService } from './merge.service';
export type { SelfReportService } from './self-report.service';
export type { ScreeningImportService } from './screening-import.service';
/** The import's limits and columns: bench/import.ts raises the limits to send 100 000 rows through the route. */
export { IMPORT_LIMITS } from './screening-import.service';
export { SCREENING_COLUMNS } from './screening-excel';
export type { HouseholdExportService } from './household-export.service';
export type { HelpService, HelpSources } from './help.service';
export type { PlanService } from './plan.service';
export type { ResourceService } from './resource.service';
export type { ReferralService } from './referral.service';
export type { VisitService } from './visit.service';
export type { DashboardService } from './dashboard.service';
export { DASHBOARD_QUERIES, type DashboardFilters } from './dashboard.repository';

/**
 * Love Alliance (S1): alliance set-up, screening, one household per person, verification and
 * archives; then help — urgent help, plans, caring-unit resources and referrals, the ledger,
 * return visits and the dashboard.
 */
export const assistanceModule = defineModule({
  name: 'assistance',
  needs: ['organisations'],
  build(p, { organisations: orgs }: { organisations: OrganisationService }) {
    const divisionName = orgs.divisionName;
    const alliance = new AllianceService(p, orgs, divisionName);
    const households = new HouseholdService(p, orgs, divisionName);
    const archives = new ArchiveService(p, orgs, households);
    households.useArchives(archives);
    const screenings = new ScreeningService(p, orgs, alliance, (code) => divisionName(code) !== '');
    const merges = new MergeService(p, households);
    const selfReports = new SelfReportService(p, orgs, screenings, archives, p.sms);
    const screeningImports = new ScreeningImportService(p, screenings);
    const householdExports = new HouseholdExportService(p, households);
    const plans = new PlanService(p, orgs, households, divisionName);
    const help = new HelpService(p, orgs, households, plans);
    const resources = new ResourceService(p, orgs);
    const referrals = new ReferralService(p, orgs, households, divisionName);
    const visits = new VisitService(p, orgs, households, divisionName);
    const dashboard = new DashboardService(p, divisionName);
    // The household page's help section shows what the referral and visit services own.
    help.useSources({
      referralsFor: (householdId) => referrals.listForHousehold(householdId),
      consentsFor: (householdId) => referrals.consentsForHousehold(householdId),
      visitsFor: (householdId) => visits.listForHousehold(householdId),
    });
    return {
      services: {
        alliance,
        households,
        archives,
        screenings,
        merges,
        selfReports,
        screeningImports,
        householdExports,
        plans,
        help,
        resources,
        referrals,
        visits,
        dashboard,
      },
      routes: [
        allianceRoutes(alliance),
        householdRoutes(screenings, households, merges),
        archiveRoutes(archives),
        selfReportRoutes(selfReports),
        screeningImportRoutes(screeningImports, householdExports),
        helpRoutes(help),
        planRoutes(plans),
        resourceRoutes(resources),
        referralRoutes(referrals),
        visitRoutes(visits),
        dashboardRoutes(dashboard),
      ],
    };
  },
});
