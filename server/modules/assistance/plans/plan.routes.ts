import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  MeasureBody,
  MeasureDecisionBody,
  MeasurePage,
  MeasureQuery,
  MeasureStateBody,
  MeasureView,
  TemplateApplyResult,
  TemplateBody,
  TemplateList,
  TemplatePreview,
  TemplateUpdateBody,
  TemplateView,
} from '../../../../contracts/help';
import { IdParams } from '../../../../contracts/common';
import { contextOf, typed } from '../../../platform/http/routes';
import type { PlanService } from './plan.service';

/** Preview and apply take no input: no body, or an empty JSON object. */
const NoBody = z.strictObject({}).nullish();

export function planRoutes(plans: PlanService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['love-alliance'];
    const manage = { access: { kind: 'action' as const, action: 'help.manage' as const } };
    const approve = { access: { kind: 'action' as const, action: 'plan.approve' as const } };
    const template = { access: { kind: 'action' as const, action: 'plan.template' as const } };

    r.post(
      '/api/households/:id/measures',
      {
        config: manage,
        schema: {
          tags,
          summary: '一户一策 / 个案专策 Add a measure to a household’s plan',
          params: IdParams,
          body: MeasureBody,
          response: { 201: MeasureView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await plans.addMeasure(contextOf(req), req.params.id, req.body)),
    );
    r.get(
      '/api/measures',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Measures of the households in reach',
          querystring: MeasureQuery,
          response: { 200: MeasurePage },
        },
      },
      async (req) => plans.queryMeasures(contextOf(req), req.query),
    );
    r.post(
      '/api/measures/:id/state',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Start, finish (into the ledger) or cancel a measure',
          params: IdParams,
          body: MeasureStateBody,
          response: { 200: MeasureView },
        },
      },
      async (req) => plans.moveMeasure(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/measures/:id/decide',
      {
        config: approve,
        schema: {
          tags,
          summary: '个案专策审批 Approve or reject a case measure',
          params: IdParams,
          body: MeasureDecisionBody,
          response: { 200: MeasureView },
        },
      },
      async (req) => plans.decideMeasure(contextOf(req), req.params.id, req.body),
    );

    r.get(
      '/api/plan-templates',
      { config: template, schema: { tags, summary: '同类同策 templates', response: { 200: TemplateList } } },
      async (req) => plans.listTemplates(contextOf(req)),
    );
    r.post(
      '/api/plan-templates',
      {
        config: template,
        schema: {
          tags,
          summary: 'Create a 同类同策 template',
          body: TemplateBody,
          response: { 201: TemplateView },
        },
      },
      async (req, reply) => reply.code(201).send(await plans.createTemplate(contextOf(req), req.body)),
    );
    r.patch(
      '/api/plan-templates/:id',
      {
        config: template,
        schema: { tags, params: IdParams, body: TemplateUpdateBody, response: { 200: TemplateView } },
      },
      async (req) => plans.updateTemplate(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/plan-templates/:id/preview',
      {
        config: template,
        schema: {
          tags,
          summary: 'Which households the template would reach',
          params: IdParams,
          body: NoBody,
          response: { 200: TemplatePreview },
        },
      },
      async (req) => plans.previewTemplate(contextOf(req), req.params.id),
    );
    r.post(
      '/api/plan-templates/:id/apply',
      {
        config: template,
        schema: {
          tags,
          summary: 'Apply the template to every matching household that does not have it yet',
          params: IdParams,
          body: NoBody,
          response: { 200: TemplateApplyResult },
        },
      },
      async (req) => plans.applyTemplate(contextOf(req), req.params.id),
    );
  };
}
