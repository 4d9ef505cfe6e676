import type { Generated } from 'kysely';
import type { PlatformAuditTables } from '../platform/audit/tables';
import type { PlatformAuthTables } from '../platform/auth/tables';
import type { PlatformOtpTables } from '../platform/otp/tables';
import type { AssistanceTables } from '../modules/assistance';
import type { IdentityTables } from '../modules/identity';
import type { OrganisationTables } from '../modules/organisation';
import type { MembershipTables } from '../modules/membership';
import type { VoteTables } from '../modules/vote';

/**
 * The whole database as Kysely sees it (camelCase; CamelCasePlugin maps to snake_case).
 * Timestamps are ISO-8601 UTC text on both engines; money is integer fen; flags are text states.
 *
 * Each table is declared by its owner (`server/platform/<part>/tables.ts`,
 * `server/modules/<module>/…/tables.ts`, exported type-only through the module's index.ts); this
 * is the one place that names them all. A new system adds its `…Tables` here. The module imports
 * are type-only (ESLint allows nothing else here), so db/ still loads no module code.
 */
export interface Database
  extends
    PlatformAuthTables,
    PlatformAuditTables,
    PlatformOtpTables,
    OrganisationTables,
    IdentityTables,
    AssistanceTables,
    MembershipTables,
    VoteTables {}

export type Seq = Generated<number>;
