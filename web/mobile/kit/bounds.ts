import type { z } from 'zod';
import { MONEY_MAX_FEN } from '../../../contracts/numbers';

/**
 * The bounds the shared contracts declare, read off their schemas so an input's `maxLength`, a
 * stepper's range or a list's "add" button never carries a copied number: a text's longest
 * length, a number's largest value or a list's most items (through `.optional()`, `.default()`
 * and `RequiredText`'s pipe).
 */
interface Check {
  _zod: { def: { check: string; maximum?: unknown; minimum?: unknown; value?: unknown } };
}
interface Inspectable {
  _zod: { def: { type: string; innerType?: unknown; in?: unknown; checks?: Check[] } };
}

/** The checks that bound a length (`max_length`) or a value (`less_than`, inclusive with `.max()`). */
const LIMITS = {
  maximum: { length: 'max_length', value: 'less_than' },
  minimum: { length: 'min_length', value: 'greater_than' },
} as const;

function core(schema: z.ZodType): Inspectable {
  let s = schema as unknown as Inspectable;
  for (;;) {
    const def = s._zod.def;
    if (def.innerType) s = def.innerType as Inspectable;
    else if (def.type === 'pipe' && def.in) s = def.in as Inspectable;
    else return s;
  }
}

function bound(schema: z.ZodType, which: 'maximum' | 'minimum'): number {
  const limit = LIMITS[which];
  let value: unknown;
  for (const c of core(schema)._zod.def.checks ?? []) {
    const def = c._zod.def;
    if (def.check === limit.length) value = def[which];
    else if (def.check === limit.value) value = def.value;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`the schema declares no ${which}`);
  }
  return value;
}

/** The longest text, the largest number or the most items the schema takes. */
export const maxOf = (schema: z.ZodType): number => bound(schema, 'maximum');
/** The shortest text, the smallest number or the fewest items the schema takes. */
export const minOf = (schema: z.ZodType): number => bound(schema, 'minimum');

/** An amount in yuan as typed, at its longest: the largest one amount with two decimals (100000000.00). */
export const YUAN_TEXT_MAX = String(MONEY_MAX_FEN / 100).length + 3;

/** A GB 11643 ID number's length (the contracts take a little more, to trim what was pasted). */
export const ID_NUMBER_LENGTH = 18;

/** The digits of a whole number's largest value: what its text input lets one type. */
export const digitsOf = (schema: z.ZodType): number => String(maxOf(schema)).length;
