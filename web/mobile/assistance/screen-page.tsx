import { useState } from 'react';
import { useDrafts, type SubmitResultView } from '../../features/assistance/core/hooks';
import { replaceAddress, useNav } from '../nav';
import { ScreeningResult } from './result-view';
import { ScreeningWizard } from './screening-form';
import { useST } from './texts';

/** /m/screen: the stepped form; with ?draft=<id> it continues that draft. */
export function MobileScreenPage({ draftId }: { draftId: string | null }) {
  const t = useST();
  const { navigate } = useNav();
  const drafts = useDrafts();
  const [done, setDone] = useState<{ result: SubmitResultView; headName: string } | null>(null);
  // Opened once: the draft list refreshes as the form saves, and must not reset the form.
  const [opened] = useState(() => ({ draftId }));

  if (done) {
    return (
      <ScreeningResult
        result={done.result}
        headName={done.headName}
        actions={
          <>
            <button
              type="button"
              className="ms-btn ms-btn-primary"
              onClick={() => navigate('/m/screen')}
              data-testid="m-again"
            >
              {t('result.again')}
            </button>
            <button type="button" className="ms-btn" onClick={() => navigate('/m')} data-testid="m-home">
              {t('result.home')}
            </button>
          </>
        }
      />
    );
  }

  let draft: { id: string; version: number; form: Record<string, unknown> } | undefined;
  if (opened.draftId) {
    if (drafts.isPending) return <p className="m-center ms-muted">{t('app.loading')}</p>;
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

  return (
    <ScreeningWizard
      layout="phone"
      draft={draft}
      onDraftCreated={(id) => replaceAddress(`/m/screen?draft=${encodeURIComponent(id)}`)}
      onDone={(result, headName) => {
        replaceAddress('/m/screen');
        setDone({ result, headName });
        window.scrollTo({ top: 0 });
      }}
    />
  );
}
