// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

export interface AllianceMemberTable {
  id: string;
  orgId: string;
  jurisdictionId: string;
  name: string;
  title: string | null;
  phoneEnc: string | null;
  phoneBidx: string | null;
  userId: string | null;
  status: string;
  joinedOn: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ResponsibilityRuleTable {
  jurisdictionId: string;
  situation: string;
  partnerKind: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CampaignTable {
  id: string;
  jurisdictionId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  /** JSON array of GB/T 2260 codes. */
  areas: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CampaignTargetTable {
  campaignId: string;
  orgId: string;
  target: number;
}

/** Members, 分工 rules and campaigns. */
export interface AllianceTables {
  allianceMember: AllianceMemberTable;
  responsibilityRule: ResponsibilityRuleTable;
  campaign: CampaignTable;
  campaignTarget: CampaignTargetTable;
}
