import type { Me } from '../../../../contracts/auth';
import type { CampaignState, VoteAction } from '../../../../contracts/vote';
import type { MessageKey } from '../../../app/messages';

/** The vote's actions are declared in contracts/vote.ts; these only shape the screen (the server decides). */
export const mayVote = (me: Me, action: VoteAction): boolean => me.actions.includes(action);
export const mayReadCampaigns = (me: Me) => mayVote(me, 'vote.campaign.read');
export const mayCreateCampaign = (me: Me) => mayVote(me, 'vote.campaign.create');
export const mayEditCampaign = (me: Me) => mayVote(me, 'vote.campaign.update');

export const CAMPAIGN_STATE_KEYS: Record<CampaignState, MessageKey> = {
  draft: 'voteSetup.state.draft',
  nominating: 'voteSetup.state.nominating',
  reviewing: 'voteSetup.state.reviewing',
  displaying: 'voteSetup.state.displaying',
  voting: 'voteSetup.state.voting',
  expert_review: 'voteSetup.state.expert_review',
  result_notice: 'voteSetup.state.result_notice',
  final: 'voteSetup.state.final',
  cancelled: 'voteSetup.state.cancelled',
};

export const CAMPAIGN_STATE_COLORS: Record<CampaignState, string> = {
  draft: 'default',
  nominating: 'blue',
  reviewing: 'cyan',
  displaying: 'geekblue',
  voting: 'green',
  expert_review: 'purple',
  result_notice: 'orange',
  final: 'success',
  cancelled: 'red',
};

export const KIND_KEYS: Record<'model_worker' | 'craftsman' | 'other', MessageKey> = {
  model_worker: 'voteSetup.kind.model_worker',
  craftsman: 'voteSetup.kind.craftsman',
  other: 'voteSetup.kind.other',
};

export type NominationState =
  'submitted' | 'eligible' | 'ineligible' | 'shortlisted' | 'candidate' | 'not_selected';

export const NOMINATION_STATE_KEYS: Record<NominationState, MessageKey> = {
  submitted: 'voteSetup.nstate.submitted',
  eligible: 'voteSetup.nstate.eligible',
  ineligible: 'voteSetup.nstate.ineligible',
  shortlisted: 'voteSetup.nstate.shortlisted',
  candidate: 'voteSetup.nstate.candidate',
  not_selected: 'voteSetup.nstate.not_selected',
};

export const NOMINATION_STATE_COLORS: Record<NominationState, string> = {
  submitted: 'blue',
  eligible: 'green',
  ineligible: 'red',
  shortlisted: 'cyan',
  candidate: 'gold',
  not_selected: 'default',
};

export const CANDIDATE_STATE_KEYS: Record<'active' | 'zeroed' | 'withdrawn', MessageKey> = {
  active: 'voteSetup.cstate.active',
  zeroed: 'voteSetup.cstate.zeroed',
  withdrawn: 'voteSetup.cstate.withdrawn',
};

/** A mean × 100 as shown (8650 → 86.50). */
export const formatMean = (x100: number | null): string => (x100 === null ? '—' : (x100 / 100).toFixed(2));
