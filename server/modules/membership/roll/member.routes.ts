import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { ImportJob, ImportStarted } from '../../../../contracts/assistance';
import { IdParams } from '../../../../contracts/common';
import {
  Member,
  MemberCounts,
  MemberCountsQuery,
  MemberExportBody,
  MemberInput,
  MemberLeaveBody,
  MemberPage,
  MemberPatch,
  MemberRevealed,
  MemberSearchBody,
  MemberTransferBody,
} from '../../../../contracts/membership';
import { chinaToday, type Clock } from '../../../platform/clock';
import { contextOf, typed } from '../../../platform/http/routes';
import { acceptXlsxUploads, download, requireUpload, XLSX_TYPE } from '../../../platform/http/xlsx';
import { MEMBER_IMPORT_LIMITS, type MemberImportService } from './member-import.service';
import type { MembershipService } from './membership.service';

/** 会员名册: HTTP only; the rules are the services'. */
export function memberRoutes(roll: MembershipService, imports: MemberImportService, clock: Clock) {
  return async (app: FastifyInstance) => {
    acceptXlsxUploads(app, MEMBER_IMPORT_LIMITS.maxBytes);
    const r = typed(app);
    const tags = ['membership'];
    const read = { access: { kind: 'action' as const, action: 'member.read' as const } };
    const manage = { access: { kind: 'action' as const, action: 'member.manage' as const } };

    r.post(
      '/api/members/search',
      {
        config: read,
        schema: {
          tags,
          summary: '会员名册查询 Search the roll (name, ID number, phone in the body; masked answers)',
          body: MemberSearchBody,
          response: { 200: MemberPage },
        },
      },
      async (req) => roll.search(contextOf(req), req.body),
    );
    r.post(
      '/api/members',
      {
        config: manage,
        schema: { tags, summary: '添加会员 Add a member', body: MemberInput, response: { 201: Member } },
      },
      async (req, reply) => reply.code(201).send(await roll.create(contextOf(req), req.body)),
    );
    r.get(
      '/api/members/counts',
      {
        config: read,
        schema: {
          tags,
          summary: '各单位会员人数 Numbers per unit (active, joined and left in the year)',
          querystring: MemberCountsQuery,
          response: { 200: MemberCounts },
        },
      },
      async (req) => roll.counts(contextOf(req), req.query.year),
    );
    r.get(
      '/api/members/template',
      {
        // No record and no personal data in it: any signed-in user may fetch the blank form.
        config: { access: { kind: 'session' } },
        schema: { tags, summary: '会员名册导入模板 Roll import template (xlsx)' },
      },
      async (_req, reply) =>
        download(reply, { ascii: 'member-template.xlsx', utf8: '会员名册导入模板.xlsx' }, (out) =>
          imports.template(out),
        ),
    );
    r.post(
      '/api/members/import',
      {
        config: manage,
        schema: {
          tags,
          summary: '会员名册导入 Import members from an xlsx workbook',
          description:
            `Send the workbook itself as the body with content-type ${XLSX_TYPE} (at most 20 MiB, ` +
            '50 000 rows). Answers 202 with a job id; follow GET /api/members/import/{id}. Any row ' +
            'error and nothing is written.',
          response: { 202: ImportStarted },
        },
      },
      async (req, reply) => {
        const upload = requireUpload(req.body);
        const { jobId, finished } = await imports.importWorkbook(contextOf(req), upload.path);
        upload.claimed = true;
        void finished.finally(() => rm(upload.dir, { recursive: true, force: true }).catch(() => undefined));
        return reply.code(202).send({ jobId });
      },
    );
    r.get(
      '/api/members/import/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Progress and result of an import (its starter only)',
          params: IdParams,
          response: { 200: ImportJob },
        },
      },
      async (req) => imports.getJob(contextOf(req), req.params.id),
    );
    r.post(
      '/api/members/export',
      {
        config: { access: { kind: 'action', action: 'member.export' } },
        schema: {
          tags,
          summary: '会员名册导出 Export the filtered roll (masked, audited)',
          body: MemberExportBody,
        },
      },
      async (req, reply) => {
        const stamp = chinaToday(clock);
        return download(reply, { ascii: `members-${stamp}.xlsx`, utf8: `会员名册-${stamp}.xlsx` }, (out) =>
          roll.exportMembers(contextOf(req), req.body, out),
        );
      },
    );
    r.get(
      '/api/members/:id',
      {
        config: read,
        schema: { tags, summary: '会员详情 A member (masked)', params: IdParams, response: { 200: Member } },
      },
      async (req) => roll.get(contextOf(req), req.params.id),
    );
    r.patch(
      '/api/members/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: '修改会员 Edit a member (version-checked)',
          params: IdParams,
          body: MemberPatch,
          response: { 200: Member },
        },
      },
      async (req) => roll.update(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/members/:id/leave',
      {
        config: manage,
        schema: {
          tags,
          summary: '会员离会 The member leaves',
          params: IdParams,
          body: MemberLeaveBody,
          response: { 200: Member },
        },
      },
      async (req) => roll.leave(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/members/:id/transfer',
      {
        config: manage,
        schema: {
          tags,
          summary: '会员转会 Transfer to another unit union',
          params: IdParams,
          body: MemberTransferBody,
          response: { 200: Member },
        },
      },
      async (req) => roll.transfer(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/members/:id/reveal',
      {
        config: { access: { kind: 'action', action: 'member.reveal' } },
        schema: {
          tags,
          summary: '查看完整证件号和手机号 Reveal (audited)',
          params: IdParams,
          response: { 200: MemberRevealed },
        },
      },
      async (req) => roll.reveal(contextOf(req), req.params.id),
    );
  };
}
