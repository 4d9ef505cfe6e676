import type { z } from 'zod';
import type { Me } from '../../../contracts/auth';
import type { CreateUserBody, UpdateUserBody, User, UserListQuery } from '../../../contracts/user';
import type { OrgKind } from '../../../contracts/organisation';
import { isUniqueViolation } from '../../db/dialect';
import {
  can,
  relationsFor,
  requireAction,
  requireRecord,
  type Actor,
  type RecordScope,
} from '../../platform/auth/actor';
import { passwordProblem } from '../../platform/auth/password';
import { DEVICE_LOST } from '../../platform/auth/session-store';
import { ACTIONS, type Action, type Role } from '../../platform/auth/policy';
import { randomToken } from '../../platform/personal-data/crypto';
import { AppError, conflict, invalid } from '../../platform/errors';
import type { Page } from '../../platform/pagination';
import { auditContext, type Platform, type RequestContext } from '../../platform/platform';
import type { OrganisationService } from '../organisation';
import * as repo from './user.repository';
import { forgetUsername } from './sign-in.repository';
import { SignInService, type SignedIn } from './sign-in.service';
import { mayAdminister, mayGrant, roleFitsOrg } from './user.policy';
import { toUser, type UserRecord } from './user.table';

type CreateInput = z.infer<typeof CreateUserBody>;
type UpdateInput = z.infer<typeof UpdateUserBody>;
type ListInput = z.infer<typeof UserListQuery>;

const scopeOfUser = (u: UserRecord): RecordScope => ({
  orgId: u.orgId,
  orgPath: u.orgPath,
  jurisdictionId: u.jurisdictionId,
  ownerId: u.id,
});

function temporaryPassword(): string {
  // 18 random base64url characters plus a fixed letter–digit pair: always passes the policy.
  return `${randomToken(14).replace(/[-_]/g, 'x')}a7`;
}

export class UserService {
  private readonly signIn: SignInService;

  constructor(
    private readonly p: Platform,
    private readonly orgs: OrganisationService,
  ) {
    this.signIn = new SignInService(p, async (userId, sessionId, orgName) => {
      const actor = await this.loadActor(userId, sessionId);
      return this.me(actor!, orgName);
    });
  }

  /** Fresh on every request: a disabled user, a deactivated organisation or new roles apply at once. */
  loadActor = async (userId: string, sessionId: string): Promise<Actor | null> => {
    const u = await repo.findUser(this.p.db, userId);
    if (!u || u.status !== 'active' || u.orgStatus !== 'active') return null;
    return {
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      orgId: u.orgId,
      orgPath: u.orgPath,
      jurisdictionId: u.jurisdictionId,
      roles: await repo.listRoles(this.p.db, u.id),
      sessionId,
      mustChangePassword: u.mustChangePassword === 1,
    };
  };

  me(actor: Actor, orgName: string): Me {
    const actions = ACTIONS.filter((a) => relationsFor(actor, a).size > 0);
    return {
      userId: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      orgId: actor.orgId,
      orgName,
      roles: actor.roles,
      actions,
      mustChangePassword: actor.mustChangePassword,
    };
  }

  async describe(actor: Actor): Promise<Me> {
    const org = await this.orgs.findScope(actor.orgId);
    return this.me(actor, org?.name ?? '');
  }

  /** Sign-in lives in sign-in.service.ts (throttling per account and address, issue 9). */
  login(
    input: { username: string; password: string },
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<SignedIn> {
    return this.signIn.login(input, meta);
  }

  async logout(ctx: RequestContext): Promise<void> {
    await this.p.db.transaction().execute(async (trx) => {
      await this.p.sessions.end(ctx.actor.sessionId, 'logout', trx);
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'auth.logout',
        subjectType: 'user',
        subjectId: ctx.actor.userId,
      });
    });
  }

  async changePassword(
    ctx: RequestContext,
    input: { currentPassword: string; newPassword: string },
  ): Promise<void> {
    const user = await repo.findUser(this.p.db, ctx.actor.userId);
    if (!user || !(await this.p.hasher.verify(user.passwordHash, input.currentPassword))) {
      throw invalid('auth.wrong_password', 'body.currentPassword', 'the current password is wrong');
    }
    const problem = passwordProblem(input.newPassword, user.username);
    if (problem) throw invalid('auth.weak_password', 'body.newPassword', problem.en);
    if (input.newPassword === input.currentPassword) {
      throw invalid(
        'auth.same_password',
        'body.newPassword',
        'choose a password different from the current one',
      );
    }
    const hash = await this.p.hasher.hash(input.newPassword);
    const now = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      await repo.setLogin(trx, user.id, {
        passwordHash: hash,
        mustChangePassword: 0,
        passwordChangedAt: now,
        updatedAt: now,
      });
      // Other devices signed in with the old password are signed out; this one stays.
      await this.p.sessions.endAllForUser(trx, user.id, 'password_changed', ctx.actor.sessionId);
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'auth.password_change',
        subjectType: 'user',
        subjectId: user.id,
      });
    });
  }

  // ---- administration ----

  private async getInScope(ctx: RequestContext, action: Action, id: string): Promise<UserRecord> {
    const u = await repo.findUser(this.p.db, id);
    requireRecord(ctx.actor, action, u ? scopeOfUser(u) : undefined, 'user');
    return u!;
  }

  /**
   * The account for an administrative action (edit, roles, reset password, disable/enable): in
   * reach for `action`, and holding only roles the actor may grant (mayAdminister). An account the
   * actor may not administer answers like a missing one, as any record out of reach does (404).
   * The version the client sent must be the one read here, so the roles checked are the roles of
   * the row the version-checked write will change.
   */
  private async getForAdmin(
    ctx: RequestContext,
    action: Action,
    id: string,
    version: number,
  ): Promise<{ user: UserRecord; roles: Role[] }> {
    const user = await this.getInScope(ctx, action, id);
    const roles = await repo.listRoles(this.p.db, id);
    if (!mayAdminister(ctx.actor.roles, roles)) throw new AppError('user.not_found', 404, 'user not found');
    if (user.version !== version)
      throw conflict('user.stale', 'the user was changed by someone else; reload it');
    return { user, roles };
  }

  private async view(u: UserRecord): Promise<User> {
    return toUser(u, await repo.listRoles(this.p.db, u.id), this.p.clock.now());
  }

  /** The organisation a user is put in: in the actor's reach for `action`, active, and fit for the roles. */
  private async checkPlacement(
    ctx: RequestContext,
    action: Action,
    orgId: string,
    roles: Role[],
  ): Promise<void> {
    const org = await this.orgs.findScope(orgId);
    // Out of reach answers exactly like missing, so probing ids tells nothing (F-1).
    if (!org || !can(ctx.actor, action, { ...org, ownerId: null })) {
      throw invalid('user.org_unknown', 'body.orgId', 'no such organisation');
    }
    if (org.status !== 'active')
      throw invalid('user.org_inactive', 'body.orgId', 'the organisation is deactivated');
    for (const role of roles) {
      if (!mayGrant(ctx.actor.roles, role)) {
        throw invalid('user.role_not_grantable', 'body.roles', `only a platform admin may grant ${role}`);
      }
      if (!roleFitsOrg(role, org.kind as OrgKind)) {
        throw invalid(
          'user.role_org_mismatch',
          'body.roles',
          `role ${role} does not fit a ${org.kind} organisation`,
        );
      }
    }
  }

  async listUsers(ctx: RequestContext, query: ListInput): Promise<Page<User>> {
    const relations = requireAction(ctx.actor, 'user.read');
    const page = await repo.listUsers(this.p.db, ctx.actor, relations, query);
    const roles = await repo.rolesOf(
      this.p.db,
      page.items.map((u) => u.id),
    );
    const now = this.p.clock.now();
    return { ...page, items: page.items.map((u) => toUser(u, roles.get(u.id) ?? [], now)) };
  }

  async getUser(ctx: RequestContext, id: string): Promise<User> {
    return this.view(await this.getInScope(ctx, 'user.read', id));
  }

  async createUser(
    ctx: RequestContext,
    input: CreateInput,
  ): Promise<{ user: User; temporaryPassword: string | null }> {
    requireAction(ctx.actor, 'user.create');
    const roles = [...new Set(input.roles)] as Role[];
    await this.checkPlacement(ctx, 'user.create', input.orgId, roles);
    if (input.password) {
      const problem = passwordProblem(input.password, input.username);
      if (problem) throw invalid('auth.weak_password', 'body.password', problem.en);
    }
    const temporary = input.password ? null : temporaryPassword();
    const hash = await this.p.hasher.hash(input.password ?? temporary!);
    const id = this.p.ids();
    const now = this.p.clock.now().toISOString();
    try {
      await this.p.db.transaction().execute(async (trx) => {
        await repo.insertUser(
          trx,
          {
            id,
            orgId: input.orgId,
            username: input.username,
            displayName: input.displayName,
            passwordHash: hash,
            status: 'active',
            mustChangePassword: 1,
            failedLogins: 0,
            lockedUntil: null,
            lastLoginAt: null,
            passwordChangedAt: now,
            createdAt: now,
            updatedAt: now,
            version: 1,
          },
          roles,
        );
        await this.p.audit.append(trx, auditContext(ctx), {
          action: 'user.create',
          subjectType: 'user',
          subjectId: id,
          details: { orgId: input.orgId, roles },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new AppError('user.username_taken', 409, 'this username is taken', {
          fields: [{ field: 'body.username', message: 'username already exists' }],
        });
      }
      throw err;
    }
    return { user: await this.getUser(ctx, id), temporaryPassword: temporary };
  }

  async updateUser(ctx: RequestContext, id: string, input: UpdateInput): Promise<User> {
    const { user: current, roles: held } = await this.getForAdmin(ctx, 'user.update', id, input.version);
    if (id === ctx.actor.userId && (input.roles || input.orgId)) {
      throw invalid(
        'user.self_change',
        'body.roles',
        'ask another administrator to change your own roles or organisation',
      );
    }
    const roles = input.roles ? ([...new Set(input.roles)] as Role[]) : held;
    if (input.orgId || input.roles)
      await this.checkPlacement(ctx, 'user.update', input.orgId ?? current.orgId, roles);
    const now = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateUser(trx, id, input.version, {
        ...(input.displayName ? { displayName: input.displayName } : {}),
        ...(input.orgId ? { orgId: input.orgId } : {}),
        updatedAt: now,
      });
      if (!ok) throw conflict('user.stale', 'the user was changed by someone else; reload it');
      if (input.roles) await repo.replaceRoles(trx, id, roles);
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'user.update',
        subjectType: 'user',
        subjectId: id,
        details: {
          fields: Object.keys(input).filter((k) => k !== 'version'),
          ...(input.roles ? { roles } : {}),
          ...(input.orgId ? { orgId: input.orgId } : {}),
        },
      });
    });
    return this.getUser(ctx, id);
  }

  async resetPassword(
    ctx: RequestContext,
    id: string,
    version: number,
  ): Promise<{ user: User; temporaryPassword: string }> {
    const { user } = await this.getForAdmin(ctx, 'user.reset_password', id, version);
    const temporary = temporaryPassword();
    const hash = await this.p.hasher.hash(temporary);
    const now = this.p.clock.now().toISOString();
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateUser(trx, id, version, {
        passwordHash: hash,
        mustChangePassword: 1,
        failedLogins: 0,
        lockedUntil: null,
        passwordChangedAt: now,
        updatedAt: now,
      });
      if (!ok) throw conflict('user.stale', 'the user was changed by someone else; reload it');
      await forgetUsername(trx, user.username);
      await this.p.sessions.endAllForUser(trx, id, 'password_reset');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'user.reset_password',
        subjectType: 'user',
        subjectId: id,
      });
    });
    return { user: await this.getUser(ctx, id), temporaryPassword: temporary };
  }

  /**
   * 手机丢失: ends every session of the user (they sign in again on their other devices). The lost
   * phone is told on its next request (`auth.session_revoked`) and wipes what it keeps offline.
   */
  async endSessions(ctx: RequestContext, id: string, version: number): Promise<User> {
    await this.getForAdmin(ctx, 'user.disable', id, version);
    await this.p.db.transaction().execute(async (trx) => {
      await this.p.sessions.endAllForUser(trx, id, DEVICE_LOST);
      await this.p.audit.append(trx, auditContext(ctx), {
        action: 'user.end_sessions',
        subjectType: 'user',
        subjectId: id,
        details: { reason: DEVICE_LOST },
      });
    });
    return this.getUser(ctx, id);
  }

  async setDisabled(ctx: RequestContext, id: string, version: number, disabled: boolean): Promise<User> {
    await this.getForAdmin(ctx, 'user.disable', id, version);
    if (id === ctx.actor.userId)
      throw invalid('user.self_change', 'params.id', 'you cannot disable yourself');
    await this.p.db.transaction().execute(async (trx) => {
      const ok = await repo.updateUser(trx, id, version, {
        status: disabled ? 'disabled' : 'active',
        updatedAt: this.p.clock.now().toISOString(),
      });
      if (!ok) throw conflict('user.stale', 'the user was changed by someone else; reload it');
      if (disabled) await this.p.sessions.endAllForUser(trx, id, 'user_disabled');
      await this.p.audit.append(trx, auditContext(ctx), {
        action: disabled ? 'user.disable' : 'user.enable',
        subjectType: 'user',
        subjectId: id,
      });
    });
    return this.getUser(ctx, id);
  }
}
