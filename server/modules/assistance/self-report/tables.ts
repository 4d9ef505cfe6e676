// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

export interface OtpCodeTable {
  id: string;
  phoneBidx: string;
  codeHash: string;
  ip: string | null;
  attempts: number;
  expiresAt: string;
  consumedAt: string | null;
  createdAt: string;
}

/** One-time codes of workers' own requests. */
export interface SelfReportTables {
  otpCode: OtpCodeTable;
}
