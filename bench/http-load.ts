/**
 * The HTTP load generator the writes and referrals scenarios share. It runs in a child process
 * (forked with the same `--import tsx`), so the app under test keeps its own event loop and the
 * client's work is not counted against the server. Keep-alive sockets, `connections` requests in
 * flight at once, each one waited for: when `load()` returns, every request has its answer, so
 * "acknowledged" counts are exact (nothing is cut off at the end of the duration).
 *
 * Not a scenario of its own (bench/run.ts lists scenarios by name).
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { makeIdNumber } from '../server/platform/personal-data/identity';

/** Who sends a request: a session cookie and its CSRF token (empty for the raw route). */
export interface Identity {
  cookie: string;
  csrf: string;
}

export interface ListedRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Index into `identities` (default 0). */
  as?: number;
}

export type Generator =
  /** A fresh household per request: distinct valid ID number, phone, address and clientRef. */
  | { kind: 'screening'; tag: string; start?: number }
  /** The bench-only raw insert route. */
  | { kind: 'raw'; tag: string }
  /**
   * Votes (bench/votes.ts): request n is worker n % workers (identity index) for candidate
   * ⌊n / workers⌋ % candidates, each with a fresh request key; every `dupEvery`-th request
   * repeats an earlier worker/candidate pair (a duplicate the same day: already_today).
   */
  | {
      kind: 'vote';
      tag: string;
      campaignId: string;
      candidateIds: string[];
      start?: number;
      dupEvery?: number;
    }
  /** A fixed list, each request sent once (in order, `connections` at a time). */
  | { kind: 'list'; requests: ListedRequest[] };

export interface LoadSpec {
  /** http://127.0.0.1:port */
  base: string;
  identities: Identity[];
  connections: number;
  /** Seconds; generators other than `list` run this long (a list runs until it is done). */
  duration?: number;
  gen: Generator;
}

export interface LoadResult {
  sent: number;
  elapsedMs: number;
  rps: number;
  /** Status code → count. */
  statuses: Record<string, number>;
  /** Problem `code` of non-2xx answers → count. */
  codes: Record<string, number>;
  /** Per request, ms, in completion order. */
  latencies: number[];
  /** Transport errors (socket resets): should be 0. */
  errors: number;
}

export const okCount = (r: LoadResult): number =>
  Object.entries(r.statuses)
    .filter(([s]) => s.startsWith('2'))
    .reduce((n, [, c]) => n + c, 0);

/** Runs one load in a child process and returns its figures. */
export function load(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--load-child'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let done = false;
    child.on('message', (m: { result?: LoadResult; error?: string }) => {
      done = true;
      if (m.result) resolve(m.result);
      else reject(new Error(m.error ?? 'load child failed'));
      child.disconnect();
    });
    child.on('exit', (code) => {
      if (!done) reject(new Error(`load child exited with ${code}`));
    });
    child.send(spec);
  });
}

/** Signs in over real HTTP (as a browser would: health for the CSRF cookie, then the login). */
export async function signInHttp(base: string, username: string, password: string): Promise<Identity> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(await fetch(`${base}/api/health`));
  const csrf = jar.get('uc_csrf') ?? '';
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `uc_csrf=${csrf}`, 'x-csrf-token': csrf },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  keep(res);
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), csrf: jar.get('uc_csrf') ?? '' };
}

// ---- the child ----

/** The n-th distinct household of a run; `tag` keeps clientRefs unique across runs. */
export function screeningBody(tag: string, n: number): unknown {
  // 1000 sequence numbers per birth day from 1960-01-01: millions of distinct valid numbers.
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const idNumber = makeIdNumber('640381', birth, String(n % 1000).padStart(3, '0'));
  return {
    clientRef: `${tag}-${String(n).padStart(9, '0')}`.slice(0, 64),
    form: {
      method: 'home_visit',
      screenedOn: '2026-05-20',
      headName: `压测户${n}`,
      idNumber,
      phone: `139${String(n).padStart(8, '0')}`,
      situation: 'migrant_worker',
      divisionCode: '640381101',
      addressDetail: `大坝镇韦桥村三队 ${n} 号`,
      householdSize: 3,
      annualIncomeFen: 2_345_678,
      rigidExpenseFen: 600_000,
      causes: ['serious_illness'],
      members: [
        { relation: 'spouse', name: `配偶${n}`, age: 44, health: '慢性病' },
        { relation: 'child', name: `子女${n}`, age: 12, school: '小学' },
      ],
      needs: [{ kind: 'medical', urgency: 'normal', description: '需要复查' }],
    },
  };
}

function runChild(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const statuses: Record<string, number> = {};
  const codes: Record<string, number> = {};
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const gen = spec.gen;
  const endAt = performance.now() + (spec.duration ?? 10) * 1000;

  const nextRequest = (): ListedRequest | undefined => {
    const n = next++;
    if (gen.kind === 'list') return gen.requests[n];
    if (performance.now() >= endAt) return undefined;
    if (gen.kind === 'raw') return { method: 'POST', path: '/bench/raw-insert', body: { n, tag: gen.tag } };
    if (gen.kind === 'vote') {
      const workers = spec.identities.length;
      const dup = gen.dupEvery && n % gen.dupEvery === gen.dupEvery - 1 && n >= workers;
      const m = (gen.start ?? 0) + (dup ? n - workers : n);
      const candidate = gen.candidateIds[Math.floor(m / workers) % gen.candidateIds.length];
      return {
        method: 'POST',
        path: `/api/vote/campaigns/${gen.campaignId}/votes`,
        body: {
          candidateId: candidate,
          kind: 'vote',
          requestKey: `${gen.tag}-${String(n).padStart(10, '0')}`,
        },
        as: m % workers,
      };
    }
    return { method: 'POST', path: '/api/screenings', body: screeningBody(gen.tag, (gen.start ?? 0) + n) };
  };

  const send = (r: ListedRequest): Promise<void> =>
    new Promise((done) => {
      const who = spec.identities[r.as ?? 0];
      const payload = r.body === undefined ? undefined : Buffer.from(JSON.stringify(r.body));
      const headers: Record<string, string> = {};
      if (who.cookie) headers.cookie = who.cookie;
      if (who.csrf && r.method !== 'GET') headers['x-csrf-token'] = who.csrf;
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(payload.length);
      }
      const t0 = performance.now();
      const req = http.request(
        { host: url.hostname, port: url.port, method: r.method, path: r.path, agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            const s = String(res.statusCode);
            statuses[s] = (statuses[s] ?? 0) + 1;
            if (!s.startsWith('2')) {
              let code = `http.${s}`;
              try {
                code = (JSON.parse(Buffer.concat(chunks).toString()) as { code?: string }).code ?? code;
              } catch {
                // not JSON: keep the status
              }
              codes[code] = (codes[code] ?? 0) + 1;
            }
            done();
          });
        },
      );
      req.on('error', () => {
        errors++;
        done();
      });
      if (payload) req.write(payload);
      req.end();
    });

  const loop = async (): Promise<void> => {
    for (let r = nextRequest(); r; r = nextRequest()) await send(r);
  };
  const t0 = performance.now();
  return Promise.all(Array.from({ length: spec.connections }, loop)).then(() => {
    agent.destroy();
    const elapsedMs = performance.now() - t0;
    return {
      sent: latencies.length + errors,
      elapsedMs,
      rps: (latencies.length / elapsedMs) * 1000,
      statuses,
      codes,
      latencies,
      errors,
    };
  });
}

if (process.argv.includes('--load-child')) {
  process.once('message', (spec: LoadSpec) => {
    runChild(spec).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (err: unknown) => process.send!({ error: String(err) }, () => process.exit(1)),
    );
  });
}
