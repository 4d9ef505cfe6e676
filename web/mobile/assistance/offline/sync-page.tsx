import { useEffect, useState } from 'react';
import { RevisitHousehold } from '../../../../contracts/assistance';
import { useDivisions } from '../../../features/assistance/core/hooks';
import { ConflictView, type ConflictChoice } from '../../kit/offline/conflict-view';
import type { OfflineItem } from '../../kit/offline/db';
import { offlineStore } from '../../kit/offline/store';
import { useNav } from '../../nav';
import { usePhoneSync } from '../../offline-session';
import { useMLang } from '../../texts';
import { useST, type SKey } from '../texts';
import {
  resolveRevisit,
  revisitConflictFields,
  screeningLabel,
  type ScreeningPayload,
} from './offline-screening';

const LABEL_KEYS = {
  headName: 'f.headName',
  situation: 'f.situation',
  division: 'f.division',
  addressDetail: 'f.address',
  householdSize: 'f.size',
  annualIncome: 'f.income',
  rigidExpense: 'f.expense',
  causes: 'f.causes',
  suddenEvent: 'f.suddenEvent',
  members: 'f.members',
} as const satisfies Record<string, SKey>;

/**
 * /m/sync?item=<id>: a queued return visit the server refused because the household changed
 * meanwhile. Both versions side by side, field by field; the screener chooses (or combines), and
 * the visit goes back on the queue based on the household's current version — nothing of either
 * side is overwritten without a choice.
 */
export function SyncItemPage({ itemId }: { itemId: string | null }) {
  const t = useST();
  const lang = useMLang();
  const { navigate } = useNav();
  const { owner, syncer } = usePhoneSync();
  const [item, setItem] = useState<OfflineItem<ScreeningPayload> | null | undefined>(undefined);

  useEffect(() => {
    if (!itemId) {
      setItem(null);
      return;
    }
    void offlineStore()
      .get<ScreeningPayload>(itemId)
      .then((i) => setItem(i && i.owner === owner && i.state === 'conflict' ? i : null));
  }, [itemId, owner]);

  const conflictOf = item ? RevisitHousehold.safeParse(item.conflict) : undefined;
  // The street names the screener's own choice is shown with (cached for the phone's county).
  const streets = useDivisions(conflictOf?.success ? conflictOf.data.divisionCode.slice(0, 6) : undefined);

  if (item === undefined) return <p className="m-center ms-muted">{t('app.loading')}</p>;
  const current = conflictOf;
  if (!item || !current?.success) {
    return (
      <div className="m-center">
        <p>{t('sync.gone')}</p>
        <button type="button" className="ms-btn ms-btn-primary" onClick={() => navigate('/m/')}>
          {t('result.home')}
        </button>
      </div>
    );
  }
  const theirs = current.data;
  const mine = item.payload.form;
  const divisionName = (code: string) =>
    code === theirs.divisionCode
      ? theirs.divisionName
      : (streets.data?.find((d) => d.code === code)?.name ?? code);
  const fields = revisitConflictFields(mine, theirs, {
    lang,
    label: (key) => t(LABEL_KEYS[key]),
    divisionName,
    yuan: (text) => (text ? `${text} 元` : ''),
  });

  const resolve = async (choice: Record<string, ConflictChoice>, edited: Record<string, string>) => {
    const form = resolveRevisit(mine, theirs, choice, edited);
    const payload: ScreeningPayload = {
      ...item.payload,
      form,
      revisit: { householdId: theirs.id, version: theirs.version },
    };
    await offlineStore().replacePayload(item.id, payload, {
      baseVersion: theirs.version,
      label: screeningLabel(form),
    });
    void syncer.run(owner);
    navigate('/m/');
  };

  return (
    <div className="m-sync" data-testid="m-sync">
      <h1 className="m-title">{t('sync.title', { name: theirs.headName })}</h1>
      <ConflictView
        fields={fields}
        theirsNote={t('sync.theirs', { version: theirs.version })}
        onResolve={(choice, edited) => void resolve(choice, edited)}
        onCancel={() => navigate('/m/')}
      />
    </div>
  );
}
