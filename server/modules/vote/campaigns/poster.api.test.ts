import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceTo, createCampaign } from '../../../test/factories/vote';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/test-app';

let t: TestApp;
let staff: Agent;
let campaignId: string;
let draftId: string;
const candidateId = '019af000-0000-7000-8000-00000000c001';

/**
 * A candidate row as the shortlist writes it (the nominations' routes build it in their own
 * tests; here only the public pages read it).
 */
async function seedCandidate(campaign: string, id: string, number: number): Promise<void> {
  const now = new Date().toISOString();
  const orgId = t.orgs.get('qtx')!;
  const nominationId = id.replace(/c(\d{3})$/, 'n$1');
  await t.platform.db
    .insertInto('voteNomination')
    .values({
      id: nominationId,
      campaignId: campaign,
      orgId,
      source: 'unit',
      nomineeName: '王建国',
      gender: 'male',
      idNumberEnc: 'x',
      idNumberBidx: `bidx-${id}`,
      unitName: '青铜峡铝业',
      jobTitle: '电解工',
      regionCode: '640381',
      story: '扎根一线三十年。\n带领班组攻克难题。',
      achievements: '',
      state: 'candidate',
      reasons: '[]',
      submittedBy: 'seed',
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .execute();
  await t.platform.db
    .insertInto('voteCandidate')
    .values({
      id,
      campaignId: campaign,
      nominationId,
      number,
      name: '王建国',
      unitName: '青铜峡铝业',
      orgId,
      regionCode: '640381',
      photoFileId: null,
      story: '扎根一线三十年。\n带领班组攻克难题。',
      state: 'active',
      createdAt: now,
      version: 1,
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await signIn(t, 'qtx_staff');
  campaignId = await createCampaign(t, staff);
  await advanceTo(staff, campaignId, 'nominating');
  await seedCandidate(campaignId, candidateId, 1);
  draftId = await createCampaign(t, staff, { title: '草稿活动' });
  await seedCandidate(draftId, '019af000-0000-7000-8000-00000000c002', 1);
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { host: 'vote.example.cn' } });

describe('the public candidate page and its share poster', () => {
  it('shows one candidate with the whole story and no totals, cacheable, with no sign-in', async () => {
    const res = await get(`/api/public/vote/campaigns/${campaignId}/candidates/${candidateId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    expect(res.json()).toEqual({
      id: candidateId,
      campaignId,
      number: 1,
      name: '王建国',
      unitName: '青铜峡铝业',
      photoFileId: null,
      story: '扎根一线三十年。\n带领班组攻克难题。',
      state: 'active',
    });
  });

  it('draws the QR code of the candidate’s phone page as SVG', async () => {
    const res = await get(`/api/public/vote/campaigns/${campaignId}/candidates/${candidateId}/qr.svg`);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^image\/svg\+xml/);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.body).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(res.body).toContain('<path');
  });

  it('answers 404 for an unknown candidate, another campaign’s, or a draft campaign’s', async () => {
    const unknown = '019af000-0000-7000-8000-00000000ffff';
    for (const url of [
      `/api/public/vote/campaigns/${campaignId}/candidates/${unknown}`,
      `/api/public/vote/campaigns/${campaignId}/candidates/${unknown}/qr.svg`,
      `/api/public/vote/campaigns/${draftId}/candidates/019af000-0000-7000-8000-00000000c002`,
      `/api/public/vote/campaigns/${draftId}/candidates/019af000-0000-7000-8000-00000000c002/qr.svg`,
      `/api/public/vote/campaigns/${draftId}/candidates/${candidateId}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(String(res.headers['content-type']), url).toMatch(/problem\+json/);
    }
  });

  it('names the field of a malformed id', async () => {
    const res = await get(`/api/public/vote/campaigns/${campaignId}/candidates/${'x'.repeat(65)}/qr.svg`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['params.candidateId']);
  });
});
