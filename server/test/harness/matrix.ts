/**
 * F-1 authorization matrix engine, generated from two tables and nothing else:
 * - the route table (`t.routes`, every /api route with its declared `access`), and
 * - the policy table (POLICY: role × action × relation).
 *
 * No route is listed by hand. A route added tomorrow is driven for every demo user (one or more
 * per role), for the anonymous client, against a record in every demo organisation and against
 * a missing id. The expected answer is computed from POLICY rows and the relation definitions
 * written in policy.ts (own / org / subtree / jurisdiction): world.ts.
 *
 * Each module's test file (server/test/harness/suites/<module>.authorization.api.test.ts) calls
 * `authorizationMatrix(<module>)`: the module's world is built (its set-up and that of every
 * descriptor it `needs`, so every canary that could appear in one of its lists is there), and the
 * module's own routes are driven. What a module knows that the tables cannot tell (which record a `:id` route acts on,
 * which record a body field such as `parentId` names, which canaries a list shows, …) is its
 * descriptor (server/test/harness/modules/<module>.ts); each map fails loudly when a route needs
 * an entry that is not there.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { RouteInfo } from '../../platform/http/routes';
import { DEMO_USERS } from '../../seed/foundation';
import { Agent, createTestApp, signIn, type TestApp } from '../test-app';
import { signInWorker } from '../factories/membership';
import { nextIdNumber } from './modules/assistance-fixtures';
import { SESSION_ROUTE_ACTIONS, merged, routesOf, worldOf } from './registry';
import {
  NO_HINT,
  SAMPLE_DIVISION,
  SAMPLE_PHONE,
  bodyFields,
  isObj,
  pathName,
  routeSpecs,
  sampleValue,
  withValueAt,
  type Hint,
  type Json,
  type Path,
  type RouteSpec,
  type Schema,
} from './schema';
import { comparable, parsed, summary, codeOf } from './send';
import { createSnapshots } from './snapshot';
import {
  allowsAny,
  principal as principalNamed,
  keyOf,
  orgById,
  policyAllows,
  relationLabel,
  world,
  type Action,
  type Principal,
  type RecordKind,
  type RecordRef,
  type ReferenceType,
  type Role,
  ROLES,
} from './world';

const RECORD_ROUTES: Record<string, RecordKind> = merged((d) => d.matrix.recordRoutes);
const REFERENCE_TYPES: Record<string, ReferenceType> = merged((d) => d.matrix.referenceTypes);
const REFERENCE_FIELDS = merged((d) => d.matrix.referenceFields);
const REFERENCE_OVERRIDES = merged((d) => d.matrix.referenceOverrides);
const UNCHECKED_FIELDS = merged((d) => d.matrix.uncheckedFields);
const LIST_SHOWS = merged((d) => d.matrix.listShows);
const LIST_QUERY = merged((d) => d.matrix.listQuery);
const HINTS = merged((d) => d.matrix.hints);
const KNOWN_BUGS = merged((d) => d.matrix.knownBugs);

/** The version sent in write bodies: never the record's real one, so an allowed write stops at
 * the optimistic-lock check (409) and the demo data stay as they were for the next case. */
export const STALE_VERSION = 987_654;

const referenceTypeOf = (label: string, path: Path): string =>
  REFERENCE_OVERRIDES[`${label} body.${pathName(path)}`] ?? REFERENCE_FIELDS[String(path[path.length - 1])];

function recordKindOf(route: RouteInfo): RecordKind | undefined {
  const prefix = Object.keys(RECORD_ROUTES)
    .filter((p) => route.url === p || route.url.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? RECORD_ROUTES[prefix] : undefined;
}

const hasIdParam = (route: RouteInfo) => /\/:id(\/|$)/.test(route.url);

/** Body fields ending in `Id`, at any depth (array items are reached through index 0). */
const referenceFields = (spec: RouteSpec): Path[] =>
  spec.body
    ? bodyFields(spec.body)
        .map((f) => f.path)
        .filter((p) => /Id$/.test(String(p[p.length - 1])))
    : [];

/** The actions a route is guarded by: its declared one, or those its service checks (session). */
function routeActions(route: RouteInfo): Action[] {
  if (route.access?.kind === 'action') return [route.access.action];
  return SESSION_ROUTE_ACTIONS[`${route.method} ${route.url}`] ?? [];
}

type Expectation = 'unauthenticated' | 'worker_required' | 'forbidden' | 'hidden' | 'allowed' | 'open';

/** The public-tier worker every matrix signs in (no roll has this phone). */
export const PUBLIC_WORKER_PHONE = '13700009901';

interface Case {
  who: Principal | null;
  agent: Agent;
  target: RecordRef | null;
  what: string;
  params: Record<string, string>;
  body: unknown;
  expect: Expectation;
  /** The answer for a missing id (or missing referenced record) that a refusal must equal. */
  like?: LightMyRequestResponse;
  /** `:id` routes: out of reach must be 404 (F-1), not merely equal to the missing answer. */
  mustBe404?: boolean;
  /** Identifies the expectation for KNOWN_BUGS. */
  key: string;
}

/**
 * The authorization matrix of one module: builds the app and the world, then one `it` per route
 * the module owns (so a failure names the route), the canary test over its list routes and the
 * structural checks of its descriptor. Call it at the top level of the module's test file.
 */
export async function authorizationMatrix(moduleName: string) {
  // Built at module load (top-level await) because the tests themselves are generated from its
  // route table.
  const t: TestApp = await createTestApp();
  afterAll(async () => {
    await t.close();
  });
  const specOf = routeSpecs(t.app.swagger());
  const owned = routesOf(moduleName, t.routes);
  // The module and the descriptors it needs: whose canaries could appear in its lists, whose
  // records its set-up uses.
  const built = worldOf(moduleName, 'matrix');
  const { snapshot, changesSince: refusedRequestChanges } = createSnapshots(t);
  const { principals, canaries } = world;
  let anonymous: Agent;

  const listRoutes = () =>
    owned.filter(
      (r) =>
        !r.url.includes(':') &&
        (r.method === 'GET' || (r.method === 'POST' && (specOf(r).page || r.url.endsWith('/export')))),
    );

  /** The worker routes that read (a worker's own votes, objections, allowance). */
  const workerReads = () => owned.filter((r) => r.access?.kind === 'worker' && r.method === 'GET');

  beforeAll(async () => {
    for (const o of await t.platform.db
      .selectFrom('organisation')
      .select(['id', 'parentId', 'kind'])
      .execute()) {
      const key = [...t.orgs].find(([, id]) => id === o.id)?.[0] ?? o.id;
      orgById.set(o.id, { id: o.id, key, parentId: o.parentId, kind: o.kind });
    }
    anonymous = new Agent(t);
    world.admin = await signIn(t, 'admin');
    for (const u of DEMO_USERS) {
      const agent = new Agent(t);
      const res = await agent.login(u.username);
      expect(res.statusCode, res.body).toBe(200);
      const me = JSON.parse(res.body) as { userId: string; orgId: string; roles: Role[] };
      principals.push({ username: u.username, roles: me.roles, userId: me.userId, orgId: me.orgId, agent });
    }
    const publicWorker = new Agent(t);
    await signInWorker(publicWorker, PUBLIC_WORKER_PHONE);
    world.workers.push({
      label: 'public worker',
      tier: 'public',
      phone: PUBLIC_WORKER_PHONE,
      agent: publicWorker,
      memberOrgId: null,
    });
    for (const { d, part } of built) await d.matrix.setUp?.(t, part);
    for (const d of new Set(built.map((b) => b.d))) await d.matrix.setUpLast?.(t);
  });

  function urlOf(route: RouteInfo, params: Record<string, string>): string {
    const path = route.url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
    const query = LIST_QUERY[`${route.method} ${route.url}`];
    return query ? `${path}?${new URLSearchParams(query).toString()}` : path;
  }

  function send(agent: Agent, route: RouteInfo, params: Record<string, string>, body: unknown) {
    const url = urlOf(route, params);
    if (route.method === 'GET' || body === undefined)
      return agent.request({ method: route.method as 'GET', url });
    return agent.request({ method: route.method as 'POST', url, payload: body as object });
  }

  // ---------------------------------------------------------------------------------------------
  // The report: how many route × role × relation cases ran.
  // ---------------------------------------------------------------------------------------------

  const tally = { cases: 0, triples: new Set<string>(), byRelation: new Map<string, number>() };
  const knownBugHits = new Map<string, number>();

  afterAll(() => {
    const rel = [...tally.byRelation].map(([k, v]) => `${k}=${v}`).join(', ');
    console.log(
      `[authorization-matrix:${moduleName}] ${t.platform.engine}: ${tally.cases} cases over ${owned.length} routes × ` +
        `${ROLES.length} roles (${principals.length} demo users + anonymous); ` +
        `${tally.triples.size} distinct route × role × relation triples; by relation: ${rel}` +
        (knownBugHits.size
          ? `; known-bug cases skipped: ${[...knownBugHits].map(([k, v]) => `${k}×${v}`)}`
          : ''),
    );
  });

  // ---------------------------------------------------------------------------------------------
  // Tests.
  // ---------------------------------------------------------------------------------------------

  describe(`${moduleName}: descriptor`, () => {
    it('every :id route has a record finder, every reference field a record type', () => {
      const unmapped = owned
        .filter((r) => (hasIdParam(r) || (r.hasParams && r.access?.kind === 'action')) && !recordKindOf(r))
        .map((r) => `${r.method} ${r.url}`);
      expect(
        unmapped,
        `add their URL prefix to the descriptor's recordRoutes: ${unmapped.join(', ')}`,
      ).toEqual([]);
      const refs = owned.flatMap((r) =>
        referenceFields(specOf(r))
          .map(pathName)
          .filter((f) => !(f.split('.').pop()! in REFERENCE_FIELDS))
          .map((f) => `${r.method} ${r.url} body.${f}`),
      );
      expect(refs, `add these body fields to a descriptor's referenceFields: ${refs.join(', ')}`).toEqual([]);
    });

    it('every list route says which canaries it shows', () => {
      const missing = [...listRoutes(), ...workerReads()]
        .map((r) => `${r.method} ${r.url}`)
        .filter((k) => !(k in LIST_SHOWS));
      expect(missing, `add these list routes to the descriptor's listShows: ${missing.join(', ')}`).toEqual(
        [],
      );
    });
  });

  describe('canaries (F-1): no list, search or export shows another organisation’s data', () => {
    it('every list route (GET, or POST answering a page), for every demo user', async () => {
      const failures: string[] = [];
      const freeText = (s: Schema) => s.types.includes('string') && !s.enum && !s.pattern && !s.format;
      /** Values a filter naming another record is driven with: every record it can name. */
      const filterValues = (name: string): string[] => {
        const type = REFERENCE_FIELDS[name] as string | undefined;
        return type ? [...new Set(REFERENCE_TYPES[type].records().map((r) => r.id))] : [];
      };
      for (const p of principals) {
        for (const route of listRoutes()) {
          const key = `${route.method} ${route.url}`;
          const spec = specOf(route);
          // Default, the largest page, a search for the canary prefix in every free-text field
          // (search and counts must respect reach as lists do), and every filter naming a record
          // with every record it can name (a filter must not widen the reach).
          const fields = route.method === 'GET' ? spec.query : (spec.body?.properties ?? {});
          const variants: Record<string, string>[] = [{}];
          if ('pageSize' in fields) variants.push({ pageSize: '200' });
          for (const [name, s] of Object.entries(fields)) {
            if (freeText(s)) variants.push({ [name]: 'CANARY' });
            for (const v of filterValues(name)) variants.push({ [name]: v });
          }
          const texts: string[] = [];
          let listed = false;
          for (const variant of variants) {
            const v = { ...LIST_QUERY[key], ...variant };
            const q = new URLSearchParams(v).toString();
            const res =
              route.method === 'GET'
                ? await p.agent.get(q ? `${route.url}?${q}` : route.url)
                : await p.agent.post(
                    route.url,
                    Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'pageSize' ? 200 : x])),
                  );
            tally.cases++;
            if (res.statusCode >= 500) failures.push(`${p.username} ${key} ${q}: ${summary(res)}`);
            const type = String(res.headers['content-type'] ?? '');
            if (res.statusCode === 200 && type.includes('spreadsheetml')) {
              listed = true;
              const wb = new ExcelJS.Workbook();
              await wb.xlsx.load(res.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
              wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => texts.push(cell.text))));
            } else {
              texts.push(res.body);
              const b = parsed(res);
              if (res.statusCode === 200 && isObj(b) && Array.isArray(b.items)) listed = true;
            }
          }
          const all = texts.join('\n');
          const actions = routeActions(route);
          const shows = LIST_SHOWS[key] ?? [];
          for (const c of canaries) {
            const rec = c.via && key in c.via ? c.via[key] : c.rec;
            const visible = rec !== null && allowsAny(p, actions, rec);
            const where = `${c.value} (${c.rec.label ?? keyOf(c.rec.orgId)})`;
            if (!visible && all.includes(c.value)) {
              failures.push(`${p.username} (${p.roles}) ${key} shows ${where}`);
            }
            // What the role may read must show, so an empty answer cannot pass for a correct one.
            const mustShow =
              listed &&
              visible &&
              c.shows.some((f) => shows.includes(f)) &&
              (!c.ownOnly || c.rec.orgId === p.orgId);
            if (mustShow && !all.includes(c.value)) failures.push(`${p.username} ${key} lacks ${where}`);
          }
          tally.triples.add(`${key}|${p.roles.join('+')}|lists`);
        }
      }
      expect(failures, failures.join('\n')).toEqual([]);
    }, 180_000);
  });

  describe('worker canaries (F-1): a worker sees only their own', () => {
    it('every worker route that reads, for every signed-in worker and record', async () => {
      const failures: string[] = [];
      for (const route of workerReads()) {
        const key = `${route.method} ${route.url}`;
        const kind = recordKindOf(route);
        const shows = LIST_SHOWS[key] ?? [];
        const targets: (RecordRef | null)[] = kind ? kind.records() : [null];
        for (const w of world.workers) {
          for (const target of targets) {
            const url = urlOf(route, { id: target?.id ?? randomUUID() });
            const res = await w.agent.get(url);
            tally.cases++;
            tally.triples.add(`${key}|${w.label}|own`);
            if (res.statusCode >= 500) failures.push(`${w.label} ${key}: ${summary(res)}`);
            for (const c of world.workerCanaries) {
              const where = `${c.value} (${c.worker}'s, in ${c.rec.label ?? c.rec.id})`;
              if (c.worker !== w.label && res.body.includes(c.value)) {
                failures.push(`${w.label} ${key} on ${target?.label ?? 'route'} shows ${where}`);
              }
              const mustShow =
                c.worker === w.label &&
                res.statusCode === 200 &&
                (target === null || target.id === c.rec.id) &&
                c.shows.some((f) => shows.includes(f));
              if (mustShow && !res.body.includes(c.value)) failures.push(`${w.label} ${key} lacks ${where}`);
            }
          }
        }
      }
      expect(failures, failures.join('\n')).toEqual([]);
    }, 180_000);
  });

  describe('authorization matrix: every route × every role × every relation', () => {
    for (const route of owned) {
      const name = `${route.method} ${route.url} [${route.access?.kind ?? 'NO ACCESS'}${
        route.access?.kind === 'action' ? ` ${route.access.action}` : ''
      }]`;
      it(
        name,
        async () => {
          const failures: string[] = [];
          await exercise(route, failures);
          expect(failures, failures.join('\n')).toEqual([]);
        },
        180_000,
      );
    }
  });

  const whatOf = (p: Principal | null, rec: RecordRef) =>
    p && rec.ownerId === p.userId ? 'own record' : (rec.label ?? `record in ${keyOf(rec.orgId)}`);

  async function exercise(route: RouteInfo, failures: string[]): Promise<void> {
    const access = route.access;
    const label = `${route.method} ${route.url}`;
    if (!access) {
      failures.push(`${label} declares no access`);
      return;
    }
    const spec = specOf(route);
    if (route.hasBody && !spec.body) failures.push(`${label} has a body but no body schema in OpenAPI`);
    const kind = recordKindOf(route);
    if (hasIdParam(route) && !kind) {
      failures.push(
        `${label}: no recordRoutes entry for this :id route — add its URL prefix to the descriptor`,
      );
      return;
    }
    const refs = referenceFields(spec).filter((path) => {
      const leaf = String(path[path.length - 1]);
      return leaf in REFERENCE_FIELDS && !(`${label} body.${pathName(path)}` in UNCHECKED_FIELDS);
    });
    const sessionActions = SESSION_ROUTE_ACTIONS[label];
    const routeAction = access.kind === 'action' ? access.action : undefined;

    /** A valid request for `p`, with `:id` = target and reference fields = the principal's org. */
    const request = (
      p: Principal | null,
      target: RecordRef | null,
      ref?: { path: Path; id: string; extra?: Json },
    ) => {
      const refOrg = p?.orgId ?? t.orgs.get('qtx')!;
      const hint: Hint = (field, schema) => {
        const refType = REFERENCE_FIELDS[field] as string | undefined;
        if (refType) {
          const type: ReferenceType = REFERENCE_TYPES[refType];
          if (type.orgValued) return refOrg;
          // A record the principal may name (a resource it may read), else one that does not exist.
          const pick =
            p && routeAction
              ? type.records().find((r) => type.allowed(p, routeAction, r, target))
              : undefined;
          return pick?.id ?? randomUUID();
        }
        if (field === 'version') return STALE_VERSION;
        // What a module's fields need (a visit due ahead, a role that fits no principal's org).
        if (field in HINTS) return HINTS[field](schema);
        // Values that pass the services' own checks (GB 11643 checksum, mainland mobile, real code).
        if (field === 'idNumber') return nextIdNumber();
        if (field === 'phone') return SAMPLE_PHONE;
        if (field === 'divisionCode') return SAMPLE_DIVISION;
        return NO_HINT;
      };
      const params: Record<string, string> = {};
      for (const [name, s] of Object.entries(spec.params)) {
        params[name] =
          name === 'id' ? (target?.id ?? randomUUID()) : String(sampleValue(s, hint, name, 'matrix'));
      }
      let body = spec.body ? sampleValue(spec.body, hint, '', 'matrix') : undefined;
      // Optional reference fields (PATCH …orgId, form.campaignId) are not in a minimal body: put
      // the one under test in, with what it needs to be looked at.
      if (ref && spec.body)
        body = { ...withValueAt(spec.body, body, ref.path, ref.id, hint, 'matrix'), ...ref.extra };
      return { params, body };
    };

    let baseline = await snapshot();
    const run = async (c: Case) => {
      const res = await send(c.agent, route, c.params, c.body);
      const role = c.who ? c.who.roles.join('+') : 'anonymous';
      const relation =
        !c.who && c.agent !== anonymous
          ? 'worker'
          : c.target
            ? relationLabel(c.who, c.target)
            : c.who
              ? c.what
              : 'anonymous';
      tally.cases++;
      tally.triples.add(`${label}|${role}|${relation}`);
      tally.byRelation.set(relation, (tally.byRelation.get(relation) ?? 0) + 1);

      const problems: string[] = [];
      const code = codeOf(res);
      const status = res.statusCode;
      if (status >= 500) problems.push('server error');
      const refused =
        c.expect === 'unauthenticated' ||
        c.expect === 'worker_required' ||
        c.expect === 'forbidden' ||
        c.expect === 'hidden';
      switch (c.expect) {
        case 'unauthenticated':
          if (status !== 401 || code !== 'auth.unauthenticated')
            problems.push('expected 401 auth.unauthenticated');
          break;
        case 'worker_required':
          if (status !== 401 || code !== 'auth.worker_required')
            problems.push('expected 401 auth.worker_required');
          break;
        case 'forbidden': {
          const want = 'auth.forbidden';
          if (status !== 403 || code !== want) problems.push(`expected 403 ${want}`);
          break;
        }
        case 'hidden':
          if (c.mustBe404 && status !== 404) problems.push('expected 404 (out of reach looks like absent)');
          break;
        case 'allowed':
          if (status === 401 || status === 403 || status === 404) problems.push('expected access (in reach)');
          break;
        case 'open':
          if (code === 'auth.unauthenticated' || code === 'auth.forbidden' || status === 403) {
            problems.push('a public/session route refused a signed-in or anonymous user');
          }
          break;
      }
      if (c.like && comparable(res) !== comparable(c.like)) {
        problems.push(`answers unlike a missing id (${summary(c.like)})`);
      }
      if (refused) {
        const after = await snapshot();
        problems.push(...(await refusedRequestChanges(baseline, after)));
        baseline = after;
      } else {
        baseline = await snapshot();
      }
      if (problems.length === 0) return;
      const bug = KNOWN_BUGS[c.key];
      if (bug && problems.every((x) => bug.problem.test(x))) {
        knownBugHits.set(c.key, (knownBugHits.get(c.key) ?? 0) + 1);
        return;
      }
      failures.push(
        `${label} as ${c.who ? `${c.who.username} (${role})` : 'anonymous'} on ${c.what} [${relation}]: ` +
          `${problems.join('; ')} — got ${summary(res)}`,
      );
    };

    // Non-GET routes that are not action-guarded act on the caller's own session (logout,
    // password change): each such case gets a freshly signed-in agent so the matrix keeps its own.
    const agentFor = async (p: Principal): Promise<Agent> =>
      access.kind !== 'action' && route.method !== 'GET' ? signIn(t, p.username) : p.agent;

    const allTargets = (p: Principal | null): RecordRef[] => {
      if (!kind) return [];
      const out = [...kind.records()];
      const own = p && kind.own?.(p);
      if (own && !out.some((r) => r.id === own.id)) out.push(own);
      return out;
    };

    // 1. Anonymous: 401 on every non-public route, whatever the target.
    {
      const targets: (RecordRef | null)[] = kind ? [kind.records()[0] ?? null, null] : [null];
      for (const target of targets) {
        const { params, body } = request(null, target);
        await run({
          who: null,
          agent: anonymous,
          target,
          what: target ? whatOf(null, target) : 'missing id',
          params,
          body,
          expect:
            access.kind === 'public'
              ? 'open'
              : access.kind === 'worker'
                ? 'worker_required'
                : 'unauthenticated',
          key: `${label}`,
        });
      }
    }

    // 1b. Workers signed in on the phone: a worker route lets them through; a staff route (session
    //     or action) answers them as it answers anyone without a staff session. Public writes
    //     (sign-out) are left to the anonymous case, so the worker keeps its session.
    for (const w of world.workers) {
      if (access.kind === 'public' && route.method !== 'GET') continue;
      const targets: (RecordRef | null)[] = kind ? [...kind.records(), null] : [null];
      for (const target of targets) {
        const { params, body } = request(null, target);
        await run({
          who: null,
          agent: w.agent,
          target,
          what: `${w.label} on ${target ? whatOf(null, target) : 'route'}`,
          params,
          body,
          expect: access.kind === 'public' || access.kind === 'worker' ? 'open' : 'unauthenticated',
          key: `${label} ${w.label}`,
        });
      }
    }

    for (const p of principals) {
      // 2. Worker routes: no staff session counts, whatever the role (the principals never mix).
      if (access.kind === 'worker') {
        const target = kind ? (kind.records()[0] ?? null) : null;
        const { params, body } = request(p, target);
        await run({
          who: p,
          agent: p.agent,
          target,
          what: 'worker route',
          params,
          body,
          expect: 'worker_required',
          key: label,
        });
        continue;
      }

      // 2a. Session routes over records the service guards with actions of its own (the archive
      //     page): in reach → through; out of reach → exactly like a missing id (404), never 403.
      if (access.kind === 'session' && sessionActions && kind) {
        const missingReq = request(p, null);
        const missing = await send(p.agent, route, missingReq.params, missingReq.body);
        await run({
          who: p,
          agent: p.agent,
          target: null,
          what: 'missing id',
          params: missingReq.params,
          body: missingReq.body,
          expect: 'hidden',
          mustBe404: true,
          key: label,
        });
        for (const target of allTargets(p)) {
          const allowed = allowsAny(p, sessionActions, target);
          const { params, body } = request(p, target);
          await run({
            who: p,
            agent: p.agent,
            target,
            what: whatOf(p, target),
            params,
            body,
            expect: allowed ? 'allowed' : 'hidden',
            like: allowed ? undefined : missing,
            mustBe404: true,
            key: label,
          });
        }
        continue;
      }

      // 2b. Public and session routes: any signed-in user gets through.
      if (access.kind !== 'action') {
        const targets = kind ? allTargets(p) : [null];
        for (const target of targets) {
          const { params, body } = request(p, target);
          await run({
            who: p,
            agent: await agentFor(p),
            target,
            what: target ? whatOf(p, target) : 'route',
            params,
            body,
            expect: 'open',
            key: label,
          });
        }
        continue;
      }

      const action = access.action;
      const holds = policyAllows(p, action);

      // 3. Action routes without a record: held → through, not held → 403 and nothing changes.
      if (!kind) {
        const { params, body } = request(p, null);
        await run({
          who: p,
          agent: p.agent,
          target: null,
          what: 'route',
          params,
          body,
          expect: holds ? 'allowed' : 'forbidden',
          key: label,
        });
      } else {
        // 4. Record routes: every record of the type, the principal's own record, a missing id.
        const missingReq = request(p, null);
        const missing = await send(p.agent, route, missingReq.params, missingReq.body);
        await run({
          who: p,
          agent: p.agent,
          target: null,
          what: 'missing id',
          params: missingReq.params,
          body: missingReq.body,
          expect: holds ? 'hidden' : 'forbidden',
          mustBe404: holds,
          key: label,
        });
        for (const target of allTargets(p)) {
          const allowed = policyAllows(p, action, target);
          const { params, body } = request(p, target);
          await run({
            who: p,
            agent: p.agent,
            target,
            what: whatOf(p, target),
            params,
            body,
            expect: !holds ? 'forbidden' : allowed ? 'allowed' : 'hidden',
            like: allowed ? undefined : missing,
            mustBe404: holds,
            key: label,
          });
        }
      }

      // 5. Reference fields in the body (parentId, orgId, form.campaignId, draftId, memberId): the
      //    referenced record is checked, and one out of reach must answer exactly like one that
      //    does not exist.
      if (!holds || refs.length === 0) continue;
      let anchor: RecordRef | null = null;
      if (kind) {
        const candidates = [...allTargets(p)].sort(
          (a, b) => Number(b.orgId === p.orgId) - Number(a.orgId === p.orgId),
        );
        // Prefer a record that is not the principal's own: acting on oneself has extra rules
        // (self-change) that would answer before the reference is looked at.
        anchor =
          candidates.find((r) => r.ownerId !== p.userId && policyAllows(p, action, r)) ??
          candidates.find((r) => policyAllows(p, action, r)) ??
          null;
        if (!anchor) continue;
      }
      for (const path of refs) {
        const field = pathName(path);
        const type: ReferenceType = REFERENCE_TYPES[referenceTypeOf(label, path)];
        const key = `${label} body.${field}`;
        const extra = typeof type.extra === 'function' ? type.extra(p) : type.extra;
        const missingReq = request(p, anchor, { path, id: randomUUID(), extra });
        const missing = await send(p.agent, route, missingReq.params, missingReq.body);
        for (const ref of type.records()) {
          const allowed = type.allowed(p, action, ref, anchor);
          const { params, body } = request(p, anchor, { path, id: ref.id, extra });
          await run({
            who: p,
            agent: p.agent,
            target: ref,
            what: `body.${field} = ${ref.label ?? keyOf(ref.orgId)}`,
            params,
            body,
            expect: allowed ? 'allowed' : 'hidden',
            like: allowed ? undefined : missing,
            key,
          });
        }
      }
    }

    // A route must not end the sessions the matrix runs on (e.g. a write that slipped past the
    // stale version); sign back in so one failure does not cascade into every later route.
    for (const w of world.workers) {
      const me = await w.agent.get('/api/worker/me');
      if (me.statusCode !== 200) {
        failures.push(`${label} ended the worker session of the ${w.label}: ${summary(me)}`);
        // The phone's resend wait is a minute.
        t.clock.advance(61_000);
        w.agent = new Agent(t);
        await signInWorker(w.agent, w.phone);
      }
    }
    for (const p of principals) {
      const me = await p.agent.get('/api/auth/me');
      if (me.statusCode !== 200) {
        failures.push(`${label} ended the session of ${p.username}: ${summary(me)}`);
        p.agent = await signIn(t, p.username);
      }
    }
  }

  return { t, principal: (username: string) => principalNamed(username) };
}
