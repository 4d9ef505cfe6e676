import { Suspense, lazy } from 'react';
import { useNav, type HelpPage } from '../nav';
import { useMT } from '../texts';
import { useHT } from './help-texts';
import { loadHelpHome, loadRequestPage, loadSelfTestPage, loadStatusPage } from './help-loaders';
import { HelpSync } from './help-sync';
import '../kit/form.css';
import './help.css';

/**
 * Each page is a chunk of its own (help-loaders.ts), loaded when opened: /m/help paints its three
 * choices without the forms, and the request form brings neither the queue panel nor the
 * self-test. The service worker's precache holds every one,
 * so each opens with no signal once the app is on the phone.
 */
const HelpHome = lazy(() => loadHelpHome().then((m) => ({ default: m.HelpHome })));
const HelpRequestPage = lazy(() => loadRequestPage().then((m) => ({ default: m.HelpRequestPage })));
const HelpSelfTestPage = lazy(() => loadSelfTestPage().then((m) => ({ default: m.HelpSelfTestPage })));
const HelpStatusPage = lazy(() => loadStatusPage().then((m) => ({ default: m.HelpStatusPage })));

/** The workers' pages (/m/help…): no sign-in; loaded apart from the screener's pages. */
export default function HelpPages({ page, visit }: { page: HelpPage; visit: number }) {
  return (
    <HelpSync>
      <HelpPageOf page={page} visit={visit} />
    </HelpSync>
  );
}

function HelpPageOf({ page, visit }: { page: HelpPage; visit: number }) {
  const t = useHT();
  const mt = useMT();
  const { route } = useNav();
  // /m/help/request?item=<id>: a queued request the server refused, to fix.
  const itemId = route.name === 'help' ? (route.itemId ?? null) : null;
  const loading = (
    <div className="m-center">
      <span role="status">{mt('app.loading')}</span>
    </div>
  );
  if (page === 'home' || page === 'request' || page === 'status' || page === 'selfTest') {
    return (
      <Suspense fallback={loading}>
        {page === 'home' ? <HelpHome /> : null}
        {page === 'request' ? <HelpRequestPage key={visit} itemId={itemId} /> : null}
        {page === 'status' ? <HelpStatusPage key={visit} /> : null}
        {page === 'selfTest' ? <HelpSelfTestPage key={visit} /> : null}
      </Suspense>
    );
  }
  return (
    <div className="m-center">
      <p>{t('error.generic')}</p>
      <a className="ms-btn ms-btn-primary m-btn-link" href="/m/help">
        {t('help.home')}
      </a>
    </div>
  );
}
