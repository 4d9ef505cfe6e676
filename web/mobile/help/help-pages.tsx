import { useNav, type HelpPage } from '../nav';
import { useHT } from './help-texts';
import { HelpHome } from './help-home';
import { HelpSync } from './help-sync';
import { HelpRequestPage } from './request-page';
import { HelpSelfTestPage } from './self-test-page';
import { HelpStatusPage } from './status-page';
import '../kit/form.css';
import './help.css';

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
  const { route } = useNav();
  // /m/help/request?item=<id>: a queued request the server refused, to fix.
  const itemId = route.name === 'help' ? (route.itemId ?? null) : null;
  if (page === 'request') return <HelpRequestPage key={visit} itemId={itemId} />;
  if (page === 'status') return <HelpStatusPage key={visit} />;
  if (page === 'selfTest') return <HelpSelfTestPage key={visit} />;
  if (page === 'home') return <HelpHome />;
  return (
    <div className="m-center">
      <p>{t('error.generic')}</p>
      <a className="ms-btn ms-btn-primary m-btn-link" href="/m/help">
        {t('help.home')}
      </a>
    </div>
  );
}
