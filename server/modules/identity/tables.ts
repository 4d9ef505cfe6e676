// This owner's tables as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case);
// server/db/schema.ts composes them into `Database`.

export interface AppUserTable {
  id: string;
  orgId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  status: string;
  mustChangePassword: number;
  failedLogins: number;
  lockedUntil: string | null;
  /** The latest failed sign-in: a streak quiet for a day is forgotten. */
  lastFailedLoginAt: string | null;
  lastLoginAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface UserRoleTable {
  userId: string;
  role: string;
}

/** Failed sign-ins per (username, client address); address `*` is account-wide for unknown usernames. */
export interface LoginThrottleTable {
  username: string;
  address: string;
  failures: number;
  lockedUntil: string | null;
  lastFailureAt: string;
}

/** Users, their roles and the sign-in throttle. */
export interface IdentityTables {
  appUser: AppUserTable;
  userRole: UserRoleTable;
  loginThrottle: LoginThrottleTable;
}
