import { useId, useState } from 'react';
import { HouseholdPage, RevisitHousehold, type HouseholdSummary } from '../../../../contracts/assistance';
import { apiGet, apiSend } from '../../../api/client';
import { offlineStore } from '../../kit/offline/store';
import { useOnline, useRecords } from '../../kit/offline/hooks';
import { type OfflineRecord } from '../../kit/offline/db';
import { useNav } from '../../nav';
import { usePhoneSync } from '../../offline-session';
import { useSErrorText, useST } from '../texts';
import { REVISIT_KIND } from './offline-screening';

const shortTime = (ms: number) => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** The households this screener took along, live from the phone's store. */
function useTakenAlong(owner: string): OfflineRecord<RevisitHousehold>[] {
  return useRecords<RevisitHousehold>(owner, REVISIT_KIND) ?? NONE;
}

const NONE: OfflineRecord<RevisitHousehold>[] = [];

/**
 * 复访: households of the screener's organisation taken along on the phone (found by name,
 * address or file number while online; the ID number and phone stay masked), each opened for a
 * return visit with no signal. A record leaves the phone when its visit is queued or sent.
 */
export function RevisitList() {
  const t = useST();
  const errorText = useSErrorText();
  const { navigate } = useNav();
  const { owner } = usePhoneSync();
  const online = useOnline();
  const uid = useId();
  const taken = useTakenAlong(owner);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<HouseholdSummary[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const takenIds = new Set(taken.map((r) => r.key));

  const search = async () => {
    if (!q.trim()) return;
    setFailure(null);
    setBusy('search');
    try {
      const page = await apiSend(
        'POST',
        '/api/households/query',
        { q: q.trim(), pageSize: 10 },
        HouseholdPage,
      );
      setHits(page.items);
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const take = async (id: string) => {
    setFailure(null);
    setBusy(id);
    try {
      const h = await apiGet(`/api/households/${encodeURIComponent(id)}/revisit`, RevisitHousehold);
      await offlineStore().saveRecord({ owner, kind: REVISIT_KIND, key: h.id, data: h, version: h.version });
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="m-revisit" aria-labelledby={`${uid}-title`} data-testid="m-revisit">
      <h2 className="m-subtitle" id={`${uid}-title`}>
        {t('revisit.title', { n: taken.length })}
      </h2>
      {taken.length === 0 ? <p className="m-empty">{t('revisit.none')}</p> : null}
      <ul className="m-drafts" data-testid="m-revisit-taken">
        {taken.map((r) => (
          <li key={r.key} className="m-draft" data-testid={`m-revisit-${r.key}`}>
            <button
              type="button"
              className="m-draft-main"
              onClick={() => navigate(`/m/screen?revisit=${encodeURIComponent(r.key)}`)}
              data-testid={`m-revisit-start-${r.key}`}
            >
              <span className="m-draft-name">{r.data.headName}</span>
              <span className="m-draft-detail">
                {r.data.divisionName} · {r.data.addressDetail}
              </span>
              <span className="m-draft-time">
                {t('revisit.start')} · {t('revisit.fetched', { time: shortTime(r.savedAt) })}
              </span>
            </button>
            <button
              type="button"
              className="m-draft-discard"
              onClick={() => void offlineStore().removeRecord(owner, REVISIT_KIND, r.key)}
            >
              {t('revisit.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="m-revisit-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label className="ms-label" htmlFor={`${uid}-q`}>
          {t('revisit.search')}
        </label>
        <div className="m-revisit-row">
          <input
            id={`${uid}-q`}
            className="ms-input"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            disabled={!online}
            autoComplete="off"
            data-testid="m-revisit-q"
          />
          <button
            type="submit"
            className="ms-btn"
            disabled={!online || busy === 'search'}
            data-testid="m-revisit-search"
          >
            {t('revisit.searchBtn')}
          </button>
        </div>
        {!online ? <p className="ms-hint">{t('revisit.needsNetwork')}</p> : null}
      </form>
      {failure ? (
        <p className="ms-error" role="alert">
          {failure}
        </p>
      ) : null}
      {hits && hits.length === 0 ? <p className="m-empty">{t('revisit.noHits')}</p> : null}
      {hits && hits.length > 0 ? (
        <ul className="m-drafts" data-testid="m-revisit-hits">
          {hits.map((h) => (
            <li key={h.id} className="m-draft">
              <div className="m-draft-main">
                <span className="m-draft-name">{h.headName}</span>
                <span className="m-draft-detail">
                  {h.divisionName} · {h.addressDetail}
                </span>
              </div>
              <button
                type="button"
                className="m-draft-discard"
                disabled={takenIds.has(h.id) || busy === h.id || !online}
                onClick={() => void take(h.id)}
                data-testid={`m-revisit-take-${h.id}`}
              >
                {takenIds.has(h.id) ? t('revisit.taken') : t('revisit.take')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
