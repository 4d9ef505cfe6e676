import type { AppConfig } from '../config';
import type { DatabaseHandle, Db, Engine } from '../db/database';
import type { AuditActor, AuditContext, AuditLog } from './audit/audit-log';
import type { Actor } from './auth/actor';
import type { AssignmentStore } from './auth/assignment';
import type { PasswordHasher } from './auth/password';
import type { SessionStore } from './auth/session-store';
import type { Clock, IdGenerator } from './clock';
import type { BlindIndexKind, FieldCipher } from './personal-data/crypto';
import type { SmsSender } from './sms';

/** The domain-free services every module is built from; assembled once in buildApp. */
export interface Platform {
  config: AppConfig;
  db: Db;
  engine: Engine;
  database: DatabaseHandle;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  sessions: SessionStore;
  /** Who is assigned to which record: the 'assigned' relation of the policy table. */
  assignments: AssignmentStore;
  hasher: PasswordHasher;
  cipher: FieldCipher;
  blindIndex: (kind: BlindIndexKind, value: string) => string;
  sms: SmsSender;
  /** Waits before answering a failed login; tests replace it so they need not wait. */
  sleep: (ms: number) => Promise<void>;
}

/** What a service needs to know about the request it serves. */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
}

export function auditContext(ctx: { actor?: Actor | null; ip?: string | null }): AuditContext {
  const actor: AuditActor | null = ctx.actor
    ? {
        userId: ctx.actor.userId,
        displayName: ctx.actor.displayName,
        orgId: ctx.actor.orgId,
        jurisdictionId: ctx.actor.jurisdictionId,
      }
    : null;
  return { actor, ip: ctx.ip ?? null };
}
