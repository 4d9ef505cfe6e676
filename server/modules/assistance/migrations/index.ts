import type { Migrations } from '../../../db/migrator';
import { assistance } from './2026112902-assistance';
import { help } from './2026112903-help';
import { selfReportUnverified } from './2026120703-self-report-unverified';
import { identifierSearch } from './2026120704-identifier-search';
import { consentConfirmation } from './2026120705-consent-confirmation';
import { moneyBigint } from './2026120706-money-bigint';

/**
 * The Love Alliance's migrations, by the names existing databases have recorded (they ran from
 * server/db/migrations/ before the module owned them: the names never change).
 */
export const ASSISTANCE_MIGRATIONS: Migrations = {
  '2026112902-assistance': assistance,
  '2026112903-help': help,
  '2026120703-self-report-unverified': selfReportUnverified,
  '2026120704-identifier-search': identifierSearch,
  '2026120705-consent-confirmation': consentConfirmation,
  '2026120706-money-bigint': moneyBigint,
};
