import { useEffect, useRef, useState } from 'react';
import type { OfflineItem } from './db';
import { exportItems } from './export';
import { useNow, useOnline, useQueue } from './hooks';
import { canEdit, offlineStore, type OfflineStore } from './store';
import { savedAgo, useOT, type OKey } from './texts';
import './offline.css';

const STATE_KEYS: Record<OfflineItem['state'], OKey> = {
  waiting: 'offline.state.waiting',
  sending: 'offline.state.sending',
  conflict: 'offline.state.conflict',
  invalid: 'offline.state.invalid',
  blocked: 'offline.state.blocked',
};

/** The delete confirmation: says plainly that the data is lost, the safe choice first and focused. */
function ConfirmDelete({ item, onYes, onNo }: { item: OfflineItem; onYes: () => void; onNo: () => void }) {
  const t = useOT();
  const cancel = useRef<HTMLButtonElement>(null);
  const no = useRef(onNo);
  useEffect(() => {
    no.current = onNo;
  });
  // Focus the safe choice once, when the dialog opens (the list re-renders as it changes).
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') no.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      before?.focus();
    };
  }, []);
  const titleId = `mo-del-title-${item.id}`;
  const bodyId = `mo-del-body-${item.id}`;
  return (
    <div className="mo-dialog-backdrop">
      <div
        className="mo-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        data-testid="mo-delete-dialog"
      >
        <h2 id={titleId} className="mo-dialog-title">
          {t('offline.deleteTitle')}
        </h2>
        <p id={bodyId}>{t('offline.deleteBody', { label: item.label })}</p>
        <div className="mo-dialog-actions">
          <button ref={cancel} type="button" className="ms-btn ms-btn-secondary" onClick={onNo}>
            {t('offline.cancel')}
          </button>
          <button type="button" className="ms-btn mo-btn-danger" onClick={onYes} data-testid="mo-delete-yes">
            {t('offline.deleteYes')}
          </button>
        </div>
      </div>
    </div>
  );
}

function QueueRow({
  item,
  now,
  onOpen,
  onDelete,
  errorText,
  fieldLabel,
}: {
  item: OfflineItem;
  now: number;
  onOpen?: (item: OfflineItem) => void;
  onDelete: (item: OfflineItem) => void;
  errorText?: (code: string, message: string) => string;
  fieldLabel?: (item: OfflineItem, path: string) => string;
}) {
  const t = useOT();
  const reason = item.lastError
    ? errorText
      ? errorText(item.lastError.code, item.lastError.message)
      : item.lastError.message || item.lastError.code
    : null;
  const open = onOpen && canEdit(item);
  return (
    <li className={`mo-item mo-item-${item.state}`} data-testid={`mo-item-${item.id}`}>
      <div className="mo-item-head">
        <span className="mo-item-label">{item.label}</span>
        <span className="mo-item-state">{t(STATE_KEYS[item.state])}</span>
      </div>
      <p className="mo-item-meta">
        {savedAgo(t, item.createdAt, now)}
        {item.attempts > 0 ? ` · ${t('offline.attempts', { n: item.attempts })}` : null}
      </p>
      {reason ? <p className="mo-item-error">{t('offline.lastError', { reason })}</p> : null}
      {item.state === 'invalid' && item.lastError?.fields?.length ? (
        <ul className="mo-item-fields">
          {item.lastError.fields.map((f) => (
            <li key={f.path}>
              <span className="mo-field-path">{fieldLabel ? fieldLabel(item, f.path) : f.path}</span>{' '}
              {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mo-item-actions">
        {open ? (
          <button
            type="button"
            className={
              item.state === 'conflict' || item.state === 'invalid' ? 'ms-btn ms-btn-primary' : 'ms-btn'
            }
            onClick={() => onOpen(item)}
            data-testid={`mo-open-${item.id}`}
          >
            {item.state === 'conflict' ? t('offline.resolve') : t('offline.edit')}
          </button>
        ) : null}
        <button type="button" className="ms-btn" onClick={() => exportItems([item])}>
          {t('offline.export')}
        </button>
        <button
          type="button"
          className="ms-btn mo-btn-quiet-danger"
          onClick={() => onDelete(item)}
          disabled={item.state === 'sending'}
          data-testid={`mo-delete-${item.id}`}
        >
          {t('offline.delete')}
        </button>
      </div>
    </li>
  );
}

/**
 * What waits on this phone to be sent: each item's label, state in words, when it was saved, the
 * tries and the last error (field by field when the server said which); 立即同步, and per item
 * 处理冲突 / 修改 (the page opens its form via `onOpen`), 导出 and 删除 (after a confirmation).
 * `errorText` turns an error code into the page's words (else the server's message shows);
 * `fieldLabel` names a field from its path in the item's kind (else the path shows).
 */
export function QueuePanel({
  owner,
  onSyncNow,
  onOpen,
  errorText,
  fieldLabel,
  store = offlineStore(),
  hideWhenEmpty = false,
}: {
  owner: string;
  onSyncNow: () => Promise<unknown> | void;
  onOpen?: (item: OfflineItem) => void;
  errorText?: (code: string, message: string) => string;
  fieldLabel?: (item: OfflineItem, path: string) => string;
  store?: OfflineStore;
  hideWhenEmpty?: boolean;
}) {
  const t = useOT();
  const items = useQueue(owner, store);
  const online = useOnline();
  const now = useNow();
  const [deleting, setDeleting] = useState<OfflineItem | null>(null);
  const [syncing, setSyncing] = useState(false);
  const list = items ?? [];
  if (hideWhenEmpty && list.length === 0) return null;

  const syncNow = async () => {
    setSyncing(true);
    try {
      await onSyncNow();
    } finally {
      setSyncing(false);
    }
  };

  return (
    <section className="mo-panel" aria-labelledby="mo-panel-title" data-testid="mo-queue">
      <div className="mo-panel-head">
        <h2 id="mo-panel-title" className="mo-panel-title">
          {t('offline.title')}
          {list.length > 0 ? (
            <span className="mo-count"> · {t('offline.count', { n: list.length })}</span>
          ) : null}
        </h2>
      </div>
      <p
        className={online ? 'mo-status' : 'mo-status mo-status-offline'}
        role="status"
        data-testid="mo-status"
      >
        <span className="mo-dot" aria-hidden="true" />
        {online ? t('offline.online') : t('offline.offline')}
      </p>
      {items !== undefined && list.length === 0 ? <p className="ms-empty">{t('offline.none')}</p> : null}
      {list.length > 0 ? (
        <>
          <ul className="mo-items">
            {list.map((item) => (
              <QueueRow
                key={item.id}
                item={item}
                now={now}
                onOpen={onOpen}
                onDelete={setDeleting}
                errorText={errorText}
                fieldLabel={fieldLabel}
              />
            ))}
          </ul>
          <div className="mo-panel-actions">
            <button
              type="button"
              className="ms-btn ms-btn-primary"
              onClick={() => void syncNow()}
              disabled={syncing}
              data-testid="mo-sync-now"
            >
              {syncing ? t('offline.syncing') : t('offline.syncNow')}
            </button>
            <button
              type="button"
              className="ms-btn"
              onClick={() => exportItems(list)}
              data-testid="mo-export-all"
            >
              {t('offline.exportAll')}
            </button>
          </div>
        </>
      ) : null}
      {deleting ? (
        <ConfirmDelete
          item={deleting}
          onNo={() => setDeleting(null)}
          onYes={() => {
            const id = deleting.id;
            setDeleting(null);
            // Not while a try is in the air: the server may be taking it right now.
            void store.get(id).then((now) => (now && now.state !== 'sending' ? store.remove(id) : undefined));
          }}
        />
      ) : null}
    </section>
  );
}
