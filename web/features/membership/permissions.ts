import type { Me } from '../../../contracts/auth';
import type { MEMBERSHIP_ACTIONS } from '../../../contracts/membership';

/**
 * The membership roll's actions are declared in contracts/membership.ts; `me.actions` lists those
 * the user holds under some relation. The server checks every record; these only shape the screen.
 */
export type MembershipAction = (typeof MEMBERSHIP_ACTIONS)[number];

export const canDo = (me: Me, action: MembershipAction): boolean => me.actions.includes(action);

export const mayReadMembers = (me: Me) => canDo(me, 'member.read');
export const mayManageMembers = (me: Me) => canDo(me, 'member.manage');
