import type { z } from 'zod';
import type {
  CreateOrganisationBody,
  MoveOrganisationBody,
  Organisation,
  OrgKind,
  UpdateOrganisationBody,
} from '../../../contracts/organisation';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { can, requireAction, requireRecord, type RecordScope } from '../../platform/auth/actor';
import { AppError, conflict, invalid } from '../../platform/errors';
import { auditContext, type Platform, type RequestContext } from '../../platform/platform';
import type { Action } from '../../platform/auth/policy';
import type { DivisionService } from './division.service';
import { areasClash, canHaveParent, divisionAncestry, isFederation } from './organisation.policy';
import * as repo from './organisation.repository';
import { toOrganisation, type OrganisationRow } from './organisation.table';

type CreateInput = z.infer<typeof CreateOrganisationBody>;
type UpdateInput = z.infer<typeof UpdateOrganisationBody>;
type MoveInput = z.infer<typeof MoveOrganisationBody>;

export function scopeOfOrganisation(row: OrganisationRow): RecordScope {
  return { orgId: row.id, orgPath: row.path, jurisdictionId: row.jurisdictionId };
}

export class OrganisationService {
  constructor(
    private readonly p: Platform,
    private readonly divisions: DivisionService,
  ) {}

  /** The full name of a GB/T 2260 division ('' when unknown), for other modules' views. */
  divisionName = (code: string): string => this.divisions.fullName(code);

  private view = (row: OrganisationRow): Organisation =>
    toOrganisation(row, (code) => this.divisions.fullName(code));

  /** The organisation if the actor may act on it; missing and out-of-reach look the same. */
  private async getInScope(ctx: RequestContext, action: Action, id: string): Promise<OrganisationRow> {
    const row = await repo.findOrganisation(this.p.db, id);
    requireRecord(ctx.actor, action, row ? scopeOfOrganisation(row) : undefined, 'org');
    return row!;
  }

  private checkDivision(code: string): void {
    if (!this.divisions.find(code)) {
      throw invalid('org.division_unknown', 'body.divisionCode', 'unknown administrative division code');
    }
  }

  private checkCaringKind(kind: OrgKind, caringKind: string | null | undefined): void {
    if (kind === 'caring_unit' && !caringKind) {
      throw invalid('org.caring_kind_required', 'body.caringKind', 'a caring unit needs its kind');
    }
    if (kind !== 'caring_unit' && caringKind) {
      throw invalid('org.caring_kind_not_allowed', 'body.caringKind', 'only caring units have a caring kind');
    }
  }

  /**
   * A federation's area decides whose workers' requests it receives, so it is not its own to set:
   * only whoever may edit the organisation above it (that federation, a platform admin). The
   * root's area is fixed.
   */
  private async requireAreaAuthority(ctx: RequestContext, fed: OrganisationRow): Promise<void> {
    const parent = fed.parentId ? await repo.findOrganisation(this.p.db, fed.parentId) : undefined;
    if (!parent || !can(ctx.actor, 'org.update', scopeOfOrganisation(parent))) {
      throw new AppError(
        'org.area_not_yours',
        403,
        "a federation's area is set by the federation above it or a platform admin",
        { fields: [{ field: 'body.divisionCode', message: 'only the federation above may change this' }] },
      );
    }
  }

  /**
   * Inside a transaction that began with repo.lockFederationAreas and has written its change:
   * refuses (and so rolls back) when one of the federations `ids` now claims an area overlapping
   * another active federation's (see areasClash). The lock makes check and write one step.
   */
  private async checkAreas(trx: Kysely<Database>, ids: string[], field: string): Promise<void> {
    const feds = await repo.listActiveFederationAreas(trx);
    for (const id of ids) {
      const fed = feds.find((f) => f.id === id);
      if (fed && feds.some((other) => areasClash(fed, other))) {
        throw new AppError('org.area_overlap', 409, 'another federation already serves this area', {
          fields: [{ field, message: 'overlaps the area of another active federation' }],
        });
      }
    }
  }

  private nameTaken(err: unknown): never {
    if (isUniqueViolation(err)) {
      throw new AppError('org.name_taken', 409, 'an organisation with this name already exists here', {
        fields: [{ field: 'body.name', message: 'name already used under this parent' }],
      });
    }
    throw err;
  }

  async listOrganisations(
    ctx: RequestContext,
    filter: { status: 'active' | 'inactive' | 'all'; kind?: string },
  ): Promise<Organisation[]> {
    const relations = requireAction(ctx.actor, 'org.read');
    const rows = await repo.listOrganisations(this.p.db, ctx.actor, relations, {
      status: filter.status === 'all' ? undefined : filter.status,
      kind: filter.kind,
    });
    return rows.map(this.view);
  }

  async getOrganisation(ctx: RequestContext, id: string): Promise<Organisation> {
    return this.view(await this.getInScope(ctx, 'org.read', id));
  }

  /** For other modules: where an organisation sits, or undefined. */
  async findScope(
    id: string,
  ): Promise<(RecordScope & { kind: OrgKind; name: string; status: string }) | undefined> {
    const row = await repo.findOrganisation(this.p.db, id);
    return row
      ? { ...scopeOfOrganisation(row), kind: row.kind as OrgKind, name: row.name, status: row.status }
      : undefined;
  }

  /** For self-reports: the active city or county federation serving a division, or undefined. */
  federationServing(divisionCode: string) {
    return repo.findServingFederation(this.p.db, divisionAncestry(divisionCode));
  }

  async createOrganisation(ctx: RequestContext, input: CreateInput): Promise<Organisation> {
    const parent = await this.getInScope(ctx, 'org.create', input.parentId);
    if (parent.status !== 'active') {
      throw invalid('org.parent_inactive', 'body.parentId', 'the parent organisation is deactivated');
    }
    if (!canHaveParent(input.kind, parent.kind as OrgKind)) {
      throw invalid('org.bad_parent', 'body.kind', `a ${input.kind} cannot sit under a ${parent.kind}`);
    }
    this.checkCaringKind(input.kind, input.caringKind);
    this.checkDivision(input.divisionCode);
    const id = this.p.ids();
    const now = this.p.clock.now().toISOString();
    const row = {
      id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      kind: input.kind,
      caringKind: input.caringKind ?? null,
      name: input.name,
      divisionCode: input.divisionCode,
      jurisdictionId: isFederation(input.kind) ? id : parent.jurisdictionId,
      status: 'active',
      contactPerson: input.contactPerson ?? null,
      address: input.address ?? null,
      sortOrder: input.sortOrder ?? 0,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    try {
      await this.p.db.transaction().execute(async (trx) => {
        const federation = isFederation(input.kind);
        if (federation) await repo.lockFederationAreas(trx);
        await repo.insertOrganisation(trx, row);
        if (federation) await this.checkAreas(trx, [id], 'body.divisionCode');
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'org.create',
          subjectType: 'organisation',
          subjectId: id,
          details: { parentId: parent.id, kind: input.kind },
        });
      });
    } catch (err) {
      this.nameTaken(err);
    }
    return this.view(row);
  }

  async updateOrganisation(ctx: RequestContext, id: string, input: UpdateInput): Promise<Organisation> {
    const current = await this.getInScope(ctx, 'org.update', id);
    const { version, ...changes } = input;
    if (changes.divisionCode) this.checkDivision(changes.divisionCode);
    if (changes.caringKind !== undefined) this.checkCaringKind(current.kind as OrgKind, changes.caringKind);
    const newArea =
      isFederation(current.kind) &&
      changes.divisionCode !== undefined &&
      changes.divisionCode !== current.divisionCode;
    if (newArea) await this.requireAreaAuthority(ctx, current);
    const changed = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined);
    try {
      await this.p.db.transaction().execute(async (trx) => {
        if (newArea) await repo.lockFederationAreas(trx);
        const ok = await repo.updateOrganisation(trx, id, version, {
          ...changes,
          updatedAt: this.p.clock.now().toISOString(),
        });
        if (!ok) throw conflict('org.stale', 'the organisation was changed by someone else; reload it');
        if (newArea) await this.checkAreas(trx, [id], 'body.divisionCode');
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'org.update',
          subjectType: 'organisation',
          subjectId: id,
          details: { fields: changed },
        });
      });
    } catch (err) {
      this.nameTaken(err);
    }
    return this.getOrganisation(ctx, id);
  }

  /** Moves a whole branch: paths, depths and jurisdictions of every descendant follow. */
  async moveOrganisation(ctx: RequestContext, id: string, input: MoveInput): Promise<Organisation> {
    const node = await this.getInScope(ctx, 'org.move', id);
    const parent = await this.getInScope(ctx, 'org.move', input.parentId);
    if (!node.parentId) throw invalid('org.root_fixed', 'params.id', 'the root organisation cannot move');
    if (parent.path.startsWith(node.path)) {
      throw invalid('org.move_into_self', 'body.parentId', 'cannot move an organisation under itself');
    }
    if (!canHaveParent(node.kind as OrgKind, parent.kind as OrgKind)) {
      throw invalid('org.bad_parent', 'body.parentId', `a ${node.kind} cannot sit under a ${parent.kind}`);
    }
    if (parent.status !== 'active') {
      throw invalid('org.parent_inactive', 'body.parentId', 'the new parent is deactivated');
    }
    const now = this.p.clock.now().toISOString();
    try {
      await this.p.db.transaction().execute(async (trx) => {
        // Only a federation has federations below it; moving one changes who sits above whom.
        const federation = isFederation(node.kind);
        if (federation) await repo.lockFederationAreas(trx);
        const ok = await repo.updateOrganisation(trx, id, input.version, {
          parentId: parent.id,
          updatedAt: now,
        });
        if (!ok) throw conflict('org.stale', 'the organisation was changed by someone else; reload it');
        const subtree = await repo.listSubtree(trx, node.path);
        const placed = new Map<string, { path: string; depth: number; jurisdictionId: string }>();
        placed.set(parent.id, {
          path: parent.path,
          depth: parent.depth,
          jurisdictionId: parent.jurisdictionId,
        });
        for (const row of subtree) {
          const above = placed.get(row.id === id ? parent.id : row.parentId!)!;
          const placement = {
            path: `${above.path}${row.id}/`,
            depth: above.depth + 1,
            jurisdictionId: isFederation(row.kind) ? row.id : above.jurisdictionId,
          };
          placed.set(row.id, placement);
          await repo.setPlacement(trx, row.id, { ...placement, updatedAt: now });
        }
        if (federation) {
          const moved = subtree.filter((r) => isFederation(r.kind)).map((r) => r.id);
          await this.checkAreas(trx, moved, 'body.parentId');
        }
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'org.move',
          subjectType: 'organisation',
          subjectId: id,
          details: { from: node.parentId, to: parent.id, descendants: subtree.length - 1 },
        });
      });
    } catch (err) {
      this.nameTaken(err);
    }
    return this.getOrganisation(ctx, id);
  }

  async setActive(ctx: RequestContext, id: string, version: number, active: boolean): Promise<Organisation> {
    const node = await this.getInScope(ctx, 'org.deactivate', id);
    if (!active) {
      if (!node.parentId)
        throw invalid('org.root_fixed', 'params.id', 'the root organisation cannot be deactivated');
      if ((await repo.countActiveChildren(this.p.db, id)) > 0) {
        throw conflict('org.has_active_children', 'deactivate the organisations under it first');
      }
    } else if (node.parentId) {
      const parent = await repo.findOrganisation(this.p.db, node.parentId);
      if (parent?.status !== 'active') throw conflict('org.parent_inactive', 'activate the parent first');
    }
    // Reactivating a federation brings its area back: the overlap rule applies as on creation.
    const claims = active && isFederation(node.kind);
    await this.p.db.transaction().execute(async (trx) => {
      if (claims) await repo.lockFederationAreas(trx);
      const ok = await repo.updateOrganisation(trx, id, version, {
        status: active ? 'active' : 'inactive',
        updatedAt: this.p.clock.now().toISOString(),
      });
      if (!ok) throw conflict('org.stale', 'the organisation was changed by someone else; reload it');
      if (claims) await this.checkAreas(trx, [id], 'params.id');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: active ? 'org.activate' : 'org.deactivate',
        subjectType: 'organisation',
        subjectId: id,
      });
    });
    return this.getOrganisation(ctx, id);
  }
}
