import type { Transaction } from 'kysely';
import type { Allowance, CastOutcome } from '../../../../contracts/vote-ballots';
import type { Database } from '../../../db/schema';
import { ALONE, type BatchScope, type BatchSet, type SetAnswer } from '../../../platform/batch';
import { conflict } from '../../../platform/errors';
import * as repo from './ballot.repository';
import type { TallyDelta, VoterDayKey } from './ballot.repository';

/** One vote or like to write: its row, and its campaign's daily caps. */
export interface CastItem {
  row: repo.BallotRow;
  kind: 'vote' | 'like';
  caps: { votes: number; likes: number };
}

/** The first answer of a request, read in the transaction that wrote (or found) it. */
export interface CastResult {
  outcome: CastOutcome;
  day: string;
  replayed: boolean;
  candidateId: string;
  allowance: Allowance;
}

type Tx = Transaction<Database>;

export function allowanceOf(
  caps: { votes: number; likes: number },
  day: string,
  used: { candidates: number; likes: number } | undefined,
  voted: string[],
): Allowance {
  return {
    day,
    votesLeft: Math.max(0, caps.votes - Number(used?.candidates ?? 0)),
    likesLeft: Math.max(0, caps.likes - Number(used?.likes ?? 0)),
    votesPerDay: caps.votes,
    likesPerDay: caps.likes,
    votedToday: voted,
  };
}

const keyOf = (k: VoterDayKey) => `${k.campaignId}|${k.workerId}|${k.day}`;
const tableOf = (kind: 'vote' | 'like') => (kind === 'vote' ? 'voteBallot' : 'voteLike');
const reused = () => conflict('vote.request_key_reused', 'that request key belongs to another request');

function tallyKey(r: repo.BallotRow): string {
  return `${r.campaignId}|${r.candidateId}|${r.day}|${r.tier}`;
}

function addTally(acc: Map<string, TallyDelta>, row: repo.BallotRow, kind: 'vote' | 'like'): void {
  const k = tallyKey(row);
  const d = acc.get(k) ?? {
    campaignId: row.campaignId,
    candidateId: row.candidateId,
    day: row.day,
    tier: row.tier,
    votes: 0,
    likes: 0,
  };
  if (kind === 'vote') d.votes++;
  else d.likes++;
  acc.set(k, d);
}

/**
 * The vote's write path as a set of the group commit (S7b point 6). A batch's votes and likes are
 * written together — one guarded multi-row insert per table, one conditional upsert of the caps
 * for all (worker, day) groups, one tally upsert, and a few reads for the answers: about eight
 * statements for the whole batch instead of four or five per request. The rules are the
 * database's as before: the unique indexes (one vote per worker, candidate and day; one answer per
 * request key) and the caps' conditional upsert (a group is counted only when all of it fits).
 *
 * What the set cannot decide for all at once goes ALONE to `one` — the same rules, one request at
 * a time in its own savepoint: a request key seen twice in the batch (after the first), a group
 * over its cap (its rows are taken back first, then each is counted or refused in order), a
 * request of such a group's worker and day that was not written, a refusal another writer stored
 * first.
 */
export const castSet: BatchSet<CastItem, CastResult> = {
  async many(trx, items) {
    const answers: (SetAnswer<CastResult> | undefined)[] = new Array(items.length);
    // A repeated request key waits for its first one (it is then a replay, decided alone).
    const seenKeys = new Set<string>();
    const live: number[] = [];
    items.forEach((it, i) => {
      if (seenKeys.has(it.row.requestKey) || (it.kind === 'vote' ? it.caps.votes : it.caps.likes) <= 0) {
        answers[i] = ALONE;
      } else {
        seenKeys.add(it.row.requestKey);
        live.push(i);
      }
    });

    // 1. The guarded inserts: written, or not (a key with an answer, or already voted today).
    const written = new Set<number>();
    for (const kind of ['vote', 'like'] as const) {
      const idx = live.filter((i) => items[i].kind === kind);
      if (!idx.length) continue;
      const ids = await repo.insertBallotsGuarded(
        trx,
        tableOf(kind),
        idx.map((i) => items[i].row),
      );
      for (const i of idx) if (ids.has(items[i].row.id)) written.add(i);
    }

    // 2. The caps: each (worker, day) group of written rows counted whole, or sent alone.
    const groups = new Map<string, { key: VoterDayKey; votes: number; likes: number; idx: number[] }>();
    const capsOf = new Map<string, { votes: number; likes: number }>();
    for (const i of written) {
      const { row, kind, caps } = items[i];
      const k = keyOf(row);
      const g = groups.get(k) ?? {
        key: { campaignId: row.campaignId, workerId: row.workerId, day: row.day },
        votes: 0,
        likes: 0,
        idx: [],
      };
      if (kind === 'vote') g.votes++;
      else g.likes++;
      g.idx.push(i);
      groups.set(k, g);
      capsOf.set(k, caps);
    }
    const used = new Map<string, { votes: number; likes: number; candidates: number }>();
    const overCap = new Set<string>();
    // One upsert per distinct pair of caps (in practice one campaign: one statement).
    const byCaps = new Map<string, { caps: { votes: number; likes: number }; keys: string[] }>();
    for (const [k, g] of groups) {
      const caps = capsOf.get(k)!;
      if (g.votes > caps.votes || g.likes > caps.likes) {
        overCap.add(k);
        continue;
      }
      const c = `${caps.votes}|${caps.likes}`;
      const e = byCaps.get(c) ?? { caps, keys: [] };
      e.keys.push(k);
      byCaps.set(c, e);
    }
    for (const { caps, keys } of byCaps.values()) {
      const rows = await repo.bumpVoterDays(
        trx,
        keys.map((k) => ({
          ...groups.get(k)!.key,
          votes: groups.get(k)!.votes,
          likes: groups.get(k)!.likes,
        })),
        caps,
      );
      for (const r of rows) used.set(keyOf(r), r);
      for (const k of keys) if (!used.has(k)) overCap.add(k);
    }
    if (overCap.size) {
      for (const kind of ['vote', 'like'] as const) {
        const ids: string[] = [];
        for (const k of overCap) {
          for (const i of groups.get(k)!.idx) if (items[i].kind === kind) ids.push(items[i].row.id);
        }
        if (ids.length) await repo.deleteBallots(trx, tableOf(kind), ids);
      }
      for (const k of overCap) for (const i of groups.get(k)!.idx) answers[i] = ALONE;
    }

    // 3. Not written: the key's first answer, else already voted for that candidate today.
    const notWritten: number[] = [];
    for (const i of live) {
      if (written.has(i)) continue;
      // A request of a worker and day decided alone is decided alone too (in arrival order).
      if (overCap.has(keyOf(items[i].row))) answers[i] = ALONE;
      else notWritten.push(i);
    }
    const replays = new Map<
      number,
      { workerId: string; outcome: CastOutcome; day: string; candidateId: string }
    >();
    const toRefuse: number[] = [];
    if (notWritten.length) {
      const keys = notWritten.map((i) => items[i].row.requestKey);
      const counted = new Map<string, { workerId: string; candidateId: string; day: string }>();
      for (const kind of ['vote', 'like'] as const) {
        const own = notWritten.filter((i) => items[i].kind === kind).map((i) => items[i].row.requestKey);
        if (!own.length) continue;
        for (const r of await repo.findByRequestKeys(trx, tableOf(kind), own))
          counted.set(`${kind}|${r.requestKey}`, r);
      }
      const refused = new Map((await repo.findRefusals(trx, keys)).map((r) => [r.requestKey, r]));
      for (const i of notWritten) {
        const { row, kind } = items[i];
        const c = counted.get(`${kind}|${row.requestKey}`);
        const f = refused.get(row.requestKey);
        if (c) replays.set(i, { ...c, outcome: 'counted' });
        else if (f) replays.set(i, { ...f, outcome: f.outcome as CastOutcome });
        else if (kind === 'like') answers[i] = { ok: false, error: reused() };
        else toRefuse.push(i);
      }
      for (const [i, r] of replays) {
        if (r.workerId !== items[i].row.workerId) {
          answers[i] = { ok: false, error: reused() };
          replays.delete(i);
        }
      }
    }
    if (toRefuse.length) {
      const stored = await repo.insertRefusals(
        trx,
        toRefuse.map((i) => {
          const { row, kind } = items[i];
          return {
            requestKey: row.requestKey,
            campaignId: row.campaignId,
            workerId: row.workerId,
            candidateId: row.candidateId,
            kind,
            outcome: 'already_today',
            day: row.day,
            at: row.castAt,
          };
        }),
      );
      // Another writer answered that key first: decided alone, against what it stored.
      for (const i of toRefuse) if (!stored.has(items[i].row.requestKey)) answers[i] = ALONE;
    }

    // 4. The answers' allowances: the caps' rows and the day's voted candidates, one read each.
    const need = new Map<string, VoterDayKey>();
    const dayKeyOf = (i: number) => {
      const { row } = items[i];
      const day = replays.get(i)?.day ?? row.day;
      return { campaignId: row.campaignId, workerId: row.workerId, day };
    };
    const decided = live.filter((i) => answers[i] === undefined);
    for (const i of decided) {
      const k = dayKeyOf(i);
      need.set(keyOf(k), k);
    }
    const missing = [...need.entries()].filter(([k]) => !used.has(k)).map(([, v]) => v);
    const read = missing.length ? await repo.voterDays(trx, missing) : new Map();
    const voted = need.size
      ? await repo.votedCandidatesOf(trx, [...need.values()])
      : new Map<string, string[]>();
    const tally = new Map<string, TallyDelta>();
    for (const i of decided) {
      const { row, kind, caps } = items[i];
      const k = keyOf(dayKeyOf(i));
      const allowance = allowanceOf(caps, dayKeyOf(i).day, used.get(k) ?? read.get(k), voted.get(k) ?? []);
      const replay = replays.get(i);
      if (written.has(i)) {
        addTally(tally, row, kind);
        answers[i] = {
          ok: true,
          value: {
            outcome: 'counted',
            day: row.day,
            replayed: false,
            candidateId: row.candidateId,
            allowance,
          },
        };
      } else if (replay) {
        answers[i] = {
          ok: true,
          value: {
            outcome: replay.outcome,
            day: replay.day,
            replayed: true,
            candidateId: replay.candidateId,
            allowance,
          },
        };
      } else {
        answers[i] = {
          ok: true,
          value: {
            outcome: 'already_today',
            day: row.day,
            replayed: false,
            candidateId: row.candidateId,
            allowance,
          },
        };
      }
    }
    if (tally.size) await repo.addToTally(trx, [...tally.values()]);
    return answers.map((a) => a ?? ALONE);
  },

  one: castOne,
};

/**
 * One request alone, in its own savepoint: the guarded insert, the conditional cap upsert, a
 * refusal row when not counted; the answer's allowance read in the same transaction.
 */
async function castOne(trx: Tx, item: CastItem, scope: BatchScope): Promise<CastResult> {
  const { row, kind, caps } = item;
  const table = tableOf(kind);
  const cap = kind === 'vote' ? caps.votes : caps.likes;
  const inserted = await repo.insertBallotGuarded(trx, table, row);
  if (inserted) {
    const used = await repo.bumpVoterDay(
      trx,
      { campaignId: row.campaignId, workerId: row.workerId, day: row.day },
      kind,
      cap,
    );
    if (used) {
      scope.share<Map<string, TallyDelta>>(
        'vote_tally',
        () => new Map(),
        (acc) => addTally(acc, row, kind),
        (t, acc) => repo.addToTally(t, [...acc.values()]),
      );
      const voted = await repo.votedCandidates(trx, row.campaignId, row.workerId, row.day);
      return {
        outcome: 'counted',
        day: row.day,
        replayed: false,
        candidateId: row.candidateId,
        allowance: allowanceOf(caps, row.day, used, voted),
      };
    }
    await repo.deleteBallot(trx, table, row.id);
    return refuse(trx, row, kind, 'cap_reached', caps);
  }
  // Not written: the key's first answer (counted or refused), or already voted today.
  const counted = await repo.findByRequestKey(trx, table, row.requestKey);
  if (counted) return replay(trx, row, counted.workerId, 'counted', counted.day, counted.candidateId, caps);
  const refused = await repo.findRefusal(trx, row.requestKey);
  if (refused) {
    return replay(
      trx,
      row,
      refused.workerId,
      refused.outcome as CastOutcome,
      refused.day,
      refused.candidateId,
      caps,
    );
  }
  // Likes have no per-candidate rule: not written means its key is another kind's.
  if (kind === 'like') throw reused();
  return refuse(trx, row, kind, 'already_today', caps);
}

async function replay(
  trx: Tx,
  row: repo.BallotRow,
  workerId: string,
  outcome: CastOutcome,
  day: string,
  candidateId: string,
  caps: { votes: number; likes: number },
): Promise<CastResult> {
  if (workerId !== row.workerId) throw reused();
  const allowance = await allowanceIn(trx, caps, row.campaignId, row.workerId, day);
  return { outcome, day, replayed: true, candidateId, allowance };
}

async function refuse(
  trx: Tx,
  row: repo.BallotRow,
  kind: 'vote' | 'like',
  outcome: 'already_today' | 'cap_reached',
  caps: { votes: number; likes: number },
): Promise<CastResult> {
  const stored = await repo.insertRefusal(trx, {
    requestKey: row.requestKey,
    campaignId: row.campaignId,
    workerId: row.workerId,
    candidateId: row.candidateId,
    kind,
    outcome,
    day: row.day,
    at: row.castAt,
  });
  if (!stored) {
    // Another writer answered this key first: its answer is the first one.
    const first = await repo.findRefusal(trx, row.requestKey);
    if (first) {
      return replay(
        trx,
        row,
        first.workerId,
        first.outcome as CastOutcome,
        first.day,
        first.candidateId,
        caps,
      );
    }
  }
  const allowance = await allowanceIn(trx, caps, row.campaignId, row.workerId, row.day);
  return { outcome, day: row.day, replayed: false, candidateId: row.candidateId, allowance };
}

async function allowanceIn(
  db: Tx,
  caps: { votes: number; likes: number },
  campaignId: string,
  workerId: string,
  day: string,
): Promise<Allowance> {
  const used = await repo.voterDay(db, campaignId, workerId, day);
  const voted = await repo.votedCandidates(db, campaignId, workerId, day);
  return allowanceOf(caps, day, used, voted);
}
