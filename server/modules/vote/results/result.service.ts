import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type {
  CertificateList,
  CleanTotal,
  ObjectionAnswerBody,
  ObjectionBody,
  ObjectionView,
  PublicResult,
  ResultView,
} from '../../../../contracts/vote';
import { chinaDate } from '../../../platform/clock';
import { conflict, invalid, notFound } from '../../../platform/errors';
import { escapeCell } from '../../../platform/excel';
import { maskName } from '../../../platform/personal-data/mask';
import type { WorkerPrincipal } from '../../../platform/auth/worker';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import { resultPublished } from '../campaigns/campaign.policy';
import type { Campaign, CampaignService } from '../campaigns/campaign.service';
import type { CandidateService } from '../nominations/candidate.service';
import type { ExpertService } from '../nominations/expert.service';
import { combine, formulaWorking, type ResultLine } from './result.policy';
import * as repo from './result.repository';

/** The ballots' cleaned totals: BallotService.cleanTotals (helper B), injected by index.ts. */
export type CleanTotals = (campaignId: string) => Promise<CleanTotal[]>;

type ObjectionIn = z.infer<typeof ObjectionBody>;
type Answer = z.infer<typeof ObjectionAnswerBody>;
type Objection = z.infer<typeof ObjectionView>;

const stale = () => conflict('vote.stale', 'the result was changed by someone else; reload it');

/**
 * 结果: cleaned public votes and the experts' final scores combined by the frozen formula, the
 * ranking with its working, the notice (公示) with objections and answers, the final list,
 * certificates and the Excel export with its formulas — every step audited.
 */
export class ResultService {
  constructor(
    private readonly p: Platform,
    private readonly campaigns: CampaignService,
    private readonly candidates: CandidateService,
    private readonly experts: ExpertService,
    private cleanTotals: CleanTotals,
  ) {}

  /** Replaces the source of cleaned totals (tests drive the result with figures of their own). */
  useCleanTotals(source: CleanTotals): void {
    this.cleanTotals = source;
  }

  private hidden(c: Omit<Campaign, 'scope'>): boolean {
    return (
      c.rules.showTotals === 'hidden' &&
      !resultPublished({ state: c.state, resultPublishedAt: c.row.resultPublishedAt })
    );
  }

  private async viewOf(
    c: Omit<Campaign, 'scope'>,
    r: NonNullable<Awaited<ReturnType<typeof repo.findResult>>>,
  ): Promise<ResultView> {
    const hidden = this.hidden(c);
    const lines = JSON.parse(r.lines) as ResultLine[];
    return {
      campaignId: c.row.id,
      formula: c.rules.formula,
      // While totals are hidden the formula is shown without the figure it divides by.
      working: hidden ? formulaWorking(c.rules, null) : r.working,
      totalsHidden: hidden,
      topCleanVotes: hidden ? null : Number(r.topCleanVotes),
      totalCleanVotes: hidden ? null : Number(r.totalCleanVotes),
      computedAt: r.computedAt,
      publishedAt: r.publishedAt,
      finalAt: r.finalAt,
      openObjections: await repo.openObjections(this.p.db, c.row.id),
      lines: (hidden ? [...lines].sort((a, b) => a.number - b.number) : lines).map((l) => ({
        candidateId: l.candidateId,
        number: l.number,
        name: l.name,
        unitName: l.unitName,
        state: l.state,
        rawVotes: hidden ? null : l.rawVotes,
        discountedVotes: hidden ? null : l.discountedVotes,
        cleanVotes: hidden ? null : l.cleanVotes,
        publicScoreX100: hidden ? null : l.publicScoreX100,
        expertMeanX100: l.expertMeanX100,
        expertScores: l.expertScores,
        combinedX100: hidden ? null : l.combinedX100,
        rank: hidden ? null : l.rank,
        outcome: hidden ? null : l.outcome,
        working: hidden ? '计票结果公示前不显示。Hidden until the result is published.' : l.working,
      })),
      version: Number(r.version),
    };
  }

  async get(ctx: RequestContext, campaignId: string): Promise<ResultView> {
    const c = await this.campaigns.requireCampaign(ctx, 'vote.result.read', campaignId);
    const r = await repo.findResult(this.p.db, campaignId);
    // The campaign is there: a result not computed yet is a conflict, not a missing campaign.
    if (!r) throw conflict('vote.no_result', 'compute the result first');
    return this.viewOf(c, r);
  }

  /** 计算: after the voting, from the cleaned totals and the final expert scores; until published. */
  async compute(ctx: RequestContext, campaignId: string): Promise<ResultView> {
    const c = await this.campaigns.requireCampaign(ctx, 'vote.result.compute', campaignId);
    if (c.state !== 'expert_review')
      throw conflict('vote.bad_state', 'the result is computed after the voting, during expert review');
    const [cands, totals, means] = await Promise.all([
      this.candidates.list(campaignId),
      this.cleanTotals(campaignId),
      this.experts.finalMeans(campaignId),
    ]);
    const byCandidate = new Map(totals.map((x) => [x.candidateId, x]));
    const result = combine(
      c.rules,
      cands.map((k) => {
        const t = byCandidate.get(k.id);
        const m = means.get(k.nominationId);
        return {
          candidateId: k.id,
          number: k.number,
          name: k.name,
          unitName: k.unitName,
          state: k.state,
          rawVotes: t?.rawVotes ?? 0,
          discountedVotes: t?.discountedVotes ?? 0,
          cleanVotes: t?.cleanVotes ?? 0,
          expertMeanX100: m?.meanX100 ?? null,
          expertScores: m?.count ?? 0,
        };
      }),
    );
    const at = this.p.clock.now().toISOString();
    const before = await repo.findResult(this.p.db, campaignId);
    if (before?.publishedAt) throw conflict('vote.result_published', 'the result is published');
    const row = {
      lines: JSON.stringify(result.lines),
      working: result.working,
      topCleanVotes: result.topCleanVotes,
      totalCleanVotes: result.totalCleanVotes,
      computedAt: at,
      computedBy: ctx.actor.userId,
    };
    await this.p.db.transaction().execute(async (trx) => {
      if (before) {
        if (!(await repo.replaceResult(trx, campaignId, Number(before.version), row))) throw stale();
      } else {
        try {
          await repo.insertResult(trx, {
            campaignId,
            ...row,
            publishedAt: null,
            publishedBy: null,
            finalAt: null,
            version: 1,
          });
        } catch {
          throw stale();
        }
      }
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.result.compute',
        subjectType: 'vote_campaign',
        subjectId: campaignId,
        // No vote figure: the audit log is read by people the hidden totals are hidden from.
        details: { candidates: cands.length, formula: c.rules.formula },
      });
    });
    return this.get(ctx, campaignId);
  }

  /** 公示: the result goes public with its working; the campaign enters the notice. */
  async publish(ctx: RequestContext, campaignId: string, version: number): Promise<ResultView> {
    const c = await this.campaigns.requireCampaign(ctx, 'vote.result.publish', campaignId);
    const r = await repo.findResult(this.p.db, campaignId);
    if (!r) throw conflict('vote.no_result', 'compute the result first');
    if (c.state !== 'expert_review')
      throw conflict('vote.bad_state', 'the result is published from expert review');
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      if (
        !(await repo.markResult(trx, campaignId, version, { publishedAt: at, publishedBy: ctx.actor.userId }))
      )
        throw stale();
      await this.campaigns.step(trx, ctx, c, Number(c.row.version), 'result_notice');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.result.publish',
        subjectType: 'vote_campaign',
        subjectId: campaignId,
        details: { computedAt: r.computedAt },
      });
    });
    return this.get(ctx, campaignId);
  }

  /** 最终名单: after the notice, every objection answered. */
  async finalise(ctx: RequestContext, campaignId: string, version: number): Promise<ResultView> {
    const c = await this.campaigns.requireCampaign(ctx, 'vote.result.publish', campaignId);
    if (c.state !== 'result_notice')
      throw conflict('vote.bad_state', 'the list is made final after the notice');
    if (this.p.clock.now().getTime() < Date.parse(c.timeline.noticeCloses)) {
      throw conflict('vote.bad_state', 'the notice is still open');
    }
    if ((await repo.openObjections(this.p.db, campaignId)) > 0) {
      throw conflict('vote.bad_state', 'answer every objection first');
    }
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      if (!(await repo.markResult(trx, campaignId, version, { finalAt: at }))) throw stale();
      await this.campaigns.step(trx, ctx, c, Number(c.row.version), 'final');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.result.publish',
        subjectType: 'vote_campaign',
        subjectId: campaignId,
        details: { final: true },
      });
    });
    return this.get(ctx, campaignId);
  }

  /** The published result for anyone (no sign-in): ranking, raw and cleaned votes, working. */
  async publicResult(campaignId: string): Promise<z.infer<typeof PublicResult>> {
    const c = await this.campaigns.find(campaignId);
    const r = c ? await repo.findResult(this.p.db, campaignId) : undefined;
    if (
      !c ||
      !r?.publishedAt ||
      !resultPublished({ state: c.state, resultPublishedAt: c.row.resultPublishedAt })
    ) {
      throw notFound('vote_campaign');
    }
    const lines = JSON.parse(r.lines) as ResultLine[];
    return {
      campaignId,
      publishedAt: r.publishedAt,
      working: r.working,
      lines: lines.map((l) => ({
        candidateId: l.candidateId,
        number: l.number,
        name: l.name,
        unitName: l.unitName,
        rawVotes: l.rawVotes,
        cleanVotes: l.cleanVotes,
        publicScoreX100: l.publicScoreX100,
        expertMeanX100: l.expertMeanX100,
        combinedX100: l.combinedX100,
        rank: l.rank,
        outcome: l.outcome,
      })),
    };
  }

  async certificates(ctx: RequestContext, campaignId: string): Promise<z.infer<typeof CertificateList>> {
    const c = await this.campaigns.requireCampaign(ctx, 'vote.result.read', campaignId);
    const r = await repo.findResult(this.p.db, campaignId);
    if (!r?.finalAt) throw conflict('vote.no_result', 'certificates follow the final list');
    const lines = JSON.parse(r.lines) as ResultLine[];
    const issuedOn = chinaDate(new Date(r.finalAt));
    return {
      items: lines
        .filter((l) => l.outcome === 'named' || l.outcome === 'nominated')
        .map((l) => ({
          candidateId: l.candidateId,
          name: l.name,
          unitName: l.unitName,
          outcome: l.outcome as 'named' | 'nominated',
          title: c.row.title,
          organiser: c.row.orgName,
          coOrganisers: c.coOrganisers,
          serial: `${c.row.year}-${String(l.number).padStart(3, '0')}`,
          issuedOn,
        })),
    };
  }

  /**
   * The result as an Excel workbook whose public and combined scores are formulas over the vote
   * columns (so anyone can check the arithmetic); audited. While totals are hidden, the vote
   * columns and the formulas over them are left out.
   */
  async exportXlsx(ctx: RequestContext, campaignId: string): Promise<{ fileName: string; bytes: Buffer }> {
    const c = await this.campaigns.requireCampaign(ctx, 'vote.result.export', campaignId);
    const r = await repo.findResult(this.p.db, campaignId);
    if (!r) throw conflict('vote.no_result', 'compute the result first');
    const hidden = this.hidden(c);
    const lines = JSON.parse(r.lines) as ResultLine[];
    const { publicWeight: pw, expertWeight: ew, normalisation } = c.rules.formula;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评选结果');
    const text = (v: string) => escapeCell(v) as string;
    const head = hidden
      ? ['编号', '姓名', '单位', '专家评分人数', '专家终评平均分']
      : [
          '排名',
          '编号',
          '姓名',
          '单位',
          '原始票',
          '核减票',
          '有效票',
          '公众得分',
          '专家终评平均分',
          '综合得分',
          '结果',
        ];
    ws.addRow(head).font = { bold: true };
    const n = lines.length;
    const first = 2;
    const last = first + n - 1;
    const sorted = hidden ? [...lines].sort((a, b) => a.number - b.number) : lines;
    sorted.forEach((l, i) => {
      const row = first + i;
      const expert = l.expertMeanX100 === null ? 0 : l.expertMeanX100 / 100;
      if (hidden) {
        ws.addRow([l.number, text(l.name), text(l.unitName), l.expertScores, expert]);
        return;
      }
      const active = l.state === 'active';
      // G: clean votes = raw − discounted; H: the normalised public score; J: the weighted sum.
      const denom = normalisation === 'max' ? `MAX($G$${first}:$G$${last})` : `SUM($G$${first}:$G$${last})`;
      ws.addRow([
        l.rank,
        l.number,
        text(l.name),
        text(l.unitName),
        l.rawVotes,
        l.discountedVotes,
        { formula: `E${row}-F${row}`, result: l.cleanVotes },
        active
          ? { formula: `IF(${denom}=0,0,ROUND(G${row}/${denom}*100,2))`, result: l.publicScoreX100 / 100 }
          : 0,
        expert,
        active
          ? { formula: `ROUND(H${row}*${pw}/100+I${row}*${ew}/100,2)`, result: l.combinedX100 / 100 }
          : 0,
        l.outcome === 'named'
          ? '命名'
          : l.outcome === 'nominated'
            ? '提名'
            : l.state === 'zeroed'
              ? '计零分'
              : '',
      ]);
    });
    ws.columns.forEach((col, i) => (col.width = i === 3 || i === 2 ? 28 : 12));
    const notes = wb.addWorksheet('计分规则');
    notes.addRow(['计分规则 Formula']).font = { bold: true };
    notes.addRow([
      text(
        hidden
          ? '计票结果公示前不显示票数。Vote totals are hidden until the result is published.'
          : r.working,
      ),
    ]);
    notes.getColumn(1).width = 120;
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await this.p.audit.record(this.p.db, auditContext(ctx), {
      action: 'vote.result.export',
      subjectType: 'vote_campaign',
      subjectId: campaignId,
      details: { rows: n, totalsHidden: hidden },
    });
    return { fileName: `${c.row.title}-评选结果.xlsx`, bytes };
  }

  // ---- objections ----

  private objectionView(o: NonNullable<Awaited<ReturnType<typeof repo.findObjection>>>): Objection {
    return {
      id: o.id,
      campaignId: o.campaignId,
      candidateId: o.candidateId,
      candidateName: o.candidateName ?? null,
      text: o.text,
      byKind: o.byKind as Objection['byKind'],
      byLabel: o.byLabel,
      createdAt: o.createdAt,
      state: o.state as Objection['state'],
      answer: o.answer,
      upheld: o.upheld === null ? null : Boolean(o.upheld),
      answeredAt: o.answeredAt,
    };
  }

  private async object(
    campaignId: string,
    by: { kind: 'worker' | 'staff'; id: string; label: string },
    body: ObjectionIn,
    audit: ReturnType<typeof auditContext>,
  ): Promise<Objection> {
    const c = await this.campaigns.find(campaignId);
    if (!c || c.state === 'draft') throw notFound('vote_campaign');
    if (c.state !== 'result_notice')
      throw conflict('vote.objection_closed', 'objections are taken during the notice');
    if (body.candidateId && !(await this.candidates.get(campaignId, body.candidateId))) {
      throw invalid('vote_candidate.not_found', 'body.candidateId', 'not a candidate of this campaign');
    }
    const id = this.p.ids();
    await this.p.db.transaction().execute(async (trx) => {
      await repo.insertObjection(trx, {
        id,
        campaignId,
        candidateId: body.candidateId,
        text: body.text,
        byKind: by.kind,
        byId: by.id,
        byLabel: by.label,
        createdAt: this.p.clock.now().toISOString(),
        state: 'open',
        answer: null,
        upheld: null,
        answeredBy: null,
        answeredAt: null,
      });
      await this.p.audit.append(trx, audit, {
        action: 'vote.objection',
        subjectType: 'vote_campaign',
        subjectId: campaignId,
        details: { objectionId: id, candidateId: body.candidateId, byKind: by.kind, byId: by.id },
      });
    });
    return this.objectionView((await repo.findObjection(this.p.db, id))!);
  }

  /** 异议 by a member of staff (any signed-in staff account). */
  objectAsStaff(ctx: RequestContext, campaignId: string, body: ObjectionIn): Promise<Objection> {
    return this.object(
      campaignId,
      { kind: 'staff', id: ctx.actor.userId, label: maskName(ctx.actor.displayName) },
      body,
      auditContext(ctx),
    );
  }

  /** 异议 by a worker signed in on the phone. */
  objectAsWorker(
    w: WorkerPrincipal,
    ip: string | null,
    campaignId: string,
    body: ObjectionIn,
  ): Promise<Objection> {
    return this.object(
      campaignId,
      { kind: 'worker', id: w.workerId, label: w.tier === 'member' ? '会员职工' : '社会公众' },
      body,
      { actor: null, ip },
    );
  }

  /** A worker's own objections and their answers. */
  async myObjections(w: WorkerPrincipal, campaignId: string) {
    const c = await this.campaigns.find(campaignId);
    if (!c || c.state === 'draft') throw notFound('vote_campaign');
    return {
      items: (await repo.listObjections(this.p.db, campaignId, w.workerId)).map((o) => this.objectionView(o)),
    };
  }

  async objections(ctx: RequestContext, campaignId: string) {
    await this.campaigns.requireCampaign(ctx, 'vote.objection.answer', campaignId);
    return { items: (await repo.listObjections(this.p.db, campaignId)).map((o) => this.objectionView(o)) };
  }

  async answer(ctx: RequestContext, objectionId: string, body: Answer): Promise<Objection> {
    const o = await repo.findObjection(this.p.db, objectionId);
    if (!o) throw notFound('vote_objection');
    try {
      await this.campaigns.requireCampaign(ctx, 'vote.objection.answer', o.campaignId);
    } catch {
      throw notFound('vote_objection');
    }
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.answerObjection(trx, objectionId, {
        state: 'answered',
        answer: body.answer,
        upheld: body.upheld ? 1 : 0,
        answeredBy: ctx.actor.userId,
        answeredAt: this.p.clock.now().toISOString(),
      });
      if (!ok) throw conflict('vote.stale', 'the objection is already answered');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.objection.answer',
        subjectType: 'vote_campaign',
        subjectId: o.campaignId,
        details: { objectionId, upheld: body.upheld },
      });
    });
    return this.objectionView((await repo.findObjection(this.p.db, objectionId))!);
  }
}
