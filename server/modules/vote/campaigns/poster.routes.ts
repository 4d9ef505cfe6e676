import type { FastifyInstance } from 'fastify';
import { CandidateParams, PublicCandidateView } from '../../../../contracts/vote';
import { typed } from '../../../platform/http/routes';
import type { PosterService } from './poster.service';

/** The public vote pages' candidate page and the share poster's QR code (no sign-in). */
export function posterRoutes(posters: PosterService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const tags = ['vote'];

    r.get(
      '/api/public/vote/campaigns/:id/candidates/:candidateId',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags,
          summary: '候选人页面 One candidate: number, name, unit, story (no totals, no sign-in)',
          params: CandidateParams,
          response: { 200: PublicCandidateView },
        },
      },
      async (req, reply) => {
        const view = await posters.publicCandidate(req.params.id, req.params.candidateId);
        return reply.header('cache-control', 'public, max-age=30').send(view);
      },
    );
    r.get(
      '/api/public/vote/campaigns/:id/candidates/:candidateId/qr.svg',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags,
          summary: '拉票海报二维码 The QR code (SVG) of a candidate’s phone page, for the share poster',
          params: CandidateParams,
        },
      },
      async (req, reply) => {
        const svg = await posters.qrSvg(req.params.id, req.params.candidateId, req.protocol, req.host);
        return reply
          .type('image/svg+xml; charset=utf-8')
          .header('cache-control', 'public, max-age=3600')
          .header('x-content-type-options', 'nosniff')
          .send(svg);
      },
    );
  };
}
