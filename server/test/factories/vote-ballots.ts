import type { CampaignBody } from '../../../contracts/vote';
import type { Agent, TestApp } from '../test-app';
import { advanceTo, createCampaign, dayFrom } from './vote';

/**
 * A campaign of 青铜峡市总工会 open for voting with `n` candidates (nominated by 迎新 and the
 * school's unions), the test clock moved to its first voting day. Candidates are written as the
 * shortlist writes them (vote-core's candidate rows), numbered 1..n.
 */
export async function votingCampaign(
  t: TestApp,
  staff: Agent,
  opts: { candidates?: number; over?: Partial<CampaignBody>; staffUser?: string } = {},
): Promise<{ campaignId: string; candidateIds: string[] }> {
  const campaignId = await createCampaign(t, staff, opts.over);
  await advanceTo(staff, campaignId, 'displaying');
  const candidateIds: string[] = [];
  const units = [
    { org: 'yingxin', unit: '迎新社区工会', region: '640381101' },
    { org: 'qtx_school', unit: '青铜峡市第一中学工会', region: '640381102' },
  ];
  const at = t.clock.now().toISOString();
  for (let i = 0; i < (opts.candidates ?? 4); i++) {
    const u = units[i % units.length];
    const id = t.platform.ids();
    const nominationId = t.platform.ids();
    await t.platform.db
      .insertInto('voteNomination')
      .values({
        id: nominationId,
        campaignId,
        orgId: t.orgs.get(u.org)!,
        source: 'unit',
        nomineeName: `候选人${i + 1}`,
        gender: i % 2 ? 'female' : 'male',
        idNumberEnc: t.platform.cipher.encrypt(`64038119800101${String(1000 + i)}`),
        idNumberBidx: t.platform.blindIndex('id_number', `nominee-${campaignId}-${i}`),
        unitName: u.unit,
        jobTitle: '一线职工',
        regionCode: u.region,
        story: `扎根一线二十年的劳动者 ${i + 1}`,
        achievements: '[]',
        state: 'candidate',
        reasons: '[]',
        submittedBy: 'factory',
        createdAt: at,
        updatedAt: at,
        version: 1,
      })
      .execute();
    await t.platform.db
      .insertInto('voteCandidate')
      .values({
        id,
        campaignId,
        nominationId,
        number: i + 1,
        name: `候选人${i + 1}`,
        unitName: u.unit,
        orgId: t.orgs.get(u.org)!,
        regionCode: u.region,
        photoFileId: null,
        story: `扎根一线二十年的劳动者 ${i + 1}`,
        state: 'active',
        version: 1,
        createdAt: at,
      })
      .execute();
    candidateIds.push(id);
  }
  const c = (await staff.get(`/api/vote/campaigns/${campaignId}`)).json() as {
    timeline: { votingOpens: string };
  };
  t.clock.set(new Date(Date.parse(c.timeline.votingOpens) + 60_000));
  // Days passed on the test clock: the staff session idled out; sign in again.
  await staff.login(opts.staffUser ?? 'qtx_staff');
  await advanceTo(staff, campaignId, 'voting');
  return { campaignId, candidateIds };
}

export { dayFrom };
