import { useEffect, useState } from 'react';
import type { Me } from '../../../contracts/auth';
import { useDiscardDraft, useDrafts, type DraftView } from '../../features/assistance/core/hooks';
import { SITUATION_LABELS, labelOf } from '../../features/assistance/core/labels';
import { useLogout } from '../../components/session/hooks';
import type { OfflineItem } from '../kit/offline/db';
import { exportItems } from '../kit/offline/export';
import { useQueue } from '../kit/offline/hooks';
import { QueuePanel } from '../kit/offline/queue-panel';
import { offlineStore } from '../kit/offline/store';
import { useNav } from '../nav';
import { forgetMe, usePhoneSync, wipeOwner } from '../offline-session';
import { ApiError } from '../../api/client';
import { useMLang } from '../texts';
import { PhoneForms } from './offline/phone-forms';
import { RevisitList } from './offline/revisit-list';
import { screenFieldOf } from './form-model';
import { useSErrorText, useST, type SKey } from './texts';

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

const FIELD_KEYS: Record<string, SKey> = {
  headName: 'f.headName',
  idNumber: 'f.idNumber',
  phone: 'f.phone',
  situation: 'f.situation',
  divisionCode: 'f.division',
  addressDetail: 'f.address',
  householdSize: 'f.size',
  annualIncome: 'f.income',
  rigidExpense: 'f.expense',
  causes: 'f.causes',
  suddenEvent: 'f.suddenEvent',
  members: 'f.members',
  needs: 'f.needs',
};

/**
 * 退出登录: what waits on the phone is deleted with the session (it holds personal data); when
 * something waits, the screener is asked first and may export it.
 */
function SignOut({ owner }: { owner: string }) {
  const t = useST();
  const logout = useLogout();
  const queue = useQueue(owner) ?? [];
  const [asking, setAsking] = useState(false);
  const waiting = queue.length;
  const leave = async () => {
    await wipeOwner(owner);
    forgetMe();
    logout.mutate(undefined, { onSettled: () => window.location.replace('/m/') });
  };
  return (
    <div className="m-signout">
      {asking ? (
        <div
          role="alertdialog"
          aria-labelledby="m-signout-q"
          className="ms-banner"
          data-testid="m-signout-confirm"
        >
          <p id="m-signout-q">{t('signOut.confirm', { n: waiting })}</p>
          <div className="ms-result-actions">
            <button type="button" className="ms-btn" onClick={() => exportItems(queue as OfflineItem[])}>
              {t('signOut.export')}
            </button>
            <button
              type="button"
              className="ms-btn ms-btn-primary"
              onClick={() => void leave()}
              data-testid="m-signout-anyway"
            >
              {t('signOut.anyway')}
            </button>
            <button type="button" className="ms-btn" onClick={() => setAsking(false)}>
              {t('signOut.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="ms-btn m-signout-btn"
          disabled={logout.isPending}
          onClick={() => (waiting > 0 ? setAsking(true) : void leave())}
          data-testid="m-signout"
        >
          {t('signOut')}
        </button>
      )}
    </div>
  );
}

/** /m: what waits to sync, the households taken along, my drafts and a big 新摸排 button. */
export function MobileHome({ me }: { me: Me }) {
  const t = useST();
  const errorText = useSErrorText();
  const { navigate } = useNav();
  const { owner, syncer } = usePhoneSync();
  const drafts = useDrafts();
  const items = drafts.data ?? [];
  const open = (item: OfflineItem) =>
    navigate(
      item.state === 'conflict'
        ? `/m/sync?item=${encodeURIComponent(item.id)}`
        : `/m/screen?item=${encodeURIComponent(item.id)}`,
    );

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
      <QueuePanel
        owner={owner}
        store={offlineStore()}
        onSyncNow={() => syncer.run(owner)}
        onOpen={open}
        errorText={(code, message) => errorText(new ApiError(400, code, message))}
        fieldLabel={(_item, path) => {
          const key = FIELD_KEYS[screenFieldOf(path).split('.')[0]];
          return key ? t(key) : path;
        }}
      />
      <PhoneForms />
      <RevisitList />
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
      <SignOut owner={owner} />
    </div>
  );
}
