import { DivisionList } from '../../../contracts/organisation';
import { apiGet, withQuery } from '../../api/client';
import { offlineStore } from '../kit/offline/store';

/**
 * The areas a worker picks from: province → city → county → street (GB/T 2260), from the
 * public `GET /api/divisions` — the same data the server checks codes against. Each list fetched
 * is kept on the phone (an offline record, no personal data), so a worker who loses the signal
 * can still pick from the lists already seen and keep the request on the phone.
 */
export interface Area {
  code: string;
  name: string;
  hasChildren: boolean;
}

export const AREAS_OWNER = 'public';
export const AREAS_KIND = 'help.areas';

export async function areasUnder(parent: string, signal?: AbortSignal): Promise<Area[]> {
  try {
    const list = await apiGet(withQuery('/api/divisions', { parent }), DivisionList, signal);
    const areas = list.items.map((d) => ({ code: d.code, name: d.name, hasChildren: d.hasChildren }));
    void offlineStore()
      .saveRecord({ owner: AREAS_OWNER, kind: AREAS_KIND, key: parent, data: areas })
      .catch(() => undefined);
    return areas;
  } catch (err) {
    const kept = await offlineStore()
      .getRecord<Area[]>(AREAS_OWNER, AREAS_KIND, parent)
      .catch(() => undefined);
    if (kept) return kept.data;
    throw err;
  }
}
