import type { FastifyInstance } from 'fastify';
import {
  ArchiveDetail,
  ArchiveFixBody,
  ArchiveListQuery,
  ArchivePage,
  ArchiveView,
  EstablishArchiveBody,
  ExitArchiveBody,
  ReasonBody,
  Standard,
  StandardBody,
  StandardList,
  StandardQuery,
} from '../../../../contracts/assistance';
import { IdParams, Version } from '../../../../contracts/common';
import { ReopenArchiveBody } from '../../../../contracts/help';
import { z } from 'zod';
import { contextOf, typed } from '../../../platform/http/routes';
import type { ArchiveService } from './archive.service';

const VersionBody = z.strictObject({ version: Version });

export function archiveRoutes(archives: ArchiveService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['love-alliance'];
    const manage = { access: { kind: 'action' as const, action: 'archive.manage' as const } };
    const review = { access: { kind: 'action' as const, action: 'archive.review' as const } };

    r.post(
      '/api/households/:id/archive',
      {
        config: manage,
        schema: {
          tags,
          summary: '建档 Establish the archive',
          params: IdParams,
          body: EstablishArchiveBody,
          response: { 201: ArchiveView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await archives.establishArchive(contextOf(req), req.params.id, req.body)),
    );
    r.get(
      '/api/archives',
      {
        // Managers and upper-federation reviewers both list archives; the service filters each by its own relation.
        config: { access: { kind: 'session' } },
        schema: { tags, querystring: ArchiveListQuery, response: { 200: ArchivePage } },
      },
      async (req) => archives.listArchives(contextOf(req), req.query),
    );
    r.get(
      '/api/archives/:id',
      {
        config: { access: { kind: 'session' } },
        schema: { tags, params: IdParams, response: { 200: ArchiveDetail } },
      },
      async (req) => archives.getArchive(contextOf(req), req.params.id),
    );
    r.patch(
      '/api/archives/:id',
      {
        config: manage,
        schema: { tags, params: IdParams, body: ArchiveFixBody, response: { 200: ArchiveView } },
      },
      async (req) => archives.fixArchive(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/archives/:id/report',
      {
        config: manage,
        schema: {
          tags,
          summary: '上报',
          params: IdParams,
          body: VersionBody,
          response: { 200: ArchiveView },
        },
      },
      async (req) => archives.reportArchive(contextOf(req), req.params.id, req.body.version),
    );
    r.post(
      '/api/archives/:id/approve',
      {
        config: review,
        schema: {
          tags,
          summary: '审核通过',
          params: IdParams,
          body: VersionBody,
          response: { 200: ArchiveView },
        },
      },
      async (req) => archives.approveArchive(contextOf(req), req.params.id, req.body.version),
    );
    r.post(
      '/api/archives/:id/return',
      {
        config: review,
        schema: { tags, summary: '退回', params: IdParams, body: ReasonBody, response: { 200: ArchiveView } },
      },
      async (req) => archives.returnArchive(contextOf(req), req.params.id, req.body.version, req.body.reason),
    );
    r.post(
      '/api/archives/:id/exit',
      {
        config: manage,
        schema: {
          tags,
          summary: '脱困 / 注销',
          params: IdParams,
          body: ExitArchiveBody,
          response: { 200: ArchiveView },
        },
      },
      async (req) => archives.exitArchive(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/archives/:id/reopen',
      {
        config: manage,
        schema: {
          tags,
          summary: '返贫重开 Reopen an exited archive after a relapse',
          params: IdParams,
          body: ReopenArchiveBody,
          response: { 200: ArchiveView },
        },
      },
      async (req) => archives.reopenArchive(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/archives/:id/review-done',
      {
        config: manage,
        schema: {
          tags,
          summary: '年度复核完成',
          params: IdParams,
          body: VersionBody,
          response: { 200: ArchiveView },
        },
      },
      async (req) => archives.completeReview(contextOf(req), req.params.id, req.body.version),
    );

    r.get(
      '/api/standards',
      {
        config: { access: { kind: 'action', action: 'household.read' } },
        schema: { tags, querystring: StandardQuery, response: { 200: StandardList } },
      },
      async (req) => ({ items: await archives.listStandards(contextOf(req), req.query.year) }),
    );
    r.post(
      '/api/standards',
      {
        config: { access: { kind: 'action', action: 'standard.manage' } },
        schema: {
          tags,
          summary: 'Set the archive standard for a year (history kept)',
          body: StandardBody,
          response: { 201: Standard },
        },
      },
      async (req, reply) => reply.code(201).send(await archives.setStandard(contextOf(req), req.body)),
    );
  };
}
