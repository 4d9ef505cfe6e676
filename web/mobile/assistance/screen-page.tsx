import { useEffect, useMemo, useState } from 'react';
import type { RevisitHousehold } from '../../../contracts/assistance';
import { useDrafts, type SubmitResultView } from '../../features/assistance/core/hooks';
import { offlineStore } from '../kit/offline/store';
import { type OfflineItem } from '../kit/offline/db';
import { replaceAddress, useNav } from '../nav';
import { usePhoneSync } from '../offline-session';
import {
  FORM_KIND,
  REVISIT_KIND,
  type PhoneForm,
  SCREENING_KIND,
  screeningLabel,
  type ScreeningPayload,
  type ScreeningQueue,
} from './offline/offline-screening';
import { QueuedResult } from './offline/queued-result';
import { ScreeningResult } from './result-view';
import { ScreeningWizard } from './screening-form';
import { useST } from './texts';

type Done =
  | { kind: 'sent'; result: SubmitResultView; headName: string }
  | { kind: 'queued'; state: 'waiting' | 'conflict'; headName: string; itemId: string };

/** The phone's queue for the wizard: a screening it cannot send now waits there, in order. */
function useScreeningQueue(revisitId: string | null | undefined): ScreeningQueue {
  const { owner, syncer } = usePhoneSync();
  return useMemo(
    () => ({
      async keep(payload: ScreeningPayload, clientRef: string, conflict?: unknown) {
        const store = offlineStore();
        const label = screeningLabel(payload.form);
        const baseVersion = payload.revisit?.version;
        if (await store.get(clientRef)) {
          await store.replacePayload(clientRef, payload, { baseVersion, label });
        } else {
          await store.enqueue({ kind: SCREENING_KIND, owner, label, payload, baseVersion, id: clientRef });
        }
        // The household taken along has done its work: the queued visit carries what it needs.
        if (revisitId) await store.removeRecord(owner, REVISIT_KIND, revisitId);
        if (conflict !== undefined) {
          await store.update(clientRef, {
            state: 'conflict',
            conflict,
            lastError: { code: 'screening.household_changed', message: '' },
          });
        } else {
          void syncer.run(owner);
        }
      },
      async saveForm(clientRef, form, draft) {
        await offlineStore().saveRecord<PhoneForm>({
          owner,
          kind: FORM_KIND,
          key: clientRef,
          data: { form, draft },
        });
      },
      async dropForm(clientRef) {
        await offlineStore().removeRecord(owner, FORM_KIND, clientRef);
      },
    }),
    [owner, syncer, revisitId],
  );
}

/**
 * /m/screen: the stepped form; with ?draft=<id> it continues that draft, with ?revisit=<household>
 * it is a return visit to a household taken along, with ?item=<id> it fixes a queued screening
 * the server refused. Whatever cannot be sent now waits on the phone's queue.
 */
export function MobileScreenPage({
  draftId,
  revisitId,
  itemId,
  localId,
}: {
  draftId: string | null;
  revisitId?: string | null;
  itemId?: string | null;
  /** A form kept on the phone while offline. */
  localId?: string | null;
}) {
  const t = useST();
  const { navigate } = useNav();
  const { owner } = usePhoneSync();
  const drafts = useDrafts();
  const queue = useScreeningQueue(revisitId);
  const [done, setDone] = useState<Done | null>(null);
  // Opened once: the draft list refreshes as the form saves, and must not reset the form.
  const [opened] = useState(() => ({ draftId, revisitId, itemId, localId }));
  const [onPhone, setOnPhone] = useState<PhoneForm | null | undefined>(undefined);
  const [revisit, setRevisit] = useState<RevisitHousehold | null | undefined>(undefined);
  const [item, setItem] = useState<OfflineItem<ScreeningPayload> | null | undefined>(undefined);

  useEffect(() => {
    const store = offlineStore();
    if (opened.revisitId) {
      void store
        .getRecord<RevisitHousehold>(owner, REVISIT_KIND, opened.revisitId)
        .then((r) => setRevisit(r?.data ?? null));
    }
    if (opened.localId) {
      void store
        .getRecord<PhoneForm>(owner, FORM_KIND, opened.localId)
        .then((r) => setOnPhone(r?.data ?? null));
    }
    if (opened.itemId) {
      void store.get<ScreeningPayload>(opened.itemId).then((i) => setItem(i && i.owner === owner ? i : null));
    }
  }, [opened, owner]);

  const again = (
    <>
      <button
        type="button"
        className="ms-btn ms-btn-primary"
        onClick={() => navigate('/m/screen')}
        data-testid="m-again"
      >
        {t('result.again')}
      </button>
      <button type="button" className="ms-btn" onClick={() => navigate('/m/')} data-testid="m-home">
        {t('result.home')}
      </button>
    </>
  );

  if (done?.kind === 'sent') {
    return <ScreeningResult result={done.result} headName={done.headName} actions={again} />;
  }
  if (done?.kind === 'queued') {
    return (
      <QueuedResult
        state={done.state}
        headName={done.headName}
        onCompare={() => navigate(`/m/sync?item=${encodeURIComponent(done.itemId)}`)}
        actions={again}
      />
    );
  }

  const loading = <p className="m-center ms-muted">{t('app.loading')}</p>;
  const gone = (text: string) => (
    <div className="m-center">
      <p>{text}</p>
      <button type="button" className="ms-btn ms-btn-primary" onClick={() => navigate('/m/')}>
        {t('result.home')}
      </button>
    </div>
  );

  let draft: { id: string; version: number; form: Record<string, unknown> } | undefined;
  if (opened.revisitId) {
    if (revisit === undefined) return loading;
    if (revisit === null) return gone(t('revisit.gone'));
  } else if (opened.localId) {
    if (onPhone === undefined) return loading;
    if (onPhone === null) return gone(t('home.draftGone'));
  } else if (opened.itemId) {
    if (item === undefined) return loading;
    if (item === null) return gone(t('sync.gone'));
  } else if (opened.draftId) {
    if (drafts.isPending) return loading;
    draft = drafts.data?.find((d) => d.id === opened.draftId);
    if (!draft) {
      return (
        <div className="m-center">
          <p>{t('home.draftGone')}</p>
          <button type="button" className="ms-btn ms-btn-primary" onClick={() => navigate('/m/screen')}>
            {t('home.new')}
          </button>
        </div>
      );
    }
  }

  const finish = (next: Done) => {
    replaceAddress('/m/screen');
    setDone(next);
    window.scrollTo({ top: 0 });
  };

  return (
    <ScreeningWizard
      layout="phone"
      draft={draft}
      revisit={revisit ?? undefined}
      queued={
        item
          ? {
              id: item.id,
              payload: item.payload,
              fields: item.state === 'invalid' ? item.lastError?.fields : undefined,
            }
          : undefined
      }
      queue={queue}
      onPhone={
        onPhone && opened.localId
          ? { key: opened.localId, form: onPhone.form as Record<string, unknown>, draft: onPhone.draft }
          : undefined
      }
      onDraftCreated={(id) => replaceAddress(`/m/screen?draft=${encodeURIComponent(id)}`)}
      onQueued={(state, headName, queuedId) => finish({ kind: 'queued', state, headName, itemId: queuedId })}
      onDone={(result, headName) => {
        if (opened.revisitId) void offlineStore().removeRecord(owner, REVISIT_KIND, opened.revisitId);
        finish({ kind: 'sent', result, headName });
      }}
    />
  );
}
