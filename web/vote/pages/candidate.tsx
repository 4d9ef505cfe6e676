/** @jsxImportSource preact */
import { useState } from 'preact/hooks';
import { api, useGet, windowState } from '../data';
import { paths } from '../router';
import type { CandidateDetail, CandidateList, PublicCampaign } from '../types';
import { AllowanceLine, VoteButtons } from '../vote-buttons';
import { Failed, Loading, type PageProps } from './common';
import { Photo, Totals, useAllowance, WindowLine } from './list';

type Props = PageProps & { campaignId: string; candidateId: string };

/**
 * The candidate's page: its own answer (the whole story, its state) and the public list's line
 * for the totals, which the list alone shows or hides by the campaign's rule.
 */
function useCandidate(campaignId: string, candidateId: string) {
  const campaign = useGet<PublicCampaign>(api.campaign(campaignId));
  const detail = useGet<CandidateDetail>(api.candidate(campaignId, candidateId));
  const list = useGet<CandidateList>(api.candidates(campaignId));
  if (campaign.state === 'error') return { error: campaign.error };
  if (detail.state === 'error') return { error: detail.error };
  if (campaign.state !== 'ready' || detail.state !== 'ready') return {};
  const line = list.state === 'ready' ? list.data.items.find((c) => c.id === candidateId) : undefined;
  return {
    campaign: campaign.data,
    candidate: detail.data,
    totals: { number: detail.data.number, votes: line?.votes, likes: line?.likes },
  };
}

export function CandidatePage({ campaignId, candidateId, lang, say, me }: Props) {
  const { campaign, candidate, totals, error } = useCandidate(campaignId, candidateId);
  const { allowance, setAllowance } = useAllowance(campaignId, !!me);
  if (error) return <Failed error={error} lang={lang} say={say} />;
  if (!campaign || !candidate) return <Loading say={say} />;
  return (
    <main class="v-page" id="main">
      <p class="v-links">
        <a class="v-link" href={paths.list(campaignId)} data-testid="back-to-list">
          ‹ {say('app.back')}
        </a>
      </p>
      <article class="v-card v-card-page" data-testid="candidate-page">
        <Photo campaignId={campaignId} c={candidate} large />
        <p class="v-number">{say('list.number', { n: candidate.number })}</p>
        <h1 class="v-title">{candidate.name}</h1>
        <p class="v-unit">{candidate.unitName}</p>
        {totals && <Totals c={totals} say={say} />}
        <WindowLine campaign={campaign} say={say} />
        {me && allowance && <AllowanceLine allowance={allowance} say={say} />}
        {windowState(campaign) === 'voting' && (
          <VoteButtons
            campaign={campaign}
            candidate={candidate}
            me={me}
            allowance={allowance}
            onAllowance={setAllowance}
            lang={lang}
            say={say}
            here={paths.candidate(campaignId, candidateId)}
          />
        )}
        <h2 class="v-h2">{say('cand.story')}</h2>
        {candidate.story.split(/\n+/).map((para: string, i: number) => (
          <p class="v-story" key={i}>
            {para}
          </p>
        ))}
        <div class="v-vote-buttons">
          {campaign.state === 'result_notice' && (
            <a class="v-btn" href={paths.objections(campaignId, candidateId)} data-testid="candidate-object">
              {say('result.objectAbout', { name: candidate.name })}
            </a>
          )}
          <a class="v-btn" href={paths.poster(campaignId, candidateId)} data-testid="share-poster">
            {say('cand.share')}
          </a>
        </div>
      </article>
    </main>
  );
}

export function PosterPage({ campaignId, candidateId, lang, say }: Props) {
  const { campaign, candidate, error } = useCandidate(campaignId, candidateId);
  const [copied, setCopied] = useState(false);
  if (error) return <Failed error={error} lang={lang} say={say} />;
  if (!campaign || !candidate) return <Loading say={say} />;
  const link = `${window.location.origin}${paths.candidate(campaignId, candidateId)}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const canShare = typeof navigator.share === 'function';
  return (
    <main class="v-page" id="main">
      <p class="v-links">
        <a class="v-link" href={paths.candidate(campaignId, candidateId)}>
          ‹ {candidate.name}
        </a>
      </p>
      <section class="v-poster" data-testid="poster" aria-labelledby="poster-title">
        <p class="v-poster-campaign">{campaign.title}</p>
        <Photo campaignId={campaignId} c={candidate} large />
        <h1 class="v-poster-name" id="poster-title">
          {say('list.number', { n: candidate.number })} {candidate.name}
        </h1>
        <p class="v-unit">{candidate.unitName}</p>
        <img
          class="v-qr"
          src={api.qr(campaignId, candidateId)}
          width={200}
          height={200}
          alt={say('poster.qrAlt', { name: candidate.name })}
          data-testid="poster-qr"
        />
        <p class="v-poster-scan">{say('poster.scan')}</p>
        <p class="v-poster-link">{link}</p>
      </section>
      <p class="v-note">{say('poster.hint')}</p>
      <div class="v-vote-buttons">
        <button type="button" class="v-btn" onClick={() => void copy()} data-testid="poster-copy">
          {say('poster.copy')}
        </button>
        {canShare && (
          <button
            type="button"
            class="v-btn v-btn-primary"
            onClick={() =>
              void navigator.share({ title: campaign.title, text: candidate.name, url: link }).catch(() => {})
            }
          >
            {say('poster.shareNow')}
          </button>
        )}
      </div>
      <p class="v-msg v-msg-ok" role="status">
        {copied ? say('poster.copied') : ''}
      </p>
    </main>
  );
}
