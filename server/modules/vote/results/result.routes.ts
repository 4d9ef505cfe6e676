import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../../contracts/common';
import {
  CertificateList,
  ObjectionAnswerBody,
  ObjectionBody,
  ObjectionList,
  ObjectionView,
  PublicResult,
  ResultPublishBody,
  ResultView,
} from '../../../../contracts/vote';
import { contextOf, typed, workerOf } from '../../../platform/http/routes';
import { attachment } from '../../../platform/http/upload';
import type { ResultService } from './result.service';

export function resultRoutes(results: ResultService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['vote'];
    const publish = { access: { kind: 'action' as const, action: 'vote.result.publish' as const } };

    r.get(
      '/api/vote/campaigns/:id/result',
      {
        config: { access: { kind: 'action', action: 'vote.result.read' } },
        schema: {
          tags,
          summary: '评选结果 The ranking with its working',
          params: IdParams,
          response: { 200: ResultView },
        },
      },
      async (req) => results.get(contextOf(req), req.params.id),
    );
    r.post(
      '/api/vote/campaigns/:id/result/compute',
      {
        config: { access: { kind: 'action', action: 'vote.result.compute' } },
        schema: {
          tags,
          summary: '计算结果 Combine cleaned votes and final expert scores by the frozen formula',
          params: IdParams,
          response: { 200: ResultView },
        },
      },
      async (req) => results.compute(contextOf(req), req.params.id),
    );
    r.post(
      '/api/vote/campaigns/:id/result/publish',
      {
        config: publish,
        schema: {
          tags,
          summary: '公示 Publish the result (the notice opens)',
          params: IdParams,
          body: ResultPublishBody,
          response: { 200: ResultView },
        },
      },
      async (req) => results.publish(contextOf(req), req.params.id, req.body.version),
    );
    r.post(
      '/api/vote/campaigns/:id/result/final',
      {
        config: publish,
        schema: {
          tags,
          summary: '最终名单 Make the list final (objections answered)',
          params: IdParams,
          body: ResultPublishBody,
          response: { 200: ResultView },
        },
      },
      async (req) => results.finalise(contextOf(req), req.params.id, req.body.version),
    );
    r.get(
      '/api/vote/campaigns/:id/result/export',
      {
        config: { access: { kind: 'action', action: 'vote.result.export' } },
        schema: { tags, summary: 'The result as Excel, with its formulas (audited)', params: IdParams },
      },
      async (req, reply) => {
        const file = await results.exportXlsx(contextOf(req), req.params.id);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', attachment(file.fileName))
          .header('cache-control', 'private, no-store')
          .send(file.bytes);
      },
    );
    r.get(
      '/api/vote/campaigns/:id/certificates',
      {
        config: { access: { kind: 'action', action: 'vote.result.read' } },
        schema: {
          tags,
          summary: '荣誉证书 The final list’s certificates',
          params: IdParams,
          response: { 200: CertificateList },
        },
      },
      async (req) => results.certificates(contextOf(req), req.params.id),
    );
    r.get(
      '/api/vote/campaigns/:id/objections',
      {
        config: { access: { kind: 'action', action: 'vote.objection.answer' } },
        schema: {
          tags,
          summary: '异议 Objections to the notice',
          params: IdParams,
          response: { 200: ObjectionList },
        },
      },
      async (req) => results.objections(contextOf(req), req.params.id),
    );
    r.post(
      '/api/vote/campaigns/:id/objections',
      {
        config: { access: { kind: 'session' } },
        schema: {
          tags,
          summary: '提出异议 Any signed-in staff member objects during the notice',
          params: IdParams,
          body: ObjectionBody,
          response: { 201: ObjectionView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await results.objectAsStaff(contextOf(req), req.params.id, req.body)),
    );
    r.post(
      '/api/vote/objections/:id/answer',
      {
        config: { access: { kind: 'action', action: 'vote.objection.answer' } },
        schema: {
          tags,
          summary: '答复异议',
          params: IdParams,
          body: ObjectionAnswerBody,
          response: { 200: ObjectionView },
        },
      },
      async (req) => results.answer(contextOf(req), req.params.id, req.body),
    );
    r.get(
      '/api/vote/campaigns/:id/my-objections',
      {
        config: { access: { kind: 'worker' } },
        schema: {
          tags,
          summary: 'A worker’s own objections and their answers',
          params: IdParams,
          response: { 200: ObjectionList },
        },
      },
      async (req) => results.myObjections(workerOf(req), req.params.id),
    );
    r.post(
      '/api/vote/campaigns/:id/my-objections',
      {
        config: { access: { kind: 'worker' } },
        schema: {
          tags,
          summary: '提出异议 A worker signed in on the phone objects during the notice',
          params: IdParams,
          body: ObjectionBody,
          response: { 201: ObjectionView },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await results.objectAsWorker(workerOf(req), req.ip ?? null, req.params.id, req.body)),
    );
    r.get(
      '/api/public/vote/campaigns/:id/result',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags,
          summary: '公示结果 The published result: ranking, raw and cleaned votes, working (no sign-in)',
          params: IdParams,
          response: { 200: PublicResult },
        },
      },
      async (req) => results.publicResult(req.params.id),
    );
  };
}
