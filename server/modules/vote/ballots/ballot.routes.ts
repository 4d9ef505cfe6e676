import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IdParams } from '../../../../contracts/common';
import {
  Allowance,
  CastAnswer,
  CastBody,
  MyVotesAnswer,
  MyVotesQuery,
  PublicCandidateList,
  RecountAnswer,
  TallyAnswer,
  TallyQuery,
} from '../../../../contracts/vote';
import { contextOf, typed, workerOf } from '../../../platform/http/routes';
import type { BallotService } from './ballot.service';
import type { CastMeta, Voter } from './ports';

/** The device id a phone page sends (its own random id, kept in local storage); hashed, never stored. */
const DEVICE_HEADER = 'x-device-id';

function voterOf(req: FastifyRequest): Voter {
  const w = workerOf(req);
  return { workerId: w.workerId, tier: w.tier, firstSeenAt: w.firstSeenAt };
}

function metaOf(req: FastifyRequest): CastMeta {
  const device = req.headers[DEVICE_HEADER];
  return {
    ip: req.ip ?? null,
    userAgent: (req.headers['user-agent'] ?? '').slice(0, 300) || null,
    deviceId: typeof device === 'string' ? device.slice(0, 100) : null,
  };
}

export function ballotRoutes(ballots: BallotService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['vote'];
    // Votes still queued are committed (or failed) before the app stops.
    app.addHook('onClose', async () => ballots.close());
    const worker = { access: { kind: 'worker' as const } };
    r.post(
      '/api/vote/campaigns/:id/votes',
      {
        config: worker,
        schema: {
          tags,
          summary:
            '投票/点赞 Vote for or like a candidate (one vote per candidate per day; retry-safe by requestKey)',
          params: IdParams,
          body: CastBody,
          response: { 200: CastAnswer },
        },
      },
      async (req) => ballots.cast(voterOf(req), req.params.id, req.body, metaOf(req)),
    );
    r.get(
      '/api/vote/campaigns/:id/allowance',
      {
        config: worker,
        schema: {
          tags,
          summary: '今日已投 Today’s remaining votes and likes, and the candidates already voted for today',
          params: IdParams,
          response: { 200: Allowance },
        },
      },
      async (req) => ballots.allowance(voterOf(req), req.params.id),
    );
    r.get(
      '/api/vote/campaigns/:id/my-votes',
      {
        config: worker,
        schema: {
          tags,
          summary: '我的投票 The signed-in worker’s own votes and likes',
          params: IdParams,
          querystring: MyVotesQuery,
          response: { 200: MyVotesAnswer },
        },
      },
      async (req) => ballots.myVotes(voterOf(req), req.params.id, req.query.limit),
    );
    r.get(
      '/api/public/vote/campaigns/:id/candidates',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags,
          summary: '候选人名单 The public candidate list (no personal data; cacheable for 30 s)',
          params: IdParams,
          response: { 200: PublicCandidateList },
        },
      },
      async (req, reply) => {
        const list = await ballots.publicCandidates(req.params.id);
        // The one API answer a cache may keep: the same for everyone, nothing personal.
        void reply.header('cache-control', 'public, max-age=30');
        return list;
      },
    );
    r.get(
      '/api/vote/campaigns/:id/tallies',
      {
        config: { access: { kind: 'action', action: 'vote.tally' } },
        schema: {
          tags,
          summary: '计票 Tallies per day, region and tier (per candidate only when totals may be shown)',
          params: IdParams,
          querystring: TallyQuery,
          response: { 200: TallyAnswer },
        },
      },
      async (req) => ballots.tallies(contextOf(req), req.params.id, req.query),
    );
    r.post(
      '/api/vote/campaigns/:id/recount',
      {
        config: { access: { kind: 'action', action: 'vote.tally' } },
        schema: {
          tags,
          summary: '重新计票 Recount from the raw votes and compare with the tallies (audited)',
          params: IdParams,
          response: { 200: RecountAnswer },
        },
      },
      async (req) => ballots.recount(contextOf(req), req.params.id),
    );
  };
}
