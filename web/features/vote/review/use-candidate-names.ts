import { useMemo } from 'react';
import { useReviewCandidates } from './review-api';

/** `3号 王志刚` for a candidate id (the analytics and flags carry only ids); the id's tail while loading. */
export function useCandidateNames(campaignId: string, enabled = true): (id: string | null) => string {
  const candidates = useReviewCandidates(campaignId, enabled);
  return useMemo(() => {
    const byId = new Map((candidates.data?.items ?? []).map((c) => [c.id, `${c.number}号 ${c.name}`]));
    return (id) => (id === null ? '—' : (byId.get(id) ?? `…${id.slice(-6)}`));
  }, [candidates.data]);
}
