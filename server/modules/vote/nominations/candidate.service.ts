import type { Transaction } from 'kysely';
import type { CandidateView } from '../../../../contracts/vote';
import type { Database } from '../../../db/schema';
import { conflict, notFound } from '../../../platform/errors';
import type { Platform } from '../../../platform/platform';
import * as repo from './candidate.repository';

export type CandidateState = 'active' | 'zeroed' | 'withdrawn';

/**
 * 候选人: the shortlist's nominees, numbered 1..n per campaign. Other capabilities (the ballots,
 * the fraud review, the result) read and change them through here, never the repository.
 */
export class CandidateService {
  constructor(private readonly p: Platform) {}

  view(r: repo.CandidateRow): CandidateView {
    return {
      id: r.id,
      campaignId: r.campaignId,
      nominationId: r.nominationId,
      number: Number(r.number),
      name: r.name,
      unitName: r.unitName,
      orgId: r.orgId,
      regionCode: r.regionCode,
      photoFileId: r.photoFileId,
      story: r.story,
      state: r.state as CandidateState,
      version: Number(r.version),
    };
  }

  /** Every candidate of a campaign by number (no personal data: name, unit, story, photo). */
  async list(campaignId: string): Promise<CandidateView[]> {
    return (await repo.listCandidates(this.p.db, campaignId)).map((r) => this.view(r));
  }

  async get(campaignId: string, candidateId: string): Promise<CandidateView | null> {
    const r = await repo.findCandidate(this.p.db, campaignId, candidateId);
    return r ? this.view(r) : null;
  }

  /** For a vote: the candidate's nominating unit and state, or null when it is not the campaign's. */
  async forBallots(
    campaignId: string,
    candidateId: string,
  ): Promise<{ id: string; orgId: string; state: CandidateState } | null> {
    const r = await repo.findCandidateForBallots(this.p.db, campaignId, candidateId);
    return r ? { id: r.id, orgId: r.orgId, state: r.state as CandidateState } : null;
  }

  /**
   * Changes a candidate's state inside the caller's transaction (the fraud review zeroes one by
   * the published rule); the caller audits. A stale version is a conflict.
   */
  async setState(
    trx: Transaction<Database>,
    campaignId: string,
    candidateId: string,
    version: number,
    state: CandidateState,
  ): Promise<void> {
    const r = await repo.findCandidate(trx, campaignId, candidateId);
    if (!r) throw notFound('vote_candidate');
    const ok = await repo.updateCandidate(trx, candidateId, version, { state });
    if (!ok) throw conflict('vote.stale', 'the candidate was changed by someone else; reload it');
  }
}
