import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Assessment,
  Draft,
  DraftBody,
  DraftList,
  HouseholdDetail,
  HouseholdPage,
  HouseholdQuery,
  MergeBody,
  MergeCandidateList,
  ReasonBody,
  Revealed,
  RevisitHousehold,
  RevealBody,
  StatusQuery,
  SubmitResult,
  SubmitScreeningBody,
  UpdateDraftBody,
  VerifyBody,
} from '../../../../contracts/assistance';
import { IdParams, Ok } from '../../../../contracts/common';
import { contextOf, typed } from '../../../platform/http/routes';
import type { HouseholdService } from './household.service';
import type { MergeService } from '../screening/merge.service';
import type { ScreeningService } from '../screening/screening.service';

export function householdRoutes(
  screenings: ScreeningService,
  households: HouseholdService,
  merges: MergeService,
) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['love-alliance'];
    const screen = { access: { kind: 'action' as const, action: 'screening.create' as const } };
    const read = { access: { kind: 'action' as const, action: 'household.read' as const } };
    const manage = { access: { kind: 'action' as const, action: 'household.manage' as const } };

    r.post(
      '/api/screenings',
      {
        config: screen,
        schema: {
          tags,
          summary: '提交摸排 Submit a screening',
          body: SubmitScreeningBody,
          response: { 200: SubmitResult },
        },
      },
      async (req) => screenings.submitScreening(contextOf(req), req.body),
    );
    r.get(
      '/api/screenings/drafts',
      { config: screen, schema: { tags, response: { 200: DraftList } } },
      async (req) => ({
        items: await screenings.listDrafts(contextOf(req)),
      }),
    );
    r.post(
      '/api/screenings/drafts',
      { config: screen, schema: { tags, body: DraftBody, response: { 201: Draft } } },
      async (req, reply) => reply.code(201).send(await screenings.saveDraft(contextOf(req), req.body.form)),
    );
    r.patch(
      '/api/screenings/drafts/:id',
      { config: screen, schema: { tags, params: IdParams, body: UpdateDraftBody, response: { 200: Draft } } },
      async (req) => screenings.updateDraft(contextOf(req), req.params.id, req.body.version, req.body.form),
    );
    r.post(
      '/api/screenings/drafts/:id/discard',
      { config: screen, schema: { tags, params: IdParams, response: { 200: Ok } } },
      async (req) => {
        await screenings.discardDraft(contextOf(req), req.params.id);
        return { ok: true as const };
      },
    );

    r.post(
      '/api/households/query',
      {
        config: read,
        schema: {
          tags,
          summary: 'Find households (POST: ID numbers and phones never travel in a URL)',
          body: HouseholdQuery,
          response: { 200: HouseholdPage },
        },
      },
      async (req) => households.queryHouseholds(contextOf(req), req.body),
    );
    r.get(
      '/api/households/:id',
      { config: read, schema: { tags, params: IdParams, response: { 200: HouseholdDetail } } },
      async (req) => households.getHousehold(contextOf(req), req.params.id),
    );
    r.get(
      '/api/households/:id/revisit',
      {
        config: screen,
        schema: {
          tags,
          summary: '复访所需的户信息 A household for a return visit',
          params: IdParams,
          response: { 200: RevisitHousehold },
        },
      },
      async (req) => households.revisitHousehold(contextOf(req), req.params.id),
    );
    r.post(
      '/api/households/:id/reveal',
      {
        config: { access: { kind: 'action', action: 'household.reveal' } },
        schema: {
          tags,
          summary: 'Show one masked value in full (audited)',
          params: IdParams,
          body: RevealBody,
          response: { 200: Revealed },
        },
      },
      async (req) => households.reveal(contextOf(req), req.params.id, req.body),
    );
    r.get(
      '/api/households/:id/assessment',
      {
        config: read,
        schema: {
          tags,
          summary: '建档测算 with its working',
          params: IdParams,
          response: { 200: Assessment },
        },
      },
      async (req) => households.assessHousehold(contextOf(req), req.params.id),
    );
    r.post(
      '/api/households/:id/verify',
      {
        config: manage,
        schema: { tags, params: IdParams, body: VerifyBody, response: { 200: HouseholdDetail } },
      },
      async (req) => households.verifyHousehold(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/households/:id/below-standard',
      {
        config: manage,
        schema: { tags, params: IdParams, body: ReasonBody, response: { 200: HouseholdDetail } },
      },
      async (req) =>
        households.setBelowStandard(contextOf(req), req.params.id, req.body.version, req.body.reason),
    );
    r.post(
      '/api/households/:id/close',
      {
        config: manage,
        schema: { tags, params: IdParams, body: ReasonBody, response: { 200: HouseholdDetail } },
      },
      async (req) =>
        households.closeHousehold(contextOf(req), req.params.id, req.body.version, req.body.reason),
    );
    r.post(
      '/api/households/:id/reopen',
      {
        config: manage,
        schema: { tags, params: IdParams, body: ReasonBody, response: { 200: HouseholdDetail } },
      },
      async (req) =>
        households.reopenHousehold(contextOf(req), req.params.id, req.body.version, req.body.reason),
    );

    r.get(
      '/api/merge-candidates',
      {
        config: manage,
        schema: {
          tags,
          summary: '疑似重复 merge queue',
          querystring: StatusQuery,
          response: { 200: MergeCandidateList },
        },
      },
      async (req) => ({ items: await merges.listCandidates(contextOf(req), req.query.status) }),
    );
    r.post(
      '/api/merge-candidates/:id/merge',
      {
        config: manage,
        schema: {
          tags,
          params: IdParams,
          body: MergeBody,
          response: { 200: z.object({ householdId: z.string() }) },
        },
      },
      async (req) => merges.merge(contextOf(req), req.params.id, req.body.keep),
    );
    r.post(
      '/api/merge-candidates/:id/keep-apart',
      { config: manage, schema: { tags, params: IdParams, response: { 200: Ok } } },
      async (req) => {
        await merges.keepApart(contextOf(req), req.params.id);
        return { ok: true as const };
      },
    );
  };
}
