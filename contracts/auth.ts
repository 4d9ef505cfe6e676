import { z } from 'zod';
import { Id } from './common';

/** Every role, in the order the permissions table shows them (docs/permissions.md). */
export const ROLES = [
  'platform_admin',
  'federation_staff',
  'grassroots_cadre',
  'social_worker',
  'volunteer',
  'caring_unit_staff',
  'upper_reviewer',
  'auditor',
  'expert',
] as const;

export const RoleName = z.enum(ROLES);
export type RoleName = z.infer<typeof RoleName>;

/** The platform's own actions: the organisation tree, user accounts and the audit trail. */
export const PLATFORM_ACTIONS = [
  'org.read',
  'org.create',
  'org.update',
  'org.move',
  'org.deactivate',
  'user.read',
  'user.create',
  'user.update',
  'user.reset_password',
  'user.disable',
  'audit.read',
  'audit.export',
] as const;
export type PlatformAction = (typeof PLATFORM_ACTIONS)[number];

/** Roles that only a platform admin may hand out: they reach across organisations. */
export const PRIVILEGED_ROLES: readonly RoleName[] = ['platform_admin', 'auditor'];

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(256),
});

export const Me = z.object({
  userId: Id,
  username: z.string(),
  displayName: z.string(),
  orgId: Id,
  orgName: z.string(),
  roles: z.array(RoleName),
  /** Every action the user holds under some relation: the web menu shows only these. */
  actions: z.array(z.string()),
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'required').max(256),
  newPassword: z.string().min(1, 'required').max(256),
});

export const RoleInfo = z.object({
  role: RoleName,
  zh: z.string(),
  en: z.string(),
  orgKinds: z.array(z.string()),
});
export const RoleList = z.object({ items: z.array(RoleInfo) });
