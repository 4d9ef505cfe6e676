import type { MergeCandidateView } from '../../../../contracts/assistance';
import { requireAction, requireRecord } from '../../../platform/auth/actor';
import { isUniqueViolation } from '../../../db/dialect';
import { conflict } from '../../../platform/errors';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema';
import { searchTokens } from '../core/household.policy';
import * as repo from '../core/household.repository';
import { sameIdNumber, type HouseholdService } from '../households/household.service';
import * as moves from './merge.repository';
import type { ReferralService } from '../referrals/referral.service';

/**
 * The merge queue: households that look alike (same name, same address) but could not be proven
 * one by ID number or phone. A person decides; merging keeps every screening and the history.
 */
export class MergeService {
  constructor(
    private readonly p: Platform,
    private readonly households: HouseholdService,
    private readonly referrals: ReferralService,
  ) {}

  async listCandidates(
    ctx: RequestContext,
    status: 'pending' | 'merged' | 'kept_apart',
  ): Promise<MergeCandidateView[]> {
    requireAction(ctx.actor, 'household.manage');
    const rows = await moves.listCandidates(this.p.db, ctx.actor.jurisdictionId, status);
    const out: MergeCandidateView[] = [];
    for (const r of rows) {
      out.push({
        id: r.id,
        reason: r.reason,
        status: r.status as MergeCandidateView['status'],
        a: await this.households.summaryById(r.householdA),
        b: await this.households.summaryById(r.householdB),
        createdAt: r.createdAt,
      });
    }
    return out;
  }

  private async candidate(ctx: RequestContext, id: string) {
    const c = await moves.findCandidate(this.p.db, id);
    const fed = c ? await moves.jurisdictionPath(this.p.db, c.jurisdictionId) : undefined;
    requireRecord(
      ctx.actor,
      'household.manage',
      c && fed ? { orgId: c.jurisdictionId, orgPath: fed.path, jurisdictionId: c.jurisdictionId } : undefined,
      'merge_candidate',
    );
    if (c!.status !== 'pending') throw conflict('merge.decided', 'this pair has already been decided');
    return c!;
  }

  async keepApart(ctx: RequestContext, id: string): Promise<void> {
    const c = await this.candidate(ctx, id);
    const at = this.p.clock.now().toISOString();
    const pair = await Promise.all([
      repo.findHousehold(this.p.db, c.householdA),
      repo.findHousehold(this.p.db, c.householdB),
    ]);
    const accepted: string[] = [];
    await this.p.db
      .transaction()
      .execute(async (trx) => {
        if (!(await moves.decideCandidate(trx, id, 'kept_apart', ctx.actor.userId, at)))
          throw conflict('merge.decided', 'this pair has already been decided');
        // A worker's own request kept apart from the last household it looked like is accepted
        // as a household of its own (the unique ID-number index refuses it if that is the other's).
        for (const h of pair) {
          if (h?.state !== 'unverified') continue;
          if (await moves.hasPendingCandidate(trx, h.id)) continue;
          if (await repo.acceptUnverified(trx, h.id, this.households.selfReportKeys(h), 'screened', at)) {
            await this.households.event(trx, ctx, h.id, 'accepted', { via: 'self_report', candidate: id });
            accepted.push(h.id);
          }
        }
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'household.keep_apart',
          subjectType: 'merge_candidate',
          subjectId: id,
          details: {
            a: c.householdA,
            b: c.householdB,
            ...(accepted.length ? { acceptedSelfReport: accepted } : {}),
          },
        });
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw sameIdNumber();
        throw err;
      });
  }

  /** Moves everything of the dropped household onto the kept one and leaves a pointer behind. */
  async merge(ctx: RequestContext, id: string, keep: 'a' | 'b'): Promise<{ householdId: string }> {
    const c = await this.candidate(ctx, id);
    const [keepId, dropId] = keep === 'a' ? [c.householdA, c.householdB] : [c.householdB, c.householdA];
    const [kept, dropped] = await Promise.all([
      repo.findHousehold(this.p.db, keepId),
      repo.findHousehold(this.p.db, dropId),
    ]);
    if (!kept || !dropped || kept.state === 'merged' || dropped.state === 'merged') {
      throw conflict('merge.gone', 'one of the households has already been merged');
    }
    if (await moves.archiveIdOf(this.p.db, dropId))
      throw conflict('merge.keep_archived', 'keep the household that has the archive');
    // A worker's own request (unverified) merges into the household a person accepted, never the
    // other way: nothing of an accepted household is replaced by what an unsigned report says.
    if (kept.state === 'unverified' && dropped.state !== 'unverified') {
      throw conflict(
        'merge.keep_verified',
        "keep the accepted household; a worker's own request merges into it",
      );
    }
    const keptUnverified = kept.state === 'unverified';
    const selfReport = dropped.state === 'unverified';
    const keptIdBidx =
      kept.headIdBidx ?? (keptUnverified ? this.households.selfReportKeys(kept).headIdBidx : null);
    const droppedIdBidx =
      dropped.headIdBidx ?? (selfReport ? this.households.selfReportKeys(dropped).headIdBidx : null);
    if (keptIdBidx && droppedIdBidx && keptIdBidx !== droppedIdBidx) {
      throw conflict(
        'merge.different_id',
        'the two households have different ID numbers: they are different people',
      );
    }
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      if (!(await moves.decideCandidate(trx, id, 'merged', ctx.actor.userId, at)))
        throw conflict('merge.decided', 'this pair has already been decided');
      // The ID number moves with the person: clear it on the dropped row first (unique index).
      await repo.updateHousehold(trx, dropId, {
        state: 'merged',
        mergedIntoId: keepId,
        headIdBidx: null,
        phoneNameKey: null,
        updatedAt: at,
      });
      if (!kept.headIdEnc && dropped.headIdEnc) {
        await repo.updateHousehold(trx, keepId, {
          headIdEnc: dropped.headIdEnc,
          // An unverified household stays out of the unique index until a person accepts it.
          headIdBidx: keptUnverified ? null : droppedIdBidx,
          headIdTail: dropped.headIdTail,
          updatedAt: at,
        });
      }
      await moves.moveHouseholdRows(trx, keepId, dropId);
      for (const l of await moves.orgLinks(trx, dropId))
        await repo.linkOrg(trx, keepId, l.orgId, l.link as 'screened' | 'routed' | 'visit', l.createdAt);
      await moves.dropLinksAndTokens(trx, dropId);
      const helpMoved = await this.moveHelp(trx, ctx, keepId, dropId, at);
      await moves.settlePairsOf(trx, keepId, dropId, ctx.actor.userId, at);
      if (dropped.lastScreenedOn > kept.lastScreenedOn) {
        await repo.updateHousehold(trx, keepId, { lastScreenedOn: dropped.lastScreenedOn, updatedAt: at });
      }
      const members = await repo.listMembers(trx, keepId);
      const fresh = (await repo.findHousehold(trx, keepId))!;
      await repo.replaceTokens(
        trx,
        keepId,
        searchTokens(fresh.headName, fresh.addressDetail, ...members.map((m) => m.name)),
      );
      // Merged into an accepted household, the request's screening and needs are accepted with it.
      if (!keptUnverified) await repo.acceptReports(trx, keepId, at);
      await this.households.event(trx, ctx, keepId, 'merged', {
        from: dropId,
        ...(selfReport ? { via: 'self_report' } : {}),
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'household.merge',
        subjectType: 'household',
        subjectId: keepId,
        details: { merged: dropId, candidate: id, ...(selfReport ? { selfReport: true } : {}), ...helpMoved },
      });
    });
    return { householdId: keepId };
  }

  /**
   * Help follows the household: the ledger (urgent help included) and its evidence, consents and
   * their signed forms, measures, template applications, referrals and return visits move to the
   * kept record. Where the open-row unique indexes would hold two, one is closed first: the
   * dropped record's open referral to a resource the kept one is already referred to is
   * withdrawn (its places released, as any withdrawal does), and of two due return visits the
   * one due sooner stays, the other is cancelled; a template already applied to the kept record
   * keeps its one application.
   */
  private async moveHelp(
    trx: Transaction<Database>,
    ctx: RequestContext,
    keepId: string,
    dropId: string,
    at: string,
  ): Promise<{ moved: Record<string, number>; withdrawnReferrals: string[]; cancelledVisit: string | null }> {
    const withdrawnReferrals: string[] = [];
    for (const r of await moves.clashingOpenReferrals(trx, keepId, dropId)) {
      await this.referrals.withdrawForMerge(trx, ctx, r, { keepId, dropId, at });
      withdrawnReferrals.push(r.id);
    }
    let cancelledVisit: string | null = null;
    const [keptVisit, droppedVisit] = await Promise.all([
      moves.dueVisit(trx, keepId),
      moves.dueVisit(trx, dropId),
    ]);
    if (keptVisit && droppedVisit) {
      const later = droppedVisit.dueOn < keptVisit.dueOn ? keptVisit : droppedVisit;
      if (!(await moves.cancelDueVisit(trx, later.id, Number(later.version), at))) {
        throw conflict('visit.stale', 'a return visit of the household changed meanwhile; try again');
      }
      cancelledVisit = later.id;
    }
    await moves.moveTemplateApplications(trx, keepId, dropId);
    const moved = await moves.moveHelpRows(trx, keepId, dropId);
    return { moved, withdrawnReferrals, cancelledVisit };
  }
}
