/** @jsxImportSource preact */
import { useEffect } from 'preact/hooks';
import { post } from '../api';
import { api, useGet } from '../data';
import { navigate, paths } from '../router';
import type { Allowance, CandidateList, MyVotes } from '../types';
import { AllowanceLine } from '../vote-buttons';
import { beijing } from '../words';
import { Failed, Loading, type PageProps } from './common';

/** The worker's own votes in this campaign (the server answers only the session's own), newest first. */
export function MinePage({ campaignId, lang, say, me, refreshMe }: PageProps & { campaignId: string }) {
  const here = paths.mine(campaignId);
  const votes = useGet<MyVotes>(me ? api.myVotes(campaignId) : null);
  const allowance = useGet<Allowance>(me ? api.allowance(campaignId) : null);
  const list = useGet<CandidateList>(api.candidates(campaignId));
  useEffect(() => {
    if (me === null) navigate(paths.signIn(here), true);
  }, [me, here]);
  if (!me || votes.state === 'loading') return <Loading say={say} />;
  if (votes.state === 'error') return <Failed error={votes.error} lang={lang} say={say} />;
  const byId = new Map((list.state === 'ready' ? list.data.items : []).map((c) => [c.id, c]));
  const items = [...votes.data.items].sort((a, b) => b.castAt.localeCompare(a.castAt));
  const signOut = async () => {
    await post(api.signOut).catch(() => undefined);
    refreshMe();
    navigate(paths.list(campaignId), true);
  };
  return (
    <main class="v-page" id="main">
      <p class="v-links">
        <a class="v-link" href={paths.list(campaignId)}>
          ‹ {say('app.back')}
        </a>
      </p>
      <h1 class="v-title">{say('mine.title')}</h1>
      <p class="v-note" data-testid="mine-who">
        {say('mine.signedInAs', { phone: me.phoneMasked })}
        <br />
        {me.tier === 'member'
          ? say('mine.member', { name: me.memberName ?? '', unit: me.unitName ?? '' })
          : say('mine.public')}
      </p>
      {allowance.state === 'ready' && <AllowanceLine allowance={allowance.data} say={say} />}
      {items.length === 0 ? (
        <p class="v-note">{say('mine.none')}</p>
      ) : (
        <ul class="v-mine" data-testid="my-votes">
          {items.map((v, i) => {
            const c = byId.get(v.candidateId);
            return (
              <li key={`${v.candidateId}-${v.castAt}-${i}`}>
                <span class="v-mine-kind">{say(v.kind === 'vote' ? 'mine.vote' : 'mine.like')}</span>
                <a class="v-link" href={paths.candidate(campaignId, v.candidateId)}>
                  {say('list.number', { n: c?.number ?? v.candidateNumber ?? '' })}{' '}
                  {c?.name ?? v.candidateName ?? ''}
                </a>
                <span class="v-mine-at">{beijing(v.castAt)}</span>
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" class="v-btn" onClick={() => void signOut()} data-testid="worker-sign-out">
        {say('mine.signOut')}
      </button>
    </main>
  );
}
