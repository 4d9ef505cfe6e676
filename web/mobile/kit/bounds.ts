import type { z } from 'zod';

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
