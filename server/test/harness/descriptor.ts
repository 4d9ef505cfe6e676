/**
 * A module's harness descriptor: what the two generated harnesses need to know about its routes
 * that the route and policy tables cannot tell them. Each module supplies one
 * (server/test/harness/modules/<module>.ts), listed in registry.ts; a route of the app that no
 * descriptor owns fails the registry test.
 */
import type { Action, ReferenceType, RecordKind, Role } from './world';
import type { Hint, Schema } from './schema';
import type { Agent, TestApp } from '../test-app';

export interface MatrixPart {
  /**
   * Builds the module's records and canaries through the API, as the users who would; with a
   * part (a need `<module>:<part>`), only that part of them.
   */
  setUp?(t: TestApp, part?: string): Promise<void>;
  /** Run after every module's setUp (the organisation canaries: newest rows of the audit trail). */
  setUpLast?(t: TestApp): Promise<void>;
  /**
   * URL prefix → which record a `:id` route acts on. A new `:id` route whose prefix is missing
   * fails the matrix: add how to find such records.
   */
  recordRoutes?: Record<string, RecordKind>;
  /** Kinds of record a body field can name. */
  referenceTypes?: Record<string, ReferenceType>;
  /**
   * Body fields that name another record the service must check the actor's reach on (by the
   * field's name, any depth): field → reference type. Any body field ending in `Id` of any route
   * must be listed by some descriptor.
   */
  referenceFields?: Record<string, string>;
  /** Per route, a body field whose rule is not its name's usual one (`${route} body.${field}`). */
  referenceOverrides?: Record<string, string>;
  /** Fields ending in `Id` that are not references to check, with the reason. */
  uncheckedFields?: Record<string, 'filter' | 'draft'>;
  /**
   * Which canary families each of the module's list routes (GET without `:`, or a POST answering
   * a page) shows; [] when none.
   */
  listShows?: Record<string, string[]>;
  /** Routes (a GET, or a write such as an upload's `?kind=`) that answer nothing but a validation
   * problem without some query parameters. */
  listQuery?: Record<string, Record<string, string>>;
  /**
   * Values a valid request needs in a field by its name (matrix requests), given the field's
   * schema (two routes may give one name different shapes); NO_HINT leaves the field sampled.
   */
  hints?: Record<string, (schema: Schema) => unknown>;
  /** Known bugs: excluded from the generated assertions by case key, reproduced by `it.fails`. */
  knownBugs?: Record<string, { problem: RegExp }>;
}

export interface MalformedContext {
  /** The route is driven as the platform admin (not as one of a module's own users). */
  asAdmin: boolean;
}

/** A `:id` route's disposable record. */
export interface RecordTarget {
  id: () => string;
  /** Where the record's optimistic-lock `version` is read, so base bodies carry the current one. */
  table?: string;
}

export interface MalformedPart {
  /**
   * The descriptors whose disposable records, drivers and hints this module's malformed-input file
   * must have (their own needs follow); [] when none.
   */
  needs: string[];
  /** Builds the module's disposable records through the API. */
  setUp?(t: TestApp, h: { throwaway(username?: string): Promise<Agent> }): Promise<void>;
  /** URL prefix of a `:id` route → its disposable record (the longest prefix wins). */
  recordPrefixes?: Record<string, RecordTarget>;
  /** Routes that take a file as the raw body. */
  rawUploads?: Record<string, { fileNameHeader: string; maxBytes: number }>;
  /** Routes whose minimal body works for one of the roles holding the action only. */
  preferredRole?: Record<string, Role>;
  /** Values that make a base body valid and meaningful (NO_HINT when the field is not the module's). */
  hint?(field: string, schema: Schema, ctx: MalformedContext): unknown;
  /** Users who drive the module's routes (the first who holds a route's action drives it). */
  drivers?(): { agent: Agent; roles: Role[] }[];
  knownBugs?: { id: string; route?: string; caseName: RegExp; problem: RegExp }[];
}

export interface HarnessDescriptor {
  name: string;
  /** URL prefixes of the routes the module owns (`/api/orgs` owns `/api/orgs/:id/move`). */
  routes: string[];
  /**
   * The descriptors whose set-up and canaries this module's authorization matrix must have (their
   * own needs follow): every module whose canaries could appear in one of this module's lists, and
   * every module whose records this module's set-up uses; `<module>:<part>` names only a part of
   * that module's set-up (the one whose canaries can appear). [] when its lists read no module's
   * data.
   */
  needs: string[];
  /**
   * Routes declared `session` whose service then checks actions of its own; the harnesses derive
   * their expectations from these actions.
   */
  sessionRouteActions?: Record<string, Action[]>;
  matrix: MatrixPart;
  malformed: MalformedPart;
}

export type { Hint };
