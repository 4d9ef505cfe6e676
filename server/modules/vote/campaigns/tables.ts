// The campaigns' tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case).

export interface VoteCampaignTable {
  id: string;
  /** The organising federation (e.g. 山西省总工会). */
  orgId: string;
  /** JSON list of co-organisers' names (e.g. 中共山西省委宣传部). */
  coOrganisers: string;
  /** model_worker | craftsman | other */
  kind: string;
  title: string;
  year: number;
  summary: string;
  /** draft → nominating → reviewing → displaying → voting → expert_review → result_notice → final | cancelled */
  state: string;
  /** JSON CampaignTimeline (ISO instants, stored as toISOString). */
  timeline: string;
  /** The voting window, copied out of the timeline so the freeze is one conditional update. */
  votingOpens: string;
  votingCloses: string;
  /** JSON CampaignRules. */
  rules: string;
  rulesFrozenAt: string | null;
  resultPublishedAt: string | null;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignTables {
  voteCampaign: VoteCampaignTable;
}
