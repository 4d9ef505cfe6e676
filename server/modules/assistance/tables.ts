import type { AllianceTables } from './alliance/tables';
import type { ArchiveTables } from './archives/tables';
import type { CoreTables } from './core/tables';
import type { HelpTables } from './help/tables';
import type { HouseholdSearchTables } from './households/tables';
import type { PlanTables } from './plans/tables';
import type { ReferralTables } from './referrals/tables';
import type { ResourceTables } from './resources/tables';
import type { ScreeningTables } from './screening/tables';
import type { SelfReportTables } from './self-report/tables';
import type { VisitTables } from './visits/tables';

/** Every table of the Love Alliance, each declared in the capability that owns it. */
export interface AssistanceTables
  extends
    CoreTables,
    AllianceTables,
    ScreeningTables,
    SelfReportTables,
    HouseholdSearchTables,
    ArchiveTables,
    HelpTables,
    PlanTables,
    ResourceTables,
    ReferralTables,
    VisitTables {}
