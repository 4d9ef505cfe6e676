import { useEffect, useState } from 'preact/hooks';

/**
 * The vote pages' router, small on purpose: the path under /v is matched against a few patterns;
 * links push history entries and every page listens to popstate.
 *
 *   /v                              campaigns
 *   /v/sign-in?next=…               worker sign-in (phone + code)
 *   /v/:campaign                    candidate list
 *   /v/:campaign/rules              rules page
 *   /v/:campaign/mine               my votes
 *   /v/:campaign/result             the published result with its working
 *   /v/:campaign/objections         objections during the notice (公示期异议) and my objections
 *   /v/:campaign/objections/:cand   the same, the objection about one candidate
 *   /v/:campaign/c/:candidate       candidate page
 *   /v/:campaign/c/:candidate/poster share poster with the QR code
 */
export type Route =
  | { page: 'home' }
  | { page: 'sign-in'; next: string }
  | { page: 'list'; campaignId: string }
  | { page: 'rules'; campaignId: string }
  | { page: 'mine'; campaignId: string }
  | { page: 'result'; campaignId: string }
  | { page: 'objections'; campaignId: string; candidateId: string | null }
  | { page: 'candidate'; campaignId: string; candidateId: string }
  | { page: 'poster'; campaignId: string; candidateId: string }
  | { page: 'not-found' };

/** Only our own /v pages may be a sign-in's next stop (no open redirect). */
export function safeNext(next: string | null): string {
  return next && /^\/v(\/[\w-]+)*\/?$/.test(next) ? next : '/v';
}

export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (parts[0] !== 'v') return { page: 'not-found' };
  const [, a, b, c, d, ...rest] = parts.map(decodeURIComponent);
  if (rest.length) return { page: 'not-found' };
  if (a === undefined) return { page: 'home' };
  if (a === 'sign-in' && b === undefined) {
    return { page: 'sign-in', next: safeNext(new URLSearchParams(search).get('next')) };
  }
  if (b === undefined) return { page: 'list', campaignId: a };
  if (b === 'rules' && c === undefined) return { page: 'rules', campaignId: a };
  if (b === 'mine' && c === undefined) return { page: 'mine', campaignId: a };
  if (b === 'result' && c === undefined) return { page: 'result', campaignId: a };
  if (b === 'objections' && d === undefined)
    return { page: 'objections', campaignId: a, candidateId: c ?? null };
  if (b === 'c' && c !== undefined && d === undefined)
    return { page: 'candidate', campaignId: a, candidateId: c };
  if (b === 'c' && c !== undefined && d === 'poster')
    return { page: 'poster', campaignId: a, candidateId: c };
  return { page: 'not-found' };
}

export const paths = {
  home: () => '/v',
  list: (campaignId: string) => `/v/${encodeURIComponent(campaignId)}`,
  rules: (campaignId: string) => `/v/${encodeURIComponent(campaignId)}/rules`,
  mine: (campaignId: string) => `/v/${encodeURIComponent(campaignId)}/mine`,
  result: (campaignId: string) => `/v/${encodeURIComponent(campaignId)}/result`,
  objections: (campaignId: string, candidateId?: string | null) =>
    `/v/${encodeURIComponent(campaignId)}/objections${candidateId ? `/${encodeURIComponent(candidateId)}` : ''}`,
  candidate: (campaignId: string, candidateId: string) =>
    `/v/${encodeURIComponent(campaignId)}/c/${encodeURIComponent(candidateId)}`,
  poster: (campaignId: string, candidateId: string) =>
    `/v/${encodeURIComponent(campaignId)}/c/${encodeURIComponent(candidateId)}/poster`,
  signIn: (next: string) => `/v/sign-in?next=${encodeURIComponent(next)}`,
};

export function navigate(to: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

/** A plain left click on one of our links navigates in the page; anything else the browser does. */
export function onLink(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a');
  const href = a?.getAttribute('href');
  if (!a || !href || !href.startsWith('/v') || a.target) return;
  e.preventDefault();
  navigate(href);
}

export function useRoute(): Route {
  const read = () => parseRoute(window.location.pathname, window.location.search);
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const update = () => setRoute(read());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}
