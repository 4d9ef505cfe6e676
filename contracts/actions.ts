import { PLATFORM_ACTIONS } from './auth';
import { ASSISTANCE_ACTIONS } from './assistance';
import { MEMBERSHIP_ACTIONS } from './membership';
import { VOTE_ACTIONS } from './vote';
import { WORKER_ACTIONS } from './worker';

/**
 * Every action of the policy table, in the order docs/permissions.md shows them: the platform's,
 * then each system's own tuple from its contract file. Adding a system adds its tuple here; the
 * server's policy rows and the web's screens both name actions from this one list.
 */
export const ACTIONS = [
  ...PLATFORM_ACTIONS,
  ...ASSISTANCE_ACTIONS,
  ...MEMBERSHIP_ACTIONS,
  ...WORKER_ACTIONS,
  ...VOTE_ACTIONS,
] as const;
export type Action = (typeof ACTIONS)[number];
