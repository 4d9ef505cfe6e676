import { assistanceFeature } from '../features/assistance/feature';
import { auditFeature } from '../features/audit/feature';
import { authFeature } from '../features/auth/feature';
import { homeFeature } from '../features/home/feature';
import { membershipFeature } from '../features/membership/feature';
import { organisationFeature } from '../features/organisation/feature';
import { userFeature } from '../features/user/feature';
import { voteFeature } from '../features/vote/feature';
import type { Feature } from './feature';

/** Every system of the back office. The router, the menu and the breadcrumbs come from this list: adding a system is one line here. */
export const FEATURES: readonly Feature[] = [
  homeFeature,
  assistanceFeature,
  voteFeature,
  membershipFeature,
  organisationFeature,
  userFeature,
  auditFeature,
  authFeature,
];
