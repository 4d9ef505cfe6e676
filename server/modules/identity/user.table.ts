import type { User } from '../../../contracts/user';
import type { Role } from '../../platform/auth/policy';

export interface UserRecord {
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  orgKind: string;
  orgStatus: string;
  jurisdictionId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  status: string;
  mustChangePassword: number;
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function toUser(row: UserRecord, roles: Role[], now: Date): User {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    username: row.username,
    displayName: row.displayName,
    status: row.status as User['status'],
    roles,
    mustChangePassword: row.mustChangePassword === 1,
    locked: row.lockedUntil !== null && row.lockedUntil > now.toISOString(),
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
