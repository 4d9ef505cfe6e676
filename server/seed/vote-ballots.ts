import type { App } from '../app';
import { chinaDate } from '../platform/clock';
import type { Platform, RequestContext } from '../platform/platform';

/**
 * The demo campaign's raw votes (最美劳动者 2023): eleven days of voting with a plausible daily
 * curve, written through the ballot service's write path so that a recount equals the tally, and
 * one fraud case flagged, decided and appealed through the integrity service. Called by
 * `seedVote` (server/seed/vote.ts) after the candidates are set and before the result is computed.
 */
export interface VoteBallotsSeed {
  campaignId: string;
  candidateIds: readonly string[];
  /** Acting as a demo user (see `demoContexts`): the organiser flags and decides, the unit cadre appeals. */
  as: (username: string) => Promise<RequestContext>;
  /** Honest votes to cast (default DEMO_VOTES: 1% of the 6,000,000-vote campaign). */
  votes?: number;
  /** The organiser who flags and decides (default sx_staff). */
  organiser?: string;
  /** The nominating unit's cadre who appeals (default yx_cadre). */
  unitCadre?: string;
}

export interface VoteBallotsSummary {
  votes: number;
  likes: number;
  /** Presses not counted (already voted for that candidate that day, or the day's cap). */
  refused: number;
  workers: number;
  days: string[];
  burst: { candidateId: string; votes: number; devices: number } | null;
  flagId: string | null;
  appealed: boolean;
  /** Why part of it was left out (no past voting window, no unit cadre for a candidate). */
  notes: string[];
  ms: number;
}

/**
 * The demo's share of the 6,000,000-vote campaign: 1% (through the set-based write path
 * about 8 s of the first start; the whole campaign is `npm run bench -- votes --campaign 6000000`).
 */
export const DEMO_VOTES = 60_000;
const DAYS = 11;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** China is UTC+8 all year. */
const CHINA = 8 * HOUR;
/** Requests in flight at once: the group commit makes batches of them. */
const IN_FLIGHT = 512;

/** More votes on the first and last days (the launch, the final push). */
const DAY_WEIGHTS = [2.2, 1.5, 1.1, 0.9, 0.8, 0.75, 0.8, 0.9, 1.1, 1.5, 2.4];
/** Hours in China: quiet at night, a morning and lunch bump, the evening peak 19:00–22:00. */
const HOUR_WEIGHTS = [
  0.3, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.4, 1.1, 1.0, 1.1, 1.6, 1.3, 0.9, 0.9, 1.0, 1.2, 1.6, 2.4, 2.8,
  2.6, 1.8, 0.8,
];

/** A small deterministic PRNG (mulberry32): the same demo every time. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function picker(weights: readonly number[], rand: () => number): () => number {
  const cum: number[] = [];
  let s = 0;
  for (const w of weights) cum.push((s += w));
  return () => {
    const x = rand() * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Midnight in China (as a UTC instant) of the China day holding `t`. */
const chinaMidnight = (t: number) => Math.floor((t + CHINA) / DAY) * DAY - CHINA;

export async function seedVoteBallots(
  p: Platform,
  services: App['services'],
  seed: VoteBallotsSeed,
): Promise<VoteBallotsSummary> {
  const t0 = performance.now();
  const { ballots, integrity, candidates } = services.vote;
  const notes: string[] = [];
  const summary: VoteBallotsSummary = {
    votes: 0,
    likes: 0,
    refused: 0,
    workers: 0,
    days: [],
    burst: null,
    flagId: null,
    appealed: false,
    notes,
    ms: 0,
  };
  const done = () => ({ ...summary, ms: Math.round(performance.now() - t0) });
  ballots.forget(seed.campaignId);
  const campaign = await ballots.campaign(seed.campaignId);
  const views = new Map((await candidates.list(seed.campaignId)).map((c) => [c.id, c]));
  const active = seed.candidateIds.filter((id) => views.get(id)?.state === 'active');
  if (!active.length) {
    notes.push('no active candidate: no votes');
    return done();
  }

  // Eleven China days inside the voting window and before now (the latest ones when it is longer).
  const now = p.clock.now().getTime();
  const opens = campaign.votingOpens ? Date.parse(campaign.votingOpens) : -Infinity;
  const closes = Math.min(campaign.votingCloses ? Date.parse(campaign.votingCloses) : Infinity, now - 1000);
  const lastDay = chinaMidnight(closes - 1);
  const firstDay = Math.max(lastDay - (DAYS - 1) * DAY, chinaMidnight(Number.isFinite(opens) ? opens : -1));
  if (!(closes > opens) || !Number.isFinite(lastDay)) {
    notes.push('the voting window has not opened yet: no votes');
    return done();
  }
  const days = Math.round((lastDay - firstDay) / DAY) + 1;
  for (let d = 0; d < days; d++) summary.days.push(chinaDate(new Date(firstDay + d * DAY + 12 * HOUR)));
  // The weights of the days there are: first and last days heavier whatever the count.
  const dayWeights = Array.from({ length: days }, (_, d) =>
    days === 1 ? 1 : DAY_WEIGHTS[Math.round((d / (days - 1)) * (DAY_WEIGHTS.length - 1))],
  );

  const rand = prng(20230501);
  const pickDay = picker(dayWeights, rand);
  const pickHour = picker(HOUR_WEIGHTS, rand);
  // Candidates' popularity: a few favourites, a long tail.
  const pickCandidate = picker(
    active.map((_, i) => 1 / (1 + i * 0.35)),
    rand,
  );
  const lowest = Math.max(firstDay, Number.isFinite(opens) ? opens : firstDay);
  // An instant of day `d` at an hour of the curve, kept inside the window (it may open or close that day).
  const instant = (d: number): number => {
    const t = firstDay + d * DAY + pickHour() * HOUR + Math.floor(rand() * HOUR);
    return Math.min(Math.max(t, lowest), closes - 1);
  };

  const total = Math.max(0, Math.floor(seed.votes ?? DEMO_VOTES));
  // About six votes a worker over the campaign; members where members count.
  const workers = Math.max(1, Math.ceil(total / 6));
  summary.workers = workers;
  const tiers = campaign.rules.tiersCounted;
  const tierOf = (w: number): 'member' | 'public' =>
    tiers.includes('member') && (w % 10 < 7 || !tiers.includes('public')) ? 'member' : 'public';
  const workerIds = Array.from({ length: workers }, () => p.ids());
  const ua = [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) MicroMessenger/8.0.47',
    'Mozilla/5.0 (Linux; Android 13; V2241A) MicroMessenger/8.0.45',
    'Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00) MicroMessenger/8.0.44',
  ];
  const likeShare = campaign.rules.likesPerDay > 0 ? 0.2 : 0;
  let key = 0;
  const requestKey = () => `demo-${seed.campaignId.slice(-12)}-${(++key).toString(36).padStart(7, '0')}`;

  type Cast = Parameters<typeof ballots.castAsOf>;
  const queue: Cast[] = [];
  const flush = async () => {
    const answers = await Promise.all(queue.map((c) => ballots.castAsOf(...c)));
    queue.length = 0;
    for (const a of answers) {
      if (a.outcome !== 'counted') summary.refused++;
      else if (a.kind === 'vote') summary.votes++;
      else summary.likes++;
    }
  };
  const push = async (c: Cast) => {
    queue.push(c);
    if (queue.length >= IN_FLIGHT) await flush();
  };

  const presses = Math.round(total * (1 + likeShare));
  for (let i = 0; i < presses; i++) {
    const w = Math.floor(rand() * workers);
    await push([
      { workerId: workerIds[w], tier: tierOf(w), firstSeenAt: new Date(firstDay).toISOString() },
      seed.campaignId,
      {
        candidateId: active[pickCandidate()],
        kind: rand() < likeShare / (1 + likeShare) ? 'like' : 'vote',
        requestKey: requestKey(),
      },
      {
        ip: `10.${64 + (w % 32)}.${(w >> 5) & 255}.${w % 251}`,
        userAgent: ua[w % ua.length],
        deviceId: `d-${w.toString(36)}`,
      },
      new Date(instant(pickDay())),
    ]);
  }
  await flush();

  // The fraud case: a burst for one candidate from a cluster of five devices, on the evening of
  // the second-last day — new accounts, a vote every ~1.5 s.
  const cadreName = seed.unitCadre ?? 'yx_cadre';
  const cadre = await seed.as(cadreName).catch(() => null);
  const target =
    (cadre && active.find((id) => views.get(id)?.orgId === cadre.actor.orgId)) ?? active[active.length - 1];
  if (!cadre || views.get(target)?.orgId !== cadre.actor.orgId) {
    notes.push(`no candidate of ${cadreName}'s unit: the flag is not appealed`);
  }
  const burstDay = Math.max(0, days - 2);
  let burstAt = firstDay + burstDay * DAY + 21 * HOUR + 7 * 60_000;
  if (burstAt >= closes || burstAt < opens) burstAt = Math.max(opens, closes - 10 * 60_000);
  const farm = Array.from({ length: 5 }, (_, i) => `farm-${i + 1}`);
  const farmUa = 'Mozilla/5.0 (Linux; Android 10; M2006C3LC) MicroMessenger/8.0.30';
  const burstVotes = Math.max(20, Math.min(180, Math.round(total / 400)));
  const from = new Date(burstAt).toISOString();
  for (let i = 0; i < burstVotes; i++) {
    const at = Math.min(burstAt + i * 1500, closes - 1);
    await push([
      { workerId: p.ids(), tier: tiers.includes('public') ? 'public' : 'member', firstSeenAt: from },
      seed.campaignId,
      { candidateId: target, kind: 'vote', requestKey: requestKey() },
      { ip: `223.104.${i % 3}.17`, userAgent: farmUa, deviceId: farm[i % farm.length] },
      new Date(at),
    ]);
  }
  await flush();
  const to = new Date(Math.min(burstAt + burstVotes * 1500, closes)).toISOString();
  summary.burst = { candidateId: target, votes: burstVotes, devices: farm.length };

  const organiserName = seed.organiser ?? 'sx_staff';
  const organiser = await seed.as(organiserName).catch(() => null);
  if (!organiser) {
    notes.push(`${organiserName} is not a demo user: the burst is not flagged`);
    return done();
  }
  const name = views.get(target)?.name ?? '';
  const flag = await integrity.createFlag(organiser, seed.campaignId, {
    criteria: {
      candidateId: target,
      from,
      to,
      deviceHashes: farm.map((d) => p.blindIndex('device', `${farmUa}|${d}`)),
    },
    evidence:
      `${chinaDate(new Date(burstAt))} 21:07 起约 ${Math.round((burstVotes * 1.5) / 60)} 分钟内，` +
      `${farm.length} 台设备、${burstVotes} 个当晚新注册的账号为候选人${name}投出 ${burstVotes} 票，` +
      '每票间隔约 1.5 秒，远高于该候选人平时每分钟的票数；同一 IP 段。' +
      ' / A burst of new accounts from five devices, one vote every 1.5 s.',
  });
  summary.flagId = flag.id;
  await integrity.decideFlag(organiser, seed.campaignId, flag.id, {
    decision: 'discount',
    reason:
      '设备聚集、间隔异常，认定为刷票，相关选票不计入有效票 / Device cluster at inhuman rates: discounted',
    version: flag.version,
  });
  if (cadre && views.get(target)?.orgId === cadre.actor.orgId) {
    await integrity.appeal(cadre, seed.campaignId, flag.id, {
      text: '这些票来自同一车间的工友，当晚班组会后用班组的几部手机集中投票，请组织方复核。',
    });
    summary.appealed = true;
  }
  return done();
}
