import type { Platform } from '../../platform/platform';
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

export type { AllianceService } from './alliance.service';
export type { ArchiveService } from './archive.service';
export type { HouseholdService } from './household.service';
export type { ScreeningService } from './screening.service';
export type { MergeService } from './merge.service';
export type { SelfReportService } from './self-report.service';
export type { ScreeningImportService } from './screening-import.service';
export type { HouseholdExportService } from './household-export.service';

/** Love Alliance (S1): alliance set-up, screening, one household per person, verification and archives. */
export function assistanceModule(
  p: Platform,
  orgs: OrganisationService,
  divisionName: (code: string) => string,
) {
  const alliance = new AllianceService(p, orgs, divisionName);
  const households = new HouseholdService(p, orgs, divisionName);
  const archives = new ArchiveService(p, orgs, households);
  households.useArchives(archives);
  const screenings = new ScreeningService(p, orgs, alliance, (code) => divisionName(code) !== '');
  const merges = new MergeService(p, households);
  const selfReports = new SelfReportService(p, orgs, screenings, archives, p.sms);
  const screeningImports = new ScreeningImportService(p, screenings);
  const householdExports = new HouseholdExportService(p, households);
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
    },
    routes: [
      allianceRoutes(alliance),
      householdRoutes(screenings, households, merges),
      archiveRoutes(archives),
      selfReportRoutes(selfReports),
      screeningImportRoutes(screeningImports, householdExports),
    ],
  };
}
