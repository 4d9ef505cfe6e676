import type { z } from 'zod';
import type {
  ResourceBody,
  ResourceQuery,
  ResourceUpdateBody,
  ResourceView,
} from '../../../../contracts/help';
import { can, requireAction, requireRecord, type RecordScope } from '../../../platform/auth/actor';
import type { Action } from '../../../platform/auth/policy';
import { AppError, conflict, invalid } from '../../../platform/errors';
import type { Page } from '../../../platform/pagination';
import { auditContext, type Platform, type RequestContext } from '../../../platform/platform';
import type { OrganisationService } from '../../organisation';
import { chinaDate } from '../../../platform/clock';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import * as repo from './resource.repository';

export type { ResourceRow } from './resource.repository';
type Executor = Kysely<Database>;

type Create = z.infer<typeof ResourceBody>;
type Update = z.infer<typeof ResourceUpdateBody>;
type Query = z.infer<typeof ResourceQuery>;

const stale = () => conflict('resource.stale', 'the resource was changed by someone else; reload it');

export function resourceScope(r: repo.ResourceRow): RecordScope {
  return { orgId: r.orgId, orgPath: r.orgPath, jurisdictionId: r.jurisdictionId };
}

/** 爱心资源: what caring units give, published by them or by the federation on their behalf. */
export class ResourceService {
  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
  ) {}

  /**
   * A resource's places, for the referrals that hold them: read, hold, free and deliver inside
   * the caller's transaction. Holding is one conditional update (`reserved + q <= quantity`), so
   * places are never over-held however many referrals race.
   */
  readonly places = {
    find: (db: Executor, id: string) => repo.findResource(db, id),
    reserve: (db: Executor, id: string, quantity: number, today: string, at: string) =>
      repo.reservePlaces(db, id, quantity, today, at),
    release: (db: Executor, id: string, quantity: number, at: string) =>
      repo.releasePlaces(db, id, quantity, at),
    deliver: (db: Executor, id: string, quantity: number, at: string) =>
      repo.deliverPlaces(db, id, quantity, at),
  };

  private today(): string {
    return chinaDate(this.p.clock.now());
  }

  view(r: repo.ResourceRow, today = this.today()): ResourceView {
    const quantity = Number(r.quantity);
    const reserved = Number(r.reserved);
    return {
      id: r.id,
      orgId: r.orgId,
      orgName: r.orgName,
      kind: r.kind as ResourceView['kind'],
      title: r.title,
      description: r.description,
      unit: r.unit,
      quantity,
      reserved,
      delivered: Number(r.delivered),
      available: quantity - reserved,
      unitValueFen: Number(r.unitValueFen),
      validFrom: r.validFrom,
      validUntil: r.validUntil,
      audience: r.audience,
      conditions: r.conditions,
      status: r.status as ResourceView['status'],
      expired: r.validUntil < today,
      createdAt: r.createdAt,
      version: Number(r.version),
    };
  }

  /** The resource if the actor may `action` it; out of reach answers like missing. */
  async getInScope(ctx: RequestContext, action: Action, id: string): Promise<repo.ResourceRow> {
    const r = await repo.findResource(this.p.db, id);
    requireRecord(ctx.actor, action, r ? resourceScope(r) : undefined, 'resource');
    return r!;
  }

  /** For other services of the module: no permission check (callers check the household). */
  findRow(id: string): Promise<repo.ResourceRow | undefined> {
    return repo.findResource(this.p.db, id);
  }

  async listResources(ctx: RequestContext, q: Query): Promise<Page<ResourceView>> {
    const relations = requireAction(ctx.actor, 'resource.read');
    const today = this.today();
    const page = await repo.listResources(this.p.db, ctx.actor, relations, {
      kind: q.kind,
      orgId: q.orgId,
      status: q.status,
      available: q.available === undefined ? undefined : q.available === 'true',
      today,
      q: q.q || undefined,
      page: q.page,
      pageSize: q.pageSize,
    });
    return { ...page, items: page.items.map((r) => this.view(r, today)) };
  }

  async getResource(ctx: RequestContext, id: string): Promise<ResourceView> {
    return this.view(await this.getInScope(ctx, 'resource.read', id));
  }

  private checkValidity(body: { validFrom: string; validUntil: string }): void {
    if (body.validUntil < body.validFrom) {
      throw invalid('resource.bad_validity', 'body.validUntil', 'the resource expires before it starts');
    }
  }

  /**
   * A caring unit publishes as itself; federation staff name a caring unit of their jurisdiction.
   * Either way the organisation must be a caring unit the actor may manage resources for.
   */
  async createResource(ctx: RequestContext, body: Create): Promise<ResourceView> {
    requireAction(ctx.actor, 'resource.manage');
    const orgId = body.orgId ?? ctx.actor.orgId;
    const org = await this.orgs.findScope(orgId);
    if (!body.orgId && org?.kind !== 'caring_unit') {
      throw invalid('resource.org_required', 'body.orgId', 'name the caring unit that gives the resource');
    }
    // Missing, not a caring unit, out of reach or deactivated: one answer, so probing ids reveals nothing.
    if (
      !org ||
      org.kind !== 'caring_unit' ||
      org.status !== 'active' ||
      !can(ctx.actor, 'resource.manage', org)
    ) {
      throw invalid('resource.bad_org', 'body.orgId', 'not an active caring unit you may publish for');
    }
    this.checkValidity(body);
    const at = this.p.clock.now().toISOString();
    const id = this.p.ids();
    await this.p.db.transaction().execute(async (trx) => {
      await repo.insertResource(trx, {
        id,
        jurisdictionId: org.jurisdictionId,
        orgId: org.orgId,
        kind: body.kind,
        title: body.title,
        description: body.description || null,
        unit: body.unit,
        quantity: body.quantity,
        unitValueFen: body.unitValueFen,
        validFrom: body.validFrom,
        validUntil: body.validUntil,
        audience: body.audience,
        conditions: body.conditions || null,
        status: 'active',
        reserved: 0,
        delivered: 0,
        createdBy: ctx.actor.userId,
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'resource.create',
        subjectType: 'resource',
        subjectId: id,
        details: { orgId: org.orgId, kind: body.kind, title: body.title, quantity: body.quantity },
      });
    });
    return this.view((await repo.findResource(this.p.db, id))!);
  }

  async updateResource(ctx: RequestContext, id: string, body: Update): Promise<ResourceView> {
    const r = await this.getInScope(ctx, 'resource.manage', id);
    this.checkValidity(body);
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateResource(trx, id, body.version, {
        kind: body.kind,
        title: body.title,
        description: body.description || null,
        unit: body.unit,
        quantity: body.quantity,
        unitValueFen: body.unitValueFen,
        validFrom: body.validFrom,
        validUntil: body.validUntil,
        audience: body.audience,
        conditions: body.conditions || null,
        updatedAt: at,
      });
      if (!ok) {
        // Why did the one conditional statement refuse? Read the row as it is now to say so.
        const now = await repo.findResource(trx, id);
        if (!now || Number(now.version) !== body.version) throw stale();
        if (now.status !== 'active') throw conflict('resource.withdrawn', 'the resource has been withdrawn');
        throw new AppError(
          'resource.below_reserved',
          409,
          `the quantity may not fall below the ${now.reserved} places already referred`,
          {
            fields: [{ field: 'body.quantity', message: `at least ${now.reserved}` }],
            reserved: Number(now.reserved),
          },
        );
      }
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'resource.update',
        subjectType: 'resource',
        subjectId: id,
        details: {
          title: body.title,
          quantity: body.quantity,
          previousQuantity: Number(r.quantity),
          validUntil: body.validUntil,
        },
      });
    });
    return this.view((await repo.findResource(this.p.db, id))!);
  }

  /** Withdrawn resources take no new referrals; the open ones stay answerable. */
  async withdrawResource(ctx: RequestContext, id: string, version: number): Promise<ResourceView> {
    const r = await this.getInScope(ctx, 'resource.manage', id);
    if (r.status !== 'active')
      throw conflict('resource.withdrawn', 'the resource has already been withdrawn');
    const at = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      if (!(await repo.withdrawResource(trx, id, version, at))) throw stale();
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'resource.withdraw',
        subjectType: 'resource',
        subjectId: id,
        details: { title: r.title, reserved: Number(r.reserved), delivered: Number(r.delivered) },
      });
    });
    return this.view((await repo.findResource(this.p.db, id))!);
  }
}
