// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

export interface OrganisationTable {
  id: string;
  parentId: string | null;
  /** Materialised path of ids, `/root/…/self/`, so a subtree is one prefix match on both engines. */
  path: string;
  depth: number;
  kind: string;
  caringKind: string | null;
  name: string;
  divisionCode: string;
  /** The federation that owns this organisation (itself, for a federation): the permission and sharding scope. */
  jurisdictionId: string;
  status: string;
  contactPerson: string | null;
  address: string | null;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One row; updating it serialises the writes that change federations' areas (see organisation.repository). */
export interface OrgAreaLockTable {
  id: number;
  version: number;
}

/** The union tree and the lock row that serialises area changes. */
export interface OrganisationTables {
  organisation: OrganisationTable;
  orgAreaLock: OrgAreaLockTable;
}
