import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type {
  EligibilityBody,
  NominationBody,
  NominationQuery,
  NominationView,
} from '../../../../contracts/vote';
import { isUniqueViolation } from '../../../db/dialect';
import { can, requireAction, type RecordScope } from '../../../platform/auth/actor';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors';
import { maskIdNumber } from '../../../platform/personal-data/mask';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import { nominationOpen } from '../campaigns/campaign.policy';
import type { Campaign, CampaignService } from '../campaigns/campaign.service';
import { REVIEWABLE, sourceAllowed } from './nomination.policy';
import * as repo from './nomination.repository';
import * as candidates from './candidate.repository';

type Query = z.infer<typeof NominationQuery>;
type Eligibility = z.infer<typeof EligibilityBody>;

/** Photos and supporting files: at most 5 MiB each, 10 per nomination, by their first bytes. */
export const FILE_LIMITS = { maxBytes: 5 * 1024 * 1024, perNomination: 10, fileNameLength: 100 };
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};
export const FILE_TYPES = Object.keys(MAGIC);
export const fileTooLarge = () =>
  new AppError('vote.file_too_large', 413, 'the file is larger than 5 MiB', {
    fields: [{ field: 'body', message: 'at most 5 MiB' }],
  });

export interface FileUpload {
  kind: 'photo' | 'supporting';
  contentType: string | undefined;
  fileNameHeader: string | string[] | undefined;
  bytes: Buffer | undefined;
}

const stale = () => conflict('vote.stale', 'the nomination was changed by someone else; reload it');

/**
 * 推荐: unit unions nominate their people with their materials; the organiser checks eligibility
 * with reasons. One nomination per person per campaign (by the ID number's blind index).
 */
export class NominationService {
  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
    private readonly campaigns: CampaignService,
  ) {}

  private scopeOf(n: repo.NominationRow): RecordScope {
    return {
      orgId: n.orgId,
      orgPath: n.orgPath,
      jurisdictionId: n.orgJurisdictionId,
      ownerId: n.submittedBy,
    };
  }

  /**
   * The nomination, if the actor reviews the campaign or nominates for the unit; else 404.
   * Returns the campaign too.
   */
  async requireNomination(
    ctx: RequestContext,
    id: string,
    need: 'read' | 'review' | 'files',
  ): Promise<{ n: repo.NominationRow; campaign: Campaign }> {
    const n = await repo.findNomination(this.p.db, id);
    if (!n) throw notFound('vote_nomination');
    let campaign: Campaign;
    try {
      campaign = await this.campaigns.requireCampaign(
        ctx,
        need === 'review' ? 'vote.review' : 'vote.campaign.read',
        n.campaignId,
      );
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw notFound('vote_nomination');
      throw err;
    }
    const reviewer = can(ctx.actor, 'vote.review', campaign.scope);
    if (need === 'review') return { n, campaign };
    if (!reviewer && !can(ctx.actor, 'vote.nominate', this.scopeOf(n))) throw notFound('vote_nomination');
    return { n, campaign };
  }

  async view(n: repo.NominationRow): Promise<NominationView> {
    return (await this.views([n]))[0]!;
  }

  async views(rows: repo.NominationRow[]): Promise<NominationView[]> {
    const files = await repo.listFiles(
      this.p.db,
      rows.map((r) => r.id),
    );
    return rows.map((n) => ({
      id: n.id,
      campaignId: n.campaignId,
      orgId: n.orgId,
      orgName: n.orgName,
      source: n.source as NominationView['source'],
      nomineeName: n.nomineeName,
      gender: n.gender as NominationView['gender'],
      idNumberMasked: maskIdNumber(this.p.cipher.decrypt(n.idNumberEnc)),
      unitName: n.unitName,
      jobTitle: n.jobTitle,
      regionCode: n.regionCode,
      story: n.story,
      achievements: n.achievements,
      state: n.state as NominationView['state'],
      reasons: JSON.parse(n.reasons) as string[],
      reviewNote: n.reviewNote,
      files: files
        .filter((f) => f.nominationId === n.id)
        .map((f) => ({
          id: f.id,
          kind: f.kind as 'photo' | 'supporting',
          fileName: f.fileName,
          mime: f.mime,
          sizeBytes: Number(f.sizeBytes),
          createdAt: f.createdAt,
        })),
      preliminaryMeanX100: n.preliminaryMean == null ? null : Math.round(Number(n.preliminaryMean) * 100),
      scoreCount: Number(n.scoreCount ?? 0),
      createdAt: n.createdAt,
      version: Number(n.version),
    }));
  }

  /** 推荐: a unit union (or the organiser for it) nominates one person while nominations are open. */
  async submit(ctx: RequestContext, campaignId: string, body: NominationBody): Promise<NominationView> {
    const campaign = await this.campaigns.requireCampaign(ctx, 'vote.nominate', campaignId);
    if (body.clientRef) {
      const done = await repo.findByClientRef(this.p.db, ctx.actor.userId, body.clientRef);
      if (done) return this.view((await repo.findNomination(this.p.db, done.id))!);
    }
    if (!nominationOpen(campaign, this.p.clock.now())) {
      throw conflict('vote.nomination_closed', 'nominations are not open for this campaign');
    }
    if (!sourceAllowed(campaign.rules, body.source)) {
      throw invalid(
        'vote.source_not_allowed',
        'body.source',
        'the campaign does not take this kind of nomination',
      );
    }
    const org = await this.orgs.findScope(body.orgId);
    const division = org ? await repo.orgDivision(this.p.db, org.orgId) : undefined;
    if (
      !org ||
      !division ||
      org.status !== 'active' ||
      !org.orgPath.startsWith(campaign.scope.orgPath) ||
      !can(ctx.actor, 'vote.nominate', org)
    ) {
      throw invalid('vote.bad_org', 'body.orgId', 'not a unit under the organiser that you may nominate for');
    }
    const idNumber = body.idNumber.toUpperCase();
    const id = this.p.ids();
    const at = this.p.clock.now().toISOString();
    try {
      await this.p.db.transaction().execute(async (trx) => {
        await repo.insertNomination(trx, {
          id,
          campaignId,
          orgId: org.orgId,
          source: body.source,
          nomineeName: body.nomineeName,
          gender: body.gender,
          idNumberEnc: this.p.cipher.encrypt(idNumber),
          idNumberBidx: this.p.blindIndex('id_number', idNumber),
          unitName: body.unitName,
          jobTitle: body.jobTitle,
          regionCode: division.divisionCode,
          story: body.story,
          achievements: body.achievements,
          state: 'submitted',
          reasons: '[]',
          reviewNote: null,
          reviewedBy: null,
          reviewedAt: null,
          submittedBy: ctx.actor.userId,
          clientRef: body.clientRef ?? null,
          createdAt: at,
          updatedAt: at,
          version: 1,
        });
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'vote.nominate',
          subjectType: 'vote_nomination',
          subjectId: id,
          details: { campaignId, orgId: org.orgId, source: body.source },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        if (body.clientRef) {
          const done = await repo.findByClientRef(this.p.db, ctx.actor.userId, body.clientRef);
          if (done) return this.view((await repo.findNomination(this.p.db, done.id))!);
        }
        throw new AppError(
          'vote.duplicate_nominee',
          409,
          'this person is already nominated in the campaign',
          {
            fields: [{ field: 'body.idNumber', message: 'already nominated' }],
          },
        );
      }
      throw err;
    }
    return this.view((await repo.findNomination(this.p.db, id))!);
  }

  /** The organiser sees every nomination; a unit its own. One page (`page`, `pageSize`) with the total. */
  async list(
    ctx: RequestContext,
    campaignId: string,
    q: Query,
  ): Promise<{ items: NominationView[]; total: number; page: number; pageSize: number }> {
    const campaign = await this.campaigns.requireCampaign(ctx, 'vote.campaign.read', campaignId);
    const all = can(ctx.actor, 'vote.review', campaign.scope);
    if (!all) requireAction(ctx.actor, 'vote.nominate');
    const page = await repo.pageNominations(this.p.db, campaignId, {
      state: q.state,
      orgId: all ? undefined : ctx.actor.orgId,
      page: q.page,
      pageSize: q.pageSize,
    });
    return { ...page, items: await this.views(page.items) };
  }

  async get(ctx: RequestContext, id: string): Promise<NominationView> {
    return this.view((await this.requireNomination(ctx, id, 'read')).n);
  }

  /** 资格审查: eligible, or ineligible with its reasons; may be changed until the shortlist. */
  async review(ctx: RequestContext, id: string, body: Eligibility): Promise<NominationView> {
    const { n, campaign } = await this.requireNomination(ctx, id, 'review');
    if (campaign.state !== 'nominating' && campaign.state !== 'reviewing') {
      throw conflict('vote.bad_state', 'eligibility is checked while nominating or reviewing');
    }
    if (!body.eligible && body.reasons.length === 0) {
      throw invalid('vote.reason_required', 'body.reasons', 'say why the nominee is not eligible');
    }
    const at = this.p.clock.now().toISOString();
    const to = body.eligible ? 'eligible' : 'ineligible';
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.moveNomination(trx, id, body.version, REVIEWABLE, {
        state: to,
        reasons: JSON.stringify(body.reasons),
        reviewNote: body.note ?? null,
        reviewedBy: ctx.actor.userId,
        reviewedAt: at,
        updatedAt: at,
      });
      if (!ok) throw stale();
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.review',
        subjectType: 'vote_nomination',
        subjectId: id,
        details: { campaignId: n.campaignId, from: n.state, to, reasons: body.reasons },
      });
    });
    return this.view((await repo.findNomination(this.p.db, id))!);
  }

  /** A photo or a supporting file, checked by type and first bytes, kept with the nomination. */
  async addFile(ctx: RequestContext, id: string, upload: FileUpload): Promise<NominationView> {
    const { n, campaign } = await this.requireNomination(ctx, id, 'files');
    if (!['nominating', 'reviewing'].includes(campaign.state)) {
      throw conflict('vote.bad_state', 'materials are added while nominating or reviewing');
    }
    const fileName = this.fileName(upload.fileNameHeader);
    const mime = (upload.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    const allowed = upload.kind === 'photo' ? FILE_TYPES.filter((t) => t.startsWith('image/')) : FILE_TYPES;
    if (!allowed.includes(mime)) {
      throw new AppError('vote.file_type', 415, `send ${allowed.join(', ')}`, {
        fields: [{ field: 'headers.content-type', message: `must be one of ${allowed.join(', ')}` }],
      });
    }
    if (!upload.bytes || upload.bytes.length === 0)
      throw invalid('vote.file_missing', 'body', 'the file is empty');
    if (!MAGIC[mime]!(upload.bytes)) {
      throw new AppError('vote.file_type', 415, `the file is not a ${mime} file`, {
        fields: [{ field: 'body', message: `the content does not match ${mime}` }],
      });
    }
    if ((await repo.countFiles(this.p.db, id)) >= FILE_LIMITS.perNomination) {
      throw conflict('vote.too_many_files', `at most ${FILE_LIMITS.perNomination} files per nomination`);
    }
    const fileId = this.p.ids();
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      await repo.insertFile(trx, {
        id: fileId,
        campaignId: n.campaignId,
        nominationId: id,
        kind: upload.kind,
        fileName,
        mime,
        sizeBytes: upload.bytes!.length,
        sha256: createHash('sha256').update(upload.bytes!).digest('hex'),
        content: upload.bytes!,
        uploadedBy: ctx.actor.userId,
        createdAt: at,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.nominate',
        subjectType: 'vote_nomination',
        subjectId: id,
        details: { fileId, kind: upload.kind, mime, sizeBytes: upload.bytes!.length },
      });
    });
    return this.view((await repo.findNomination(this.p.db, id))!);
  }

  private fileName(header: string | string[] | undefined): string {
    if (typeof header !== 'string' || header.trim() === '') {
      throw invalid('vote.file_name', 'headers.x-file-name', 'send the file name in x-file-name');
    }
    let name: string;
    try {
      name = decodeURIComponent(header).trim();
    } catch {
      throw invalid('vote.file_name', 'headers.x-file-name', 'the file name is not URI-encoded');
    }
    if (
      name === '' ||
      [...name].length > FILE_LIMITS.fileNameLength ||
      /[/\\]/.test(name) ||
      /[\u0000-\u001f\u007f]/.test(name)
    ) {
      throw invalid('vote.file_name', 'headers.x-file-name', 'a plain file name of at most 100 characters');
    }
    return name;
  }

  /** A nomination's file for those who may read the nomination. */
  async readFile(ctx: RequestContext, fileId: string) {
    const f = await repo.findFile(this.p.db, fileId);
    if (!f) throw notFound('vote_nomination');
    await this.requireNomination(ctx, f.nominationId, 'read');
    return f;
  }

  /**
   * A candidate's photo, public like the candidate list once the campaign is out of draft; a
   * nominee who did not become a candidate has no public photo.
   */
  async publicPhoto(candidateId: string) {
    const c = await candidates.findCandidateById(this.p.db, candidateId);
    const f = c?.photoFileId ? await repo.findFile(this.p.db, c.photoFileId) : undefined;
    if (!c || !f || f.kind !== 'photo') throw notFound('vote_candidate');
    return f;
  }

  /** The newest photo of a nomination, for its candidate. */
  async photoOf(nominationId: string): Promise<string | null> {
    return (await repo.latestPhoto(this.p.db, nominationId))?.id ?? null;
  }
}
