import type { FastifyInstance } from 'fastify';
import {
  AssignVisitBody,
  HelpSettings,
  HelpSettingsBody,
  RecordVisitBody,
  ScheduleVisitBody,
  VisitPage,
  VisitQuery,
  VisitView,
  VisitWorklist,
} from '../../../../contracts/help';
import { IdParams } from '../../../../contracts/common';
import { contextOf, typed } from '../../../platform/http/routes';
import type { VisitService } from './visit.service';

export function visitRoutes(visits: VisitService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['love-alliance'];
    const manage = { access: { kind: 'action' as const, action: 'help.manage' as const } };

    r.get(
      '/api/visits',
      {
        config: manage,
        schema: {
          tags,
          summary: '回访 Return visits in reach',
          querystring: VisitQuery,
          response: { 200: VisitPage },
        },
      },
      async (req) => visits.listVisits(contextOf(req), req.query),
    );
    r.get(
      '/api/visits/worklist',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Open visits (due / overdue) per assignee organisation and member',
          response: { 200: VisitWorklist },
        },
      },
      async (req) => visits.worklist(contextOf(req)),
    );
    r.post(
      '/api/households/:id/visits',
      {
        config: manage,
        schema: {
          tags,
          summary: '计划回访 Schedule a return visit (one open visit per household)',
          params: IdParams,
          body: ScheduleVisitBody,
          response: { 201: VisitView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await visits.scheduleVisit(contextOf(req), req.params.id, req.body)),
    );
    r.post(
      '/api/visits/:id/assign',
      {
        config: manage,
        schema: {
          tags,
          summary: '指派回访 Assign to an organisation / member, or move the day',
          params: IdParams,
          body: AssignVisitBody,
          response: { 200: VisitView },
        },
      },
      async (req) => visits.assignVisit(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/visits/:id/record',
      {
        config: manage,
        schema: {
          tags,
          summary: '回访记录 Record the visit (a worse visit after an exit flags a relapse)',
          params: IdParams,
          body: RecordVisitBody,
          response: { 200: VisitView },
        },
      },
      async (req) => visits.recordVisit(contextOf(req), req.params.id, req.body),
    );
    r.get(
      '/api/help-settings',
      {
        config: manage,
        schema: { tags, summary: 'Return-visit delays of the federation', response: { 200: HelpSettings } },
      },
      async (req) => visits.getSettings(contextOf(req)),
    );
    r.put(
      '/api/help-settings',
      {
        config: { access: { kind: 'action', action: 'alliance.manage' } },
        schema: { tags, body: HelpSettingsBody, response: { 200: HelpSettings } },
      },
      async (req) => visits.setSettings(contextOf(req), req.body),
    );
  };
}
