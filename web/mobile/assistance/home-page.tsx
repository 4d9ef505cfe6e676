import { useEffect, useState } from 'react';
import type { Me } from '../../../contracts/auth';
import { useDiscardDraft, useDrafts, type DraftView } from '../../features/assistance/core/hooks';
import { SITUATION_LABELS, labelOf } from '../../features/assistance/core/labels';
import { useNav } from '../nav';
import { useMLang } from '../texts';
import { useSErrorText, useST } from './texts';

const shortTime = (iso: string) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

function DraftItem({ draft }: { draft: DraftView }) {
  const t = useST();
  const L = labelOf(useMLang());
  const errorText = useSErrorText();
  const { navigate } = useNav();
  const discard = useDiscardDraft();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = draft.form;
  const name = typeof form.headName === 'string' && form.headName ? form.headName : t('home.unnamed');
  const detail = [
    typeof form.situation === 'string' ? L(SITUATION_LABELS, form.situation) : '',
    typeof form.addressDetail === 'string' ? form.addressDetail : '',
  ]
    .filter(Boolean)
    .join(' · ');

  // A second tap within a few seconds deletes: no dialog to aim at with one thumb.
  useEffect(() => {
    if (!confirming) return;
    const timer = window.setTimeout(() => setConfirming(false), 4000);
    return () => window.clearTimeout(timer);
  }, [confirming]);

  return (
    <li className="m-draft" data-testid={`m-draft-${draft.id}`}>
      <button
        type="button"
        className="m-draft-main"
        onClick={() => navigate(`/m/screen?draft=${encodeURIComponent(draft.id)}`)}
      >
        <span className="m-draft-name">{name}</span>
        {detail ? <span className="m-draft-detail">{detail}</span> : null}
        <span className="m-draft-time">{t('home.updated', { time: shortTime(draft.updatedAt) })}</span>
      </button>
      <button
        type="button"
        className={`m-draft-discard${confirming ? ' m-draft-discard-on' : ''}`}
        disabled={discard.isPending}
        data-testid={`m-draft-discard-${draft.id}`}
        onClick={() => {
          if (!confirming) {
            setConfirming(true);
            return;
          }
          setFailure(null);
          discard.mutate(draft.id, { onError: (err) => setFailure(errorText(err)) });
        }}
      >
        {confirming ? t('home.discardConfirm') : t('home.discard')}
      </button>
      {failure ? (
        <p className="ms-error m-draft-error" role="alert">
          {failure}
        </p>
      ) : null}
    </li>
  );
}

/** /m: my drafts and a big 新摸排 button. */
export function MobileHome({ me }: { me: Me }) {
  const t = useST();
  const errorText = useSErrorText();
  const { navigate } = useNav();
  const drafts = useDrafts();
  const items = drafts.data ?? [];

  return (
    <div className="m-home">
      <h1 className="m-title">{t('home.title')}</h1>
      <p className="m-sub">
        {t('home.hello', { name: me.displayName })} · {me.orgName}
      </p>
      <button
        type="button"
        className="ms-btn ms-btn-primary m-new"
        onClick={() => navigate('/m/screen')}
        data-testid="m-new"
      >
        ＋ {t('home.new')}
      </button>
      <h2 className="m-subtitle">{t('home.drafts', { n: items.length })}</h2>
      {drafts.isPending ? <p className="ms-muted">{t('app.loading')}</p> : null}
      {drafts.isError ? (
        <p className="ms-error" role="alert">
          {errorText(drafts.error)}{' '}
          <button type="button" className="ms-link" onClick={() => void drafts.refetch()}>
            {t('app.retry')}
          </button>
        </p>
      ) : null}
      {drafts.isSuccess && items.length === 0 ? <p className="m-empty">{t('home.noDrafts')}</p> : null}
      <ul className="m-drafts" data-testid="m-drafts">
        {items.map((draft) => (
          <DraftItem key={draft.id} draft={draft} />
        ))}
      </ul>
    </div>
  );
}
