import { defineModule } from '../../platform/module';
import { ASSISTANCE_POLICY } from './policy';
import type { OrganisationService } from '../organisation';
import { AllianceService } from './alliance/alliance.service';
import { allianceRoutes } from './alliance/alliance.routes';
import { ArchiveService } from './archives/archive.service';
import { archiveRoutes } from './archives/archive.routes';
import { householdRoutes } from './households/household.routes';
import { HouseholdService } from './households/household.service';
import { MergeService } from './screening/merge.service';
import { ScreeningService } from './screening/screening.service';
import { SelfReportService, selfReportOtp } from './self-report/self-report.service';
import { HouseholdExportService } from './households/household-export.service';
import { ScreeningImportService } from './screening/screening-import.service';
import { screeningImportRoutes } from './screening/screening-import.routes';
import { selfReportRoutes } from './self-report/self-report.routes';
import { HelpService } from './help/help.service';
import { helpRoutes } from './help/help.routes';
import { PlanService } from './plans/plan.service';
import { planRoutes } from './plans/plan.routes';
import { ResourceService } from './resources/resource.service';
import { resourceRoutes } from './resources/resource.routes';
import { ReferralService } from './referrals/referral.service';
import { referralRoutes } from './referrals/referral.routes';
import { VisitService } from './visits/visit.service';
import { visitRoutes } from './visits/visit.routes';
import { DashboardService } from './dashboard/dashboard.service';
import { dashboardRoutes } from './dashboard/dashboard.routes';
import { ASSISTANCE_MIGRATIONS } from './migrations';

export type { AllianceService } from './alliance/alliance.service';
export type { ArchiveService } from './archives/archive.service';
export type { HouseholdService } from './households/household.service';
export type { ScreeningService } from './screening/screening.service';
export type { MergeService } from './screening/merge.service';
export type { SelfReportService } from './self-report/self-report.service';
export type { ScreeningImportService } from './screening/screening-import.service';
/** The import's limits and columns: bench/import.ts raises the limits to send 100 000 rows through the route. */
export { IMPORT_LIMITS } from './screening/screening-import.service';
export { SCREENING_COLUMNS } from './screening/screening-excel';
export type { HouseholdExportService } from './households/household-export.service';
export type { HelpService, HelpSources } from './help/help.service';
export type { PlanService } from './plans/plan.service';
export type { ResourceService } from './resources/resource.service';
export type { ReferralService } from './referrals/referral.service';
export type { VisitService } from './visits/visit.service';
export type { DashboardService } from './dashboard/dashboard.service';
export type { AssistanceTables } from './tables';
export { DASHBOARD_QUERIES, type DashboardFilters } from './dashboard/dashboard.repository';

/**
 * Love Alliance (S1): alliance set-up, screening, one household per person, verification and
 * archives; then help — urgent help, plans, caring-unit resources and referrals, the ledger,
 * return visits and the dashboard.
 */
export const assistanceModule = defineModule({
  name: 'assistance',
  needs: ['organisations'],
  migrations: ASSISTANCE_MIGRATIONS,
  policy: ASSISTANCE_POLICY,
  build(p, { organisations: orgs }: { organisations: OrganisationService }) {
    const divisionName = orgs.divisionName;
    const alliance = new AllianceService(p, orgs, divisionName);
    const households = new HouseholdService(p, orgs, divisionName);
    const archives = new ArchiveService(p, orgs, households);
    households.useArchives(archives);
    const screenings = new ScreeningService(
      p,
      orgs,
      alliance,
      (code) => divisionName(code) !== '',
      (ctx, id) => households.getInScope(ctx, 'household.read', id),
    );
    const selfReports = new SelfReportService(p, orgs, screenings, archives, selfReportOtp(p));
    const screeningImports = new ScreeningImportService(p, screenings);
    const householdExports = new HouseholdExportService(p, households);
    const plans = new PlanService(p, orgs, households, divisionName);
    const help = new HelpService(p, orgs, households, plans);
    const resources = new ResourceService(p, orgs);
    const referrals = new ReferralService(p, orgs, households, divisionName, resources);
    const merges = new MergeService(p, households, referrals);
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
        screeningImportRoutes(screeningImports, householdExports, p.clock),
        helpRoutes(help),
        planRoutes(plans),
        resourceRoutes(resources),
        referralRoutes(referrals),
        visitRoutes(visits),
        dashboardRoutes(dashboard, p.clock),
      ],
    };
  },
});
