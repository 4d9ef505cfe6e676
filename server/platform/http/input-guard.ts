import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors';

const NUL = /\u0000/;

class TooDeep extends Error {
  constructor(readonly path: string) {
    super('too deep');
  }
}

function findNul(value: unknown, path: string, depth: number): string | null {
  if (depth > 64) throw new TooDeep(path);
  if (typeof value === 'string') return NUL.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], `${path}.${i}`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (NUL.test(k)) return path;
      const hit = findNul(v, `${path}.${k}`, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * NUL bytes pass JSON and zod but PostgreSQL refuses them in text columns; stop them at the
 * door with the field's name instead of letting a query fail later.
 */
export async function rejectControlCharacters(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const parts: [string, unknown][] = [
    ['body', req.body],
    ['query', req.query],
    ['params', req.params],
  ];
  for (const [name, value] of parts) {
    let hit: string | null;
    try {
      hit = findNul(value, name, 0);
    } catch (err) {
      if (!(err instanceof TooDeep)) throw err;
      throw new AppError('request.invalid', 400, 'The request is not valid', {
        fields: [{ field: name, message: 'nested too deeply', code: 'depth' }],
      });
    }
    if (hit) {
      throw new AppError('request.invalid', 400, 'The request is not valid', {
        fields: [{ field: hit, message: 'must not contain NUL characters', code: 'nul' }],
      });
    }
  }
}
