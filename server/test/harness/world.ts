/**
 * The world the authorization matrix drives and its independent oracle: the demo users signed
 * in (principals), the records every module's descriptor built through the API, the canaries,
 * and POLICY rows + relation definitions over the organisation tree, walked here rather than
 * trusting the stored `path`/`jurisdiction_id` columns or calling the services' own `can()`: a
 * test that asks the code under test what the answer should be proves nothing.
 *
 * One world per test file (vitest isolates files): the descriptors fill it in their set-up and
 * read it in their record finders and reference types.
 */
import { randomBytes } from 'node:crypto';
import { FEDERATION_KINDS } from '../../../contracts/organisation';
// The one import of the policy table in the harness engine.
import { POLICY } from '../../app';
import { ROLES, type Action, type Relation, type Role } from '../../platform/auth/policy';
import type { Agent } from '../test-app';
import type { Json } from './schema';

export { POLICY, ROLES, type Action, type Relation, type Role };

export interface OrgNode {
  id: string;
  key: string;
  parentId: string | null;
  kind: string;
}
export const orgById = new Map<string, OrgNode>();

/** The organisation itself, then its parent, … up to the root. */
export function ancestry(orgId: string): string[] {
  const out: string[] = [];
  for (let o = orgById.get(orgId); o; o = o.parentId ? orgById.get(o.parentId) : undefined) out.push(o.id);
  return out;
}

export const isFederation = (orgId: string) =>
  (FEDERATION_KINDS as readonly string[]).includes(orgById.get(orgId)?.kind ?? '');

/** The federation that owns an organisation: the nearest federation at or above it. */
export function federationOf(orgId: string): string | undefined {
  return ancestry(orgId).find(isFederation);
}

/** Both organisations belong to the same federation (jurisdiction), by the tree. */
export const sameFederation = (a: string, b: string) => {
  const fed = federationOf(a);
  return fed !== undefined && fed === federationOf(b);
};

export const keyOf = (orgId: string) => orgById.get(orgId)?.key ?? orgId;

/** Where a record sits and whom it belongs to, as far as the relations in policy.ts care. */
export interface RecordRef {
  id: string;
  orgId: string;
  ownerId: string | null;
  /**
   * Every organisation the record is linked to, when that is more than where it sits (a
   * household: the partners that screened it or were routed it). 'org' then means "linked to the
   * actor's organisation".
   */
  linkedOrgIds?: string[];
  /**
   * Where the record sits for one action instead, null for nobody: an archive is reviewed
   * (archive.review) by the federation it was reported to, and by no one before it is reported.
   */
  scopeFor?: Partial<Record<Action, RecordRef | null>>;
  /** Only its owner reaches it, under whatever relation the role holds the action (a draft). */
  ownerOnly?: boolean;
  /**
   * The users the record is assigned to (the 'assigned' relation: experts of a vote campaign, and
   * of its nominations); absent, nobody is.
   */
  assignees?: string[];
  /** The record it is part of (a household member's household). */
  parentId?: string;
  /** How the report names it. */
  label?: string;
}

export interface Principal {
  username: string;
  roles: Role[];
  userId: string;
  orgId: string;
  agent: Agent;
}

export function relationHolds(
  p: { userId: string; orgId: string },
  relation: Relation,
  rec: RecordRef,
): boolean {
  switch (relation) {
    case 'own':
      return rec.ownerId !== null && rec.ownerId === p.userId;
    case 'org':
      return rec.linkedOrgIds ? rec.linkedOrgIds.includes(p.orgId) : rec.orgId === p.orgId;
    case 'subtree':
      return ancestry(rec.orgId).includes(p.orgId);
    case 'jurisdiction': {
      const fed = federationOf(rec.orgId);
      return fed !== undefined && fed === federationOf(p.orgId);
    }
    case 'assigned':
      return rec.assignees?.includes(p.userId) ?? false;
    default:
      // A new relation in policy.ts (e.g. "referred") must be defined here before it can be tested.
      throw new Error(`relation ${String(relation)} has no definition in the authorization matrix`);
  }
}

/** Without a record: does the principal hold the action under any relation at all? */
export function policyAllows(
  p: { userId: string; orgId: string; roles: Role[] },
  action: Action,
  rec?: RecordRef,
): boolean {
  const rows = POLICY.filter((r) => r.action === action && p.roles.includes(r.role));
  if (!rec) return rows.length > 0;
  const scoped = rec.scopeFor && action in rec.scopeFor ? rec.scopeFor[action] : rec;
  if (!scoped || rows.length === 0) return false;
  if (scoped.ownerOnly) return scoped.ownerId !== null && scoped.ownerId === p.userId;
  return rows.some((r) => relationHolds(p, r.relation, scoped));
}

/** Does a role hold any of the actions (whatever the relation)? */
export const roleHolds = (roles: Role[], actions: Action[]) =>
  POLICY.some((r) => actions.includes(r.action) && roles.includes(r.role));

export const allowsAny = (p: Principal, actions: Action[], rec?: RecordRef) =>
  actions.some((a) => policyAllows(p, a, rec));

/** A label for the report: how the target relates to the principal, by the tree alone. */
export function relationLabel(p: Principal | null, rec: RecordRef | null): string {
  if (!rec) return 'missing';
  if (!p) return 'anonymous';
  if (rec.ownerId !== null && rec.ownerId === p.userId) return 'own';
  if (rec.ownerOnly) return "another's own";
  if (rec.assignees?.includes(p.userId)) return 'assigned';
  const review = rec.scopeFor?.['archive.review'];
  if (review && review.orgId === p.orgId) return 'reported to own org';
  if (rec.linkedOrgIds?.includes(p.orgId)) return 'linked org';
  if (rec.orgId === p.orgId) return 'own org';
  if (ancestry(rec.orgId).includes(p.orgId)) return 'subtree';
  if (federationOf(rec.orgId) === federationOf(p.orgId)) {
    return rec.linkedOrgIds ? 'jurisdiction, not linked' : 'jurisdiction';
  }
  if (ancestry(p.orgId).includes(rec.orgId)) return 'above';
  return 'other federation';
}

// ---------------------------------------------------------------------------------------------
// Canaries (F-1): unique values placed in each organisation's data, and which list routes show
// which of them, so a value seen where the policy says it may not be is a leak, and a value
// missing where the policy says it must show means an empty answer is passing for a right one.
// ---------------------------------------------------------------------------------------------

export interface Canary {
  value: string;
  /** The record whose reach decides who may see the value. */
  rec: RecordRef;
  /** The kinds of list it appears in (a descriptor's listShows). */
  shows: string[];
  /**
   * Per list route, the record that decides there instead (null: never shown there): the archive
   * list shows an archived household's head through its archive, the merge queue only pairs.
   */
  via?: Record<string, RecordRef | null>;
  /** Must show only to its own organisation (org canaries, as the audit pages are long). */
  ownOnly?: boolean;
}

/** A canary of at most 30 characters (names are RequiredText(30)); the kind is not hex, so no
 * module's canary can be a prefix of an organisation's `CANARY-<key>-<10 hex>`. */
export const tag = (key: string, kind: string) => `CANARY-${key}-${kind}${randomBytes(3).toString('hex')}`;

/**
 * A worker signed in on the phone (uc_worker): not a staff principal. Staff routes must refuse
 * them as anonymous, worker routes must refuse every staff principal.
 */
export interface WorkerRef {
  label: string;
  tier: 'member' | 'public';
  phone: string;
  agent: Agent;
  /** The unit union of the member the phone matched (member tier), else null. */
  memberOrgId: string | null;
}

/**
 * A value only one signed-in worker may see (their votes, their objections), on the worker routes
 * of the record it sits in whose listShows name one of its families. Workers that are not in
 * `world.workers` (set-up voters) own values no matrix worker may ever see.
 */
export interface WorkerCanary {
  value: string;
  /** The WorkerRef.label of its owner. */
  worker: string;
  /** The record whose `:id` worker routes show it. */
  rec: RecordRef;
  shows: string[];
}

/** The world of one test file. */
export const world = {
  principals: [] as Principal[],
  /** Workers signed in through the API (a public one always; membership adds a member one). */
  workers: [] as WorkerRef[],
  canaries: [] as Canary[],
  /** Values of one worker's own (F-1 for the phone pages). */
  workerCanaries: [] as WorkerCanary[],
  /** Canary users by organisation id; they are the user records the matrix targets. */
  canaryUserByOrg: new Map<string, string>(),
  /** The platform admin, signed in once. */
  admin: undefined as Agent | undefined,
  /** The password of the users the set-ups create. */
  password: 'Canary-Pass-2026',
};

export const principal = (username: string) => {
  const p = world.principals.find((x) => x.username === username);
  if (!p) throw new Error(`no principal ${username}`);
  return p;
};

export interface RecordKind {
  /** Records of this type to drive the route against (in every organisation there are some). */
  records(): RecordRef[];
  /** The principal's own record of this type, for types that have owners. */
  own?(p: Principal): RecordRef | undefined;
}

export interface ReferenceType {
  /** Records a body field of this type can name. */
  records(): RecordRef[];
  /** May the principal name it, acting under `action` (on `anchor`, for a `:id` route)? */
  allowed(p: Principal, action: Action, ref: RecordRef, anchor: RecordRef | null): boolean;
  /** Other body fields without which the reference is not looked at (the same for every value). */
  extra?: Json | ((p: Principal) => Json);
  /** The field names an organisation: a valid request names the principal's own by default. */
  orgValued?: boolean;
}

export const orgRecords = (): RecordRef[] =>
  [...orgById.keys()].map((id) => ({ id, orgId: id, ownerId: null }));
