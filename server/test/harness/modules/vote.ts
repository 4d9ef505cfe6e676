/**
 * The vote's harness descriptor: campaigns, nominations, experts, candidates, ballots, integrity
 * and results under /api/vote, and the public (no sign-in) rules, candidate and result pages under
 * /api/public/vote.
 *
 * How vote records relate to the actor (policy.ts VOTE_POLICY): a campaign sits at its organising
 * federation (its staff reach it by jurisdiction); a unit union's cadre reaches every campaign of a
 * federation above the unit ('org' on the campaign means linked: the organiser and every
 * organisation under it, the units that may nominate); the experts assigned to a campaign reach it
 * and its nominations ('assigned': RecordRef.assignees). A nomination sits at its nominating unit.
 *
 * The set-up, through the API as the users who would: a campaign of 青铜峡 taking nominations (a
 * nomination by 迎新's cadre), one open for voting with candidates, an assigned expert, workers'
 * votes and a flag decided and appealed by the nominating unit, one whose result is published
 * (objections by staff and by a worker), and a campaign of 银川 taking nominations — the other
 * federation, whose canary must never show to anyone outside it.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { signInWorker } from '../../factories/membership';
import {
  advanceTo,
  campaignBody,
  campaignWithCandidates,
  castVote,
  createCampaign,
  flagDecidedAndAppealed,
  nominate,
  publishedCampaign,
  timelineIn,
} from '../../factories/vote';
import { Agent, signIn, type TestApp } from '../../test-app';
import type { HarnessDescriptor } from '../descriptor';
import { NO_HINT } from '../schema';
import { ancestry, orgById, tag, world, type RecordRef } from '../world';

/** A day in minutes. */
const DAY = 24 * 60;

/** Matrix records. */
const campaigns: RecordRef[] = [];
const nominations: RecordRef[] = [];
const files: RecordRef[] = [];
const objections: RecordRef[] = [];
const candidates: RecordRef[] = [];
const experts: RecordRef[] = [];
let voting: RecordRef | undefined;
let published: RecordRef | undefined;
let flagId = '';
let appealId = '';

/** Malformed-input records. */
const m = { campaign: '', nomination: '', file: '', objection: '', candidate: '', qtx: '', unit: '' };
let mStaff: Agent | undefined;
let mExpert: Agent | undefined;
let mCadre: Agent | undefined;

/** The organisation and every one under it, by the tree. */
const subtreeOf = (orgId: string) => [...orgById.keys()].filter((id) => ancestry(id).includes(orgId));

const idOf = (res: { statusCode: number; body: string }) => (JSON.parse(res.body) as { id: string }).id;

function campaignRef(t: TestApp, id: string, orgKey: string, label: string, assignees: string[]): RecordRef {
  const orgId = t.orgs.get(orgKey)!;
  const rec: RecordRef = { id, orgId, ownerId: null, linkedOrgIds: subtreeOf(orgId), assignees, label };
  campaigns.push(rec);
  return rec;
}

/** A campaign's nominations (and their first file) as matrix records: they sit at their unit. */
async function addNominations(t: TestApp, staff: Agent, campaign: RecordRef, ids: string[]) {
  for (const id of ids) {
    const res = await staff.get(`/api/vote/nominations/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const n = res.json() as { orgId: string; files?: { id: string }[] };
    const rec: RecordRef = {
      id,
      orgId: n.orgId,
      ownerId: null,
      assignees: campaign.assignees,
      parentId: campaign.id,
      label: `nomination in ${campaign.label}`,
    };
    nominations.push(rec);
    const file = n.files?.[0];
    if (file && !files.some((f) => f.parentId === campaign.id)) {
      files.push({ ...rec, id: file.id, label: `file of a nomination in ${campaign.label}` });
    }
  }
}

async function addCandidates(t: TestApp, staff: Agent, campaign: RecordRef) {
  const res = await staff.get(`/api/vote/campaigns/${campaign.id}/candidates`);
  expect(res.statusCode, res.body).toBe(200);
  for (const c of (res.json() as { items: { id: string; orgId: string }[] }).items) {
    candidates.push({
      id: c.id,
      orgId: c.orgId,
      ownerId: null,
      parentId: campaign.id,
      label: `candidate in ${campaign.label}`,
    });
  }
}

export const voteHarness = {
  name: 'vote',
  routes: ['/api/vote', '/api/public/vote'],
  needs: ['organisation'],
  matrix: {
    async setUp(t: TestApp) {
      const staff = await signIn(t, 'qtx_staff');
      const expert = await signIn(t, 'qtx_expert');
      const cadre = await signIn(t, 'yx_cadre');
      const ycStaff = await signIn(t, 'yc_staff');
      const expertId = t.users.get('qtx_expert')!;
      const canary = (rec: RecordRef, value: string) =>
        world.canaries.push({ value, rec, shows: ['vote_campaign'] });

      // 1. 青铜峡 takes nominations; 迎新's cadre nominates one of its people.
      const nomTitle = tag('qtx', 'vcn');
      const nomId = await createCampaign(t, staff, { title: nomTitle });
      await advanceTo(staff, nomId, 'nominating');
      const nomCampaign = campaignRef(t, nomId, 'qtx', 'qtx campaign taking nominations', []);
      canary(nomCampaign, nomTitle);
      await addNominations(t, staff, nomCampaign, [await nominate(t, cadre, nomId)]);

      // 2. 青铜峡 votes: candidates, the expert assigned, the voting window a few minutes ahead.
      const voteTitle = tag('qtx', 'vcv');
      const v = await campaignWithCandidates(t, staff, expert, 2, {
        title: voteTitle,
        timeline: timelineIn(t, [0, 1, 1, 2, 5 * DAY, 6 * DAY, 6 * DAY, 10 * DAY]),
      });
      voting = campaignRef(t, v.campaignId, 'qtx', 'qtx campaign voting', [expertId]);
      canary(voting, voteTitle);
      await addNominations(t, staff, voting, v.nominationIds);
      await addCandidates(t, staff, voting);

      // 3. 青铜峡's result is published (the notice is open); the expert was assigned to it too.
      const pubTitle = tag('qtx', 'vcp');
      const p = await publishedCampaign(t, staff, expert, 2, { title: pubTitle });
      published = campaignRef(t, p.campaignId, 'qtx', 'qtx campaign in its notice', [expertId]);
      canary(published, pubTitle);
      await addNominations(t, staff, published, p.nominationIds);
      await addCandidates(t, staff, published);
      const objected = await staff.post(`/api/vote/campaigns/${p.campaignId}/objections`, {
        candidateId: p.candidateIds[0],
        text: '候选人事迹与实际不符',
      });
      expect(objected.statusCode, objected.body).toBe(201);
      objections.push({
        id: idOf(objected),
        orgId: published.orgId,
        ownerId: null,
        parentId: published.id,
        label: 'objection in the qtx notice',
      });

      // 4. 银川 takes nominations for its bus company's union: the other federation.
      const ycTitle = tag('yinchuan', 'vcn');
      const ycId = await createCampaign(t, ycStaff, {
        ...campaignBody(t),
        orgId: t.orgs.get('yinchuan')!,
        title: ycTitle,
      });
      await advanceTo(ycStaff, ycId, 'nominating');
      const yc = campaignRef(t, ycId, 'yinchuan', 'yinchuan campaign taking nominations', []);
      canary(yc, ycTitle);
      await addNominations(t, ycStaff, yc, [
        await nominate(t, ycStaff, ycId, { orgId: t.orgs.get('yinchuan_bus'), unitName: '银川公交公司' }),
      ]);

      // A second expert, whom the matrix's allowed requests assign and revoke (qtx_expert's
      // assignments are what the oracle reads, so they must stay as set up).
      const spare = await world.admin!.post('/api/users', {
        orgId: t.orgs.get('qtx')!,
        username: 'vote_spare_expert',
        displayName: '备用专家',
        roles: ['expert'],
        password: world.password,
      });
      expect(spare.statusCode, spare.body).toBe(201);
      const spareId = (spare.json() as { user: { id: string } }).user.id;
      experts.push({ id: spareId, orgId: t.orgs.get('qtx')!, ownerId: spareId, label: 'an expert' });
      experts.push({
        id: t.users.get('qtx_staff')!,
        orgId: t.orgs.get('qtx')!,
        ownerId: t.users.get('qtx_staff')!,
        label: 'a user who is no expert',
      });

      // Voting opens: two workers vote; the organiser flags and discounts candidate 1's votes, and
      // 迎新 (its nominating unit) appeals.
      t.clock.advance(3 * 60_000);
      await advanceTo(staff, v.campaignId, 'voting');
      for (const phone of ['13700009911', '13700009912']) {
        const w = new Agent(t);
        await signInWorker(w, phone);
        expect(await castVote(w, v.campaignId, v.candidateIds[0]!)).toBe('counted');
      }
      ({ flagId, appealId } = await flagDecidedAndAppealed(staff, cadre, v.campaignId, v.candidateIds[0]!));
      // The matrix's public worker votes for candidate 2 and objects to the notice; a set-up worker
      // objects too: each worker's phone pages show their own and nobody else's.
      const own = world.workers.find((w) => w.label === 'public worker')!;
      expect(await castVote(own.agent, v.campaignId, v.candidateIds[1]!)).toBe('counted');
      const votes = (rec: RecordRef, value: string, worker: string) =>
        world.workerCanaries.push({ value, worker, rec, shows: ['worker_vote'] });
      votes(voting, v.candidateIds[1]!, own.label);
      votes(voting, v.candidateIds[0]!, 'set-up voter');
      const objector = new Agent(t);
      await signInWorker(objector, '13700009913');
      for (const [agent, worker] of [
        [own.agent, own.label],
        [objector, 'set-up objector'],
      ] as const) {
        const text = tag('qtx', 'wob');
        const res = await agent.post(`/api/vote/campaigns/${p.campaignId}/my-objections`, {
          candidateId: null,
          text,
        });
        expect(res.statusCode, res.body).toBe(201);
        world.workerCanaries.push({ value: text, worker, rec: published, shows: ['worker_objection'] });
      }
    },
    recordRoutes: {
      '/api/vote/campaigns/:id': { records: () => campaigns },
      // Flags and appeals are named in the path with the campaign: only the campaign they are in.
      '/api/vote/campaigns/:id/flags': { records: () => (voting ? [voting] : []) },
      '/api/vote/campaigns/:id/appeals': { records: () => (voting ? [voting] : []) },
      '/api/vote/nominations/:id': { records: () => nominations },
      '/api/vote/files/:id': { records: () => files },
      '/api/vote/objections/:id': { records: () => objections },
      '/api/public/vote/campaigns/:id': { records: () => campaigns },
      '/api/public/vote/candidates/:id': { records: () => candidates },
    },
    referenceTypes: {
      // A candidate or a nominee named in the body: one of the campaign in the path.
      voteCandidate: {
        records: () => candidates,
        allowed: (_p, _action, ref, anchor) => anchor !== null && ref.parentId === anchor.id,
      },
      voteNomination: {
        records: () => nominations,
        allowed: (_p, _action, ref, anchor) => anchor !== null && ref.parentId === anchor.id,
      },
      // Experts are outside reviewers: any user with the expert role may be assigned.
      voteExpert: {
        records: () => experts,
        allowed: (_p, _action, ref) => ref === experts[0],
      },
    },
    referenceFields: { candidateId: 'voteCandidate', nominationId: 'voteNomination', userId: 'voteExpert' },
    listShows: {
      'GET /api/vote/campaigns': ['vote_campaign'],
      // A worker's own (world.workerCanaries): the votes and today's, their objections.
      'GET /api/vote/campaigns/:id/my-votes': ['worker_vote'],
      'GET /api/vote/campaigns/:id/allowance': ['worker_vote'],
      'GET /api/vote/campaigns/:id/my-objections': ['worker_objection'],
    },
    // An upload says which kind of file it is in the query.
    listQuery: { 'POST /api/vote/nominations/:id/files': { kind: 'photo' } },
    hints: {
      // A flag names votes by a candidate, a time range or clusters: a time range, so that a
      // body naming a candidate (the reference under test) is the only candidate in it.
      criteria: (s) =>
        s.properties && 'from' in s.properties
          ? { from: '2026-06-01T00:00:00.000Z', to: '2026-06-30T00:00:00.000Z' }
          : NO_HINT,
      flagId: () => flagId,
      appealId: () => appealId,
    },
  },
  malformed: {
    needs: ['organisation'],
    async setUp(t, h) {
      mStaff = await h.throwaway('qtx_staff');
      mExpert = await h.throwaway('qtx_expert');
      mCadre = await h.throwaway('yx_cadre');
      m.qtx = t.orgs.get('qtx')!;
      m.unit = t.orgs.get('yingxin')!;
      m.campaign = await createCampaign(t, mStaff);
      await advanceTo(mStaff, m.campaign, 'nominating');
      m.nomination = await nominate(t, mCadre, m.campaign);
      const p = await publishedCampaign(t, mStaff, mExpert, 1);
      m.candidate = p.candidateIds[0]!;
      const n = (await mStaff.get(`/api/vote/nominations/${p.nominationIds[0]}`)).json() as {
        files: { id: string }[];
      };
      m.file = n.files[0]!.id;
      const o = await mStaff.post(`/api/vote/campaigns/${p.campaignId}/objections`, {
        candidateId: m.candidate,
        text: '异议',
      });
      expect(o.statusCode, o.body).toBe(201);
      m.objection = idOf(o);
    },
    recordPrefixes: {
      '/api/vote/campaigns/:id': { id: () => m.campaign, table: 'voteCampaign' },
      '/api/vote/nominations/:id': { id: () => m.nomination, table: 'voteNomination' },
      '/api/vote/files/:id': { id: () => m.file },
      '/api/vote/objections/:id': { id: () => m.objection },
      '/api/public/vote/campaigns/:id': { id: () => m.campaign },
      '/api/public/vote/candidates/:id': { id: () => m.candidate },
    },
    rawUploads: {
      '/api/vote/nominations/:id/files': { fileNameHeader: 'x-file-name', maxBytes: 5 * 1024 * 1024 },
    },
    drivers: () => [
      ...(mStaff ? [{ agent: mStaff, roles: ['federation_staff' as const] }] : []),
      ...(mExpert ? [{ agent: mExpert, roles: ['expert' as const] }] : []),
      ...(mCadre ? [{ agent: mCadre, roles: ['grassroots_cadre' as const] }] : []),
    ],
    hint(field, schema) {
      if (field === 'orgId') return m.qtx;
      if (field === 'candidateId') return m.candidate;
      if (field === 'nominationId') return m.nomination;
      if (field === 'criteria' && schema.properties && 'from' in schema.properties)
        return { candidateId: m.candidate };
      if (field === 'flagId' || field === 'appealId' || field === 'userId') return randomUUID();
      return NO_HINT;
    },
  },
} satisfies HarnessDescriptor;
