import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BIGINT_NUMBERS, INT32_MAX, INT32_MIN, Money, int } from './numbers';

/**
 * Decision 0010: no contract may allow a number its column cannot hold. Walks every exported zod
 * schema of every contracts/*.ts file down to its numbers and lists each one that is not an
 * integer with both bounds inside PostgreSQL's `integer`, unless it is one of the declared
 * `bigint` numbers (money in fen, sums of it, the audit serial).
 */

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  getter?: () => z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

export function unboundedNumbers(schema: z.ZodType, path: string, seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  if (BIGINT_NUMBERS.includes(schema)) return [];
  const def = defOf(schema);
  const walk = (s: z.ZodType | null | undefined, at: string) => (s ? unboundedNumbers(s, at, seen) : []);
  switch (def.type) {
    case 'number': {
      const n = schema as z.ZodNumber;
      const min = n.minValue ?? -Infinity;
      const max = n.maxValue ?? Infinity;
      if (!n.isInt) return [`${path}: not an integer (money is integer fen)`];
      if (min < INT32_MIN || max > INT32_MAX)
        return [`${path}: bounds [${min}, ${max}] pass PostgreSQL's integer`];
      return [];
    }
    case 'bigint':
      return [`${path}: a bigint schema (JSON carries numbers)`];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([k, v]) => walk(v, `${path}.${k}`));
    case 'array':
    case 'set':
      return walk(def.element ?? def.valueType, `${path}[]`);
    case 'record':
    case 'map':
      return [...walk(def.keyType, `${path}{key}`), ...walk(def.valueType, `${path}{}`)];
    case 'tuple':
      return [
        ...(def.items ?? []).flatMap((s, i) => walk(s, `${path}[${i}]`)),
        ...walk(def.rest, `${path}[…]`),
      ];
    case 'union':
      return (def.options ?? []).flatMap((s, i) => walk(s, `${path}|${i}`));
    case 'intersection':
      return [...walk(def.left, path), ...walk(def.right, path)];
    case 'pipe':
      return [...walk(def.in, path), ...walk(def.out, path)];
    case 'lazy':
      return walk(def.getter?.(), path);
    default:
      // optional, nullable, default, prefault, readonly, catch, nonoptional…
      return def.innerType ? walk(def.innerType, path) : [];
  }
}

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('numbers in the contracts (decision 0010)', () => {
  it('every integer field of every exported schema has bounds its column can hold', async () => {
    const found: string[] = [];
    let numbers = 0;
    for (const file of files) {
      const mod = (await import(join(here, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (!(value instanceof z.ZodType)) continue;
        found.push(...unboundedNumbers(value, `${file.replace(/\.ts$/, '')}.${name}`));
        numbers++;
      }
    }
    expect(files).toContain('help.ts');
    expect(numbers).toBeGreaterThan(100);
    expect(found, found.join('\n')).toEqual([]);
  });

  it('finds a number without bounds, past 32 bits or not whole, however deep', () => {
    const bad = z.object({
      a: z.number().int(),
      b: z.array(
        z.strictObject({
          c: z
            .number()
            .int()
            .min(0)
            .max(INT32_MAX + 1)
            .optional(),
        }),
      ),
      d: z.number().min(0).max(10).nullable(),
      e: z.coerce.number().int().min(1).max(10).default(1),
      f: Money.default(0),
      g: z.record(z.string(), z.number().int().max(5)),
    });
    expect(unboundedNumbers(bad, 'bad')).toEqual([
      expect.stringMatching(/^bad\.a: bounds/),
      expect.stringMatching(/^bad\.b\[\]\.c: bounds/),
      'bad.d: not an integer (money is integer fen)',
      expect.stringMatching(/^bad\.g\{\}: bounds/),
    ]);
  });

  it('int() refuses bounds past PostgreSQL integer when a contract is defined', () => {
    expect(() => int(0, INT32_MAX + 1)).toThrow(/integer/);
    expect(() => int(INT32_MIN - 1, 0)).toThrow(/integer/);
    expect(() => int(0, 1.5)).toThrow(/integer/);
  });
});
