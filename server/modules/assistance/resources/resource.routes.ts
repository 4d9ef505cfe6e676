import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../../contracts/common';
import {
  ResourceBody,
  ResourcePage,
  ResourceQuery,
  ResourceUpdateBody,
  ResourceView,
  VersionBody,
} from '../../../../contracts/help';
import { contextOf, typed } from '../../../platform/http/routes';
import type { ResourceService } from './resource.service';

export function resourceRoutes(resources: ResourceService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['love-alliance'];
    const read = { access: { kind: 'action' as const, action: 'resource.read' as const } };
    const manage = { access: { kind: 'action' as const, action: 'resource.manage' as const } };

    r.get(
      '/api/resources',
      {
        config: read,
        schema: {
          tags,
          summary: '爱心资源 Caring-unit resources',
          querystring: ResourceQuery,
          response: { 200: ResourcePage },
        },
      },
      async (req) => resources.listResources(contextOf(req), req.query),
    );
    r.get(
      '/api/resources/:id',
      { config: read, schema: { tags, params: IdParams, response: { 200: ResourceView } } },
      async (req) => resources.getResource(contextOf(req), req.params.id),
    );
    r.post(
      '/api/resources',
      {
        config: manage,
        schema: { tags, summary: 'Publish a resource', body: ResourceBody, response: { 201: ResourceView } },
      },
      async (req, reply) => reply.code(201).send(await resources.createResource(contextOf(req), req.body)),
    );
    r.patch(
      '/api/resources/:id',
      {
        config: manage,
        schema: { tags, params: IdParams, body: ResourceUpdateBody, response: { 200: ResourceView } },
      },
      async (req) => resources.updateResource(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/resources/:id/withdraw',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Withdraw a resource (open referrals stay answerable)',
          params: IdParams,
          body: VersionBody,
          response: { 200: ResourceView },
        },
      },
      async (req) => resources.withdrawResource(contextOf(req), req.params.id, req.body.version),
    );
  };
}
