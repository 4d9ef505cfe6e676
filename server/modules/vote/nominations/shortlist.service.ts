import type { z } from 'zod';
import type { ShortlistBody, ShortlistView } from '../../../../contracts/vote';
import { conflict, invalid } from '../../../platform/errors';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { Campaign, CampaignService } from '../campaigns/campaign.service';
import * as candidates from './candidate.repository';
import { shortlist, type ShortlistLine } from './nomination.policy';
import * as repo from './nomination.repository';

type Body = z.infer<typeof ShortlistBody>;
type View = z.infer<typeof ShortlistView>;

/**
 * 入围: the eligible nominees ranked by their preliminary mean; the rule's top
 * ceil(factor × finalCount), or the organiser's own pick with a reason, become the candidates
 * (numbered 1..n by rank), the rest not selected — one transaction, audited, once per campaign.
 */
export class ShortlistService {
  constructor(
    private readonly p: Platform,
    private readonly campaigns: CampaignService,
  ) {}

  private async lines(c: Campaign, pick?: string[]) {
    const noms = await repo.listNominations(this.p.db, c.row.id, {});
    const input = noms
      .filter((n) => ['eligible', 'candidate', 'not_selected'].includes(n.state))
      .map((n) => ({
        nominationId: n.id,
        nomineeName: n.nomineeName,
        unitName: n.unitName,
        meanX100: n.preliminaryMean == null ? null : Math.round(Number(n.preliminaryMean) * 100),
        scores: Number(n.scoreCount ?? 0),
        createdAt: n.createdAt,
      }));
    return shortlist(c.rules, input, pick);
  }

  private view(
    c: Campaign,
    s: { size: number; lines: ShortlistLine[]; working: string },
    done: { reason: string | null } | null,
  ): View {
    return {
      factorTenths: c.rules.shortlistFactorTenths,
      finalCount: c.rules.finalCount,
      size: s.size,
      working: s.working,
      lines: s.lines.map((l) => ({
        nominationId: l.nominationId,
        nomineeName: l.nomineeName,
        unitName: l.unitName,
        meanX100: l.meanX100,
        scores: l.scores,
        rank: l.rank,
        byRule: l.byRule,
        picked: l.picked,
      })),
      reason: done?.reason ?? null,
      done: done !== null,
    };
  }

  async get(ctx: RequestContext, campaignId: string): Promise<View> {
    const c = await this.campaigns.requireCampaign(ctx, 'vote.shortlist', campaignId);
    const done = await repo.findShortlist(this.p.db, campaignId);
    if (done) {
      const lines = JSON.parse(done.lines) as ShortlistLine[];
      return this.view(
        c,
        { size: lines.filter((l) => l.byRule).length, lines, working: (await this.lines(c)).working },
        done,
      );
    }
    return this.view(c, await this.lines(c), null);
  }

  async draw(ctx: RequestContext, campaignId: string, body: Body): Promise<View> {
    const c = await this.campaigns.requireCampaign(ctx, 'vote.shortlist', campaignId);
    if (c.state !== 'reviewing') throw conflict('vote.bad_state', 'the shortlist is drawn while reviewing');
    const byRule = await this.lines(c);
    const known = new Set(byRule.lines.map((l) => l.nominationId));
    if (body.pick) {
      const unknown = body.pick.find((id) => !known.has(id));
      if (unknown || new Set(body.pick).size !== body.pick.length || body.pick.length === 0) {
        throw invalid(
          'vote.shortlist_pick',
          'body.pick',
          'pick eligible nominees of this campaign, each once',
        );
      }
    }
    const s = body.pick ? await this.lines(c, body.pick) : byRule;
    const differs = s.lines.some((l) => l.picked !== l.byRule);
    if (differs && !body.reason?.trim()) {
      throw invalid('vote.reason_required', 'body.reason', 'say why the pick differs from the rule');
    }
    const picked = s.lines.filter((l) => l.picked);
    if (picked.length === 0)
      throw invalid('vote.shortlist_pick', 'body.pick', 'no eligible nominee to shortlist');
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      // The primary key on campaign_id: a second draw (a double click, a race) fails here.
      try {
        await repo.insertShortlist(trx, {
          campaignId,
          lines: JSON.stringify(s.lines),
          reason: body.reason?.trim() || null,
          decidedBy: ctx.actor.userId,
          decidedAt: at,
        });
      } catch {
        throw conflict('vote.bad_state', 'the shortlist is already drawn');
      }
      let number = 0;
      for (const l of s.lines) {
        const n = (await repo.findNomination(trx, l.nominationId))!;
        const ok = await repo.moveNomination(trx, n.id, null, ['eligible'], {
          state: l.picked ? 'candidate' : 'not_selected',
          updatedAt: at,
        });
        if (!ok) throw conflict('vote.stale', 'a nomination changed meanwhile; draw again');
        if (!l.picked) continue;
        number += 1;
        await candidates.insertCandidate(trx, {
          id: this.p.ids(),
          campaignId,
          nominationId: n.id,
          number,
          name: n.nomineeName,
          unitName: n.unitName,
          orgId: n.orgId,
          regionCode: n.regionCode,
          photoFileId: (await repo.latestPhoto(trx, n.id))?.id ?? null,
          story: n.story,
          state: 'active',
          version: 1,
          createdAt: at,
        });
      }
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'vote.shortlist',
        subjectType: 'vote_campaign',
        subjectId: campaignId,
        details: {
          byRule: !differs,
          reason: body.reason ?? null,
          candidates: picked.map((l) => l.nominationId),
          size: byRule.size,
        },
      });
    });
    return this.get(ctx, campaignId);
  }
}
