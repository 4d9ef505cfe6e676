/** @jsxImportSource preact */
import { useMemo, useState } from 'preact/hooks';
import { api, useGet, windowState } from '../data';
import { paths } from '../router';
import type { Allowance, CandidateList, PublicCampaign, PublicCandidate } from '../types';
import { AllowanceLine, VoteButtons } from '../vote-buttons';
import { beijing } from '../words';
import { Failed, Loading, type PageProps } from './common';

const EXCERPT = 60;
const excerpt = (story: string) => (story.length > EXCERPT ? `${story.slice(0, EXCERPT)}…` : story);

/** The candidate's photo, or the first character of the name on a coloured disc. */
export function Photo({
  campaignId,
  c,
  large = false,
}: {
  campaignId: string;
  c: { id: string; name: string; photoFileId: string | null };
  large?: boolean;
}) {
  const size = large ? 160 : 72;
  const cls = large ? 'v-photo v-photo-large' : 'v-photo';
  if (!c.photoFileId) {
    return (
      <span class={`${cls} v-photo-none`} aria-hidden="true">
        {c.name.slice(0, 1)}
      </span>
    );
  }
  return (
    <img
      class={cls}
      src={api.photo(campaignId, c.id)}
      alt={c.name}
      width={size}
      height={size}
      loading={large ? 'eager' : 'lazy'}
      decoding="async"
    />
  );
}

export function Totals({
  c,
  say,
}: {
  c: Pick<PublicCandidate, 'number' | 'votes' | 'likes'>;
  say: PageProps['say'];
}) {
  if (c.votes === undefined && c.likes === undefined) return null;
  return (
    <p class="v-totals" data-testid={`totals-${c.number}`}>
      {c.votes !== undefined && <span>{say('list.votes', { n: c.votes })}</span>}
      {c.likes !== undefined && <span>{say('list.likes', { n: c.likes })}</span>}
    </p>
  );
}

export function WindowLine({ campaign, say }: { campaign: PublicCampaign; say: PageProps['say'] }) {
  const w = windowState(campaign);
  return (
    <p class={`v-window v-window-${w}`} data-testid="vote-window">
      <strong>
        {say(w === 'voting' ? 'state.voting' : w === 'before' ? 'state.before' : 'state.after')}
      </strong>
      <span>
        {say('window.line', {
          from: beijing(campaign.timeline.votingOpens),
          to: beijing(campaign.timeline.votingCloses),
        })}
      </span>
    </p>
  );
}

/** The allowance of the signed-in worker in this campaign (refetched after each vote's answer). */
export function useAllowance(campaignId: string, signedIn: boolean) {
  const loaded = useGet<Allowance>(signedIn ? api.allowance(campaignId) : null);
  return {
    allowance: loaded.state === 'ready' ? loaded.data : undefined,
    setAllowance: (a: Allowance) => loaded.set?.(a),
  };
}

export function ListPage({ campaignId, lang, say, me }: PageProps & { campaignId: string }) {
  const campaign = useGet<PublicCampaign>(api.campaign(campaignId));
  const list = useGet<CandidateList>(api.candidates(campaignId));
  const { allowance, setAllowance } = useAllowance(campaignId, !!me);
  const [q, setQ] = useState('');
  const items = list.state === 'ready' ? list.data.items : [];
  const shown = useMemo(() => {
    const term = q.trim().toLowerCase();
    if (!term) return items;
    return items.filter(
      (c) =>
        String(c.number) === term ||
        c.name.toLowerCase().includes(term) ||
        c.unitName.toLowerCase().includes(term),
    );
  }, [items, q]);

  if (campaign.state === 'loading' || list.state === 'loading') return <Loading say={say} />;
  if (campaign.state === 'error') return <Failed error={campaign.error} lang={lang} say={say} />;
  if (list.state === 'error') return <Failed error={list.error} lang={lang} say={say} />;
  const c = campaign.data;
  const totalsShown = list.data.totalsShown;
  const here = paths.list(campaignId);

  return (
    <main class="v-page" id="main">
      <h1 class="v-title" data-testid="campaign-title">
        {c.title}
      </h1>
      <WindowLine campaign={c} say={say} />
      <p class="v-links">
        <a class="v-link" href={paths.rules(campaignId)} data-testid="rules-link">
          {say('list.rules')}
        </a>
        {c.resultPublished && (
          <a class="v-link" href={paths.result(campaignId)} data-testid="result-link">
            {say('result.title')}
          </a>
        )}
        {me && (
          <a class="v-link" href={paths.mine(campaignId)} data-testid="mine-link">
            {say('app.mine')}
          </a>
        )}
      </p>
      {me && allowance && <AllowanceLine allowance={allowance} say={say} />}
      {!me && me !== undefined && windowState(c) === 'voting' && (
        <p class="v-note">{say('allow.signInFirst')}</p>
      )}
      {!totalsShown && c.rules.showTotals === 'hidden' && <p class="v-note">{say('list.totalsHidden')}</p>}
      <label class="v-search">
        <span class="v-visually-hidden">{say('list.searchLabel')}</span>
        <input
          type="search"
          value={q}
          placeholder={say('list.search')}
          onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
          data-testid="candidate-search"
        />
      </label>
      <p class="v-count" aria-live="polite">
        {q.trim() ? say('list.found', { n: shown.length }) : say('list.count', { n: items.length })}
      </p>
      {shown.length === 0 && <p class="v-note">{say('list.none')}</p>}
      <ul class="v-cards">
        {shown.map((cand) => (
          <li class="v-card" key={cand.id} data-testid={`candidate-${cand.number}`}>
            <a class="v-card-head" href={paths.candidate(campaignId, cand.id)}>
              <Photo campaignId={campaignId} c={cand} />
              <span class="v-card-text">
                <span class="v-number">{say('list.number', { n: cand.number })}</span>
                <span class="v-name">{cand.name}</span>
                <span class="v-unit">{cand.unitName}</span>
              </span>
            </a>
            <p class="v-excerpt">{excerpt(cand.storyExcerpt)}</p>
            <Totals c={cand} say={say} />
            {windowState(c) === 'voting' && (
              <VoteButtons
                campaign={c}
                candidate={cand}
                me={me}
                allowance={allowance}
                onAllowance={setAllowance}
                lang={lang}
                say={say}
                here={here}
              />
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
