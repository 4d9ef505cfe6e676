/** @jsxImportSource preact */
import { api, useGet } from '../data';
import { paths } from '../router';
import type { PublicCampaign } from '../types';
import { beijing } from '../words';
import { Failed, Loading, type PageProps } from './common';

/** The campaign's published rules, in words a worker reads (frozen when voting opens). */
export function RulesPage({ campaignId, lang, say }: PageProps & { campaignId: string }) {
  const loaded = useGet<PublicCampaign>(api.campaign(campaignId));
  if (loaded.state === 'loading') return <Loading say={say} />;
  if (loaded.state === 'error') return <Failed error={loaded.error} lang={lang} say={say} />;
  const c = loaded.data;
  const r = c.rules;
  const t = c.timeline;
  const range = (from?: string, to?: string) =>
    from && to ? say('rules.range', { from: beijing(from), to: beijing(to) }) : '—';
  const organisers = [c.organiser, ...c.coOrganisers].filter(Boolean).join('、');
  return (
    <main class="v-page" id="main">
      <p class="v-links">
        <a class="v-link" href={paths.list(campaignId)}>
          ‹ {say('app.back')}
        </a>
      </p>
      <h1 class="v-title">
        {c.title} · {say('rules.title')}
      </h1>
      {c.summary && <p class="v-story">{c.summary}</p>}
      {organisers && (
        <p class="v-story">
          <strong>{say('rules.organisers')}：</strong>
          {organisers}
        </p>
      )}
      <h2 class="v-h2">{say('rules.timeline')}</h2>
      <dl class="v-dl" data-testid="rules-timeline">
        <dt>{say('rules.nomination')}</dt>
        <dd>{range(t.nominationOpens, t.nominationCloses)}</dd>
        <dt>{say('rules.voting')}</dt>
        <dd>{range(t.votingOpens, t.votingCloses)}</dd>
        <dt>{say('rules.expert')}</dt>
        <dd>{range(t.votingCloses, t.expertReviewCloses)}</dd>
        <dt>{say('rules.notice')}</dt>
        <dd>{range(t.noticeOpens, t.noticeCloses)}</dd>
      </dl>
      <h2 class="v-h2">{say('rules.how')}</h2>
      <ul class="v-rules" data-testid="rules-list">
        <li>{say('rules.perCandidate', { n: r.votesPerCandidatePerDay })}</li>
        <li>{say('rules.perDay', { n: r.candidatesPerDay })}</li>
        <li>{say('rules.likes', { n: r.likesPerDay })}</li>
        <li>{say('rules.day')}</li>
        <li>{say(r.tiersCounted.includes('public') ? 'rules.tiersAll' : 'rules.tiersMember')}</li>
        <li>{say(r.showTotals === 'live' ? 'rules.totalsLive' : 'rules.totalsHidden')}</li>
        <li>{say('rules.formula', { p: r.formula.publicWeight, e: r.formula.expertWeight })}</li>
        <li>{say(r.formula.normalisation === 'max' ? 'rules.normMax' : 'rules.normShare')}</li>
        <li>{say('rules.final', { f: r.finalCount, n: r.nominatedCount })}</li>
        <li>{say(r.zeroOnConfirmedFraud ? 'rules.fraud' : 'rules.fair')}</li>
      </ul>
    </main>
  );
}
