import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type {
  ConsentView,
  EvidenceView,
  HelpRecordBody,
  HelpRecordView,
  HelpRoute,
  HouseholdHelp,
  ReferralView,
  VisitView,
} from '../../../../contracts/help';
import { requireAction, requireRecord } from '../../../platform/auth/actor';
import type { Action } from '../../../platform/auth/policy';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import * as repo from './help.repository';
import { chinaDate } from '../../../platform/clock';
import { findHousehold } from '../core/household.repository';
import type { HouseholdService } from '../households/household.service';
import { recordDelivery } from '../core/ledger.repository';
import type { PlanService } from '../plans/plan.service';

type RecordBody = z.infer<typeof HelpRecordBody>;
type Evidence = z.infer<typeof EvidenceView>;

/** What the other parts of the help page come from; wired in the module's index. */
export interface HelpSources {
  referralsFor(householdId: string): Promise<ReferralView[]>;
  consentsFor(householdId: string): Promise<z.infer<typeof ConsentView>[]>;
  visitsFor(householdId: string): Promise<VisitView[]>;
}

const NO_SOURCES: HelpSources = {
  referralsFor: async () => [],
  consentsFor: async () => [],
  visitsFor: async () => [],
};

export const EVIDENCE_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  perRecord: 10,
  fileNameLength: 100,
};

/** The refusal of an evidence file over `EVIDENCE_LIMITS.maxBytes` (413 naming the body). */
export const evidenceTooLarge = () =>
  new AppError('evidence.too_large', 413, 'the file is larger than 5 MiB', {
    fields: [{ field: 'body', message: 'at most 5 MiB' }],
  });

/** The evidence types we keep, and the first bytes each file of that type starts with. */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) =>
    b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) =>
    b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  'application/pdf': (b) => b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-',
};
export const EVIDENCE_TYPES = Object.keys(MAGIC);

/** The extension a file of each kept type is stored and served with; the others a type may carry. */
const EXTENSIONS: Record<string, { ext: string; also: string[] }> = {
  'image/jpeg': { ext: 'jpg', also: ['jpeg'] },
  'image/png': { ext: 'png', also: [] },
  'image/webp': { ext: 'webp', also: [] },
  'application/pdf': { ext: 'pdf', also: [] },
};

/**
 * Characters that change how a name is displayed without being seen: bidi embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C), zero-width spaces and every
 * other Unicode format character, and C1 controls. `‮gnp.lmth` reads as `html.png` otherwise.
 * The zero-width joiners (U+200C/D) stay: emoji sequences and some scripts are spelt with them.
 */
const INVISIBLE = /(?![\u200c\u200d])[\p{Cf}\u0080-\u009f]/gu;

/**
 * The name a file is kept and served under (issue 9 item 17): invisible characters removed, and
 * the extension the checked type's — a PNG sent as `page.html` is `page.png`. Applied on upload
 * and again when a stored name is shown or served, so rows kept before the rule follow it too.
 */
export function evidenceStoredName(name: string, mime: string): string {
  const clean = name.replace(INVISIBLE, '').trim();
  const kind = EXTENSIONS[mime];
  if (!kind) return clean || 'file';
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? clean.slice(dot + 1).toLowerCase() : '';
  if (ext === kind.ext || kind.also.includes(ext)) return clean;
  const stem = (dot > 0 ? clean.slice(0, dot) : clean).replace(/[.\s]+$/u, '') || 'file';
  return `${stem}.${kind.ext}`;
}

/** An uploaded file as the route hands it over: the declared type, the raw name header and the bytes. */
export interface EvidenceUpload {
  contentType: string | undefined;
  fileNameHeader: string | string[] | undefined;
  bytes: Buffer | undefined;
}

const FILE_NAME_FIELD = 'headers.x-file-name';

/** The file name from its header: URI-encoded UTF-8, at most 100 characters, no path or control characters. */
export function evidenceFileName(header: string | string[] | undefined): string {
  if (typeof header !== 'string' || header.trim() === '') {
    throw invalid('evidence.file_name_required', FILE_NAME_FIELD, 'send the file name in x-file-name');
  }
  let name: string;
  try {
    name = decodeURIComponent(header).trim();
  } catch {
    throw invalid('evidence.bad_file_name', FILE_NAME_FIELD, 'the file name is not URI-encoded UTF-8');
  }
  if (name === '') throw invalid('evidence.file_name_required', FILE_NAME_FIELD, 'the file name is empty');
  if ([...name].length > EVIDENCE_LIMITS.fileNameLength) {
    throw invalid('evidence.bad_file_name', FILE_NAME_FIELD, 'the file name is longer than 100 characters');
  }
  if (/[/\\]/.test(name) || name === '.' || name === '..') {
    throw invalid('evidence.bad_file_name', FILE_NAME_FIELD, 'the file name must not contain a path');
  }
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw invalid('evidence.bad_file_name', FILE_NAME_FIELD, 'the file name contains control characters');
  }
  return name;
}

/** Decides the evidence's type: a declared type we keep whose first bytes match it. */
export function evidenceType(contentType: string | undefined, bytes: Buffer | undefined): string {
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!MAGIC[mime]) {
    throw new AppError('evidence.unsupported_type', 415, `send ${EVIDENCE_TYPES.join(', ')}`, {
      fields: [{ field: 'headers.content-type', message: `must be one of ${EVIDENCE_TYPES.join(', ')}` }],
    });
  }
  if (!bytes || bytes.length === 0) throw invalid('evidence.empty', 'body', 'the file is empty');
  if (!MAGIC[mime](bytes)) {
    throw new AppError('evidence.type_mismatch', 415, `the file is not a ${mime} file`, {
      fields: [{ field: 'body', message: `the content does not match ${mime}` }],
    });
  }
  return mime;
}

/**
 * 一边摸排、一边解决: urgent help and upper-federation aid, the household's ledger of help on one
 * page, and the evidence of deliveries.
 */
export class HelpService {
  private sources: HelpSources = NO_SOURCES;

  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
    private readonly households: HouseholdService,
    private readonly plans: PlanService,
  ) {}

  /** Referrals, consents and return visits come from their own services; wired in the module's index. */
  useSources(s: HelpSources): void {
    this.sources = s;
  }

  private evidenceView(e: {
    id: string;
    fileName: string;
    mime: string;
    sizeBytes: number;
    createdAt: string;
  }): Evidence {
    return {
      id: e.id,
      fileName: evidenceStoredName(e.fileName, e.mime),
      mime: e.mime,
      sizeBytes: Number(e.sizeBytes),
      createdAt: e.createdAt,
    };
  }

  private recordView(r: repo.HelpRecordViewRow, evidence: Evidence[]): HelpRecordView {
    return {
      id: r.id,
      householdId: r.householdId,
      route: r.route as HelpRoute,
      sourceId: r.sourceId,
      kind: r.kind,
      what: r.what,
      valueFen: Number(r.valueFen),
      givenByName: r.givenByName,
      givenOn: r.givenOn,
      recordedByName: r.recordedByName ?? null,
      provisional: r.route === 'urgent' && r.reconciledAt === null,
      reconciledAt: r.reconciledAt,
      reconciledWith: r.reconciledWith,
      evidence,
      createdAt: r.createdAt,
    };
  }

  private async helpRecordView(id: string): Promise<HelpRecordView> {
    const r = await repo.findHelpRecordView(this.p.db, id);
    if (!r) throw notFound('help_record');
    const evidence = await repo.listEvidence(this.p.db, [id]);
    return this.recordView(
      r,
      evidence.map((e) => this.evidenceView(e)),
    );
  }

  /** The organisation that gave it: one of the actor's jurisdiction, or (upper aid) a federation above it. */
  private async giver(ctx: RequestContext, route: 'urgent' | 'upper', orgId: string) {
    const o = await this.orgs.findScope(orgId);
    if (o && o.jurisdictionId === ctx.actor.jurisdictionId) return o;
    if (o && route === 'upper' && o.orgId === o.jurisdictionId) {
      const own = await this.orgs.findScope(ctx.actor.jurisdictionId);
      if (own && own.orgPath !== o.orgPath && own.orgPath.startsWith(o.orgPath)) return o;
    }
    throw invalid(
      'help.unknown_org',
      'body.givenByOrgId',
      route === 'upper'
        ? 'not an organisation of your jurisdiction or a federation above it'
        : 'not an organisation of your jurisdiction',
    );
  }

  /** What a help form may name: the jurisdiction's organisations and the federations above it. */
  async organisations(ctx: RequestContext) {
    requireAction(ctx.actor, 'help.manage');
    const own = await repo.jurisdictionOrgs(this.p.db, ctx.actor.jurisdictionId);
    const fed = own.find((o) => o.id === ctx.actor.jurisdictionId);
    const above = (fed?.path ?? '').split('/').filter((id) => id && id !== ctx.actor.jurisdictionId);
    const upper = await repo.orgsOnPath(this.p.db, above);
    return {
      items: [
        ...own.map((o) => ({ id: o.id, name: o.name, kind: o.kind, upper: false })),
        ...upper.map((o) => ({ id: o.id, name: o.name, kind: o.kind, upper: true })),
      ],
    };
  }

  /** Urgent help (provisional until the archive decision) or aid from the upper federation. */
  async recordHelp(ctx: RequestContext, householdId: string, body: RecordBody): Promise<HelpRecordView> {
    const h = await this.households.getInScope(ctx, 'help.manage', householdId);
    const today = chinaDate(this.p.clock.now());
    if (body.givenOn > today) throw invalid('help.future_date', 'body.givenOn', 'the day is in the future');
    if (body.route === 'upper' && !body.givenByOrgId && !body.givenByName) {
      throw invalid(
        'help.giver_required',
        'body.givenByOrgId',
        'name the organisation or the giver of the aid',
      );
    }
    let givenByOrgId: string | null = null;
    let givenByName = body.givenByName || '';
    if (body.givenByOrgId || body.route === 'urgent') {
      const org = await this.giver(ctx, body.route, body.givenByOrgId ?? ctx.actor.orgId);
      givenByOrgId = org.orgId;
      givenByName = body.givenByName || org.name;
    }
    const needIds = [...new Set(body.solvesNeedIds)];
    const needs = await repo.needsOf(this.p.db, h.id, needIds);
    const known = new Set(needs.map((n) => n.id));
    const unknown = body.solvesNeedIds.findIndex((id) => !known.has(id));
    if (unknown >= 0) {
      throw invalid('help.unknown_need', `body.solvesNeedIds.${unknown}`, 'not a need of this household');
    }
    const at = this.p.clock.now().toISOString();
    const id = this.p.ids();
    await this.p.db.transaction().execute(async (trx) => {
      // The household's decision as of this transaction: urgent help after it is settled at once.
      const now = await findHousehold(trx, h.id);
      if (!now || now.state === 'merged') throw notFound('household');
      let decision: string | null = null;
      if (body.route === 'urgent') {
        if (now.state === 'archived') decision = (await repo.archiveNoOf(trx, h.id)) ?? null;
        if (now.state === 'assisted_below_standard') decision = 'below_standard';
        if (now.state === 'closed') decision = 'closed';
      }
      await recordDelivery(
        trx,
        {
          id,
          jurisdictionId: h.jurisdictionId,
          householdId: h.id,
          route: body.route,
          sourceId: null,
          kind: body.kind,
          what: body.what,
          valueFen: body.valueFen,
          givenByOrgId,
          givenByName,
          givenOn: body.givenOn,
          recordedBy: ctx.actor.userId,
          recordedOrgId: ctx.actor.orgId,
          reconciledAt: decision ? at : null,
          reconciledWith: decision,
          createdAt: at,
        },
        { id: this.p.ids(), fromDate: body.givenOn },
      );
      const solved = await repo.solveNeeds(trx, h.id, needIds, at);
      await this.households.event(trx, ctx, h.id, body.route === 'urgent' ? 'urgent_help' : 'upper_aid', {
        helpRecordId: id,
        kind: body.kind,
        what: body.what,
        valueFen: body.valueFen,
        givenBy: givenByName,
        givenOn: body.givenOn,
        solvedNeeds: solved,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: body.route === 'urgent' ? 'help.urgent' : 'help.upper',
        subjectType: 'household',
        subjectId: h.id,
        details: {
          helpRecordId: id,
          kind: body.kind,
          valueFen: body.valueFen,
          givenByOrgId,
          givenOn: body.givenOn,
          solvesNeedIds: needIds,
          reconciledWith: decision,
        },
      });
    });
    return this.helpRecordView(id);
  }

  /** Everything a household was given and is being given, on one page. */
  async householdHelp(ctx: RequestContext, householdId: string): Promise<HouseholdHelp> {
    const h = await this.households.getInScope(ctx, 'household.read', householdId);
    const rows = await repo.listHelpRecords(this.p.db, h.id);
    const evidence = await repo.listEvidence(
      this.p.db,
      rows.map((r) => r.id),
    );
    const byRecord = new Map<string, Evidence[]>();
    for (const e of evidence) {
      const list = byRecord.get(e.helpRecordId) ?? [];
      list.push(this.evidenceView(e));
      byRecord.set(e.helpRecordId, list);
    }
    const totals = {
      valueFen: 0,
      count: 0,
      byRoute: { urgent: 0, measure: 0, referral: 0, upper: 0 },
    };
    for (const r of rows) {
      const value = Number(r.valueFen);
      totals.count++;
      totals.valueFen += value;
      if (r.route in totals.byRoute) totals.byRoute[r.route as HelpRoute] += value;
    }
    const [measures, referrals, consents, visits] = await Promise.all([
      this.plans.measuresOf(h.id),
      this.sources.referralsFor(h.id),
      this.sources.consentsFor(h.id),
      this.sources.visitsFor(h.id),
    ]);
    return {
      ledger: rows.map((r) => this.recordView(r, byRecord.get(r.id) ?? [])),
      totals,
      measures,
      referrals,
      consents,
      visits,
    };
  }

  /** A ledger row and its household if the actor may act on it; out of reach answers like missing. */
  private async recordInScope(ctx: RequestContext, action: Action, id: string) {
    const r = await repo.findHelpRecord(this.p.db, id);
    const h = r ? await findHousehold(this.p.db, r.householdId) : undefined;
    const scope = h && h.state !== 'merged' ? await this.households.scopeOf(h) : undefined;
    requireRecord(ctx.actor, action, scope, 'help_record');
    return r!;
  }

  /** A photo or file proving a delivery: type checked by its first bytes, at most 10 per ledger row. */
  async addEvidence(ctx: RequestContext, helpRecordId: string, upload: EvidenceUpload): Promise<Evidence> {
    const r = await this.recordInScope(ctx, 'help.manage', helpRecordId);
    const givenName = evidenceFileName(upload.fileNameHeader);
    const mime = evidenceType(upload.contentType, upload.bytes);
    const fileName = evidenceStoredName(givenName, mime);
    const bytes = upload.bytes!;
    if (bytes.length > EVIDENCE_LIMITS.maxBytes) {
      throw evidenceTooLarge();
    }
    const at = this.p.clock.now().toISOString();
    const id = this.p.ids();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.p.db.transaction().execute(async (trx) => {
      await repo.lockHelpRecord(trx, r.id);
      if ((await repo.countEvidence(trx, r.id)) >= EVIDENCE_LIMITS.perRecord) {
        throw conflict('evidence.too_many', `a delivery keeps at most ${EVIDENCE_LIMITS.perRecord} files`);
      }
      await repo.insertEvidence(trx, {
        id,
        householdId: r.householdId,
        helpRecordId: r.id,
        fileName,
        mime,
        sizeBytes: bytes.length,
        sha256,
        content: bytes,
        uploadedBy: ctx.actor.userId,
        createdAt: at,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'evidence.add',
        subjectType: 'help_record',
        subjectId: r.id,
        details: {
          evidenceId: id,
          householdId: r.householdId,
          fileName,
          mime,
          sizeBytes: bytes.length,
          sha256,
        },
      });
    });
    return { id, fileName, mime, sizeBytes: bytes.length, createdAt: at };
  }

  /** The file itself, for those who may read the household; every read is audited. */
  async readEvidence(ctx: RequestContext, id: string) {
    const e = await repo.findEvidence(this.p.db, id);
    const h = e ? await findHousehold(this.p.db, e.householdId) : undefined;
    const scope = h && h.state !== 'merged' ? await this.households.scopeOf(h) : undefined;
    requireRecord(ctx.actor, 'household.read', scope, 'evidence');
    const file = { ...e!, fileName: evidenceStoredName(e!.fileName, e!.mime) };
    await this.p.db.transaction().execute((trx) =>
      this.p.audit.append(trx, auditContext(ctx), {
        action: 'evidence.read',
        subjectType: 'evidence',
        subjectId: file.id,
        details: { householdId: file.householdId, helpRecordId: file.helpRecordId, fileName: file.fileName },
      }),
    );
    return { fileName: file.fileName, mime: file.mime, content: Buffer.from(file.content) };
  }
}
