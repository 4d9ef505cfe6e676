/**
 * F-3 "bad input never breaks anything" engine, generated over every route of a module.
 *
 * For each route, signed in as the platform admin (who reaches everything, so a refusal is the
 * input's fault and not the policy's) or as the first of a module's own users holding its
 * action, requests are generated from the route's own schemas as published in the OpenAPI
 * document: wrong JSON types for the body and for every declared field, huge strings,
 * 10 000-level nesting, `__proto__` / `constructor.prototype` keys, NUL, emoji, RTL overrides,
 * SQL and HTML payloads, unknown fields, malformed query strings and path segments, wrong content
 * types, invalid and empty JSON.
 *
 * Every response must satisfy the invariants: never 5xx, never a stack trace, 4xx answers are
 * problem+json with a `code` (and `errors` naming the field for validation problems), and no
 * row changes in any table — except that a value the schema genuinely accepts (an org named
 * `<script>…`) may be stored, in which case it must read back exactly as sent.
 *
 * Which cases are "must reject" and which "may be accepted" is decided per value by checking it
 * against the route's JSON schema, not by a hand-written list, so a new route or field is
 * classified the day it appears.
 *
 * What a module supplies (its descriptor's `malformed` part): a disposable record for each `:id`
 * route (recordPrefixes, built in its setUp through the API), hints (values that make a base body
 * valid and meaningful), raw uploads, the users who drive its routes, and preferredRole (a route
 * whose minimal body only works for one of the roles holding its action).
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { RouteInfo } from '../../platform/http/routes';
import { DEMO_PASSWORD } from '../../seed/foundation';
import { makeIdNumber } from '../../platform/personal-data/identity';
import { signInWorker } from '../factories/membership';
import { Agent, createTestApp, signIn, type TestApp } from '../test-app';
import type { MalformedContext, RecordTarget } from './descriptor';
import { PNG_1PX, nextIdNumber } from './modules/assistance-fixtures';
import { HARNESSES, SESSION_ROUTE_ACTIONS, merged, routesOf, worldOf } from './registry';
import {
  NO_HINT,
  SAMPLE_DIVISION,
  SAMPLE_PHONE,
  accepts,
  bodyFields as fieldsOf,
  isObj,
  routeSpecs,
  sampleValue,
  withValueAt as withValue,
  type Hint,
  type Json,
  type RouteSpec,
  type Schema,
} from './schema';
import { createSnapshots } from './snapshot';
import { roleHolds, type Action, type Role } from './world';

const RECORD_PREFIXES: Record<string, RecordTarget> = merged((d) => d.malformed.recordPrefixes);
const RAW_UPLOADS = merged((d) => d.malformed.rawUploads);
const PREFERRED_ROLE = merged((d) => d.malformed.preferredRole);
const KNOWN_BUGS = HARNESSES.flatMap((d) => d.malformed.knownBugs ?? []);

const withValueAt = (schema: Schema, base: unknown, path: (string | number)[], value: unknown, hint: Hint) =>
  withValue(schema, base, path, value, hint, 'malformed');

/** Query strings arrive as text; numeric parameters are coerced by the contracts (z.coerce). */
function acceptsQueryValue(s: Schema, raw: string): boolean {
  const numeric = s.types.includes('integer') || s.types.includes('number');
  return accepts(s, numeric ? (raw.trim() === '' ? Number.NaN : Number(raw)) : raw);
}

const routeKey = (route: RouteInfo) => `${route.method} ${route.url}`;

const recordPrefixOf = (route: RouteInfo) =>
  Object.keys(RECORD_PREFIXES)
    .filter((p) => route.url === p || route.url.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];

function parsed(res: LightMyRequestResponse): unknown {
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Payloads.
// ---------------------------------------------------------------------------------------------

/** 18-character ID numbers (valid check digit, digits only) for the F-10 log scan. */
function idNumber(prefix6: string, birth: string): string {
  for (let seq = 100; seq < 1000; seq++) {
    const id = makeIdNumber(prefix6, birth, String(seq));
    if (/^\d{18}$/.test(id)) return id;
  }
  throw new Error('no all-digit ID number');
}
/** Sent only in JSON bodies. */
const ID_IN_BODY = idNumber('640381', '19800315');
/** Sent in path segments and query strings. */
export const ID_IN_URL = idNumber('640104', '19761122');

/** Text a schema may well accept: if it does, it must be stored and read back verbatim. */
const TEXT_PAYLOADS: [string, string][] = [
  ['emoji', '工会👨‍👩‍👧‍👦🎉'],
  ['rtl-override', 'abc\u202Etxt.exe'],
  ['sql-or', "' OR 1=1 --"],
  ['sql-drop', "'; DROP TABLE organisation; --"],
  ['html', '<script>alert(1)</script>'],
];

/** Values of other JSON types; a case is generated for each the field's schema does not accept. */
const WRONG_TYPES: [string, unknown][] = [
  ['string', 'not-a-valid-value'],
  ['numeric-string', '1'],
  ['number', 12345],
  ['float', 1.5],
  ['negative', -1],
  ['boolean', true],
  ['array', []],
  ['object', {}],
  ['null', null],
];

/**
 * Numbers at and beyond a numeric field's bounds (item 9.11): the schema's own maximum and
 * minimum (a value AT a bound may be accepted, never answered 5xx — PostgreSQL's `integer` holds
 * less than JavaScript's safe integers), one past each bound, a fraction where an integer is
 * expected, and magnitudes past 32 and 64 bits. Each is sorted into "must reject" or "may be
 * accepted" by the field's schema like every other case.
 */
const INT32_MAX = 2_147_483_647;
export function numericExtremes(s: Schema): [string, number][] {
  const out: [string, number][] = [];
  if (s.maximum !== undefined) out.push(['at-max', s.maximum], ['max+1', s.maximum + 1]);
  if (s.minimum !== undefined) out.push(['at-min', s.minimum], ['min-1', s.minimum - 1]);
  if (s.types.includes('integer')) out.push(['fraction', (s.maximum ?? s.minimum ?? 1) - 0.5]);
  out.push(
    ['int32-max', INT32_MAX],
    ['int32-max+1', INT32_MAX + 1],
    ['int32-min-1', -INT32_MAX - 2],
    ['2^53', 2 ** 53],
    ['2^63', 2 ** 63],
    ['-1e20', -1e20],
    ['1e308', 1e308],
  );
  const seen = new Set<number>();
  return out.filter(([, v]) => !seen.has(v) && Boolean(seen.add(v)));
}
/** The numeric branch of a field's schema (`z.number().nullable()` publishes an anyOf). */
const numericOf = (s: Schema): Schema | undefined =>
  s.types.includes('integer') || s.types.includes('number')
    ? s
    : s.anyOf?.find((b) => b.types.includes('integer') || b.types.includes('number'));

const KB10 = 'x'.repeat(10 * 1024);
const MB1 = 'x'.repeat(1024 * 1024);
const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;

/** Path segments, already in URL form; `raw: true` means not percent-encoded on purpose. */
const PATH_VALUES: [string, string][] = [
  ['dot-dot-slash', '../'],
  ['dot-dot-encoded', '..%2F..%2Fetc%2Fpasswd'],
  ['long-300', 'a'.repeat(300)],
  ['long-5000', 'b'.repeat(5000)],
  ['nul', '%00'],
  ['lone-percent', '%'],
  ['unicode', encodeURIComponent('中文编号')],
  ['emoji', encodeURIComponent('👨‍👩‍👧')],
  ['rtl-override', encodeURIComponent('abc\u202Etxt')],
  ['sql', encodeURIComponent("1' OR '1'='1")],
  ['html', encodeURIComponent('<script>alert(1)</script>')],
  ['id-number', ID_IN_URL],
  ['null-word', 'null'],
  ['negative', '-1'],
  ['space', '%20'],
];

// ---------------------------------------------------------------------------------------------
// Cases.
// ---------------------------------------------------------------------------------------------

interface RawBody {
  payload?: string | Buffer;
  contentType?: string;
  /** Other request headers (a file upload's x-file-name). */
  headers?: Record<string, string>;
}

interface MalformedCase {
  name: string;
  /** reject: the request is invalid by the route's schema; maybe: it might be valid input. */
  expect: 'reject' | 'maybe';
  /** Where a validation error should point: `body.name`, `query.page`, `params.id`. */
  field?: string;
  /** A possibly valid value sent in a body field: on 2xx it must read back verbatim. */
  store?: { field: string; value: unknown; nested: boolean };
  /** A number out of its field's range: refused by validation (400) naming the field. */
  outOfRange?: boolean;
  path?: Record<string, string>;
  query?: string;
  body?: (base: unknown, hint: Hint) => RawBody;
}

const json = (v: unknown): RawBody => ({ payload: JSON.stringify(v), contentType: 'application/json' });
/** The base body with the fields of `extra` appended as raw JSON text (so `__proto__` stays a key). */
const withRawKeys = (base: unknown, extra: string): RawBody => {
  const text = JSON.stringify(isObj(base) ? base : {});
  return {
    payload: text === '{}' ? `{${extra}}` : `{${extra},${text.slice(1)}`,
    contentType: 'application/json',
  };
};

function bodyCases(route: RouteInfo, spec: RouteSpec): MalformedCase[] {
  const out: MalformedCase[] = [];
  if (route.method === 'GET') return out;
  const schema = spec.body;
  // A route without a body schema ignores a parsable body, so only unparsable ones are cases.
  const must = (v: unknown): 'reject' | 'maybe' => (schema && !accepts(schema, v) ? 'reject' : 'maybe');
  const wholeBody: MalformedCase[] = [
    {
      name: 'body:invalid-json',
      expect: 'reject',
      body: () => ({ payload: '{"a":', contentType: 'application/json' }),
    },
    {
      name: 'body:__proto__',
      expect: 'reject',
      body: (b) => withRawKeys(b, '"__proto__":{"polluted":true}'),
    },
    {
      name: 'body:constructor.prototype',
      expect: 'reject',
      body: (b) => withRawKeys(b, '"constructor":{"prototype":{"polluted":true}}'),
    },
    {
      name: 'body:deep-object-10000',
      expect: 'reject',
      body: () => ({ payload: deepObject, contentType: 'application/json' }),
    },
    {
      name: 'body:deep-array-10000',
      expect: 'reject',
      body: () => ({ payload: deepArray, contentType: 'application/json' }),
    },
    {
      name: 'body:1MB-string',
      expect: 'reject',
      body: () => json({ [Object.keys(schema?.properties ?? {})[0] ?? 'a']: MB1 }),
    },
    {
      name: 'body:multipart',
      expect: 'reject',
      body: () => ({
        payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
        contentType: 'multipart/form-data; boundary=x',
      }),
    },
  ];
  out.push(...wholeBody);
  if (!schema) return out;
  out.push(
    { name: 'body:json-string', expect: must('text'), field: 'body', body: () => json('text') },
    { name: 'body:json-number', expect: must(42), field: 'body', body: () => json(42) },
    { name: 'body:json-array', expect: must([]), field: 'body', body: () => json([]) },
    { name: 'body:json-array-of-body', expect: 'reject', field: 'body', body: (b) => json([b]) },
    { name: 'body:json-null', expect: must(null), field: 'body', body: () => json(null) },
    { name: 'body:json-true', expect: must(true), field: 'body', body: () => json(true) },
    {
      name: 'body:empty-json',
      expect: 'reject',
      body: () => ({ payload: '', contentType: 'application/json' }),
    },
    // No body at all: refused unless the schema lets the body be left out (preview, apply).
    { name: 'body:none', expect: must(null), body: () => ({}) },
    {
      name: 'body:text/plain',
      expect: 'reject',
      body: (b) => ({ payload: JSON.stringify(b), contentType: 'text/plain' }),
    },
    {
      name: 'body:form-urlencoded',
      expect: 'reject',
      body: () => ({ payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' }),
    },
    {
      name: 'body:unknown-field',
      expect: schema.closed ? 'reject' : 'maybe',
      field: 'body',
      body: (b) => json({ ...(isObj(b) ? b : {}), unexpectedField: 'x' }),
    },
    { name: 'body:nul-in-key', expect: 'reject', body: (b) => withRawKeys(b, '"na\\u0000me":"x"') },
  );
  for (const { path, schema: fs } of fieldsOf(schema)) {
    const field = path.join('.');
    const leaf = String(path[path.length - 1]);
    const fieldCase = (name: string, v: unknown): MalformedCase => {
      // NUL is refused everywhere (input guard), whatever the field's JSON schema says.
      const ok = accepts(fs, v) && !(typeof v === 'string' && v.includes('\u0000'));
      return {
        name: `body.${field}:${name}`,
        expect: ok ? 'maybe' : 'reject',
        field: `body.${field}`,
        // A version is the request's precondition, not data: an accepted one is not read back.
        store: ok && leaf !== 'version' ? { field: leaf, value: v, nested: path.length > 1 } : undefined,
        body: (b, hint) => json(withValueAt(schema, b, path, v, hint)),
      };
    };
    for (const [name, v] of WRONG_TYPES) if (!accepts(fs, v)) out.push(fieldCase(`type-${name}`, v));
    const numeric = numericOf(fs);
    if (numeric) {
      for (const [name, v] of numericExtremes(numeric)) {
        const c = fieldCase(`number-${name}`, v);
        out.push(c.expect === 'reject' ? { ...c, outOfRange: true } : c);
      }
    }
    const stringy = fs.types.includes('string') || fs.anyOf?.some((b) => b.types.includes('string'));
    if (stringy) {
      out.push(fieldCase('10KB', KB10), fieldCase('nul', 'a\u0000b'), fieldCase('id-number', ID_IN_BODY));
      for (const [name, v] of TEXT_PAYLOADS) out.push(fieldCase(name, v));
    }
    if (fs.types.includes('array')) {
      out.push(fieldCase('array-of-numbers', [12345]), fieldCase('array-of-null', [null]));
      out.push(
        fieldCase(
          'array-10000',
          Array.from({ length: 10_000 }, () => 'x'),
        ),
      );
    }
  }
  return out;
}

/**
 * Every field of a body schema, nested ones included (`form.headName`, `form.members.0.name`):
 * a screening form is one body field, and its own fields are where typed input arrives.
 */

function queryCases(route: RouteInfo, spec: RouteSpec): MalformedCase[] {
  // Non-GET routes read no query string; sending one would just perform the route's action.
  if (route.method !== 'GET') return [];
  const declared = spec.query;
  const classify = (query: string, field?: string): MalformedCase => {
    const params = new URLSearchParams(query);
    let expectation: 'reject' | 'maybe' = 'maybe';
    const seen = new Set<string>();
    for (const [k, v] of params) {
      const s = declared[k];
      if (!s) continue; // unknown: a strict schema rejects it, a lax one ignores it; both are fine
      if (seen.has(k) || !acceptsQueryValue(s, v) || v.includes('\u0000')) expectation = 'reject';
      seen.add(k);
    }
    return {
      name: `query:${query.length > 60 ? `${query.slice(0, 40)}…(${query.length})` : query}`,
      expect: expectation,
      field,
      query,
    };
  };
  const out: MalformedCase[] = [
    classify('page=-1', 'query.page'),
    classify('pageSize=1e9', 'query.pageSize'),
    classify('pageSize=0', 'query.pageSize'),
    classify('page=abc', 'query.page'),
    classify('page=99999999999999999999999', 'query.page'),
    classify('page[]=1'),
    classify('page=1&page=2', 'query.page'),
    classify('zzUnknown=1'),
    classify(`zzUnknown=${KB10}`),
    classify('%zz=1'),
  ];
  for (const name of Object.keys(declared)) {
    const field = `query.${name}`;
    const values = [
      ...TEXT_PAYLOADS.map(([, v]) => v),
      KB10,
      'a\u0000b',
      ID_IN_URL,
      '-1',
      '1e9',
      '',
      '[object Object]',
    ];
    for (const v of values) out.push(classify(`${name}=${encodeURIComponent(v)}`, field));
    // A value that is not percent-encoded at all.
    out.push({ name: `query:${name}=%`, expect: 'maybe', field, query: `${name}=%` });
    const numeric = numericOf(declared[name]);
    if (numeric) {
      for (const [, v] of numericExtremes(numeric)) {
        const c = classify(`${name}=${encodeURIComponent(String(v))}`, field);
        out.push(c.expect === 'reject' ? { ...c, outOfRange: true } : c);
      }
    }
  }
  return out;
}

/**
 * Routes that take a file as the raw body (no JSON schema to generate from): the bytes, their
 * declared type and the file name in a header are the input. A valid photo is built here; each
 * case spoils one part of it, or sends a name the route may keep (then read back verbatim).
 */

function uploadCases(route: RouteInfo): MalformedCase[] {
  const upload = RAW_UPLOADS[routeKey(route)];
  if (!upload) return [];
  const header = upload.fileNameHeader;
  const file = (
    name: string,
    expect: 'reject' | 'maybe',
    bytes: Buffer,
    contentType: string | undefined,
    fileName: string | undefined,
    field?: string,
    /** The name the file is kept under, when not the one sent (issue 9 item 17). */
    storedAs?: string,
  ): MalformedCase => ({
    name: `upload:${name}`,
    expect,
    field,
    store:
      expect === 'maybe' && fileName !== undefined
        ? { field: 'fileName', value: storedAs ?? fileName, nested: false }
        : undefined,
    body: () => ({
      payload: bytes,
      contentType,
      headers: fileName === undefined ? {} : { [header]: encodeURIComponent(fileName) },
    }),
  });
  const raw = (name: string, value: string): MalformedCase => ({
    name: `upload:${header}-${name}`,
    expect: 'reject',
    field: `headers.${header}`,
    body: () => ({ payload: PNG_1PX, contentType: 'image/png', headers: { [header]: value } }),
  });
  const png = 'image/png';
  return [
    file('no-content-type', 'reject', PNG_1PX, undefined, 'a.png'),
    file('text/plain', 'reject', PNG_1PX, 'text/plain', 'a.png'),
    file('svg', 'reject', Buffer.from('<svg onload="alert(1)"/>'), 'image/svg+xml', 'a.svg'),
    file('html-as-png', 'reject', Buffer.from('<script>alert(1)</script>'), png, 'a.png'),
    file('jpeg-bytes-as-png', 'reject', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), png, 'a.png'),
    file('empty', 'reject', Buffer.alloc(0), png, 'a.png'),
    file('too-large', 'reject', Buffer.concat([PNG_1PX, Buffer.alloc(upload.maxBytes)]), png, 'a.png'),
    file('no-file-name', 'reject', PNG_1PX, png, undefined),
    file('name-path', 'reject', PNG_1PX, png, '../../etc/passwd'),
    file('name-backslash', 'reject', PNG_1PX, png, '..\\boot.ini'),
    file('name-nul', 'reject', PNG_1PX, png, 'a\u0000.png'),
    file('name-control', 'reject', PNG_1PX, png, 'a\u001b.png'),
    file('name-101', 'reject', PNG_1PX, png, `${'名'.repeat(97)}.png`),
    raw('not-encoded', '%'),
    raw('blank', '   '),
    file('name-emoji', 'maybe', PNG_1PX, png, '工会👨‍👩‍👧‍👦🎉.png'),
    // Issue 9 item 17: the bidi override is removed and the extension is the checked type's.
    file('name-rtl-override', 'maybe', PNG_1PX, png, 'abc\u202Egnp.exe', undefined, 'abcgnp.png'),
    file('name-html', 'maybe', PNG_1PX, png, '<script>alert(1)</script>.png'),
    file('name-sql', 'maybe', PNG_1PX, png, "'; DROP TABLE evidence; --.png"),
  ];
}

function pathCases(route: RouteInfo, spec: RouteSpec): MalformedCase[] {
  const out: MalformedCase[] = [];
  for (const [param, s] of Object.entries(spec.params)) {
    for (const [name, raw] of PATH_VALUES) {
      let decoded: string | null;
      try {
        decoded = decodeURIComponent(raw);
      } catch {
        decoded = null;
      }
      const ok = decoded !== null && !decoded.includes('/') && accepts(s, decoded);
      out.push({
        name: `params.${param}:${name}`,
        expect: ok ? 'maybe' : 'reject',
        field: `params.${param}`,
        path: { [param]: raw },
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Known server bugs: excluded from the generated assertions and reproduced by `it.fails` tests
// at the end (green while open, red once fixed — then delete the entry and the `it.fails`).
// Matched by case name and by the only problem it shows.
// ---------------------------------------------------------------------------------------------

/**
 * The malformed-input harness of one module: builds the app and the disposable records of the
 * module and the descriptors it needs, then one `it` per route the module owns, and the F-10 log scan over this file's run.
 * Call it at the top level of the module's test file.
 */
export async function malformedInput(moduleName: string) {
  const t: TestApp = await createTestApp();
  afterAll(async () => {
    await t.close();
  });
  const specOf = routeSpecs(t.app.swagger());
  const owned = routesOf(moduleName, t.routes);
  // The module and the descriptors whose records, drivers and hints it needs.
  const built = worldOf(moduleName, 'malformed').map(({ d }) => d);
  const { snapshot, changesSince } = createSnapshots(t);
  let admin!: Agent;
  /** A worker signed in on the phone: it drives the worker routes (`{ kind: 'worker' }`). */
  let worker!: Agent;
  const sessionCookies = new Set<string>();
  const perRoute = new Map<string, number>();
  const knownBugHits = new Map<string, number>();

  async function throwaway(username = 'admin'): Promise<Agent> {
    const a = await signIn(t, username);
    const c = a.sessionCookie();
    if (c) sessionCookies.add(c);
    return a;
  }

  /** The harness's users, the platform admin first: each route runs as the first one who holds it. */
  const drivers = (): { agent: Agent; roles: Role[] }[] => [
    { agent: admin, roles: ['platform_admin'] },
    ...built.flatMap((d) => d.malformed.drivers?.() ?? []),
  ];

  function agentFor(route: RouteInfo): Agent {
    if (route.access?.kind === 'worker') return worker;
    const actions: Action[] =
      route.access?.kind === 'action'
        ? [route.access.action]
        : (SESSION_ROUTE_ACTIONS[routeKey(route)] ?? []);
    if (actions.length === 0) return admin;
    const preferred = PREFERRED_ROLE[routeKey(route)];
    const found = [...drivers().filter((d) => preferred && d.roles.includes(preferred)), ...drivers()].find(
      (d) => roleHolds(d.roles, actions),
    );
    if (!found) throw new Error(`${routeKey(route)}: no harness user holds ${actions.join(' or ')}`);
    return found.agent;
  }

  beforeAll(async () => {
    admin = await throwaway();
    worker = new Agent(t);
    await signInWorker(worker, '13700009902');
    for (const d of built) await d.malformed.setUp?.(t, { throwaway });
  });

  afterAll(() => {
    const total = [...perRoute.values()].reduce((a, b) => a + b, 0);
    const lines = [...perRoute].map(([r, n]) => `  ${String(n).padStart(5)}  ${r}`);
    console.log(
      `[malformed-input:${moduleName}] ${t.platform.engine}: ${total} requests over ${perRoute.size} routes\n${lines.join('\n')}` +
        (knownBugHits.size
          ? `\n  known-bug cases: ${[...knownBugHits].map(([k, v]) => `${k}×${v}`).join(', ')}`
          : ''),
    );
  });

  const STACK_PATTERNS = [
    /\bat [^\n]*[/\\][^\n]*\.(ts|js|mjs|cjs)\b/,
    /\.(ts|js|mjs|cjs):\d+:\d+/,
    /node_modules/,
    /\b\w*Error:/,
    /file:\/\//,
  ];

  /** The invariants every answer must meet, whatever was sent. */
  function answerProblems(res: LightMyRequestResponse, c: MalformedCase): string[] {
    const problems: string[] = [];
    const type = String(res.headers['content-type'] ?? '');
    if (res.statusCode >= 500) problems.push(`server error ${res.statusCode}`);
    const binary = type.includes('spreadsheetml') || type.includes('octet-stream');
    if (!binary) {
      for (const p of STACK_PATTERNS)
        if (p.test(res.body)) problems.push(`body looks like a stack trace (${p})`);
    }
    if (res.statusCode >= 400 && res.statusCode < 500) {
      const b = parsed(res);
      if (!type.startsWith('application/problem+json')) problems.push(`4xx is not problem+json (${type})`);
      if (!isObj(b) || typeof b.code !== 'string') {
        problems.push('4xx without a problem code');
      } else if ((res.statusCode === 400 && b.code === 'request.invalid') || res.statusCode === 422) {
        const errors = Array.isArray(b.errors) ? b.errors.filter(isObj) : [];
        if (errors.length === 0 || errors.some((e) => typeof e.field !== 'string' || e.field === '')) {
          problems.push('validation problem without errors naming a field');
        } else if (c.expect === 'reject' && c.field && res.statusCode === 400) {
          // The error must point at what was wrong: the field itself, or its parent naming it.
          const field = c.field;
          const leaf = field.split('.').pop() ?? field;
          const named = errors.some((e) => {
            const f = String(e.field);
            if (f === field || f.startsWith(`${field}.`)) return true;
            // A parent (`body` for an unknown key, `query` for an unknown parameter) naming it.
            return field.startsWith(`${f}.`) && String(e.message ?? '').includes(leaf);
          });
          if (!named) problems.push(`validation errors do not name ${field}: ${JSON.stringify(errors)}`);
        }
      }
    }
    if (c.expect === 'reject' && res.statusCode < 400)
      problems.push(`accepted an invalid request (${res.statusCode})`);
    if (c.outOfRange && res.statusCode !== 400 && res.statusCode < 500)
      problems.push(`a number out of range answered ${res.statusCode}, not 400 naming ${c.field}`);
    return problems;
  }

  const recordUrlOf = (route: RouteInfo) => route.url.match(/^(.*?\/:id)(\/|$)/)?.[1] ?? `${route.url}/:id`;

  /** Every value held under `key` anywhere in a JSON tree (a reason lands in the timeline). */
  function deepValues(u: unknown, key: string, out: unknown[] = []): unknown[] {
    if (Array.isArray(u)) for (const x of u) deepValues(x, key, out);
    else if (isObj(u)) {
      for (const [k, v] of Object.entries(u)) {
        if (k === key) out.push(v);
        deepValues(v, key, out);
      }
    }
    return out;
  }

  /**
   * On 2xx for a value the schema accepts: the value must read back exactly as sent. The stored
   * record is the answer itself, a record inside it, one it names (`householdId` →
   * GET /api/households/:id), or the `:id` the route acted on.
   */
  async function roundTrip(
    route: RouteInfo,
    res: LightMyRequestResponse,
    store: { field: string; value: unknown; nested: boolean },
    ctx: { agent: Agent; pathId?: string; sinceSeq: number },
  ) {
    const b = parsed(res);
    const sent = JSON.stringify(store.value);
    const rec =
      isObj(b) && typeof b.id === 'string' ? b : isObj(b) ? Object.values(b).find(isObj) : undefined;
    const problems: string[] = [];
    // A nested field (`measures.0.description`) is not the record's own field of the same name.
    if (isObj(rec) && !store.nested && store.field in rec && JSON.stringify(rec[store.field]) !== sent) {
      problems.push(`answer shows ${store.field}=${JSON.stringify(rec[store.field])}, sent ${sent}`);
    }
    const reads: { url: string; id: string }[] = [];
    if (isObj(rec) && typeof rec.id === 'string') reads.push({ url: recordUrlOf(route), id: rec.id });
    if (isObj(b)) {
      // `campaignId` names the route's own module's campaign (/api/vote/campaigns/:id) before
      // another module's of the same name (/api/campaigns/:id).
      const own = route.url.match(/^\/api\/[a-z-]+(?=\/)/)?.[0];
      for (const [k, v] of Object.entries(b)) {
        if (typeof v !== 'string' || !/^[a-z]+Id$/.test(k)) continue;
        const urls = [...(own ? [`${own}/${k.slice(0, -2)}s/:id`] : []), `/api/${k.slice(0, -2)}s/:id`];
        const url = urls.find((u) => t.routes.some((x) => x.method === 'GET' && x.url === u));
        if (url) reads.push({ url, id: v });
      }
    }
    if (ctx.pathId) reads.push({ url: recordUrlOf(route), id: ctx.pathId });
    // Read through GET …/:id, or find the record by id in the collection's GET (drafts, standards).
    const getRoute = (url: string) => t.routes.find((x) => x.method === 'GET' && x.url === url);
    const readable = reads.filter((r) => getRoute(r.url) ?? getRoute(r.url.replace(/\/:id$/, '')));
    let stored: unknown;
    for (const r of readable) {
      if (getRoute(r.url)) {
        const g = await ctx.agent.get(r.url.replace(':id', encodeURIComponent(r.id)));
        if (g.statusCode === 200) stored = parsed(g);
      } else {
        const list = getRoute(r.url.replace(/\/:id$/, ''))!;
        const g = await ctx.agent.get(
          `${list.url}${'pageSize' in specOf(list).query ? '?pageSize=200' : ''}`,
        );
        const items = isObj(parsed(g)) ? (parsed(g) as Json).items : undefined;
        stored = Array.isArray(items) ? items.find((x) => isObj(x) && x.id === r.id) : undefined;
      }
      if (stored !== undefined) break;
    }
    if (readable.length > 0 && stored === undefined) {
      problems.push(`reading it back failed: ${readable.map((r) => r.url).join(', ')}`);
    }
    // The answer's own copy counts only without a stored one to read (drafts echo their form).
    const found = deepValues(stored === undefined ? b : stored, store.field);
    // Where the request also wrote the value into the audit trail, it must be there verbatim too.
    const audited: unknown[] = [];
    for (const row of await t.platform.db
      .selectFrom('auditLog')
      .select('details')
      .where('seq', '>', ctx.sinceSeq)
      .where('result', '=', 'success')
      .execute()) {
      const d = JSON.parse(row.details) as unknown;
      if (isObj(d) && store.field in d) audited.push(d[store.field]);
    }
    if (audited.length > 0 && !audited.some((v) => JSON.stringify(v) === sent)) {
      problems.push(`audit details hold ${store.field}=${JSON.stringify(audited[0])}, sent ${sent}`);
    }
    if (found.length > 0) {
      if (!found.some((v) => JSON.stringify(v) === sent)) {
        problems.push(`stored ${store.field}=${JSON.stringify(found[found.length - 1])}, sent ${sent}`);
      }
    } else if (readable.length === 0 && audited.length === 0) {
      problems.push(
        `cannot verify ${store.field}: no GET ${recordUrlOf(route)} and the answer does not echo it`,
      );
    }
    // A field found nowhere (a password, a phone shown masked) is write-only: nothing to read back.
    return problems;
  }

  describe('malformed input (F-3): every route × generated bad requests', () => {
    for (const route of owned) {
      it(`${route.method} ${route.url}`, async () => {
        const failures = await exercise(route);
        expect(failures, failures.join('\n')).toEqual([]);
      }, 60_000);
    }
  });

  async function exercise(route: RouteInfo): Promise<string[]> {
    const label = `${route.method} ${route.url}`;
    const spec = specOf(route);
    const failures: string[] = [];
    const cases = [
      ...bodyCases(route, spec),
      ...uploadCases(route),
      ...queryCases(route, spec),
      ...pathCases(route, spec),
    ];
    const prefix = recordPrefixOf(route);
    const target = prefix ? RECORD_PREFIXES[prefix] : undefined;
    // Session writes (logout, password change) act on the caller's own session: each case runs on
    // a freshly signed-in admin so the harness keeps its own. Public routes (login, the workers'
    // phone pages) are driven as the anonymous client they are for, a new one per case.
    const ownSession =
      route.access?.kind === 'session' && route.method !== 'GET' && !SESSION_ROUTE_ACTIONS[label];
    const anonymous = route.access?.kind === 'public';
    const driver = agentFor(route);
    const s1 = driver !== admin;
    // A search sent as a POST (ID numbers stay out of URLs) reads like a GET: it must change nothing.
    // Reads: GETs, paged searches and exports (a POST so ID numbers stay out of the URL).
    const reads = route.method === 'GET' || spec.page || route.url.endsWith('/export');

    const defaultParams = (hint: Hint): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const [name, s] of Object.entries(spec.params)) {
        out[name] =
          name === 'id'
            ? encodeURIComponent(target ? target.id() : randomUUID())
            : encodeURIComponent(String(sampleValue(s, hint, name, 'malformed')));
      }
      return out;
    };

    let version: number | undefined;
    const currentVersion = async (): Promise<number> => {
      if (version !== undefined) return version;
      version = 1;
      if (target?.table) {
        const row = (await t.platform.db
          .selectFrom(target.table as 'household')
          .select('version')
          .where('id', '=', target.id())
          .executeTakeFirst()) as { version: number } | undefined;
        if (row) version = Number(row.version);
      }
      return version;
    };

    let baseline = await snapshot();
    for (const c of cases) {
      const v = await currentVersion();
      // Values that make the base body valid and meaningful, so that only the malformed part is
      // wrong: a real parent, a grassroots org the grassroots role fits, the record's version,
      // real dates, ID numbers, mobiles and division codes.
      const ctx: MalformedContext = { asAdmin: !s1 };
      const hint: Hint = (field, schema) => {
        if (field === 'version') return v;
        if (field === 'idNumber') return nextIdNumber();
        if (field === 'phone') return SAMPLE_PHONE;
        if (field === 'divisionCode') return SAMPLE_DIVISION;
        // The modules' own: a real parent, an organisation, a role that fits, a real resource, …
        for (const d of built) {
          const hinted = d.malformed.hint?.(field, schema, ctx);
          if (hinted !== NO_HINT && hinted !== undefined) return hinted;
        }
        return NO_HINT;
      };
      const base = spec.body ? sampleValue(spec.body, hint, '', 'malformed') : undefined;
      const params = { ...defaultParams(hint), ...c.path };
      const path = route.url.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? '');
      const url = c.query !== undefined ? `${path}?${c.query}` : path;
      const raw: RawBody = c.body ? c.body(base, hint) : base !== undefined ? json(base) : {};
      const agent = ownSession ? await throwaway() : anonymous ? new Agent(t) : driver;
      if (ownSession) baseline = await snapshot();

      const headers: Record<string, string> = {};
      if (raw.contentType) headers['content-type'] = raw.contentType;
      Object.assign(headers, raw.headers);
      const res = await agent.request({
        method: route.method as 'GET',
        url,
        headers,
        // Public routes are rate-limited per address: each case comes from an address of its own,
        // so the limiter does not answer in place of validation.
        ...(route.access?.kind === 'public'
          ? { remoteAddress: `10.3.${perRoute.size % 250}.${(perRoute.get(label) ?? 0) % 250}` }
          : {}),
        ...(raw.payload !== undefined ? { payload: raw.payload } : {}),
      });
      perRoute.set(label, (perRoute.get(label) ?? 0) + 1);

      const problems = answerProblems(res, c);
      const ok2xx = res.statusCode >= 200 && res.statusCode < 300;
      const after = await snapshot();
      const changes = await changesSince(baseline, after);
      if (ok2xx && c.store && !reads && changes.length > 0) {
        problems.push(
          ...(await roundTrip(route, res, c.store, {
            agent,
            pathId: c.path?.id === undefined && target ? target.id() : undefined,
            sinceSeq: baseline.auditSeq,
          })),
        );
      } else if (!(ok2xx && c.expect === 'maybe' && !c.store && !reads)) {
        // (A valid write without an odd value in it — no body where the body may be left out, a
        // null body where it may be null — did the route's work: nothing to read back or refuse.)
        // An accepted read may audit itself (export, chain check): only its rows may say success.
        problems.push(
          ...(ok2xx && c.expect === 'maybe' ? changes.filter((x) => !x.startsWith('audit_log')) : changes),
        );
      }
      baseline = after;
      if (ok2xx && !reads) version = undefined;

      if (problems.length === 0) continue;
      const bug = KNOWN_BUGS.find(
        (k) =>
          (!k.route || k.route === label) &&
          k.caseName.test(c.name) &&
          problems.every((p) => k.problem.test(p)),
      );
      if (bug) {
        knownBugHits.set(bug.id, (knownBugHits.get(bug.id) ?? 0) + 1);
        continue;
      }
      failures.push(
        `${label} ${c.name} [${c.expect}]: ${problems.join('; ')} — got ${res.statusCode} ${res.body.slice(0, 300)}`,
      );
    }
    return failures;
  }

  describe('logs (F-10)', () => {
    it('hold no password, session cookie or ID number sent in a body during this file', () => {
      const logs = t.logs.join('');
      expect(logs.length).toBeGreaterThan(0);
      expect(sessionCookies.size).toBeGreaterThan(0);
      const secrets: [string, string][] = [
        ['demo password', DEMO_PASSWORD],
        ['ID number sent in a body', ID_IN_BODY],
        ...[...sessionCookies].map((c): [string, string] => ['uc_session cookie', c]),
      ];
      const hits = secrets.filter(([, s]) => logs.includes(s)).map(([what]) => what);
      expect(hits).toEqual([]);
    });
  });

  return {
    t,
    admin: () => admin,
    driver: (route: string) => agentFor(owned.find((r) => routeKey(r) === route)!),
  };
}
