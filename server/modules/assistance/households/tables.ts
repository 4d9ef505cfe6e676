// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

/** Searches by ID number or phone per user and hour (issue 9 item 3). */
export interface IdentifierSearchCountTable {
  userId: string;
  windowStart: string;
  searches: number;
}

/** Searches by ID number or phone, counted per user and hour. */
export interface HouseholdSearchTables {
  identifierSearchCount: IdentifierSearchCountTable;
}
