/** @jsxImportSource preact */
import { api, useGet } from '../data';
import { paths } from '../router';
import type { PublicCampaign, PublicResult } from '../types';
import { beijing } from '../words';
import { Failed, Loading, type PageProps } from './common';

const score = (x100: number | null) => (x100 === null ? '—' : (x100 / 100).toFixed(2));

/**
 * The published result (公示): the ranking with both raw and cleaned votes, each score and how
 * it was computed by the campaign's frozen formula.
 */
export function ResultPage({ campaignId, lang, say, me }: PageProps & { campaignId: string }) {
  const campaign = useGet<PublicCampaign>(api.campaign(campaignId));
  const result = useGet<PublicResult>(api.result(campaignId));
  if (campaign.state === 'loading' || result.state === 'loading') return <Loading say={say} />;
  if (campaign.state === 'error') return <Failed error={campaign.error} lang={lang} say={say} />;
  if (result.state === 'error') return <Failed error={result.error} lang={lang} say={say} />;
  const r = result.data;
  const f = campaign.data.rules.formula;
  // 公示期: objections are taken while the notice is open (the server decides it, by the state).
  const noticeOpen = campaign.data.state === 'result_notice';
  return (
    <main class="v-page" id="main">
      <p class="v-links">
        <a class="v-link" href={paths.list(campaignId)}>
          ‹ {say('app.back')}
        </a>
      </p>
      <h1 class="v-title">
        {campaign.data.title} · {say('result.title')}
      </h1>
      <p class="v-note">{say('result.publishedAt', { at: beijing(r.publishedAt) })}</p>
      <p class="v-note">{say('rules.formula', { p: f.publicWeight, e: f.expertWeight })}</p>
      {noticeOpen && (
        <div class="v-window" data-testid="result-notice-open">
          <p class="v-story">
            {say('result.noticeOpen', { at: beijing(campaign.data.timeline.noticeCloses) })}
          </p>
          <a class="v-btn v-btn-primary" href={paths.objections(campaignId)} data-testid="result-object">
            {say('result.object')}
          </a>
        </div>
      )}
      {me && (noticeOpen || campaign.data.state === 'final') && (
        <p class="v-links">
          <a class="v-link" href={paths.objections(campaignId)} data-testid="result-my-objections">
            {say('result.myObjections')}
          </a>
        </p>
      )}
      <p class="v-story" data-testid="result-working">
        {r.working}
      </p>
      <ol class="v-cards v-result" data-testid="result-lines">
        {[...r.lines]
          .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
          .map((l) => (
            <li class="v-card" key={l.candidateId}>
              <p class="v-number">
                {say('result.rank', { n: l.rank ?? '—' })} ·{' '}
                {l.outcome === 'named'
                  ? say('result.named')
                  : l.outcome === 'nominated'
                    ? say('result.nominated')
                    : say('result.none')}
              </p>
              <p class="v-name">
                {say('list.number', { n: l.number })} {l.name}
              </p>
              <p class="v-unit">{l.unitName}</p>
              <dl class="v-dl">
                <dt>{say('result.raw')}</dt>
                <dd>{l.rawVotes ?? '—'}</dd>
                <dt>{say('result.clean')}</dt>
                <dd>{l.cleanVotes ?? '—'}</dd>
                <dt>{say('result.public')}</dt>
                <dd>{score(l.publicScoreX100)}</dd>
                <dt>{say('result.expert')}</dt>
                <dd>{score(l.expertMeanX100)}</dd>
                <dt>{say('result.combined')}</dt>
                <dd>
                  <strong>{score(l.combinedX100)}</strong>
                </dd>
              </dl>
              {noticeOpen && (
                <a
                  class="v-link"
                  href={paths.objections(campaignId, l.candidateId)}
                  data-testid={`result-object-${l.number}`}
                >
                  {say('result.objectAbout', { name: l.name })}
                </a>
              )}
            </li>
          ))}
      </ol>
    </main>
  );
}
