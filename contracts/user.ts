import { z } from 'zod';
import { RowVersion } from './numbers';
import { Id, IsoDateTime, PageQuery, RequiredText, Version, pageOf } from './common';
import { RoleName } from './auth';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, '3–32 letters, digits, _ . -');

export const User = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  username: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  roles: z.array(RoleName),
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: RowVersion,
});
export type User = z.infer<typeof User>;
export const UserPage = pageOf(User);

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  orgId: Id.optional(),
  role: RoleName.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  sort: z.enum(['username', 'displayName', 'createdAt', 'lastLoginAt']).default('username'),
  order: z.enum(['asc', 'desc']).default('asc'),
}).strict();

export const CreateUserBody = z.strictObject({
  orgId: Id,
  username: Username,
  displayName: RequiredText(50),
  roles: z.array(RoleName).min(1, 'at least one role').max(8),
  /** Optional initial password; when absent the server generates one and returns it once. */
  password: z.string().min(1).max(128).optional(),
});

export const UpdateUserBody = z.strictObject({
  version: Version,
  displayName: RequiredText(50).optional(),
  orgId: Id.optional(),
  roles: z.array(RoleName).min(1, 'at least one role').max(8).optional(),
});

export const UserWithPassword = z.object({ user: User, temporaryPassword: z.string().nullable() });
export const VersionOnly = z.strictObject({ version: Version });

/**
 * The problem codes the identity module answers with: sign-in, passwords, user accounts.
 */
export const IDENTITY_ERROR_CODES = [
  'auth.invalid_credentials',
  'auth.locked',
  'auth.same_password',
  'auth.weak_password',
  'auth.wrong_password',
  'user.not_found',
  'user.org_inactive',
  'user.org_unknown',
  'user.role_not_grantable',
  'user.role_org_mismatch',
  'user.self_change',
  'user.stale',
  'user.username_taken',
] as const;
