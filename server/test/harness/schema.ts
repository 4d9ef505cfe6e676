/**
 * The one OpenAPI-to-sample engine of the generated harnesses (authorization matrix, malformed
 * input): the OpenAPI document is the machine-readable form of every route's zod schemas; it
 * tells which body, query and path fields a route declares, so requests can be generated for
 * routes the harnesses have never heard of.
 */
import type { RouteInfo } from '../../platform/http/routes';

export type Json = Record<string, unknown>;
export const isObj = (u: unknown): u is Json => typeof u === 'object' && u !== null && !Array.isArray(u);
const num = (u: unknown): number | undefined => (typeof u === 'number' ? u : undefined);

/** Meaningful sample values for fields whose JSON schema alone does not make a valid request. */
export const SAMPLE_DATE = '2026-05-20';
export const SAMPLE_PHONE = '13995123456';
export const SAMPLE_DIVISION = '640381';

export interface Schema {
  types: string[];
  enum?: unknown[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required: string[];
  /** additionalProperties: false (unknown fields are errors). */
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

/** Route specs read from one OpenAPI document (`t.app.swagger()`). */
export function routeSpecs(openapi: unknown): (route: RouteInfo) => RouteSpec {
  return (route) => {
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
  };
}

/**
 * Does the JSON schema accept the value? The JSON schema is derived from the zod contract and
 * can only be looser than it (refinements such as "no control characters" do not survive), so
 * "rejected here" reliably means the server must reject too.
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

export const NO_HINT = Symbol('no hint');
/** Values that need to be meaningful rather than merely valid (ids of real records, a version). */
export type Hint = (field: string, schema: Schema) => unknown;

let uniqueCounter = 0;
/** A fresh number for unique names, shared by every harness of a test file. */
export const nextUnique = () => ++uniqueCounter;

/**
 * A value the schema accepts, so the request reaches the handler (schema validation runs before
 * the handler, and the handler is where authorization happens). `unique` names the harness in
 * the unique text it makes (`matrix-1`, `malformed-1`).
 */
export function sampleValue(schema: Schema, hint: Hint, field = '', unique = 'sample'): unknown {
  const hinted = hint(field, schema);
  if (hinted !== NO_HINT) return hinted;
  if (schema.anyOf?.length) {
    const branch = schema.anyOf.find((b) => !b.types.includes('null')) ?? schema.anyOf[0];
    return sampleValue(branch, hint, field, unique);
  }
  if (schema.enum?.length) return schema.enum[0];
  const type = schema.types.find((x) => x !== 'null') ?? 'string';
  switch (type) {
    case 'object':
      return Object.fromEntries(
        schema.required.map((k) => [k, sampleValue(schema.properties?.[k] ?? toSchema({}), hint, k, unique)]),
      );
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        sampleValue(schema.items ?? toSchema({}), hint, field, unique),
      );
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return false;
    default: {
      // Unique text so creates never collide on a unique name; the other candidates cover the
      // patterns the contracts use (ids, GB/T 2260 division codes, calendar dates, ISO timestamps).
      const candidates = [
        `${unique}-${nextUnique()}`,
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

export type Path = (string | number)[];
export const pathName = (path: Path) => path.filter((x) => typeof x === 'string').join('.');

/** The schema of the value at `path` (array indexes step into `items`). */
export function schemaAt(schema: Schema, path: Path): Schema {
  let s: Schema = schema;
  for (const step of path) s = (typeof step === 'number' ? s.items : s.properties?.[step]) ?? toSchema({});
  return s;
}

/**
 * A copy of the body with `value` at `path`; optional containers on the way that the body does
 * not have (`form.members`) are filled with a valid sample, so only the one value is odd.
 */
export function withValueAt(
  schema: Schema,
  body: unknown,
  path: Path,
  value: unknown,
  hint: Hint,
  unique = 'sample',
): Json {
  const root = (isObj(body) ? structuredClone(body) : {}) as Json;
  let node = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const step = path[i];
    if (typeof node[step] !== 'object' || node[step] === null) {
      const s = schemaAt(schema, path.slice(0, i + 1));
      node[step] = s.types.includes('array')
        ? [sampleValue(s.items ?? toSchema({}), hint, String(step), unique)]
        : sampleValue(s, hint, String(step), unique);
    }
    node = node[step] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
  return root;
}

/** Body fields at any depth (array items through index 0), up to three levels. */
export function bodyFields(schema: Schema, prefix: Path = [], depth = 0): { path: Path; schema: Schema }[] {
  const out: { path: Path; schema: Schema }[] = [];
  for (const [name, fs] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, name];
    out.push({ path, schema: fs });
    if (depth >= 2) continue;
    if (fs.properties) out.push(...bodyFields(fs, path, depth + 1));
    if (fs.items?.properties) out.push(...bodyFields(fs.items, [...path, 0], depth + 1));
  }
  return out;
}
