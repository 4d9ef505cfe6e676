import type { Kysely } from 'kysely';
import type { PortableMigration } from '../../../db/migrator';

/**
 * Every money column holds what the contracts allow (decision 0010): one amount of up to
 * `MONEY_MAX_FEN` (¥100 000 000 = 10^10 fen) is past PostgreSQL's 32-bit `integer`, so the
 * amounts created as `integer` become `bigint` like the household's incomes already are. SQLite
 * stores every integer in up to 64 bits whatever the declared type: nothing to change there.
 */
const MONEY_COLUMNS: [table: string, column: string][] = [
  ['help_record', 'value_fen'],
  ['plan_measure', 'value_fen'],
  ['resource', 'unit_value_fen'],
  ['referral', 'delivered_value_fen'],
  ['archive', 'per_capita_fen'],
  ['archive_standard', 'min_living_fen'],
];

export const moneyBigint: PortableMigration = (engine) => ({
  async up(db: Kysely<unknown>) {
    if (engine !== 'postgres') return;
    for (const [table, column] of MONEY_COLUMNS) {
      await db.schema
        .alterTable(table)
        .alterColumn(column, (c) => c.setDataType('bigint'))
        .execute();
    }
  },
  async down(db: Kysely<unknown>) {
    if (engine !== 'postgres') return;
    // Fails (and changes nothing) while an amount is stored that `integer` cannot hold.
    for (const [table, column] of MONEY_COLUMNS) {
      await db.schema
        .alterTable(table)
        .alterColumn(column, (c) => c.setDataType('integer'))
        .execute();
    }
  },
});
