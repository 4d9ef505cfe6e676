import type { AssistanceAction } from '../../../contracts/assistance';
import type { Me } from '../../../contracts/auth';

/**
 * The Love Alliance's actions are declared in contracts/assistance.ts; `me.actions` lists those
 * the user holds under some relation. The server checks every record; these only shape the screen.
 */
export type { AssistanceAction };

export const canDo = (me: Me, action: AssistanceAction): boolean => me.actions.includes(action);

export const mayReadHouseholds = (me: Me) => canDo(me, 'household.read');
export const mayScreen = (me: Me) => canDo(me, 'screening.create');
export const mayMerge = (me: Me) => canDo(me, 'household.manage');
export const mayUseArchives = (me: Me) => canDo(me, 'archive.manage') || canDo(me, 'archive.review');
export const maySeeSetup = (me: Me) =>
  canDo(me, 'alliance.read') || canDo(me, 'alliance.plan_read') || canDo(me, 'standard.manage');
export const mayHelp = (me: Me) => canDo(me, 'help.manage');
export const maySeeResources = (me: Me) => canDo(me, 'resource.read');
export const maySeeReferrals = (me: Me) => canDo(me, 'referral.read');
export const maySeePlans = (me: Me) =>
  canDo(me, 'help.manage') || canDo(me, 'plan.approve') || canDo(me, 'plan.template');
export const maySeeDashboard = (me: Me) => canDo(me, 'dashboard.read');
/** The households behind a figure: the federation's (policy: dashboard.drill). */
export const mayDrill = (me: Me) => canDo(me, 'dashboard.drill');
export const maySeeAlliance = (me: Me) =>
  mayReadHouseholds(me) ||
  mayScreen(me) ||
  mayUseArchives(me) ||
  maySeeSetup(me) ||
  maySeeResources(me) ||
  maySeeReferrals(me) ||
  maySeeDashboard(me);
