import { z } from 'zod';

/**
 * The one place numbers get their bounds (decision 0010). Every numeric field of every contract
 * is built from these helpers, so no contract can allow a value its column cannot hold:
 *
 * - counts, sizes, days, percentages, versions and page numbers live in `integer` columns (or are
 *   never stored): their bounds lie within PostgreSQL's 32-bit `integer`;
 * - money is integer fen in `bigint` columns, one amount at most `MONEY_MAX_FEN` (¥100 000 000);
 * - sums of amounts (ledger totals, dashboard figures) are computed, never stored, and stay exact
 *   up to `MONEY_TOTAL_MAX_FEN` (2^53 − 1, within `bigint` and JavaScript's exact integers).
 *
 * Input fields carry their domain's bound (`int(1, 30)` people in a household); answers carry the
 * column's (`Count`, `Money`), so an answer never fails its own schema on a value that was stored.
 * `contracts/numbers.test.ts` walks every exported schema and fails on a number without them.
 */

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;
/** One amount of money in fen: ¥100 000 000 (1 亿元), the most any form or import accepts. */
export const MONEY_MAX_FEN = 100_000_000_00;
/** A sum of amounts in fen: exact in JavaScript and within PostgreSQL's `bigint`. */
export const MONEY_TOTAL_MAX_FEN = Number.MAX_SAFE_INTEGER;

function within32(min: number, max: number): void {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < INT32_MIN || max > INT32_MAX || min > max) {
    throw new Error(`int(${min}, ${max}): bounds must be integers within PostgreSQL's integer`);
  }
}

/** A whole number in [min, max], both within PostgreSQL's `integer` (checked when defined). */
export function int(min: number, max: number) {
  within32(min, max);
  return z.number().int().min(min).max(max);
}

/** The same from a query string (`?page=2`): text coerced to a number, then bounded alike. */
export function queryInt(min: number, max: number) {
  within32(min, max);
  return z.coerce.number().int().min(min).max(max);
}

/** Any value of an `integer` column, as answered. */
export const Int32 = int(INT32_MIN, INT32_MAX);
/** A count or a size, as answered (rows, people, places, bytes). */
export const Count = int(0, INT32_MAX);
/**
 * An optimistic-lock version as sent back: the update writes `version + 1` into an `integer`
 * column, so the largest version that can still be named is one below the column's maximum.
 */
export const Version = int(1, INT32_MAX - 1);
/** A record's version, as answered. */
export const RowVersion = int(1, INT32_MAX);
/** A calendar year (standards, archive numbers). */
export const Year = int(2000, 2100);

/** One amount in fen (`bigint` columns): what a form, an import row or a stored amount holds. */
export const Money = z.number().int().min(0).max(MONEY_MAX_FEN);
/** A sum of amounts in fen (never stored). */
export const MoneyTotal = z.number().int().min(0).max(MONEY_TOTAL_MAX_FEN);
/** A serial of a `bigint` sequence column (the audit chain's `seq`), as answered. */
export const BigSerial = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * The number schemas allowed past 32 bits, each backed by a `bigint` column or never stored;
 * the contracts test accepts no other.
 */
export const BIGINT_NUMBERS: readonly z.ZodType[] = [Money, MoneyTotal, BigSerial];
