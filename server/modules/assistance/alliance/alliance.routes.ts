import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AllianceMember,
  AllianceMemberBody,
  AllianceMemberPage,
  AllianceMemberQuery,
  AllianceSummary,
  Campaign,
  CampaignBody,
  CampaignList,
  Coverage,
  ResponsibilityBody,
  ResponsibilityTable,
} from '../../../../contracts/assistance';
import { IdParams, Version } from '../../../../contracts/common';
import { contextOf, typed } from '../../../platform/http/routes';
import type { AllianceService } from './alliance.service';

/** PATCH sends only what changed; `phone: ''` removes the phone, `title: ''` the title. */
const UpdateAllianceMemberBody = AllianceMemberBody.partial().extend({ version: Version });
/** A campaign is edited as a whole: areas and targets are replaced by what is sent. */
const UpdateCampaignBody = CampaignBody.extend({ version: Version });
const VersionOnly = z.strictObject({ version: Version });

export function allianceRoutes(service: AllianceService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['alliance'];

    r.get(
      '/api/alliance/members',
      {
        config: { access: { kind: 'action', action: 'alliance.read' } },
        schema: {
          tags,
          summary: 'Alliance members (爱心联盟成员) the user may see',
          querystring: AllianceMemberQuery,
          response: { 200: AllianceMemberPage },
        },
      },
      async (req) => service.listMembers(contextOf(req), req.query),
    );

    r.post(
      '/api/alliance/members',
      {
        config: { access: { kind: 'action', action: 'alliance.manage' } },
        schema: { tags, body: AllianceMemberBody, response: { 201: AllianceMember } },
      },
      async (req, reply) => reply.code(201).send(await service.createMember(contextOf(req), req.body)),
    );

    r.patch(
      '/api/alliance/members/:id',
      {
        config: { access: { kind: 'action', action: 'alliance.manage' } },
        schema: { tags, params: IdParams, body: UpdateAllianceMemberBody, response: { 200: AllianceMember } },
      },
      async (req) => service.updateMember(contextOf(req), req.params.id, req.body),
    );

    r.post(
      '/api/alliance/members/:id/leave',
      {
        config: { access: { kind: 'action', action: 'alliance.manage' } },
        schema: { tags, params: IdParams, body: VersionOnly, response: { 200: AllianceMember } },
      },
      async (req) => service.setMemberStatus(contextOf(req), req.params.id, req.body.version, 'left'),
    );

    r.post(
      '/api/alliance/members/:id/rejoin',
      {
        config: { access: { kind: 'action', action: 'alliance.manage' } },
        schema: { tags, params: IdParams, body: VersionOnly, response: { 200: AllianceMember } },
      },
      async (req) => service.setMemberStatus(contextOf(req), req.params.id, req.body.version, 'active'),
    );

    r.get(
      '/api/alliance/summary',
      {
        config: { access: { kind: 'action', action: 'alliance.read' } },
        schema: { tags, summary: 'Active members per organisation', response: { 200: AllianceSummary } },
      },
      async (req) => service.summary(contextOf(req)),
    );

    r.get(
      '/api/alliance/responsibility',
      {
        config: { access: { kind: 'action', action: 'alliance.plan_read' } },
        schema: {
          tags,
          summary: 'Who screens whom (分工): situation → partner kind, defaults filled in',
          response: { 200: ResponsibilityTable },
        },
      },
      async (req) => service.getResponsibility(contextOf(req)),
    );

    r.put(
      '/api/alliance/responsibility',
      {
        config: { access: { kind: 'action', action: 'alliance.manage' } },
        schema: { tags, body: ResponsibilityBody, response: { 200: ResponsibilityTable } },
      },
      async (req) => service.setResponsibility(contextOf(req), req.body),
    );

    r.get(
      '/api/campaigns',
      {
        config: { access: { kind: 'action', action: 'alliance.plan_read' } },
        schema: { tags, summary: 'Screening campaigns (摸排行动)', response: { 200: CampaignList } },
      },
      async (req) => service.listCampaigns(contextOf(req)),
    );

    r.post(
      '/api/campaigns',
      {
        config: { access: { kind: 'action', action: 'alliance.manage' } },
        schema: { tags, body: CampaignBody, response: { 201: Campaign } },
      },
      async (req, reply) => reply.code(201).send(await service.createCampaign(contextOf(req), req.body)),
    );

    r.get(
      '/api/campaigns/:id',
      {
        config: { access: { kind: 'action', action: 'alliance.plan_read' } },
        schema: { tags, params: IdParams, response: { 200: Campaign } },
      },
      async (req) => service.getCampaign(contextOf(req), req.params.id),
    );

    r.patch(
      '/api/campaigns/:id',
      {
        config: { access: { kind: 'action', action: 'alliance.manage' } },
        schema: { tags, params: IdParams, body: UpdateCampaignBody, response: { 200: Campaign } },
      },
      async (req) => service.updateCampaign(contextOf(req), req.params.id, req.body),
    );

    r.get(
      '/api/campaigns/:id/coverage',
      {
        config: { access: { kind: 'action', action: 'alliance.plan_read' } },
        schema: {
          tags,
          summary: 'Households screened per partner (with target and method), area and ISO week',
          params: IdParams,
          response: { 200: Coverage },
        },
      },
      async (req) => service.coverage(contextOf(req), req.params.id),
    );
  };
}
