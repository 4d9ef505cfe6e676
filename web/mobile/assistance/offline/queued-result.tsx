import type { ReactNode } from 'react';
import { useST } from '../texts';

/** After a screening went to the phone's queue: what happens next, in plain words. */
export function QueuedResult({
  state,
  headName,
  onCompare,
  actions,
}: {
  state: 'waiting' | 'conflict';
  headName: string;
  onCompare: () => void;
  actions: ReactNode;
}) {
  const t = useST();
  return (
    <section
      className="ms-result"
      data-testid="m-queued"
      data-state={state}
      aria-labelledby="ms-queued-title"
    >
      <div className="ms-result-icon" aria-hidden="true">
        {state === 'conflict' ? '!' : '⇅'}
      </div>
      <h2 id="ms-queued-title">
        {t('queued.title')}
        {headName ? ` · ${headName}` : ''}
      </h2>
      <p className="ms-lead">{t(state === 'conflict' ? 'queued.conflict' : 'queued.waiting')}</p>
      <div className="ms-result-actions">
        {state === 'conflict' ? (
          <button
            type="button"
            className="ms-btn ms-btn-primary"
            onClick={onCompare}
            data-testid="m-queued-compare"
          >
            {t('queued.compare')}
          </button>
        ) : null}
        {actions}
      </div>
    </section>
  );
}
