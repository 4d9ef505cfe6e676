import { DivisionList } from '../../../contracts/organisation';
import { apiGet, withQuery } from '../../api/client';

/**
 * The areas a worker picks from: province → city → county → street (GB/T 2260), from the
 * public `GET /api/divisions` — the same data the server checks codes against.
 */
export interface Area {
  code: string;
  name: string;
  hasChildren: boolean;
}

export async function areasUnder(parent: string, signal?: AbortSignal): Promise<Area[]> {
  const list = await apiGet(withQuery('/api/divisions', { parent }), DivisionList, signal);
  return list.items.map((d) => ({ code: d.code, name: d.name, hasChildren: d.hasChildren }));
}
