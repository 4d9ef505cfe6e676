import type { Migrations } from '../../../db/migrator';
import { membership } from './2026121001-membership';

/** The membership module's migrations, by their recorded names. */
export const MEMBERSHIP_MIGRATIONS: Migrations = {
  '2026121001-membership': membership,
};
