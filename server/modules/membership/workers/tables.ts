// The worker sign-in's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case).

/** A worker = a verified mobile number (keyed hash + ciphertext), matched to the roll at each sign-in. */
export interface WorkerTable {
  id: string;
  phoneBidx: string;
  phoneEnc: string;
  memberId: string | null;
  firstSeenAt: string;
  lastSignInAt: string;
}

/** A worker session: the id is the SHA-256 of the cookie token (the token itself is never stored). */
export interface WorkerSessionTable {
  id: string;
  workerId: string;
  createdAt: string;
  lastSeenAt: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  ip: string | null;
  userAgent: string | null;
  endedAt: string | null;
  endReason: string | null;
}

export interface WorkerTables {
  worker: WorkerTable;
  workerSession: WorkerSessionTable;
}
