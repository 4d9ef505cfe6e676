import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../../../contracts/common';
import {
  CandidateList,
  ConflictBody,
  ConflictList,
  EligibilityBody,
  ExpertAssignBody,
  ExpertList,
  ExpertNomineeList,
  NominationBody,
  NominationPage,
  NominationQuery,
  NominationView,
  ScoreBody,
  ScoreView,
  ShortlistBody,
  ShortlistView,
} from '../../../../contracts/vote';
import { contextOf, typed } from '../../../platform/http/routes';
import { attachment, RawFile, readRaw } from '../../../platform/http/upload';
import type { CampaignService } from '../campaigns/campaign.service';
import type { CandidateService } from './candidate.service';
import type { ExpertService } from './expert.service';
import { FILE_LIMITS, FILE_TYPES, fileTooLarge, type NominationService } from './nomination.service';
import type { ShortlistService } from './shortlist.service';

const FileQuery = z.strictObject({ kind: z.enum(['photo', 'supporting']) });

export function nominationRoutes(
  campaigns: CampaignService,
  nominations: NominationService,
  experts: ExpertService,
  shortlists: ShortlistService,
  candidates: CandidateService,
) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['vote'];
    const nominate = { access: { kind: 'action' as const, action: 'vote.nominate' as const } };
    const assign = { access: { kind: 'action' as const, action: 'vote.expert.assign' as const } };
    const score = { access: { kind: 'action' as const, action: 'vote.score' as const } };

    r.post(
      '/api/vote/campaigns/:id/nominations',
      {
        config: nominate,
        schema: {
          tags,
          summary: '推荐 A unit union nominates one person (materials follow as files)',
          params: IdParams,
          body: NominationBody,
          response: { 201: NominationView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await nominations.submit(contextOf(req), req.params.id, req.body)),
    );
    r.get(
      '/api/vote/campaigns/:id/nominations',
      {
        // The organiser's (vote.nominate by jurisdiction) and the units' (their own); experts read
        // their nominees through my-nominees, where declared conflicts are left out.
        config: nominate,
        schema: {
          tags,
          summary: 'Nominations, one page with the total (the organiser: all; a unit: its own)',
          params: IdParams,
          querystring: NominationQuery,
          response: { 200: NominationPage },
        },
      },
      async (req) => nominations.list(contextOf(req), req.params.id, req.query),
    );
    r.get(
      '/api/vote/nominations/:id',
      { config: nominate, schema: { tags, params: IdParams, response: { 200: NominationView } } },
      async (req) => nominations.get(contextOf(req), req.params.id),
    );
    r.post(
      '/api/vote/nominations/:id/eligibility',
      {
        config: { access: { kind: 'action', action: 'vote.review' } },
        schema: {
          tags,
          summary: '资格审查 Eligible, or not with reasons',
          params: IdParams,
          body: EligibilityBody,
          response: { 200: NominationView },
        },
      },
      async (req) => nominations.review(contextOf(req), req.params.id, req.body),
    );
    r.get(
      '/api/vote/files/:id',
      {
        config: nominate,
        schema: { tags, summary: 'A nomination’s photo or supporting file', params: IdParams },
      },
      async (req, reply) => {
        const f = await nominations.readFile(contextOf(req), req.params.id);
        return reply
          .type(f.mime)
          .header('content-disposition', attachment(f.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(f.content);
      },
    );
    await app.register(async (upload) => {
      upload.removeAllContentTypeParsers();
      upload.addContentTypeParser('*', (req: FastifyRequest, payload: NodeJS.ReadableStream) =>
        readRaw(req, payload, FILE_LIMITS.maxBytes, fileTooLarge),
      );
      typed(upload).post(
        '/api/vote/nominations/:id/files',
        {
          config: nominate,
          bodyLimit: FILE_LIMITS.maxBytes,
          schema: {
            tags,
            summary: '推荐材料 Add a photo or a supporting file',
            description:
              `Send the file itself as the body with its content-type (${FILE_TYPES.join(', ')}; photos are images), ` +
              'at most 5 MiB, its name URI-encoded in the x-file-name header; ?kind=photo|supporting.',
            params: IdParams,
            querystring: FileQuery,
            response: { 201: NominationView },
          },
        },
        async (req, reply) => {
          const body = req.body as unknown;
          const view = await nominations.addFile(contextOf(req), req.params.id, {
            kind: req.query.kind,
            contentType: req.headers['content-type'],
            fileNameHeader: req.headers['x-file-name'],
            bytes: body instanceof RawFile ? body.bytes : undefined,
          });
          return reply.code(201).send(view);
        },
      );
    });

    // ---- experts ----
    r.get(
      '/api/vote/campaigns/:id/experts',
      { config: assign, schema: { tags, params: IdParams, response: { 200: ExpertList } } },
      async (req) => experts.list(contextOf(req), req.params.id),
    );
    r.post(
      '/api/vote/campaigns/:id/experts',
      {
        config: assign,
        schema: {
          tags,
          summary: '指派评审专家 Assign an expert to the campaign',
          params: IdParams,
          body: ExpertAssignBody,
          response: { 200: ExpertList },
        },
      },
      async (req) => experts.assign(contextOf(req), req.params.id, req.body.userId),
    );
    r.post(
      '/api/vote/campaigns/:id/experts/revoke',
      {
        config: assign,
        schema: {
          tags,
          summary: 'End an expert’s assignment',
          params: IdParams,
          body: ExpertAssignBody,
          response: { 200: ExpertList },
        },
      },
      async (req) => experts.revoke(contextOf(req), req.params.id, req.body.userId),
    );
    r.get(
      '/api/vote/campaigns/:id/conflicts',
      {
        config: assign,
        schema: { tags, summary: 'Declared conflicts', params: IdParams, response: { 200: ConflictList } },
      },
      async (req) => experts.conflicts(contextOf(req), req.params.id),
    );
    r.get(
      '/api/vote/campaigns/:id/my-nominees',
      {
        config: score,
        schema: {
          tags,
          summary:
            '评审 An expert’s nominees for the current stage (conflicts left out) and their own scores',
          params: IdParams,
          response: { 200: ExpertNomineeList },
        },
      },
      async (req) => experts.myNominees(contextOf(req), req.params.id),
    );
    r.post(
      '/api/vote/campaigns/:id/my-conflicts',
      {
        config: score,
        schema: {
          tags,
          summary: '回避 Declare a conflict with a nominee',
          params: IdParams,
          body: ConflictBody,
          response: { 200: ExpertNomineeList },
        },
      },
      async (req) => experts.declareConflict(contextOf(req), req.params.id, req.body),
    );
    r.put(
      '/api/vote/nominations/:id/score',
      {
        config: score,
        schema: {
          tags,
          summary: '评分 Score a nominee (0–100 per criterion) at the campaign’s stage',
          params: IdParams,
          body: ScoreBody,
          response: { 200: ScoreView },
        },
      },
      async (req) => experts.score(contextOf(req), req.params.id, req.body),
    );

    // ---- shortlist and candidates ----
    r.get(
      '/api/vote/campaigns/:id/shortlist',
      {
        config: { access: { kind: 'action', action: 'vote.shortlist' } },
        schema: {
          tags,
          summary: '入围 The rule’s shortlist (or the one drawn)',
          params: IdParams,
          response: { 200: ShortlistView },
        },
      },
      async (req) => shortlists.get(contextOf(req), req.params.id),
    );
    r.post(
      '/api/vote/campaigns/:id/shortlist',
      {
        config: { access: { kind: 'action', action: 'vote.shortlist' } },
        schema: {
          tags,
          summary: '确定候选人 Draw the shortlist: the candidates, numbered by rank',
          params: IdParams,
          body: ShortlistBody,
          response: { 200: ShortlistView },
        },
      },
      async (req) => shortlists.draw(contextOf(req), req.params.id, req.body),
    );
    r.get(
      '/api/vote/campaigns/:id/candidates',
      {
        config: { access: { kind: 'action', action: 'vote.campaign.read' } },
        schema: {
          tags,
          summary: '候选人 The candidates by number',
          params: IdParams,
          response: { 200: CandidateList },
        },
      },
      async (req) => {
        await campaigns.get(contextOf(req), req.params.id);
        return { items: await candidates.list(req.params.id) };
      },
    );
    r.get(
      '/api/public/vote/candidates/:id/photo',
      {
        config: { access: { kind: 'public' } },
        schema: { tags, summary: 'A candidate’s photo (public, cacheable)', params: IdParams },
      },
      async (req, reply) => {
        const f = await nominations.publicPhoto(req.params.id);
        return reply
          .type(f.mime)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'public, max-age=3600')
          .send(f.content);
      },
    );
  };
}
