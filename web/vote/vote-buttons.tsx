/** @jsxImportSource preact */
import { useState } from 'preact/hooks';
import type { Lang } from '../i18n/core';
import { post, randomId, VoteError } from './api';
import { api } from './data';
import { paths } from './router';
import type { Allowance, PublicCampaign, VoteAnswer, WorkerMe } from './types';
import { errorText, type Say } from './words';

interface Props {
  campaign: PublicCampaign;
  candidate: { id: string; number: number; name: string; state?: string };
  me: WorkerMe | null | undefined;
  allowance: Allowance | undefined;
  onAllowance: (a: Allowance) => void;
  lang: Lang;
  say: Say;
  /** Where the sign-in page comes back to. */
  here: string;
}

type Message = { tone: 'ok' | 'limit' | 'error'; text: string };

/** A vote with one retry of the same request key when the network dropped: the first answer wins. */
async function cast(campaignId: string, candidateId: string, kind: 'vote' | 'like'): Promise<VoteAnswer> {
  const body = { candidateId, kind, requestKey: randomId() };
  try {
    return await post<VoteAnswer>(api.votes(campaignId), body);
  } catch (e) {
    if (e instanceof VoteError && e.code === 'client.network') {
      return post<VoteAnswer>(api.votes(campaignId), body);
    }
    throw e;
  }
}

/** The remaining allowance today, one line: 今日还可投 n 人 · 点赞 n 次. */
export function AllowanceLine({ allowance, say }: { allowance: Allowance; say: Say }) {
  return (
    <p class="v-allowance" data-testid="vote-allowance">
      <span>{say('allow.candidatesLeft', { n: allowance.votesLeft })}</span>
      <span aria-hidden="true"> · </span>
      <span>{say('allow.likesLeft', { n: allowance.likesLeft })}</span>
    </p>
  );
}

/**
 * 投票 and 点赞 for one candidate with what is left today; a clear line at each limit, for a
 * closed window and for a worker whose tier this campaign does not count.
 */
export function VoteButtons({ campaign, candidate, me, allowance, onAllowance, lang, say, here }: Props) {
  const [busy, setBusy] = useState<'vote' | 'like' | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const testId = `vote-${candidate.number}`;

  if (candidate.state === 'zeroed' || candidate.state === 'withdrawn') {
    return (
      <p class="v-msg v-msg-limit" data-testid={`${testId}-zeroed`}>
        {say('vote.candidate_zeroed')}
      </p>
    );
  }
  if (me === undefined) return null;
  if (me === null) {
    return (
      <a class="v-btn v-btn-primary" href={paths.signIn(here)} data-testid={`${testId}-sign-in`}>
        {say('vote.signInToVote')}
      </a>
    );
  }
  const voted = allowance?.votedToday.includes(candidate.id) ?? false;

  const tap = async (kind: 'vote' | 'like') => {
    setBusy(kind);
    setMessage(null);
    try {
      const answer = await cast(campaign.id, candidate.id, kind);
      onAllowance(answer.allowance);
      const rules = campaign.rules;
      if (answer.outcome === 'counted') {
        setMessage({ tone: 'ok', text: say(kind === 'vote' ? 'vote.counted' : 'vote.liked') });
      } else if (answer.outcome === 'already_today') {
        setMessage({ tone: 'limit', text: say('vote.already_today') });
      } else if (answer.outcome === 'cap_reached' && kind === 'like') {
        setMessage({ tone: 'limit', text: say('vote.likes_exhausted', { n: rules.likesPerDay }) });
      } else {
        setMessage({ tone: 'limit', text: say('vote.cap_reached', { n: rules.candidatesPerDay }) });
      }
    } catch (e) {
      const err = e instanceof VoteError ? e : new VoteError(0, 'client.network', 'Network error');
      setMessage({ tone: err.code.startsWith('vote.') ? 'limit' : 'error', text: errorText(lang, err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="v-vote">
      <div class="v-vote-buttons">
        <button
          type="button"
          class="v-btn v-btn-primary"
          disabled={busy !== null || voted}
          aria-label={
            voted
              ? `${say('allow.voted')} · ${candidate.name}`
              : say('vote.voteFor', { name: candidate.name })
          }
          onClick={() => void tap('vote')}
          data-testid={testId}
        >
          {voted ? say('allow.voted') : busy === 'vote' ? say('vote.sending') : say('vote.vote')}
        </button>
        <button
          type="button"
          class="v-btn"
          disabled={busy !== null || allowance?.likesLeft === 0}
          aria-label={say('vote.likeFor', { name: candidate.name })}
          onClick={() => void tap('like')}
          data-testid={`like-${candidate.number}`}
        >
          {busy === 'like' ? say('vote.sending') : say('vote.like')}
        </button>
      </div>
      <p
        class={`v-msg ${message ? `v-msg-${message.tone}` : 'v-msg-empty'}`}
        role="status"
        data-testid={`${testId}-message`}
      >
        {message?.text ?? ''}
      </p>
    </div>
  );
}
