/**
 * F-3 "bad input never breaks anything", generated over every route in `t.routes`.
 *
 * For each route, signed in as the platform admin (who reaches everything, so a refusal is the
 * input's fault and not the policy's), requests are generated from the route's own schemas as
 * published in the OpenAPI document: wrong JSON types for the body and for every declared field,
 * huge strings, 10 000-level nesting, `__proto__` / `constructor.prototype` keys, NUL, emoji,
 * RTL overrides, SQL and HTML payloads, unknown fields, malformed query strings and path
 * segments, wrong content types, invalid and empty JSON.
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
 * What a new module may have to extend: RECORD_PREFIXES (a disposable record for each `:id`
 * route, built in beforeAll through the API), the hint (values that make a base body valid and
 * meaningful), and PREFERRED_ROLE (a route whose minimal body only works for one of the roles
 * holding its action).
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { POLICY, type Action, type Role } from '../platform/auth/policy';
import { makeIdNumber } from '../platform/identity';
import type { RouteInfo } from '../platform/http/routes';
import { DEMO_PASSWORD } from '../seed/foundation';
import {
  FUTURE_DATE,
  SAMPLE_DATE,
  SAMPLE_DIVISION,
  SAMPLE_PHONE,
  SESSION_ROUTE_ACTIONS,
  STANDARD_2026,
  PNG_1PX,
  TODAY,
  addMeasure,
  createTemplate,
  giveConsent,
  nextIdNumber,
  ok as expectStatus,
  publishResource,
  recordHelp,
  refer,
  reportArchive,
  screen,
  screeningForm,
  uploadEvidence,
  verify,
  verifyAndArchive,
} from './harness-assistance';
import { createSnapshots } from './harness-snapshot';
import { Agent, createTestApp, signIn } from './test-app';

const t = await createTestApp();
afterAll(async () => {
  await t.close();
});

const { snapshot, changesSince } = createSnapshots(t);

// ---------------------------------------------------------------------------------------------
// Route schemas, from the OpenAPI document the zod contracts generate.
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;
const isObj = (u: unknown): u is Json => typeof u === 'object' && u !== null && !Array.isArray(u);
const num = (u: unknown): number | undefined => (typeof u === 'number' ? u : undefined);

export interface Schema {
  types: string[];
  enum?: unknown[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required: string[];
  closed: boolean;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  format?: string;
}

export function toSchema(u: unknown): Schema {
  if (!isObj(u)) return { types: [], required: [], closed: false };
  const types = typeof u.type === 'string' ? [u.type] : Array.isArray(u.type) ? u.type.map(String) : [];
  return {
    types,
    enum: Array.isArray(u.enum) ? u.enum : undefined,
    anyOf: Array.isArray(u.anyOf) ? u.anyOf.map(toSchema) : undefined,
    properties: isObj(u.properties)
      ? Object.fromEntries(Object.entries(u.properties).map(([k, v]) => [k, toSchema(v)]))
      : undefined,
    required: Array.isArray(u.required) ? u.required.map(String) : [],
    closed: u.additionalProperties === false,
    items: u.items === undefined ? undefined : toSchema(u.items),
    minItems: num(u.minItems),
    maxItems: num(u.maxItems),
    minLength: num(u.minLength),
    maxLength: num(u.maxLength),
    pattern: typeof u.pattern === 'string' ? new RegExp(u.pattern) : undefined,
    minimum: num(u.minimum),
    maximum: num(u.maximum),
    format: typeof u.format === 'string' ? u.format : undefined,
  };
}

export interface RouteSpec {
  body?: Schema;
  query: Record<string, Schema>;
  params: Record<string, Schema>;
  /** The 200 answer is a page (`items` and `total`): a search, even when sent as a POST. */
  page: boolean;
}

const openapi: unknown = t.app.swagger();

export function specOf(route: RouteInfo): RouteSpec {
  const paths = isObj(openapi) && isObj(openapi.paths) ? openapi.paths : {};
  const ops = paths[route.url.replace(/:(\w+)/g, '{$1}')];
  const op = isObj(ops) ? ops[route.method.toLowerCase()] : undefined;
  const spec: RouteSpec = { query: {}, params: {}, page: false };
  if (!isObj(op)) return spec;
  const ok200 = isObj(op.responses) ? op.responses['200'] : undefined;
  const okContent = isObj(ok200) && isObj(ok200.content) ? ok200.content['application/json'] : undefined;
  const okSchema = toSchema(isObj(okContent) ? okContent.schema : undefined);
  spec.page = Boolean(okSchema.properties?.items && okSchema.properties.total);
  if (Array.isArray(op.parameters)) {
    for (const p of op.parameters) {
      if (!isObj(p) || typeof p.name !== 'string') continue;
      if (p.in === 'query') spec.query[p.name] = toSchema(p.schema);
      if (p.in === 'path') spec.params[p.name] = toSchema(p.schema);
    }
  }
  const content = isObj(op.requestBody) ? op.requestBody.content : undefined;
  const json = isObj(content) ? content['application/json'] : undefined;
  if (isObj(json)) spec.body = toSchema(json.schema);
  return spec;
}

/**
 * Does the JSON schema accept the value? Used to sort generated cases into "must reject" and
 * "may be accepted". The JSON schema is derived from the zod contract and can only be looser
 * than it (refinements such as "no control characters" do not survive), so "rejected here"
 * reliably means the server must reject too.
 */
export function accepts(s: Schema, v: unknown): boolean {
  if (s.anyOf) return s.anyOf.some((b) => accepts(b, v));
  if (s.enum && !s.enum.some((e) => e === v)) return false;
  if (s.types.length === 0) return true;
  return s.types.some((type) => {
    switch (type) {
      case 'null':
        return v === null;
      case 'boolean':
        return typeof v === 'boolean';
      case 'integer':
      case 'number':
        return (
          typeof v === 'number' &&
          Number.isFinite(v) &&
          (type === 'number' || Number.isInteger(v)) &&
          (s.minimum === undefined || v >= s.minimum) &&
          (s.maximum === undefined || v <= s.maximum)
        );
      case 'string':
        // JSON Schema (and zod 4) count a string's length in code points, not UTF-16 units.
        return (
          typeof v === 'string' &&
          (s.minLength === undefined || [...v].length >= s.minLength) &&
          (s.maxLength === undefined || [...v].length <= s.maxLength) &&
          (!s.pattern || s.pattern.test(v))
        );
      case 'array':
        return (
          Array.isArray(v) &&
          (s.minItems === undefined || v.length >= s.minItems) &&
          (s.maxItems === undefined || v.length <= s.maxItems) &&
          (!s.items || v.every((x) => accepts(s.items!, x)))
        );
      case 'object':
        return (
          isObj(v) &&
          s.required.every((k) => k in v) &&
          Object.entries(v).every(([k, x]) => (s.properties?.[k] ? accepts(s.properties[k], x) : !s.closed))
        );
      default:
        return false;
    }
  });
}

/** Query strings arrive as text; numeric parameters are coerced by the contracts (z.coerce). */
function acceptsQueryValue(s: Schema, raw: string): boolean {
  const numeric = s.types.includes('integer') || s.types.includes('number');
  return accepts(s, numeric ? (raw.trim() === '' ? Number.NaN : Number(raw)) : raw);
}

let uniqueCounter = 0;
const NO_HINT = Symbol('no hint');
type Hint = (field: string, schema: Schema) => unknown;

export function sampleValue(schema: Schema, hint: Hint, field = ''): unknown {
  const hinted = hint(field, schema);
  if (hinted !== NO_HINT) return hinted;
  if (schema.anyOf?.length) {
    const branch = schema.anyOf.find((b) => !b.types.includes('null')) ?? schema.anyOf[0];
    return sampleValue(branch, hint, field);
  }
  if (schema.enum?.length) return schema.enum[0];
  const type = schema.types.find((x) => x !== 'null') ?? 'string';
  switch (type) {
    case 'object':
      return Object.fromEntries(
        schema.required.map((k) => [k, sampleValue(schema.properties?.[k] ?? toSchema({}), hint, k)]),
      );
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        sampleValue(schema.items ?? toSchema({}), hint, field),
      );
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return false;
    default: {
      // Unique text, a GB/T 2260 code, a calendar date (z.iso.date()), an ISO timestamp, short tokens.
      const candidates = [
        `malformed-${++uniqueCounter}`,
        SAMPLE_DIVISION,
        SAMPLE_DATE,
        '2026-06-01T08:00:00Z',
        'a',
        '1',
      ];
      const found = candidates.find((c) => accepts({ ...schema, types: ['string'] }, c));
      if (found === undefined) {
        throw new Error(
          `no sample string fits field "${field}" (${String(schema.pattern)}): extend candidates`,
        );
      }
      return found;
    }
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
const ID_IN_URL = idNumber('640104', '19761122');

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
function fieldsOf(
  schema: Schema,
  prefix: (string | number)[] = [],
  depth = 0,
): { path: (string | number)[]; schema: Schema }[] {
  const out: { path: (string | number)[]; schema: Schema }[] = [];
  for (const [name, fs] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, name];
    out.push({ path, schema: fs });
    if (depth >= 2) continue;
    if (fs.properties) out.push(...fieldsOf(fs, path, depth + 1));
    if (fs.items?.properties) out.push(...fieldsOf(fs.items, [...path, 0], depth + 1));
  }
  return out;
}

/** The schema of the value at `path` (array indexes step into `items`). */
function schemaAt(schema: Schema, path: (string | number)[]): Schema {
  let s: Schema = schema;
  for (const step of path) {
    s = (typeof step === 'number' ? s.items : s.properties?.[step]) ?? toSchema({});
  }
  return s;
}

/**
 * A copy of the base body with `value` at `path`; optional containers on the way that the base
 * does not have (`form.members`) are filled with a valid sample, so only the one value is odd.
 */
function withValueAt(
  schema: Schema,
  base: unknown,
  path: (string | number)[],
  value: unknown,
  hint: Hint,
): unknown {
  const root = (isObj(base) ? structuredClone(base) : {}) as Json;
  let node: Json | unknown[] = root;
  for (let i = 0; i < path.length - 1; i++) {
    const step = path[i];
    const container = node as Record<string | number, unknown>;
    const next = container[step];
    if (typeof next !== 'object' || next === null) {
      const s = schemaAt(schema, path.slice(0, i + 1));
      const made = s.types.includes('array')
        ? [sampleValue(s.items ?? toSchema({}), hint, String(step))]
        : sampleValue(s, hint, String(step));
      container[step] = made;
    }
    node = container[step] as Json | unknown[];
  }
  (node as Record<string | number, unknown>)[path[path.length - 1]] = value;
  return root;
}

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
const RAW_UPLOADS: Record<string, { fileNameHeader: string; maxBytes: number }> = {
  'POST /api/help-records/:id/evidence': { fileNameHeader: 'x-file-name', maxBytes: 5 * 1024 * 1024 },
  // The signed consent form (one per consent: after the first, a valid file is a 409).
  'POST /api/consents/:id/evidence': { fileNameHeader: 'x-file-name', maxBytes: 5 * 1024 * 1024 },
};

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

const KNOWN_BUGS: { id: string; route?: string; caseName: RegExp; problem: RegExp }[] = [];

// ---------------------------------------------------------------------------------------------
// Running cases and checking the invariants.
// ---------------------------------------------------------------------------------------------

let admin: Agent;
/**
 * The platform admin holds no Love Alliance action (need to know), so S1 routes are driven as
 * the users who do: federation staff of 青铜峡 (manage, screen, standards) and the provincial
 * reviewer (archive review). Otherwise every S1 request would stop at 403 before validation.
 */
let qtxStaff: Agent;
let reviewer: Agent;
/** A caring unit's staff (青铜峡市人民医院): answers referrals (referral.respond), publishes as itself. */
let caringStaff: Agent;
const sessionCookies = new Set<string>();
const perRoute = new Map<string, number>();
const knownBugHits = new Map<string, number>();
/** The records `:id` routes act on: disposable ones, so a value that is accepted harms nothing. */
const targets = new Map<string, string>();
let qtxId = '';
let targetOrgId = '';
/** An alliance organisation in 青铜峡's jurisdiction, for `orgId` fields of S1 bodies. */
let s1OrgId = '';
/** A resource of 青铜峡市人民医院 the target household has consented to, for `resourceId`. */
let refResourceId = '';

interface RecordTarget {
  id: () => string;
  /** Where the record's optimistic-lock `version` is read, so base bodies carry the current one. */
  table?:
    | 'organisation'
    | 'appUser'
    | 'allianceMember'
    | 'campaign'
    | 'screening'
    | 'household'
    | 'archive'
    | 'planMeasure'
    | 'planTemplate'
    | 'resource'
    | 'referral'
    | 'returnVisit';
}

/**
 * URL prefix of a `:id` route → the disposable record it acts on (the longest prefix wins, so a
 * step that needs its record in a particular state has one of its own).
 */
const RECORD_PREFIXES: Record<string, RecordTarget> = {
  '/api/orgs/:id': { id: () => targets.get('org')!, table: 'organisation' },
  '/api/users/:id': { id: () => targets.get('user')!, table: 'appUser' },
  '/api/alliance/members/:id': { id: () => targets.get('member')!, table: 'allianceMember' },
  '/api/campaigns/:id': { id: () => targets.get('campaign')!, table: 'campaign' },
  // Drafts are their screener's own: qtx_staff's.
  '/api/screenings/drafts/:id': { id: () => targets.get('draft')!, table: 'screening' },
  '/api/households/:id': { id: () => targets.get('household')!, table: 'household' },
  // 建档 needs a verified household: one of its own, untouched by the state changes above.
  '/api/households/:id/archive': { id: () => targets.get('verified')!, table: 'household' },
  '/api/archives/:id': { id: () => targets.get('archive')!, table: 'archive' },
  // Review acts on an archive that has been reported to the reviewer's federation.
  '/api/archives/:id/approve': { id: () => targets.get('reported')!, table: 'archive' },
  '/api/archives/:id/return': { id: () => targets.get('reported')!, table: 'archive' },
  '/api/merge-candidates/:id': { id: () => targets.get('pair')! },
  // Part 2: each on 青铜峡's target household, the referrals to 青铜峡市人民医院's resources.
  '/api/help-records/:id': { id: () => targets.get('helpRecord')! },
  '/api/evidence/:id': { id: () => targets.get('evidence')! },
  '/api/measures/:id': { id: () => targets.get('measure')!, table: 'planMeasure' },
  // 个案专策 approval needs a measure still pending.
  '/api/measures/:id/decide': { id: () => targets.get('caseMeasure')!, table: 'planMeasure' },
  '/api/plan-templates/:id': { id: () => targets.get('template')!, table: 'planTemplate' },
  '/api/resources/:id': { id: () => targets.get('resource')!, table: 'resource' },
  '/api/consents/:id': { id: () => targets.get('consent')! },
  // Read and withdrawn while sent; accepted, declined and delivered each on a referral of its own
  // in the state the step starts from.
  '/api/referrals/:id': { id: () => targets.get('referral')!, table: 'referral' },
  '/api/referrals/:id/accept': { id: () => targets.get('toAccept')!, table: 'referral' },
  '/api/referrals/:id/decline': { id: () => targets.get('toDecline')!, table: 'referral' },
  '/api/referrals/:id/deliver': { id: () => targets.get('toDeliver')!, table: 'referral' },
  '/api/visits/:id': { id: () => targets.get('visit')!, table: 'returnVisit' },
};

const recordPrefixOf = (route: RouteInfo) =>
  Object.keys(RECORD_PREFIXES)
    .filter((p) => route.url === p || route.url.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];

async function throwaway(username = 'admin'): Promise<Agent> {
  const a = await signIn(t, username);
  const c = a.sessionCookie();
  if (c) sessionCookies.add(c);
  return a;
}

/** The harness's users, the platform admin first: each route runs as the first one who holds it. */
const drivers = (): { agent: Agent; roles: Role[] }[] => [
  { agent: admin, roles: ['platform_admin'] },
  { agent: qtxStaff, roles: ['federation_staff'] },
  { agent: reviewer, roles: ['upper_reviewer'] },
  { agent: caringStaff, roles: ['caring_unit_staff'] },
];

/**
 * Routes whose minimal body works for one of the roles holding the action only: federation staff
 * must name the caring unit in a resource's optional `orgId`, a caring unit publishes as itself.
 */
const PREFERRED_ROLE: Record<string, Role> = {
  'POST /api/resources': 'caring_unit_staff',
};

const routeKey = (route: RouteInfo) => `${route.method} ${route.url}`;

function agentFor(route: RouteInfo): Agent {
  const actions: Action[] =
    route.access?.kind === 'action' ? [route.access.action] : (SESSION_ROUTE_ACTIONS[routeKey(route)] ?? []);
  if (actions.length === 0) return admin;
  const preferred = PREFERRED_ROLE[routeKey(route)];
  const found = [...drivers().filter((d) => preferred && d.roles.includes(preferred)), ...drivers()].find(
    (d) => POLICY.some((r) => actions.includes(r.action) && d.roles.includes(r.role)),
  );
  if (!found) throw new Error(`${routeKey(route)}: no harness user holds ${actions.join(' or ')}`);
  return found.agent;
}

const idOf = (res: LightMyRequestResponse, what: string, status: number, key = 'id'): string =>
  String(expectStatus(res, status, what)[key]);

beforeAll(async () => {
  admin = await throwaway();
  qtxStaff = await throwaway('qtx_staff');
  reviewer = await throwaway('nx_reviewer');
  caringStaff = await throwaway('rmyy_staff');
  qtxId = t.orgs.get('qtx')!;
  s1OrgId = t.orgs.get('chunyu')!;
  // Under the other city federation, not under 青铜峡 where the create cases add their orgs:
  // sibling names are unique, and the rename cases must not collide with the created ones.
  const org = await admin.post('/api/orgs', {
    parentId: t.orgs.get('yinchuan')!,
    kind: 'grassroots',
    name: '畸形输入测试工会',
    divisionCode: '640381',
  });
  expect(org.statusCode, org.body).toBe(201);
  targetOrgId = (JSON.parse(org.body) as { id: string }).id;
  targets.set('org', targetOrgId);
  const user = await admin.post('/api/users', {
    orgId: targetOrgId,
    username: 'malformed_target',
    displayName: '畸形输入测试用户',
    roles: ['grassroots_cadre'],
  });
  expect(user.statusCode, user.body).toBe(201);
  targets.set('user', (JSON.parse(user.body) as { user: { id: string } }).user.id);

  // Love Alliance records, built through the API by the federation that owns them.
  expectStatus(await qtxStaff.post('/api/standards', STANDARD_2026), 201, 'standard');
  targets.set(
    'member',
    idOf(
      await qtxStaff.post('/api/alliance/members', {
        orgId: s1OrgId,
        name: '畸形输入成员',
        joinedOn: SAMPLE_DATE,
      }),
      'alliance member',
      201,
    ),
  );
  targets.set(
    'campaign',
    idOf(
      await qtxStaff.post('/api/campaigns', {
        name: '畸形输入摸排行动',
        startsOn: '2026-05-01',
        endsOn: '2026-06-30',
        areas: [SAMPLE_DIVISION],
        targets: [{ orgId: s1OrgId, target: 5 }],
      }),
      'campaign',
      201,
    ),
  );
  targets.set(
    'draft',
    idOf(await qtxStaff.post('/api/screenings/drafts', { form: { headName: '草稿户' } }), 'draft', 201),
  );
  const household = await screen(qtxStaff, screeningForm({ headName: '畸形输入户' }));
  targets.set('household', household.householdId);
  const verified = await screen(qtxStaff, screeningForm({ headName: '待建档户', addressDetail: '待建档' }));
  await verify(qtxStaff, verified.householdId);
  targets.set('verified', verified.householdId);
  const archived = await screen(qtxStaff, screeningForm({ headName: '已建档户', addressDetail: '已建档' }));
  targets.set('archive', (await verifyAndArchive(qtxStaff, archived.householdId)).id);
  const reported = await screen(qtxStaff, screeningForm({ headName: '已上报户', addressDetail: '已上报' }));
  const reportedArchive = await verifyAndArchive(qtxStaff, reported.householdId);
  await reportArchive(qtxStaff, reportedArchive);
  targets.set('reported', reportedArchive.id);
  // Same name and address, different ID numbers: a pair in the merge queue.
  const twin = { headName: '疑似重复户', addressDetail: '重复 1 号', members: [] };
  await screen(qtxStaff, screeningForm(twin));
  await screen(qtxStaff, screeningForm(twin));
  const pairs = expectStatus(await qtxStaff.get('/api/merge-candidates'), 200, 'merge queue');
  const pair = (pairs.items as { id: string }[])[0];
  if (!pair) throw new Error('setup: no merge candidate');
  targets.set('pair', pair.id);

  // Part 2, on the target household: urgent help with a photo (which schedules the visit), a
  // planned and a pending measure, a template, consents (one to revoke), and a resource of the
  // hospital the household may be referred to.
  const hid = household.householdId;
  const hospital = t.orgs.get('hospital')!;
  targets.set('helpRecord', await recordHelp(qtxStaff, hid));
  targets.set('evidence', await uploadEvidence(qtxStaff, targets.get('helpRecord')!));
  targets.set('measure', await addMeasure(qtxStaff, hid, { responsibleOrgId: s1OrgId }));
  targets.set('caseMeasure', await addMeasure(qtxStaff, hid, { policy: 'case', responsibleOrgId: s1OrgId }));
  targets.set('template', await createTemplate(qtxStaff, '畸形输入模板', s1OrgId));
  await giveConsent(qtxStaff, hid, hospital);
  targets.set('consent', await giveConsent(qtxStaff, hid, s1OrgId));
  targets.set('resource', await publishResource(caringStaff, { title: '畸形输入资源' }));
  refResourceId = await publishResource(caringStaff, { title: '可转介资源' });
  const visits = expectStatus(await qtxStaff.get('/api/visits'), 200, 'visits');
  const visit = (visits.items as { id: string; householdId: string }[]).find((v) => v.householdId === hid);
  if (!visit) throw new Error('setup: the help scheduled no visit');
  targets.set('visit', visit.id);
  // Referrals of another household, each to a resource of its own (one open referral per
  // household and resource): three sent, one accepted by the hospital.
  const referred = await screen(
    qtxStaff,
    screeningForm({ headName: '已转介户', addressDetail: '转介 1 号' }),
  );
  await giveConsent(qtxStaff, referred.householdId, hospital);
  for (const key of ['referral', 'toAccept', 'toDecline']) {
    const resourceId = await publishResource(caringStaff, { title: `转介资源 ${key}` });
    targets.set(key, (await refer(qtxStaff, referred.householdId, resourceId)).id);
  }
  const toDeliver = await refer(
    qtxStaff,
    referred.householdId,
    await publishResource(caringStaff, { title: '待送达资源' }),
  );
  expectStatus(
    await caringStaff.post(`/api/referrals/${toDeliver.id}/accept`, { version: toDeliver.version }),
    200,
    'accept',
  );
  targets.set('toDeliver', toDeliver.id);
});

afterAll(() => {
  const total = [...perRoute.values()].reduce((a, b) => a + b, 0);
  const lines = [...perRoute].map(([r, n]) => `  ${String(n).padStart(5)}  ${r}`);
  console.log(
    `[malformed-input] ${t.platform.engine}: ${total} requests over ${perRoute.size} routes\n${lines.join('\n')}` +
      (knownBugHits.size
        ? `\n  known-bug cases: ${[...knownBugHits].map(([k, v]) => `${k}×${v}`).join(', ')}`
        : ''),
  );
});

function parsed(res: LightMyRequestResponse): unknown {
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    return undefined;
  }
}

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
  const rec = isObj(b) && typeof b.id === 'string' ? b : isObj(b) ? Object.values(b).find(isObj) : undefined;
  const problems: string[] = [];
  // A nested field (`measures.0.description`) is not the record's own field of the same name.
  if (isObj(rec) && !store.nested && store.field in rec && JSON.stringify(rec[store.field]) !== sent) {
    problems.push(`answer shows ${store.field}=${JSON.stringify(rec[store.field])}, sent ${sent}`);
  }
  const reads: { url: string; id: string }[] = [];
  if (isObj(rec) && typeof rec.id === 'string') reads.push({ url: recordUrlOf(route), id: rec.id });
  if (isObj(b)) {
    for (const [k, v] of Object.entries(b)) {
      if (typeof v === 'string' && /^[a-z]+Id$/.test(k))
        reads.push({ url: `/api/${k.slice(0, -2)}s/:id`, id: v });
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
      const g = await ctx.agent.get(`${list.url}${'pageSize' in specOf(list).query ? '?pageSize=200' : ''}`);
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
  for (const route of t.routes) {
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
          : encodeURIComponent(String(sampleValue(s, hint, name)));
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
    const hint: Hint = (field, schema) => {
      if (field === 'version') return v;
      if (field === 'parentId') return qtxId;
      if (field === 'orgId') return s1 ? s1OrgId : targetOrgId;
      if (field === 'kind' && schema.enum?.includes('grassroots')) return 'grassroots';
      if (field === 'roles') return ['grassroots_cadre'];
      if (field === 'idNumber') return nextIdNumber();
      if (field === 'phone') return SAMPLE_PHONE;
      if (field === 'divisionCode') return SAMPLE_DIVISION;
      // Part 2: responsible organisations of the jurisdiction, a resource the target household
      // consented to, visits due ahead, deliveries made today.
      if (field === 'responsibleOrgId') return s1OrgId;
      if (field === 'resourceId') return refResourceId;
      if (field === 'dueOn') return FUTURE_DATE;
      if (field === 'deliveredOn') return TODAY;
      return NO_HINT;
    };
    const base = spec.body ? sampleValue(spec.body, hint) : undefined;
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

describe('regressions found by the harness', () => {
  // BUG (F-3), KNOWN_BUGS FST_ERR_MAX_PARAM_LENGTH: GET /api/orgs/<300 × "a"> as admin answers
  // 414 application/json {"error":"Bad Request","code":"FST_ERR_MAX_PARAM_LENGTH","message":
  // "'/api/orgs/aaa…' …"}: not problem+json, no stable code, the URL echoed back.
  it('an over-long path parameter answers problem+json', async () => {
    const res = await admin.get(`/api/orgs/${'a'.repeat(300)}`);
    expect(res.statusCode).toBeLessThan(500);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  });

  // BUG (F-3), KNOWN_BUGS FST_ERR_BAD_URL: GET /api/orgs/% answers 400 application/json
  // {"error":"Bad Request","code":"FST_ERR_BAD_URL","message":"'/api/orgs/%' is not a valid url
  // component","statusCode":400}.
  it('a lone % in the path answers problem+json', async () => {
    const res = await admin.get('/api/orgs/%');
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  });

  // BUG (F-10, test harness): createTestApp() builds its logger as { level, stream } without
  // loggerOptions() from platform/http/logging.ts, so t.logs gets Fastify's default request
  // serializer — the full URL with its query string — instead of the route pattern production
  // logs. An ID number typed into a search box therefore lands in t.logs
  // ("url":"/api/users?q=640104197611221008"), and F-10 scans in tests do not test the
  // production redaction at all. Fix: logger: { ...loggerOptions('info'), stream }.
  it('an ID number sent in a query string stays out of the logs', async () => {
    await admin.get(`/api/users?q=${ID_IN_URL}`);
    expect(t.logs.join('')).not.toContain(ID_IN_URL);
  });
});

describe('regressions found by the harness', () => {
  // BUG (F-3), KNOWN_BUGS households-query-coerced-page: POST /api/households/query as qtx_staff
  // with {"page": true, "pageSize": "1"} answers 200 with page 1 of size 1. The body schema is
  // HouseholdQuery = PageQuery.extend(…), and PageQuery's z.coerce.number() (meant for query
  // strings) turns true and "1" into 1, while the published OpenAPI schema says integer. Expected:
  // 400 request.invalid naming body.page and body.pageSize. Fix: a non-coercing page schema for
  // JSON bodies.
  it('POST /api/households/query refuses a boolean page and a string pageSize', async () => {
    const res = await qtxStaff.post('/api/households/query', { page: true, pageSize: '1' });
    expect(res.statusCode).toBe(400);
  });
});
