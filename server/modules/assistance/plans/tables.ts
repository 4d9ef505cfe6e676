// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

export interface PlanTemplateTable {
  id: string;
  jurisdictionId: string;
  name: string;
  description: string | null;
  /** JSON: which households the template is for. */
  criteria: string;
  /** JSON array of the measures it gives. */
  measures: string;
  status: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TemplateApplicationTable {
  templateId: string;
  householdId: string;
  appliedBy: string;
  appliedAt: string;
}

export interface PlanMeasureTable {
  id: string;
  jurisdictionId: string;
  householdId: string;
  /** household (一户一策) | case (个案专策) | category (同类同策) */
  policy: string;
  templateId: string | null;
  kind: string;
  description: string;
  responsibleOrgId: string;
  dueOn: string;
  valueFen: number;
  /** pending_approval → planned → in_progress → done | cancelled; rejected */
  state: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  doneOn: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Plan templates, their applications and plan measures. */
export interface PlanTables {
  planTemplate: PlanTemplateTable;
  templateApplication: TemplateApplicationTable;
  planMeasure: PlanMeasureTable;
}
