import { Suspense, lazy, useEffect, type ReactNode } from 'react';
import type { Me } from '../../contracts/auth';
import { MobileHome } from './assistance/home-page';
import { OfflineLine, SyncItemPage } from './assistance/offline/sync-page';
import { screeningSenders } from './assistance/offline/offline-screening';
import type { Senders } from './kit/offline';
import { useNav } from './nav';
import { PhoneSync } from './offline-session';
import { useMLang, useMT } from './texts';

/**
 * /m/screen's stepped form: a chunk of its own, loaded when the screener opens it (or, once /m
 * has shown, while the phone is idle), so /m does not parse the form before it can show the list.
 */
const loadScreenPage = () => import('./assistance/screen-page');
const MobileScreenPage = lazy(() => loadScreenPage().then((m) => ({ default: m.MobileScreenPage })));

/** Fetches the form's chunk ahead of the tap, after /m has shown and the phone is idle. */
export function prefetchScreenPage(): void {
  const start = () => void loadScreenPage().catch(() => undefined);
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(start, { timeout: 5000 });
  else setTimeout(start, 2000);
}

/** Every system's senders for the phone's one queue (a later system adds its kind here). */
const PHONE_SENDERS: Senders = { ...screeningSenders };

/**
 * The signed-in phone pages (/m, /m/screen, /m/sync), loaded as their own chunk once the session
 * is known (mobile-app.tsx): signed out, /m and /m/help download none of them.
 */
export default function SignedInPages({ me, onRevoked }: { me: Me; onRevoked: () => void }) {
  const t = useMT();
  const lang = useMLang();
  const { route, visit } = useNav();
  const onHome = route.name === 'home';
  // From /m the next tap is most likely 开始摸排: its chunk comes while the phone is idle (and so
  // is in the page's memory before the signal goes).
  useEffect(() => {
    if (onHome) prefetchScreenPage();
  }, [onHome]);
  let page: ReactNode;
  if (route.name === 'home') page = <MobileHome me={me} />;
  else if (route.name === 'screen')
    page = (
      <MobileScreenPage
        key={`${route.draftId ?? route.revisitId ?? route.itemId ?? route.localId ?? 'new'}-${visit}`}
        draftId={route.draftId}
        revisitId={route.revisitId}
        itemId={route.itemId}
        localId={route.localId}
      />
    );
  else if (route.name === 'sync')
    page = <SyncItemPage key={`${route.itemId}-${visit}`} itemId={route.itemId} />;
  else
    page = (
      <div className="m-center">
        <h1 className="m-title">{t('app.notFound')}</h1>
        <a className="ms-btn ms-btn-primary m-btn-link" href="/m/" lang={lang}>
          {t('app.home')}
        </a>
      </div>
    );
  return (
    <PhoneSync owner={me.userId} senders={PHONE_SENDERS} onRevoked={onRevoked}>
      <OfflineLine />
      <Suspense
        fallback={
          <div className="m-center">
            <span role="status">{t('app.loading')}</span>
          </div>
        }
      >
        {page}
      </Suspense>
    </PhoneSync>
  );
}
