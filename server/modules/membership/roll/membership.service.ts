import type { Platform } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import type { RollMatch } from '../workers/worker.service';
import * as repo from './member.repository';

/**
 * 会员名册: the members of each unit union. Federation staff see their jurisdiction's roll, unit
 * cadres their unit's. Other systems ask it who a signed-in worker is (`matchByPhone`, `unitOf`).
 */
export class MembershipService {
  constructor(
    protected readonly p: Platform,
    protected readonly orgs: OrganisationService,
  ) {}

  /** The active member with this (normalised) phone, or null: the worker sign-in's tier. */
  async matchByPhone(phoneNormalised: string): Promise<RollMatch | null> {
    const row = await repo.activeMemberByPhone(this.p.db, this.p.blindIndex('phone', phoneNormalised));
    return row ?? null;
  }

  /** The unit union a member belongs to (whatever their state), or null. */
  async unitOf(
    memberId: string,
  ): Promise<{
    orgId: string;
    orgName: string;
    orgPath: string;
    jurisdictionId: string;
    state: string;
  } | null> {
    return (await repo.unitOfMember(this.p.db, memberId)) ?? null;
  }
}
