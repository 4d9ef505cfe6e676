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
 * written together: one guarded multi-row insert per table, one guarded multi-row insert of the
 * refusals of votes not written (a lookup of first answers only for true retries), one conditional upsert of the caps
 * for all the batch's (worker, day) groups — returning the counts and the day's voted candidates
 * each answer shows — and one tally upsert: at most six statements for the whole batch instead of
 * four or five per request. The rules are the database's as before: the unique indexes (one vote
 * per worker, candidate and day; one answer per request key) and the caps' conditional upsert (a
 * group is counted only when all of it fits).
 *
 * What the set cannot decide for all at once goes ALONE to `one` — the same rules, one request at
 * a time in its own savepoint, in arrival order: a request key seen twice in the batch (after the
 * first), every request of a (worker, day) group over its cap (what the set wrote of them is
 * taken back first), a refusal another writer stored first.
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

    // 2. Not written: a vote whose key has no answer yet was already cast for that candidate
    //    today (the unique index): its refusal is stored, guarded so that a key with a first answer
    //    keeps it. What remains (true retries, likes) has a first answer to replay.
    const notWritten = live.filter((i) => !written.has(i));
    const replays = new Map<number, { outcome: CastOutcome; day: string; candidateId: string }>();
    const refused = new Set<number>();
    const votesNotWritten = notWritten.filter((i) => items[i].kind === 'vote');
    if (votesNotWritten.length) {
      const stored = await repo.insertRefusalsGuarded(
        trx,
        votesNotWritten.map((i) => {
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
      for (const i of votesNotWritten) if (stored.has(items[i].row.requestKey)) refused.add(i);
    }
    const answered = notWritten.filter((i) => !refused.has(i));
    if (answered.length) {
      const keysOf = (kind: 'vote' | 'like') =>
        answered.filter((i) => items[i].kind === kind).map((i) => items[i].row.requestKey);
      const found = new Map<
        string,
        { workerId: string; candidateId: string; day: string; outcome: string }
      >();
      for (const r of await repo.findAnswers(trx, keysOf('vote'), keysOf('like'))) {
        // A counted row answers its own kind's key; a refusal answers the key whatever its kind.
        found.set(r.outcome === 'counted' ? `${r.kind}|${r.requestKey}` : `refusal|${r.requestKey}`, r);
      }
      for (const i of answered) {
        const { row, kind } = items[i];
        const first = found.get(`${kind}|${row.requestKey}`) ?? found.get(`refusal|${row.requestKey}`);
        if (first && first.workerId !== row.workerId) answers[i] = { ok: false, error: reused() };
        else if (first) {
          replays.set(i, {
            outcome: first.outcome as CastOutcome,
            day: first.day,
            candidateId: first.candidateId,
          });
        } else if (kind === 'like') {
          // Likes have no per-candidate rule: not written means its key is another kind's.
          answers[i] = { ok: false, error: reused() };
        } else answers[i] = ALONE; // written by another writer meanwhile and gone: decided alone
      }
    }

    // 3. The caps: one group per (worker, day) of every request decided so far — what was written
    //    is added (the whole group or none of it), the others read their row (adding nothing).
    const decided = live.filter((i) => written.has(i) || replays.has(i) || refused.has(i));
    const dayOf = (i: number) => replays.get(i)?.day ?? items[i].row.day;
    const groupKey = (i: number) => keyOf({ ...items[i].row, day: dayOf(i) });
    const groups = new Map<string, { bump: repo.VoterDayBump; caps: CastItem['caps']; idx: number[] }>();
    for (const i of decided) {
      const { row, kind, caps } = items[i];
      const k = groupKey(i);
      const g = groups.get(k) ?? {
        bump: {
          campaignId: row.campaignId,
          workerId: row.workerId,
          day: dayOf(i),
          votes: 0,
          likes: 0,
          voted: '',
        },
        caps,
        idx: [],
      };
      if (written.has(i)) {
        if (kind === 'vote') {
          g.bump.votes++;
          g.bump.voted += `,${row.candidateId}`;
        } else g.bump.likes++;
      }
      g.idx.push(i);
      groups.set(k, g);
    }
    const used = new Map<string, repo.VoterDayCounts>();
    const overCap = new Set<string>();
    // One upsert per distinct pair of caps (in practice one campaign: one statement).
    const byCaps = new Map<string, { caps: CastItem['caps']; keys: string[] }>();
    for (const [k, g] of groups) {
      if (g.bump.votes > g.caps.votes || g.bump.likes > g.caps.likes) {
        overCap.add(k);
        continue;
      }
      const c = `${g.caps.votes}|${g.caps.likes}`;
      const e = byCaps.get(c) ?? { caps: g.caps, keys: [] };
      e.keys.push(k);
      byCaps.set(c, e);
    }
    for (const { caps, keys } of byCaps.values()) {
      const rows = await repo.bumpVoterDays(
        trx,
        keys.map((k) => groups.get(k)!.bump),
        caps,
      );
      for (const r of rows) used.set(keyOf(r), r);
      for (const k of keys) if (!used.has(k)) overCap.add(k);
    }
    if (overCap.size) {
      // Take back what was written for those groups; each of their requests is decided alone.
      const back = { vote: [] as string[], like: [] as string[], refusals: [] as string[] };
      for (const k of overCap) {
        for (const i of groups.get(k)!.idx) {
          if (written.has(i)) back[items[i].kind].push(items[i].row.id);
          if (refused.has(i)) back.refusals.push(items[i].row.requestKey);
          answers[i] = ALONE;
        }
      }
      if (back.vote.length) await repo.deleteBallots(trx, 'voteBallot', back.vote);
      if (back.like.length) await repo.deleteBallots(trx, 'voteLike', back.like);
      if (back.refusals.length) await repo.deleteRefusals(trx, back.refusals);
    }

    // 4. The answers, and the tallies of what was counted.
    const tally = new Map<string, TallyDelta>();
    for (const i of decided) {
      if (answers[i] !== undefined) continue;
      const { row, kind, caps } = items[i];
      const day = dayOf(i);
      const counts = used.get(groupKey(i));
      const allowance = allowanceOf(caps, day, counts, repo.votedList(counts?.voted));
      const replay = replays.get(i);
      if (replay) {
        answers[i] = { ok: true, value: { ...replay, replayed: true, allowance } };
      } else if (written.has(i)) {
        addTally(tally, row, kind);
        answers[i] = {
          ok: true,
          value: { outcome: 'counted', day, replayed: false, candidateId: row.candidateId, allowance },
        };
      } else {
        answers[i] = {
          ok: true,
          value: { outcome: 'already_today', day, replayed: false, candidateId: row.candidateId, allowance },
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
      row.candidateId,
    );
    if (used) {
      scope.share<Map<string, TallyDelta>>(
        'vote_tally',
        () => new Map(),
        (acc) => addTally(acc, row, kind),
        (t, acc) => repo.addToTally(t, [...acc.values()]),
      );
      return {
        outcome: 'counted',
        day: row.day,
        replayed: false,
        candidateId: row.candidateId,
        allowance: allowanceOf(caps, row.day, used, repo.votedList(used.voted)),
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
  return allowanceOf(caps, day, used, repo.votedList(used?.voted));
}
