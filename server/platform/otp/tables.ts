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

/**
 * Workers' phone one-time codes (platform/otp, used by every system whose workers prove their
 * phone). The table was created by the Love Alliance's migration 2026112902-assistance; its
 * recorded name stays.
 */
export interface PlatformOtpTables {
  otpCode: OtpCodeTable;
}
