import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../../contracts/common';
import {
  AnalyticsAnswer,
  AnalyticsQuery,
  Appeal,
  AppealBody,
  AppealParams,
  CreateFlagBody,
  DecideAppealBody,
  DecideFlagBody,
  Flag,
  FlagList,
  FlagParams,
  FlagQuery,
} from '../../../../contracts/vote';
import { contextOf, typed } from '../../../platform/http/routes';
import type { IntegrityService } from './integrity.service';

export function integrityRoutes(integrity: IntegrityService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['vote'];
    const organiser = { access: { kind: 'action' as const, action: 'vote.integrity' as const } };
    const unit = { access: { kind: 'action' as const, action: 'vote.appeal' as const } };
    r.get(
      '/api/vote/campaigns/:id/integrity',
      {
        config: organiser,
        schema: {
          tags,
          summary:
            '刷票分析 Bursts, address/device clusters, newly registered workers, inhuman rates (audited)',
          params: IdParams,
          querystring: AnalyticsQuery,
          response: { 200: AnalyticsAnswer },
        },
      },
      async (req) => integrity.analytics(contextOf(req), req.params.id, req.query),
    );
    r.get(
      '/api/vote/campaigns/:id/flags',
      {
        config: organiser,
        schema: {
          tags,
          summary: '标记 The campaign’s flags',
          params: IdParams,
          querystring: FlagQuery,
          response: { 200: FlagList },
        },
      },
      async (req) => integrity.listFlags(contextOf(req), req.params.id, req.query.state),
    );
    r.post(
      '/api/vote/campaigns/:id/flags',
      {
        config: organiser,
        schema: {
          tags,
          summary: '标记可疑投票 Flag a set of votes with evidence (the nominating unit is told)',
          params: IdParams,
          body: CreateFlagBody,
          response: { 201: Flag },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await integrity.createFlag(contextOf(req), req.params.id, req.body)),
    );
    r.post(
      '/api/vote/campaigns/:id/flags/:flagId/decide',
      {
        config: organiser,
        schema: {
          tags,
          summary:
            '处理决定 Discount the flagged votes, zero the candidate (by the published rule) or dismiss',
          params: FlagParams,
          body: DecideFlagBody,
          response: { 200: Flag },
        },
      },
      async (req) => integrity.decideFlag(contextOf(req), req.params.id, req.params.flagId, req.body),
    );
    r.get(
      '/api/vote/campaigns/:id/unit-flags',
      {
        config: unit,
        schema: {
          tags,
          summary: '本单位候选人的标记 Flags on the candidates this unit nominated',
          params: IdParams,
          response: { 200: FlagList },
        },
      },
      async (req) => integrity.unitFlags(contextOf(req), req.params.id),
    );
    r.post(
      '/api/vote/campaigns/:id/flags/:flagId/appeal',
      {
        config: unit,
        schema: {
          tags,
          summary: '申诉 The nominating unit appeals a decision',
          params: FlagParams,
          body: AppealBody,
          response: { 201: Flag },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await integrity.appeal(contextOf(req), req.params.id, req.params.flagId, req.body)),
    );
    r.post(
      '/api/vote/campaigns/:id/appeals/:appealId/decide',
      {
        config: organiser,
        schema: {
          tags,
          summary: '申诉处理 Uphold (the decision is taken back) or reject an appeal',
          params: AppealParams,
          body: DecideAppealBody,
          response: { 200: Appeal },
        },
      },
      async (req) => integrity.decideAppeal(contextOf(req), req.params.id, req.params.appealId, req.body),
    );
  };
}
