/**
 * The offline sync (issue #11): `--phones` volunteers of one partner organisation (春雨志愿者协会),
 * each its own signed-in HTTP client (cookie jar, CSRF header as the web client sends it) and its
 * own offline queue (the phone kit's OfflineStore over its own Dexie database, on fake-indexeddb),
 * queue `--items` screenings offline — new households, pairs of phones screening the same ID
 * number, and return visits to households they screened online and took along — while the
 * federation (qtx_staff) verifies and corrects `--conflicts` of the revisited households. Then all
 * phones come online at once: every syncer runs concurrently until its queue is drained (sent, or
 * left in conflict). Checked from the database: screenings written = items − conflicts, every
 * clientRef at most once, one live household per ID number, each duplicate pair one household
 * with both screenings, conflicts found = conflicts planted, the corrected households untouched.
 * Then an interrupted sync resumes: every item sent is put back as 'sending' (the answer was lost)
 * and every syncer runs again — nothing new may be written.
 * Baseline in the same run: as many new screenings sent straight, one POST each from the same
 * phones at the same concurrency, no queue; and the queue alone: the same items through fresh
 * stores and syncers whose sender answers at once (no HTTP), what the kit itself costs.
 *
 *   npm run bench -- sync [--phones 20] [--items 500] [--conflicts 25] [--engine sqlite|postgres|both]
 *
 * The phones (their stores, syncers and HTTP clients) run in a child process, as the load
 * generator does, so their work is not counted against the server's event loop. The app's rate
 * limit is raised to 10 000 000 a minute (testConfig override); logging is off.
 */
import 'fake-indexeddb/auto';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { RevisitHousehold, SubmitResult } from '../contracts/assistance';
import { Me } from '../contracts/auth';
import { ProblemSchema } from '../contracts/common';
import { buildApp } from '../server/app';
import { PasswordHasher } from '../server/platform/auth/password';
import { FakeClock } from '../server/platform/clock';
import { seedFoundation, DEMO_PASSWORD } from '../server/seed/foundation';
import { testConfig } from '../server/test/test-app';
import { ApiError, CSRF_COOKIE, CSRF_HEADER, type Method } from '../web/api/client';
import type { ScreeningPayload } from '../web/mobile/assistance/offline/offline-screening';
import type { ScreeningFormInput } from '../web/mobile/assistance/form-model';
import { OfflineDb, type OfflineItem } from '../web/mobile/kit/offline/db';
import { sendWith } from '../web/mobile/kit/offline/outcome';
import { OfflineStore } from '../web/mobile/kit/offline/store';
import {
  createSyncer,
  type LockManagerLike,
  type RunResult,
  type Senders,
} from '../web/mobile/kit/offline/syncer';
import { screeningBody } from './http-load';
import { engines, freshDatabase, log, mb, numArg, peakRss, ratio, table, type Engine } from './lib';

const PHONES = numArg('phones', 20);
const ITEMS = numArg('items', 500);
const CONFLICTS = numArg('conflicts', 25);
/** Return visits in the queue (each to its own household), and pairs of phones screening one ID. */
const REVISITS = Math.max(CONFLICTS, Math.round(ITEMS / 5));
const PAIRS = Math.round(ITEMS / 25);
/**
 * The kinds of web/mobile/assistance/offline-screening.ts: its module is not loaded here, as it
 * imports the kit through its index, which brings the React side and its CSS.
 */
const SCREENING_KIND = 'screening';
const REVISIT_KIND = 'revisit';
/** The figure the federation corrects on a planted household. */
const CORRECTED_INCOME_FEN = 900_000;

// ---------------------------------------------------------------------------------------------
// A phone's HTTP client: what web/api/client.ts does in the browser (credentials 'same-origin',
// the CSRF token read from its cookie at every write, one retry on auth.csrf), over node's fetch
// with a cookie jar of its own.

class PhoneClient {
  private readonly jar = new Map<string, string>();
  requests = 0;
  constructor(private readonly base: string) {}

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (gone || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const token = this.jar.get(CSRF_COOKIE);
    if (method !== 'GET' && token) headers[CSRF_HEADER] = decodeURIComponent(token);
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    this.requests += 1;
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { method, headers, body: payload, signal });
    } catch {
      throw new ApiError(0, 'client.network', 'Network error');
    }
    this.keep(res);
    return res;
  }

  private static async toApiError(res: Response): Promise<ApiError> {
    const text = await res.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const parsed = ProblemSchema.safeParse(json);
    if (parsed.success)
      return new ApiError(parsed.data.status, parsed.data.code, parsed.data.title, parsed.data);
    return new ApiError(res.status, `http.${res.status}`, res.statusText || `HTTP ${res.status}`);
  }

  private static async parse<S extends z.ZodType>(res: Response, schema: S): Promise<z.output<S>> {
    const text = res.status === 204 ? '' : await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new ApiError(res.status, 'client.bad_response', 'The server sent a response that is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new ApiError(res.status, 'client.bad_response', 'The server sent an unexpected response');
    return parsed.data;
  }

  async get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    const res = await this.request('GET', path);
    if (!res.ok) throw await PhoneClient.toApiError(res);
    return PhoneClient.parse(res, schema);
  }

  /** apiSend's semantics: hold a CSRF cookie first, and retry once when the token was stale. */
  async send<S extends z.ZodType>(
    method: Method,
    path: string,
    body: unknown,
    schema: S,
    signal?: AbortSignal,
  ): Promise<z.output<S>> {
    if (!this.jar.has(CSRF_COOKIE)) await this.request('GET', '/api/auth/me');
    let res = await this.request(method, path, body, signal);
    if (!res.ok) {
      let error = await PhoneClient.toApiError(res);
      if (error.code === 'auth.csrf') {
        if (!this.jar.has(CSRF_COOKIE)) await this.request('GET', '/api/auth/me');
        res = await this.request(method, path, body, signal);
        if (res.ok) return PhoneClient.parse(res, schema);
        error = await PhoneClient.toApiError(res);
      }
      throw error;
    }
    return PhoneClient.parse(res, schema);
  }

  /** Signs in; the phone's queue owner is the user id, as on the phone pages. */
  async signIn(username: string, password: string): Promise<{ id: string }> {
    const me = await this.send('POST', '/api/auth/login', { username, password }, Me);
    return { id: me.userId };
  }
}

/** The screening sender of web/mobile/assistance/offline-screening.ts, over this phone's client. */
function phoneSenders(client: PhoneClient): Senders {
  const conflicts = new Set(['screening.household_changed']);
  return {
    [SCREENING_KIND]: (item: OfflineItem<ScreeningPayload>, { signal }) =>
      sendWith(
        () =>
          client.send(
            'POST',
            '/api/screenings',
            {
              form: item.payload.form,
              clientRef: item.id,
              ...(item.payload.revisit ? { revisit: item.payload.revisit } : {}),
            },
            SubmitResult,
            signal,
          ),
        conflicts,
      ),
  };
}

/** One phone's Web Locks (navigator.locks is per device): runs callbacks one at a time. */
function phoneLocks(): LockManagerLike {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
      const next = tail.then(callback);
      tail = next.catch(() => undefined);
      return next;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Parent ↔ phones messages.

interface Spec {
  base: string;
  chunyuOrgId: string;
  tag: string;
}
type Step =
  | { step: 'ready'; revisits: number; pairs: number; planted: string[] }
  | {
      step: 'drained';
      ms: number;
      requests: number;
      runs: RunResult[];
      reruns: number;
      itemIds: string[];
      pairs: Array<[string, string]>;
      planted: string[];
      conflictHouseholds: string[];
      left: Record<string, number>;
      invalid: string[];
    }
  | {
      step: 'resumed';
      /** The same queues drained with a sender that answers at once: the kit's own cost. */
      dryMs: number;
      ms: number;
      requests: number;
      resent: number;
      runs: RunResult[];
      left: Record<string, number>;
    }
  | { step: 'baseline'; ms: number; requests: number; statuses: Record<string, number> };

interface Plan {
  kind: 'revisit' | 'pair' | 'new';
  n: number;
  pair?: number;
}

/** A deterministic shuffle (the same order every run). */
function shuffle<T>(xs: T[], seed = 11): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const formOf = (n: number) => (screeningBody('x', n) as { form: ScreeningFormInput }).form;

async function phonesChild(spec: Spec, report: (s: Step) => Promise<void>): Promise<void> {
  const { base, tag } = spec;
  // Household numbers per run and purpose, disjoint: online (later revisited), queued new and
  // pairs, baseline.
  const ONLINE0 = 1_000_000;
  const QUEUED0 = 2_000_000;
  const BASE0 = 3_000_000;

  // Accounts: the federation creates the phones' volunteers; each signs in and sets its password.
  const staff = new PhoneClient(base);
  await staff.signIn('qtx_staff', DEMO_PASSWORD);
  const phones = await Promise.all(
    Array.from({ length: PHONES }, async (_, i) => {
      const username = `${tag}_p${String(i + 1).padStart(3, '0')}`;
      await staff.send(
        'POST',
        '/api/users',
        {
          orgId: spec.chunyuOrgId,
          username,
          displayName: `志愿者${i + 1}`,
          roles: ['volunteer'],
          password: 'Start-2026-pass1',
        },
        z.unknown(),
      );
      const client = new PhoneClient(base);
      const { id } = await client.signIn(username, 'Start-2026-pass1');
      await client.send(
        'POST',
        '/api/auth/password',
        { currentPassword: 'Start-2026-pass1', newPassword: 'Ready-2026-pass2' },
        z.unknown(),
      );
      const store = new OfflineStore(new OfflineDb(`sync-bench-${tag}-${i}`));
      const syncer = createSyncer({
        senders: phoneSenders(client),
        store,
        locks: phoneLocks(),
        target: null,
        doc: null,
      });
      return { i, owner: id, client, store, syncer, plan: [] as Plan[] };
    }),
  );

  // The plan: revisits, then pairs (the two sides on neighbouring phones), then new households,
  // dealt round the phones; each phone's queue in a shuffled order.
  const plans: Plan[] = [];
  for (let j = 0; j < REVISITS; j++) plans.push({ kind: 'revisit', n: ONLINE0 + j });
  for (let j = 0; j < PAIRS; j++) {
    plans.push({ kind: 'pair', n: QUEUED0 + j, pair: j });
    plans.push({ kind: 'pair', n: QUEUED0 + j, pair: j });
  }
  for (let j = plans.length; j < ITEMS; j++) plans.push({ kind: 'new', n: QUEUED0 + PAIRS + j });
  plans.forEach((p, k) => phones[k % PHONES].plan.push(p));
  for (const ph of phones) ph.plan = shuffle(ph.plan, 11 + ph.i);

  // Online: each phone screens the households it will revisit, and takes them along (the
  // household as it is, with its version, saved as an offline record).
  const revisitOf = new Map<number, { householdId: string; version: number }>();
  await Promise.all(
    phones.map(async (ph) => {
      for (const p of ph.plan.filter((x) => x.kind === 'revisit')) {
        const done = await ph.client.send(
          'POST',
          '/api/screenings',
          { form: formOf(p.n), clientRef: `${tag}-online-${p.n}` },
          SubmitResult,
        );
        const h = await ph.client.get(`/api/households/${done.householdId}/revisit`, RevisitHousehold);
        await ph.store.saveRecord({
          owner: ph.owner,
          kind: REVISIT_KIND,
          key: h.id,
          data: h,
          version: h.version,
        });
        revisitOf.set(p.n, { householdId: h.id, version: h.version });
      }
    }),
  );
  const plantedNs = plans
    .filter((p) => p.kind === 'revisit')
    .slice(0, CONFLICTS)
    .map((p) => p.n);
  const planted = plantedNs.map((n) => revisitOf.get(n)!.householdId);

  // Offline: the queues fill while the federation verifies and corrects the planted households.
  const pairRefs = new Map<number, string[]>();
  await Promise.all([
    ...phones.map(async (ph) => {
      for (const p of ph.plan) {
        let payload: ScreeningPayload;
        if (p.kind === 'revisit') {
          const record = await ph.store.getRecord<z.infer<typeof RevisitHousehold>>(
            ph.owner,
            REVISIT_KIND,
            revisitOf.get(p.n)!.householdId,
          );
          // The phone holds the ID number and the mobile only masked: left out, the household keeps them.
          const { idNumber: _id, phone: _phone, ...form } = formOf(p.n);
          payload = {
            form: { ...form, screenedOn: '2026-05-30', annualIncomeFen: 1_500_000 },
            revisit: { householdId: record!.key, version: record!.version! },
          };
        } else {
          payload = { form: formOf(p.n) };
        }
        const item = await ph.store.enqueue({
          kind: SCREENING_KIND,
          owner: ph.owner,
          label: payload.form.headName,
          payload,
          ...(payload.revisit ? { baseVersion: payload.revisit.version } : {}),
        });
        if (p.kind === 'pair') pairRefs.set(p.pair!, [...(pairRefs.get(p.pair!) ?? []), item.id]);
      }
    }),
    (async () => {
      for (const id of planted) {
        const h = await staff.get(`/api/households/${id}`, z.object({ version: z.number() }).passthrough());
        await staff.send(
          'POST',
          `/api/households/${id}/verify`,
          {
            version: h.version,
            verifiedOn: '2026-05-28',
            homeVisit: true,
            documents: ['id_card'],
            incomeConsent: true,
            result: 'confirmed',
            migrantQualified: true,
            annualIncomeFen: CORRECTED_INCOME_FEN,
          },
          z.unknown(),
        );
      }
    })(),
  ]);
  const snapshot = new Map<number, OfflineItem[]>();
  for (const ph of phones) snapshot.set(ph.i, await ph.store.list(ph.owner));
  await report({ step: 'ready', revisits: REVISITS, pairs: PAIRS, planted });

  const requests = () => phones.reduce((n, ph) => n + ph.client.requests, 0);
  const states = async () => {
    const left: Record<string, number> = {};
    for (const ph of phones)
      for (const item of await ph.store.list(ph.owner)) left[item.state] = (left[item.state] ?? 0) + 1;
    return left;
  };
  /** Every phone's syncer at once; a run stopped by a retry runs again (the page would, later). */
  const drainAll = async () => {
    let reruns = 0;
    const runs = await Promise.all(
      phones.map(async (ph) => {
        let r = await ph.syncer.run(ph.owner);
        const total = { ...r };
        while (r.stopped) {
          reruns += 1;
          r = await ph.syncer.run(ph.owner);
          total.sent += r.sent;
          total.conflicts += r.conflicts;
          total.invalid += r.invalid;
          total.stopped = r.stopped;
        }
        return total;
      }),
    );
    return { runs, reruns };
  };

  // Online at once.
  let r0 = requests();
  let t0 = performance.now();
  const drained = await drainAll();
  const drainMs = performance.now() - t0;
  const drainRequests = requests() - r0;
  const conflictHouseholds: string[] = [];
  const invalid: string[] = [];
  for (const ph of phones) {
    for (const item of (await ph.store.list(ph.owner)) as OfflineItem<ScreeningPayload>[]) {
      if (item.state === 'conflict')
        conflictHouseholds.push(item.payload.revisit?.householdId ?? '(not a revisit)');
      if (item.state === 'invalid') invalid.push(`${item.lastError?.code}: ${item.lastError?.message}`);
    }
  }
  await report({
    step: 'drained',
    ms: drainMs,
    requests: drainRequests,
    runs: drained.runs,
    reruns: drained.reruns,
    itemIds: [...snapshot.values()].flat().map((x) => x.id),
    pairs: [...pairRefs.values()].map((v) => [v[0], v[1]] as [string, string]),
    planted,
    conflictHouseholds,
    left: await states(),
    invalid,
  });

  // An interrupted sync resumes: every item that went out is back as 'sending' (its answer lost),
  // and so is anything else left that is not a conflict.
  let resent = 0;
  for (const ph of phones) {
    const now = new Map((await ph.store.list(ph.owner)).map((x) => [x.id, x]));
    for (const item of snapshot.get(ph.i)!) {
      const still = now.get(item.id);
      if (still?.state === 'conflict') continue;
      await (
        await ph.store.db.open()
      ).put('items', {
        ...(still ?? item),
        state: 'sending',
        attempts: (still ?? item).attempts + 1,
        lastTriedAt: Date.now(),
      });
      resent += 1;
    }
  }
  r0 = requests();
  t0 = performance.now();
  const resumed = await drainAll();
  const resumeMs = performance.now() - t0;
  const resumeRequests = requests() - r0;
  const resumeLeft = await states();

  // The queue alone: the same items through fresh stores and syncers whose sender answers 'done'
  // at once (no HTTP) — what the phones' IndexedDB work and the syncer cost by themselves.
  const dry = await Promise.all(
    phones.map(async (ph) => {
      const store = new OfflineStore(new OfflineDb(`sync-bench-${tag}-${ph.i}-dry`));
      for (const item of snapshot.get(ph.i)!)
        await store.enqueue({ kind: item.kind, owner: ph.owner, label: item.label, payload: item.payload });
      const syncer = createSyncer({
        senders: { [SCREENING_KIND]: async () => ({ kind: 'done' }) },
        store,
        locks: phoneLocks(),
        target: null,
        doc: null,
      });
      return { store, syncer, owner: ph.owner };
    }),
  );
  t0 = performance.now();
  await Promise.all(dry.map((d) => d.syncer.run(d.owner)));
  const dryMs = performance.now() - t0;
  for (const d of dry) d.store.db.close();

  await report({
    step: 'resumed',
    dryMs,
    ms: resumeMs,
    requests: resumeRequests,
    resent,
    runs: resumed.runs,
    left: resumeLeft,
  });

  // Baseline: the same number of new screenings, one POST each, the same phones at once, no queue.
  const statuses: Record<string, number> = {};
  r0 = requests();
  t0 = performance.now();
  await Promise.all(
    phones.map(async (ph) => {
      for (let k = 0; k < ph.plan.length; k++) {
        const n = BASE0 + ph.i * 10_000 + k;
        const s = await ph.client
          .send('POST', '/api/screenings', { form: formOf(n), clientRef: `${tag}-base-${n}` }, SubmitResult)
          .then(
            () => '2xx',
            (err: unknown) => (err instanceof ApiError ? err.code : String(err)),
          );
        statuses[s] = (statuses[s] ?? 0) + 1;
      }
    }),
  );
  await report({ step: 'baseline', ms: performance.now() - t0, requests: requests() - r0, statuses });
  for (const ph of phones) {
    ph.syncer.stop();
    ph.store.db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The parent: the app, the database checks, the table.

async function runEngine(engine: Engine): Promise<void> {
  if (CONFLICTS > REVISITS || REVISITS + 2 * PAIRS > ITEMS) throw new Error('--conflicts/--items do not fit');
  const fresh = await freshDatabase(engine, 'sync');
  const built = await buildApp({
    config: testConfig({ rateLimitPerMinute: 10_000_000 }),
    database: fresh.handle,
    clock: new FakeClock('2026-06-01T08:00:00.000Z'),
    hasher: PasswordHasher.fast(),
    sleep: async () => {},
    logger: false,
    loginPerMinute: 1_000_000,
  });
  let child: ChildProcess | undefined;
  try {
    const seeded = await seedFoundation(built.platform);
    const base = await built.app.listen({ host: '127.0.0.1', port: 0 });
    const db = built.platform.db;
    log(
      `\n${engine} (${fresh.where}): ${PHONES} phones, ${ITEMS} queued screenings ` +
        `(${REVISITS} return visits, ${PAIRS} pairs of phones screening one ID number), ${CONFLICTS} conflicts planted`,
    );
    const screenings = async () =>
      Number(
        (
          await db
            .selectFrom('screening')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    const steps: Step[] = [];
    const waiting: Array<(s: Step) => void> = [];
    const c = fork(fileURLToPath(import.meta.url), ['--phones-child', ...process.argv.slice(2)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child = c;
    let failed: Error | undefined;
    const next = (): Promise<Step> =>
      new Promise((resolve, reject) => {
        if (failed) return reject(failed);
        const s = steps.shift();
        if (s) resolve(s);
        else waiting.push(resolve);
      });
    c.on('message', (m: Step | { error: string }) => {
      if ('error' in m) {
        failed = new Error(`phones: ${m.error}`);
        return;
      }
      const w = waiting.shift();
      if (w) w(m);
      else steps.push(m);
    });
    const exited = new Promise<void>((resolve) => c.on('exit', () => resolve()));
    c.send({
      base,
      chunyuOrgId: seeded.orgs.get('chunyu')!,
      tag: `s${Date.now().toString(36)}`,
    } satisfies Spec);
    const go = () => c.send('go');
    const expectStep = async <K extends Step['step']>(k: K): Promise<Extract<Step, { step: K }>> => {
      const s = await Promise.race([
        next(),
        exited.then(() => {
          throw failed ?? new Error('the phones process ended early');
        }),
      ]);
      if (s.step !== k) throw new Error(`expected ${k}, got ${s.step}`);
      return s as Extract<Step, { step: K }>;
    };

    const s0 = performance.now();
    const ready = await expectStep('ready');
    const before = await screenings();
    log(
      `setup (${PHONES} accounts, ${ready.revisits} households screened online and taken along, ` +
        `${ready.planted.length} verified and corrected by the federation, queues filled offline) ` +
        `${((performance.now() - s0) / 1000).toFixed(1)} s`,
    );
    go();

    const drained = await expectStep('drained');
    const afterDrain = await screenings();
    const sum = (runs: RunResult[], k: 'sent' | 'conflicts' | 'invalid') =>
      runs.reduce((n, r) => n + r[k], 0);
    const refs = drained.itemIds;
    const written = await db
      .selectFrom('screening')
      .select(['clientRef', 'householdId'])
      .where('clientRef', 'in', refs)
      .execute();
    const refTwice = await db
      .selectFrom('screening')
      .select(['orgId', 'clientRef'])
      .where('clientRef', 'is not', null)
      .groupBy(['orgId', 'clientRef'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    const idTwice = await db
      .selectFrom('household')
      .select(['jurisdictionId', 'headIdBidx'])
      .where('headIdBidx', 'is not', null)
      .where('state', '!=', 'merged')
      .groupBy(['jurisdictionId', 'headIdBidx'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    const byRef = new Map(written.map((w) => [w.clientRef!, w.householdId]));
    const perHousehold = new Map<string, number>();
    for (const s of await db.selectFrom('screening').select('householdId').execute())
      if (s.householdId) perHousehold.set(s.householdId, (perHousehold.get(s.householdId) ?? 0) + 1);
    const pairsOk = drained.pairs.filter(([a, b]) => {
      const ha = byRef.get(a);
      return typeof ha === 'string' && ha === byRef.get(b) && perHousehold.get(ha) === 2;
    }).length;
    const plantedSet = new Set(drained.planted);
    const foundOk =
      drained.conflictHouseholds.length === plantedSet.size &&
      drained.conflictHouseholds.every((h) => plantedSet.has(h));
    const untouched = await db
      .selectFrom('household')
      .select(['id', 'annualIncomeFen'])
      .where('id', 'in', drained.planted.length ? drained.planted : ['-'])
      .execute();
    const keptCorrection = untouched.filter(
      (h) => Number(h.annualIncomeFen) === CORRECTED_INCOME_FEN && perHousehold.get(h.id) === 1,
    ).length;
    go();

    const resumed = await expectStep('resumed');
    const afterResume = await screenings();
    go();
    const baseline = await expectStep('baseline');
    const afterBaseline = await screenings();

    const secs = (v: number) => (v / 1000).toFixed(2);
    const rate = (n: number, msv: number) => ((n / msv) * 1000).toFixed(0);
    table(
      ['run', 'items', 'wall s', 'items/s', 'HTTP req', 'req/s', 'outcomes', 'screenings written'],
      [
        [
          `baseline: straight POSTs, ${PHONES} clients`,
          ITEMS,
          secs(baseline.ms),
          rate(ITEMS, baseline.ms),
          baseline.requests,
          rate(baseline.requests, baseline.ms),
          Object.entries(baseline.statuses)
            .map(([k, v]) => `${k}×${v}`)
            .join(' '),
          afterBaseline - afterResume,
        ],
        [
          `queue: ${PHONES} phones online at once`,
          ITEMS,
          secs(drained.ms),
          rate(ITEMS, drained.ms),
          drained.requests,
          rate(drained.requests, drained.ms),
          `sent ${sum(drained.runs, 'sent')}, conflict ${sum(drained.runs, 'conflicts')}, invalid ${sum(drained.runs, 'invalid')}` +
            (drained.reruns ? `, re-runs ${drained.reruns}` : ''),
          afterDrain - before,
        ],
        [
          `resume: every sent item again as 'sending'`,
          resumed.resent,
          secs(resumed.ms),
          rate(resumed.resent, resumed.ms),
          resumed.requests,
          rate(resumed.requests, resumed.ms),
          `sent ${sum(resumed.runs, 'sent')}, conflict ${sum(resumed.runs, 'conflicts')}, invalid ${sum(resumed.runs, 'invalid')}`,
          afterResume - afterDrain,
        ],
        [
          `queue alone: sender answers 'done', no HTTP`,
          ITEMS,
          secs(resumed.dryMs),
          rate(ITEMS, resumed.dryMs),
          0,
          '—',
          '',
          '—',
        ],
      ],
    );
    log(`ratio drain time queue / baseline: ${ratio(drained.ms, baseline.ms)}`);
    const mark = (ok: boolean) => (ok ? '✓' : '✗ FAILED');
    const expected = ITEMS - CONFLICTS;
    const left = (l: Record<string, number>) =>
      Object.entries(l)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none';
    log(`checks:`);
    log(
      `  screenings written ${afterDrain - before} = items − conflicts ${expected}  ${mark(afterDrain - before === expected && written.length === expected)}`,
    );
    log(`  clientRefs written more than once: ${refTwice.length}  ${mark(refTwice.length === 0)}`);
    log(`  live households sharing an ID number: ${idTwice.length}  ${mark(idTwice.length === 0)}`);
    log(
      `  duplicate-ID pairs that are one household with both screenings: ${pairsOk} / ${drained.pairs.length}  ${mark(pairsOk === drained.pairs.length)}`,
    );
    log(
      `  conflicts found (items left in conflict) ${drained.conflictHouseholds.length} = planted ${plantedSet.size}, the same households  ${mark(foundOk)}`,
    );
    log(
      `  planted households keeping the federation's correction and their one screening: ${keptCorrection} / ${plantedSet.size}  ${mark(keptCorrection === plantedSet.size)}`,
    );
    log(
      `  left on the phones after the drain: ${left(drained.left)}; invalid: ${drained.invalid.length}${drained.invalid.length ? ` (${drained.invalid.slice(0, 3).join('; ')})` : ''}  ${mark(drained.invalid.length === 0 && (drained.left.conflict ?? 0) === Object.values(drained.left).reduce((a, b) => a + b, 0))}`,
    );
    log(
      `  resumed sync: ${resumed.resent} items sent again, new screenings ${afterResume - afterDrain}, left: ${left(resumed.left)}  ${mark(afterResume === afterDrain && sum(resumed.runs, 'sent') === resumed.resent)}`,
    );
    log(`peak RSS (app process) ${mb(peakRss())}`);
    go();
    await exited;
  } finally {
    if (child && child.exitCode === null) child.kill();
    await built.app.close();
    await fresh.drop();
  }
}

async function main(): Promise<void> {
  for (const engine of engines()) await runEngine(engine);
}

if (process.argv.includes('--phones-child')) {
  const inbox: Array<() => void> = [];
  let spec: Spec | undefined;
  process.on('message', (m: Spec | 'go') => {
    if (m === 'go') inbox.shift()?.();
    else if (!spec) {
      spec = m;
      const report = (s: Step) =>
        new Promise<void>((resolve) => {
          inbox.push(resolve);
          process.send!(s);
        });
      phonesChild(spec, report).then(
        () => process.exit(0),
        (err: unknown) =>
          process.send!({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () =>
            process.exit(1),
          ),
      );
    }
  });
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
