// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

export interface ResourceTable {
  id: string;
  jurisdictionId: string;
  orgId: string;
  kind: string;
  title: string;
  description: string | null;
  unit: string;
  quantity: number;
  unitValueFen: number;
  validFrom: string;
  validUntil: string;
  audience: string;
  conditions: string | null;
  status: string;
  /** Places held by sent, accepted and delivered referrals; CHECK reserved <= quantity. */
  reserved: number;
  delivered: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Caring units' resources. */
export interface ResourceTables {
  resource: ResourceTable;
}
