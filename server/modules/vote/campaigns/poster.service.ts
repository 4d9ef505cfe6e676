import QRCode from 'qrcode';
import type { PublicCandidateView } from '../../../../contracts/vote';
import { notFound } from '../../../platform/errors';
import type { CandidateService } from '../nominations/candidate.service';
import type { CampaignService } from './campaign.service';

/** A host as a browser sends it: a name or address and an optional port, nothing else. */
const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

/** The phone page of a candidate, as the poster's QR code and the share link carry it. */
export function candidatePagePath(campaignId: string, candidateId: string): string {
  return `/v/${encodeURIComponent(campaignId)}/c/${encodeURIComponent(candidateId)}`;
}

/**
 * The public vote pages' candidate page and share poster (issue 12 item 5): one candidate of a
 * public campaign (never a draft's), and the QR code of its page as SVG, drawn on the server
 * (qrcode) so the phone page loads no QR code library.
 */
export class PosterService {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly candidates: CandidateService,
  ) {}

  async publicCandidate(campaignId: string, candidateId: string): Promise<PublicCandidateView> {
    // A draft campaign is nobody's business yet: the same 404 as an unknown one.
    await this.campaigns.publicView(campaignId);
    const c = await this.candidates.get(campaignId, candidateId);
    if (!c) throw notFound('vote_candidate');
    return {
      id: c.id,
      campaignId: c.campaignId,
      number: c.number,
      name: c.name,
      unitName: c.unitName,
      photoFileId: c.photoFileId,
      story: c.story,
      state: c.state,
    };
  }

  /**
   * The QR code (SVG) of the candidate's page at `origin` (the scheme and host the phone asked
   * on). A host that is not a plain host name falls back to the path alone.
   */
  async qrSvg(campaignId: string, candidateId: string, scheme: string, host: string): Promise<string> {
    await this.campaigns.publicView(campaignId);
    if (!(await this.candidates.forBallots(campaignId, candidateId))) throw notFound('vote_candidate');
    const path = candidatePagePath(campaignId, candidateId);
    const link =
      HOST.test(host) && (scheme === 'http' || scheme === 'https') ? `${scheme}://${host}${path}` : path;
    return QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  }
}
