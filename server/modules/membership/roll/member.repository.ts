import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

type Executor = Kysely<Database>;

/** The active member with this phone (a partial unique index keeps it to one), with their unit. */
export function activeMemberByPhone(db: Executor, phoneBidx: string) {
  return db
    .selectFrom('member')
    .innerJoin('organisation', 'organisation.id', 'member.orgId')
    .select([
      'member.id as memberId',
      'member.orgId',
      'member.name',
      'organisation.path as orgPath',
      'organisation.jurisdictionId',
    ])
    .where('member.phoneBidx', '=', phoneBidx)
    .where('member.state', '=', 'active')
    .executeTakeFirst();
}

/** The member's unit union and where it sits. */
export function unitOfMember(db: Executor, memberId: string) {
  return db
    .selectFrom('member')
    .innerJoin('organisation', 'organisation.id', 'member.orgId')
    .select([
      'member.orgId',
      'organisation.name as orgName',
      'organisation.path as orgPath',
      'organisation.jurisdictionId',
      'member.state',
    ])
    .where('member.id', '=', memberId)
    .executeTakeFirst();
}
