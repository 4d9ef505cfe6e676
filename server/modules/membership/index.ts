import { defineModule } from '../../platform/module';
import type { OrganisationService } from '../organisation';
import { MEMBERSHIP_MIGRATIONS } from './migrations';
import { MEMBERSHIP_POLICY } from './policy';
import { MembershipService } from './roll/membership.service';
import { WorkerService, workerOtp } from './workers/worker.service';
import { workerRoutes } from './workers/worker.routes';
import { MemberImportService } from './roll/member-import.service';
import { memberRoutes } from './roll/member.routes';

export type { MembershipService } from './roll/membership.service';
export type { MemberImportService } from './roll/member-import.service';
export { MEMBER_COLUMNS } from './roll/member-excel';
export type { WorkerService, RollMatch } from './workers/worker.service';
export type { MembershipTables } from './tables';

/**
 * Membership (S7b): the unit unions' membership roll (会员名册) and worker sign-in on the phone
 * (the worker principal: platform/auth/worker.ts; its resolver is `workers.resolve`).
 */
export const membershipModule = defineModule({
  name: 'membership',
  needs: ['organisations'],
  migrations: MEMBERSHIP_MIGRATIONS,
  policy: MEMBERSHIP_POLICY,
  build(p, { organisations: orgs }: { organisations: OrganisationService }, opts) {
    const membership = new MembershipService(p, orgs);
    const workers = new WorkerService(p, workerOtp(p), (phone) => membership.matchByPhone(phone));
    const secureCookies = p.config.env === 'production';
    const memberImports = new MemberImportService(p, membership);
    return {
      services: { membership, workers, memberImports },
      routes: [
        workerRoutes(workers, { secureCookies, signInPerMinute: opts.loginPerMinute }),
        memberRoutes(membership, memberImports, p.clock),
      ],
    };
  },
});
