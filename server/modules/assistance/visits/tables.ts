// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

export interface HelpSettingTable {
  jurisdictionId: string;
  visitAfterHelpDays: number;
  visitAfterExitDays: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface ReturnVisitTable {
  id: string;
  jurisdictionId: string;
  householdId: string;
  /** after_help | after_exit | manual */
  reason: string;
  sourceId: string | null;
  dueOn: string;
  assigneeOrgId: string;
  assigneeMemberId: string | null;
  /** due | done | cancelled */
  state: string;
  visitedOn: string | null;
  visitors: string | null;
  /** better | same | worse */
  change: string | null;
  openNeeds: string | null;
  satisfaction: number | null;
  householdWords: string | null;
  relapse: number;
  recordedBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Return-visit settings and return visits. */
export interface VisitTables {
  helpSetting: HelpSettingTable;
  returnVisit: ReturnVisitTable;
}
