import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../contracts/common';
import {
  CreateOrganisationBody,
  DivisionList,
  DivisionParams,
  DivisionPath,
  DivisionQuery,
  MoveOrganisationBody,
  Organisation,
  OrganisationList,
  OrganisationListQuery,
  UpdateOrganisationBody,
  VersionBody,
} from '../../../contracts/organisation';
import { notFound } from '../../platform/errors';
import { contextOf, typed } from '../../platform/http/routes';
import type { DivisionService } from './division.service';
import type { OrganisationService } from './organisation.service';

export function organisationRoutes(service: OrganisationService, divisions: DivisionService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['organisations'];

    // Administrative divisions are public reference data: workers without an account pick their area too.
    r.get(
      '/api/divisions',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags,
          summary: '行政区划 (GB/T 2260) children',
          querystring: DivisionQuery,
          response: { 200: DivisionList },
        },
      },
      async (req) => {
        const items = divisions.listChildren(req.query.parent);
        if (!items) throw notFound('division');
        return { items };
      },
    );

    r.get(
      '/api/divisions/:code/path',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags,
          summary: 'Province → … → division',
          params: DivisionParams,
          response: { 200: DivisionPath },
        },
      },
      async (req) => {
        const items = divisions.path(req.params.code);
        if (!items) throw notFound('division');
        return { items };
      },
    );

    r.get(
      '/api/orgs',
      {
        config: { access: { kind: 'action', action: 'org.read' } },
        schema: {
          tags,
          summary: 'Organisations the user may see (flat; parentId builds the tree)',
          querystring: OrganisationListQuery,
          response: { 200: OrganisationList },
        },
      },
      async (req) => ({ items: await service.listOrganisations(contextOf(req), req.query) }),
    );

    r.get(
      '/api/orgs/:id',
      {
        config: { access: { kind: 'action', action: 'org.read' } },
        schema: { tags, params: IdParams, response: { 200: Organisation } },
      },
      async (req) => service.getOrganisation(contextOf(req), req.params.id),
    );

    r.post(
      '/api/orgs',
      {
        config: { access: { kind: 'action', action: 'org.create' } },
        schema: { tags, body: CreateOrganisationBody, response: { 201: Organisation } },
      },
      async (req, reply) => reply.code(201).send(await service.createOrganisation(contextOf(req), req.body)),
    );

    r.patch(
      '/api/orgs/:id',
      {
        config: { access: { kind: 'action', action: 'org.update' } },
        schema: { tags, params: IdParams, body: UpdateOrganisationBody, response: { 200: Organisation } },
      },
      async (req) => service.updateOrganisation(contextOf(req), req.params.id, req.body),
    );

    r.post(
      '/api/orgs/:id/move',
      {
        config: { access: { kind: 'action', action: 'org.move' } },
        schema: { tags, params: IdParams, body: MoveOrganisationBody, response: { 200: Organisation } },
      },
      async (req) => service.moveOrganisation(contextOf(req), req.params.id, req.body),
    );

    r.post(
      '/api/orgs/:id/deactivate',
      {
        config: { access: { kind: 'action', action: 'org.deactivate' } },
        schema: { tags, params: IdParams, body: VersionBody, response: { 200: Organisation } },
      },
      async (req) => service.setActive(contextOf(req), req.params.id, req.body.version, false),
    );

    r.post(
      '/api/orgs/:id/activate',
      {
        config: { access: { kind: 'action', action: 'org.deactivate' } },
        schema: { tags, params: IdParams, body: VersionBody, response: { 200: Organisation } },
      },
      async (req) => service.setActive(contextOf(req), req.params.id, req.body.version, true),
    );
  };
}
