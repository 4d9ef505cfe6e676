import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  EvidenceView,
  HelpOrgList,
  HelpRecordBody,
  HelpRecordView,
  HouseholdHelp,
} from '../../../../contracts/help';
import { IdParams } from '../../../../contracts/common';
import { contextOf, typed } from '../../../platform/http/routes';
import { attachment, RawFile, readRaw } from '../../../platform/http/upload';
import { EVIDENCE_LIMITS, EVIDENCE_TYPES, evidenceTooLarge, type HelpService } from './help.service';

export function helpRoutes(help: HelpService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['love-alliance'];
    const manage = { access: { kind: 'action' as const, action: 'help.manage' as const } };
    const read = { access: { kind: 'action' as const, action: 'household.read' as const } };

    r.post(
      '/api/households/:id/help',
      {
        config: manage,
        schema: {
          tags,
          summary: '应急帮扶 / 上级帮扶 Record urgent help or upper-federation aid',
          params: IdParams,
          body: HelpRecordBody,
          response: { 201: HelpRecordView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await help.recordHelp(contextOf(req), req.params.id, req.body)),
    );
    r.get(
      '/api/help/orgs',
      {
        config: manage,
        schema: {
          tags,
          summary: '帮扶可选单位 Organisations a help form may name',
          response: { 200: HelpOrgList },
        },
      },
      async (req) => help.organisations(contextOf(req)),
    );
    r.get(
      '/api/households/:id/help',
      {
        config: read,
        schema: {
          tags,
          summary: '帮扶台账 The household’s help: ledger, plans, referrals, consents, visits',
          params: IdParams,
          response: { 200: HouseholdHelp },
        },
      },
      async (req) => help.householdHelp(contextOf(req), req.params.id),
    );
    r.get(
      '/api/evidence/:id',
      {
        config: read,
        schema: { tags, summary: 'Download one piece of evidence (audited)', params: IdParams },
      },
      async (req, reply) => {
        const file = await help.readEvidence(contextOf(req), req.params.id);
        return reply
          .type(file.mime)
          .header('content-disposition', attachment(file.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(file.content);
      },
    );

    // Only the upload takes a raw body: its parsers live in a plugin of their own, and every
    // content type reaches the service, which names what is wrong with it.
    await app.register(async (upload) => {
      upload.removeAllContentTypeParsers();
      upload.addContentTypeParser('*', (req: FastifyRequest, payload: NodeJS.ReadableStream) =>
        readRaw(req, payload, EVIDENCE_LIMITS.maxBytes, evidenceTooLarge),
      );
      typed(upload).post(
        '/api/help-records/:id/evidence',
        {
          config: manage,
          bodyLimit: EVIDENCE_LIMITS.maxBytes,
          schema: {
            tags,
            summary: '帮扶凭证 Attach a photo or file to a delivery',
            description:
              `Send the file itself as the body with its content-type (${EVIDENCE_TYPES.join(', ')}), ` +
              'at most 5 MiB, and its name URI-encoded in the x-file-name header. At most 10 files per delivery.',
            params: IdParams,
            response: { 201: EvidenceView },
          },
        },
        async (req, reply) => {
          const body = req.body as unknown;
          const view = await help.addEvidence(contextOf(req), req.params.id, {
            contentType: req.headers['content-type'],
            fileNameHeader: req.headers['x-file-name'],
            bytes: body instanceof RawFile ? body.bytes : undefined,
          });
          return reply.code(201).send(view);
        },
      );
    });
  };
}
