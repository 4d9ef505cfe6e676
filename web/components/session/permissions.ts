import type { Action } from '../../../contracts/actions';
import type { Me, RoleName } from '../../../contracts/auth';

/**
 * Every action of the policy table (contracts/actions.ts); `me.actions` lists those the user
 * holds somewhere.
 */
export type { Action };

export const can = (me: Me, action: Action): boolean => me.actions.includes(action);

/**
 * Everyone holds `user.read` for their own account, so it alone does not earn the Users page;
 * these roles read other people's accounts too (see the policy table on the server).
 */
const USER_READERS: readonly RoleName[] = [
  'platform_admin',
  'federation_staff',
  'grassroots_cadre',
  'auditor',
];

export const canSeeUsers = (me: Me): boolean =>
  can(me, 'user.read') && (can(me, 'user.create') || me.roles.some((role) => USER_READERS.includes(role)));

/** A route's requirement: one action, or a predicate for the cases a single action cannot say. */
export type Requirement = Action | ((me: Me) => boolean);

export const meets = (me: Me, requirement: Requirement): boolean =>
  typeof requirement === 'function' ? requirement(me) : can(me, requirement);
