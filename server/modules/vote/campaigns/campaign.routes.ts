import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../../contracts/common';
import {
  CampaignAdvanceBody,
  CampaignBody,
  CampaignPage,
  CampaignQuery,
  CampaignUpdateBody,
  CampaignView,
  PublicCampaignView,
} from '../../../../contracts/vote';
import { contextOf, typed } from '../../../platform/http/routes';
import type { CampaignService } from './campaign.service';

export function campaignRoutes(campaigns: CampaignService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['vote'];

    r.get(
      '/api/vote/campaigns',
      {
        config: { access: { kind: 'action', action: 'vote.campaign.read' } },
        schema: {
          tags,
          summary: '评选活动 Campaigns',
          querystring: CampaignQuery,
          response: { 200: CampaignPage },
        },
      },
      async (req) => campaigns.list(contextOf(req), req.query),
    );
    r.post(
      '/api/vote/campaigns',
      {
        config: { access: { kind: 'action', action: 'vote.campaign.create' } },
        schema: {
          tags,
          summary: '新建评选活动 Set up a campaign (draft)',
          body: CampaignBody,
          response: { 201: CampaignView },
        },
      },
      async (req, reply) => reply.code(201).send(await campaigns.create(contextOf(req), req.body)),
    );
    r.get(
      '/api/vote/campaigns/:id',
      {
        config: { access: { kind: 'action', action: 'vote.campaign.read' } },
        schema: { tags, params: IdParams, response: { 200: CampaignView } },
      },
      async (req) => campaigns.get(contextOf(req), req.params.id),
    );
    r.patch(
      '/api/vote/campaigns/:id',
      {
        config: { access: { kind: 'action', action: 'vote.campaign.update' } },
        schema: {
          tags,
          summary:
            '修改 Change a campaign (rules and timeline refused once voting opens: vote.rules_frozen, audited)',
          params: IdParams,
          body: CampaignUpdateBody,
          response: { 200: CampaignView },
        },
      },
      async (req) => campaigns.update(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/vote/campaigns/:id/advance',
      {
        config: { access: { kind: 'action', action: 'vote.campaign.advance' } },
        schema: {
          tags,
          summary: '推进 Move the campaign to its next stage (opening the voting freezes the rules)',
          params: IdParams,
          body: CampaignAdvanceBody,
          response: { 200: CampaignView },
        },
      },
      async (req) => campaigns.advance(contextOf(req), req.params.id, req.body),
    );
    r.get(
      '/api/public/vote/campaigns/:id',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags,
          summary: '活动规则 The public rules page: organisers, timeline, rules, state (no sign-in)',
          params: IdParams,
          response: { 200: PublicCampaignView },
        },
      },
      async (req) => campaigns.publicView(req.params.id),
    );
  };
}
