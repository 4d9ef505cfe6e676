import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IdParams } from '../../../../contracts/common';
import {
  ConfirmConsentBody,
  ConsentBody,
  ConsentView,
  DeliverBody,
  ReferralBody,
  ReferralNoteBody,
  ReferralPage,
  ReferralQuery,
  ReferralReasonBody,
  ReferralView,
  RevokeBody,
} from '../../../../contracts/help';
import { contextOf, typed } from '../../../platform/http/routes';
import { attachment, RawFile, readRaw } from '../../../platform/http/upload';
import { EVIDENCE_LIMITS, EVIDENCE_TYPES, evidenceTooLarge } from '../help/help.service';
import type { ReferralService } from './referral.service';

export function referralRoutes(referrals: ReferralService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['love-alliance'];
    const help = { access: { kind: 'action' as const, action: 'help.manage' as const } };
    const respond = { access: { kind: 'action' as const, action: 'referral.respond' as const } };
    // Seen by the caring unit (referral.read) and by whoever works the household (help.manage);
    // withdrawn by either side. The service checks the record against both.
    const either = { access: { kind: 'session' as const } };

    r.post(
      '/api/households/:id/consents',
      {
        config: help,
        schema: {
          tags,
          summary: '知情同意 Record consent to share with one organisation',
          params: IdParams,
          body: ConsentBody,
          response: { 201: ConsentView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await referrals.giveConsent(contextOf(req), req.params.id, req.body)),
    );
    r.post(
      '/api/consents/:id/revoke',
      {
        config: help,
        schema: {
          tags,
          summary: 'Revoke a consent',
          params: IdParams,
          body: RevokeBody,
          response: { 200: ConsentView },
        },
      },
      async (req) => referrals.revokeConsent(contextOf(req), req.params.id, req.body.reason),
    );
    r.post(
      '/api/consents/:id/confirm',
      {
        config: { access: { kind: 'action', action: 'consent.confirm' } },
        schema: {
          tags,
          summary: '确认知情同意 A second person (federation staff) confirms a partner’s recorded consent',
          params: IdParams,
          body: ConfirmConsentBody,
          response: { 200: ConsentView },
        },
      },
      async (req) => referrals.confirmConsent(contextOf(req), req.params.id, req.body.note),
    );
    r.get(
      '/api/consents/:id/evidence',
      {
        config: { access: { kind: 'action', action: 'household.read' } },
        schema: { tags, summary: 'Download the signed consent form (audited)', params: IdParams },
      },
      async (req, reply) => {
        const file = await referrals.readConsentEvidence(contextOf(req), req.params.id);
        return reply
          .type(file.mime)
          .header('content-disposition', attachment(file.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(file.content);
      },
    );
    // The signed form takes a raw body, as delivery evidence does (its own parser plugin).
    await app.register(async (upload) => {
      upload.removeAllContentTypeParsers();
      upload.addContentTypeParser('*', (req: FastifyRequest, payload: NodeJS.ReadableStream) =>
        readRaw(req, payload, EVIDENCE_LIMITS.maxBytes, evidenceTooLarge),
      );
      typed(upload).post(
        '/api/consents/:id/evidence',
        {
          config: help,
          bodyLimit: EVIDENCE_LIMITS.maxBytes,
          schema: {
            tags,
            summary: '知情同意书 Attach the signed consent form (confirms the consent)',
            description:
              `Send the file itself as the body with its content-type (${EVIDENCE_TYPES.join(', ')}), ` +
              'at most 5 MiB, and its name URI-encoded in the x-file-name header. One form per consent.',
            params: IdParams,
            response: { 201: ConsentView },
          },
        },
        async (req, reply) => {
          const body = req.body as unknown;
          const view = await referrals.addConsentEvidence(contextOf(req), req.params.id, {
            contentType: req.headers['content-type'],
            fileNameHeader: req.headers['x-file-name'],
            bytes: body instanceof RawFile ? body.bytes : undefined,
          });
          return reply.code(201).send(view);
        },
      );
    });

    r.post(
      '/api/households/:id/referrals',
      {
        config: help,
        schema: {
          tags,
          summary: '转介 Refer a household to a caring unit’s resource',
          params: IdParams,
          body: ReferralBody,
          response: { 201: ReferralView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await referrals.createReferral(contextOf(req), req.params.id, req.body)),
    );
    r.get(
      '/api/referrals',
      {
        config: { access: { kind: 'action', action: 'referral.read' } },
        schema: { tags, querystring: ReferralQuery, response: { 200: ReferralPage } },
      },
      async (req) => referrals.listReferrals(contextOf(req), req.query),
    );
    r.get(
      '/api/referrals/:id',
      { config: either, schema: { tags, params: IdParams, response: { 200: ReferralView } } },
      async (req) => referrals.getReferral(contextOf(req), req.params.id),
    );
    r.post(
      '/api/referrals/:id/accept',
      {
        config: respond,
        schema: {
          tags,
          summary: '接收',
          params: IdParams,
          body: ReferralNoteBody,
          response: { 200: ReferralView },
        },
      },
      async (req) => referrals.acceptReferral(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/referrals/:id/decline',
      {
        config: respond,
        schema: {
          tags,
          summary: '婉拒',
          params: IdParams,
          body: ReferralReasonBody,
          response: { 200: ReferralView },
        },
      },
      async (req) => referrals.declineReferral(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/referrals/:id/deliver',
      {
        config: respond,
        schema: {
          tags,
          summary: '已送达',
          params: IdParams,
          body: DeliverBody,
          response: { 200: ReferralView },
        },
      },
      async (req) => referrals.deliverReferral(contextOf(req), req.params.id, req.body),
    );
    r.post(
      '/api/referrals/:id/withdraw',
      {
        config: either,
        schema: {
          tags,
          summary: '撤回',
          params: IdParams,
          body: ReferralReasonBody,
          response: { 200: ReferralView },
        },
      },
      async (req) => referrals.withdrawReferral(contextOf(req), req.params.id, req.body),
    );
  };
}
