import { Suspense, lazy, type ReactNode } from 'react';
import type { Me } from '../../contracts/auth';
import { OfflineLine } from './assistance/offline/offline-line';
import { screeningSenders } from './assistance/offline/offline-screening';
import type { Senders } from './kit/offline/syncer';
import { useNav } from './nav';
import { PhoneSync } from './offline-session';
import { useMLang, useMT } from './texts';

/**
 * /m/screen's stepped form: a chunk of its own, loaded when the screener opens it, so /m does not
 * download and parse the form before it can show its list. Once installed, the service worker has
 * it on the phone (its precache holds every chunk of the phone pages), so it opens with no signal.
 */
const MobileScreenPage = lazy(() =>
  import('./assistance/screen-page').then((m) => ({ default: m.MobileScreenPage })),
);
/**
 * /m's list (the queue panel, the households taken along, the forms kept on the phone) is a chunk
 * of its own too: /m/screen opened from a link does not load it. A phone that was signed in before
 * starts fetching it beside this chunk (mobile-app.tsx).
 */
export const loadMobileHome = () => import('./assistance/home-page');
const MobileHome = lazy(() => loadMobileHome().then((m) => ({ default: m.MobileHome })));

/**
 * /m/sync (one refused item, field by field beside the server's: the kit's conflict view) is a
 * chunk of its own as well: only a phone with a conflict ever opens it, and the precache has it.
 */
const SyncItemPage = lazy(() =>
  import('./assistance/offline/sync-page').then((m) => ({ default: m.SyncItemPage })),
);

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
