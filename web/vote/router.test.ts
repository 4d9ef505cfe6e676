import { describe, expect, it } from 'vitest';
import { parseRoute, paths, safeNext } from './router';

/** The vote pages' own router: each path under /v is one page, and sign-in goes back only to /v. */
describe('the vote pages router', () => {
  const c = '019af1c2-0000-7000-8000-000000000001';
  const k = '019af1c2-0000-7000-8000-0000000000aa';

  it('reads every page back from the path it builds', () => {
    expect(parseRoute(paths.home(), '')).toEqual({ page: 'home' });
    expect(parseRoute('/v/', '')).toEqual({ page: 'home' });
    expect(parseRoute(paths.list(c), '')).toEqual({ page: 'list', campaignId: c });
    expect(parseRoute(paths.rules(c), '')).toEqual({ page: 'rules', campaignId: c });
    expect(parseRoute(paths.mine(c), '')).toEqual({ page: 'mine', campaignId: c });
    expect(parseRoute(paths.result(c), '')).toEqual({ page: 'result', campaignId: c });
    expect(parseRoute(paths.candidate(c, k), '')).toEqual({
      page: 'candidate',
      campaignId: c,
      candidateId: k,
    });
    expect(parseRoute(paths.poster(c, k), '')).toEqual({ page: 'poster', campaignId: c, candidateId: k });
    expect(parseRoute(paths.objections(c), '')).toEqual({
      page: 'objections',
      campaignId: c,
      candidateId: null,
    });
    expect(parseRoute(paths.objections(c, k), '')).toEqual({
      page: 'objections',
      campaignId: c,
      candidateId: k,
    });
    const signIn = new URL(paths.signIn(paths.candidate(c, k)), 'http://x');
    expect(parseRoute(signIn.pathname, signIn.search)).toEqual({
      page: 'sign-in',
      next: paths.candidate(c, k),
    });
  });

  it('answers not-found for anything else', () => {
    expect(parseRoute('/m/help', '').page).toBe('not-found');
    expect(parseRoute(`/v/${c}/c`, '').page).toBe('not-found');
    expect(parseRoute(`/v/${c}/c/${k}/poster/x`, '').page).toBe('not-found');
    expect(parseRoute(`/v/${c}/other`, '').page).toBe('not-found');
    expect(parseRoute(`/v/${c}/objections/${k}/x`, '').page).toBe('not-found');
  });

  it('never sends a signed-in worker off the vote pages', () => {
    expect(safeNext('https://evil.example/v')).toBe('/v');
    expect(safeNext('//evil.example/v')).toBe('/v');
    expect(safeNext('/dashboard')).toBe('/v');
    expect(safeNext('/v/../dashboard')).toBe('/v');
    expect(safeNext(null)).toBe('/v');
    expect(safeNext(paths.mine(c))).toBe(paths.mine(c));
    // An objection's page (with its candidate) survives the sign-in round trip.
    expect(safeNext(paths.objections(c, k))).toBe(paths.objections(c, k));
  });
});
