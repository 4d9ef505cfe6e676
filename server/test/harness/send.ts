/** Reading answers, shared by the generated harnesses. */
import type { LightMyRequestResponse } from 'fastify';
import { isObj } from './schema';

/** The JSON answer, or the raw text when it is not JSON. */
export function parsed(res: LightMyRequestResponse): unknown {
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    return res.body;
  }
}

export const codeOf = (res: LightMyRequestResponse): string | undefined => {
  const b = parsed(res);
  return isObj(b) && typeof b.code === 'string' ? b.code : undefined;
};

/** Status and body without the per-request `instance`: two answers that must look the same. */
export function comparable(res: LightMyRequestResponse): string {
  const b = parsed(res);
  if (isObj(b)) {
    const { instance: _instance, ...rest } = b;
    return JSON.stringify({ status: res.statusCode, body: rest });
  }
  return JSON.stringify({ status: res.statusCode, body: b });
}

export const summary = (res: LightMyRequestResponse) => `${res.statusCode} ${res.body.slice(0, 200)}`;
