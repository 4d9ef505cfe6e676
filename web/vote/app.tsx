/** @jsxImportSource preact */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useWorker } from './data';
import { onLink, paths, useRoute, type Route } from './router';
import { CandidatePage, PosterPage } from './pages/candidate';
import { VoteError } from './api';
import { Failed, Loading, type PageProps } from './pages/common';
import { ListPage } from './pages/list';
import { MinePage } from './pages/mine';
import { ResultPage } from './pages/result';
import { RulesPage } from './pages/rules';
import { SignInPage } from './pages/sign-in';
import { useLang, useLargeText, type Say } from './words';

const campaignOf = (r: Route) => ('campaignId' in r ? r.campaignId : null);

type ObjectionsProps = PageProps & { campaignId: string; candidateId: string | null };
let objectionsPage: ComponentType<ObjectionsProps> | null = null;

/**
 * The objection page is its own chunk, fetched when first opened: the candidate list (the page
 * most phones open, from a shared link) keeps its weight.
 */
function LazyObjections(props: ObjectionsProps) {
  const [Page, setPage] = useState(() => objectionsPage);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (Page) return;
    import('./pages/objections').then(
      (m) => {
        objectionsPage = m.ObjectionsPage;
        setPage(() => m.ObjectionsPage);
      },
      () => setFailed(true),
    );
  }, [Page]);
  if (failed) {
    return <Failed error={new VoteError(0, 'client.network', 'chunk')} lang={props.lang} say={props.say} />;
  }
  return Page ? <Page {...props} /> : <Loading say={props.say} />;
}
const LAST_CAMPAIGN_KEY = 'uc_v_campaign';

function Header({ route, props }: { route: Route; props: PageProps & { onLang: () => void } }) {
  const [large, setLarge] = useLargeText();
  const { say, me } = props;
  const campaignId = campaignOf(route);
  const here = window.location.pathname;
  return (
    <header class="v-header">
      <a class="v-brand" href={campaignId ? paths.list(campaignId) : paths.home()}>
        {say('app.title')}
      </a>
      <nav class="v-header-right" aria-label={say('app.title')}>
        <button
          type="button"
          class="v-header-btn"
          aria-pressed={large}
          aria-label={say('app.largeTextLabel')}
          onClick={() => setLarge(!large)}
          data-testid="v-large-text"
        >
          {say('app.largeText')}
        </button>
        <button
          type="button"
          class="v-header-btn"
          lang={props.lang === 'zh' ? 'en' : 'zh-CN'}
          title={say('app.langLabel')}
          onClick={props.onLang}
          data-testid="v-lang"
        >
          {say('app.lang')}
        </button>
        {me === null && route.page !== 'sign-in' && (
          <a class="v-header-btn" href={paths.signIn(here)} data-testid="v-sign-in">
            {say('app.signIn')}
          </a>
        )}
        {me && campaignId && (
          <a class="v-header-btn" href={paths.mine(campaignId)} data-testid="v-mine">
            {say('app.mine')}
          </a>
        )}
      </nav>
    </header>
  );
}

function Home({ say }: { say: Say }) {
  let last: string | null = null;
  try {
    last = window.localStorage.getItem(LAST_CAMPAIGN_KEY);
  } catch {
    last = null;
  }
  return (
    <main class="v-page v-center" id="main">
      <h1 class="v-title">{say('home.title')}</h1>
      <p class="v-note">{say('home.pick')}</p>
      {last && (
        <a class="v-btn v-btn-primary" href={paths.list(last)}>
          {say('home.open')}
        </a>
      )}
    </main>
  );
}

export function VoteApp() {
  const route = useRoute();
  const [lang, setLang, say] = useLang();
  const [me, refreshMe] = useWorker();
  const campaignId = campaignOf(route);
  useEffect(() => {
    if (!campaignId) return;
    try {
      window.localStorage.setItem(LAST_CAMPAIGN_KEY, campaignId);
    } catch {
      // private mode
    }
  }, [campaignId]);
  const props: PageProps = { lang, say, me, refreshMe };

  let page;
  switch (route.page) {
    case 'home':
      page = <Home say={say} />;
      break;
    case 'sign-in':
      page = <SignInPage {...props} next={route.next} />;
      break;
    case 'list':
      page = <ListPage {...props} campaignId={route.campaignId} />;
      break;
    case 'rules':
      page = <RulesPage {...props} campaignId={route.campaignId} />;
      break;
    case 'mine':
      page = <MinePage {...props} campaignId={route.campaignId} />;
      break;
    case 'result':
      page = <ResultPage {...props} campaignId={route.campaignId} />;
      break;
    case 'objections':
      page = <LazyObjections {...props} campaignId={route.campaignId} candidateId={route.candidateId} />;
      break;
    case 'candidate':
      page = <CandidatePage {...props} campaignId={route.campaignId} candidateId={route.candidateId} />;
      break;
    case 'poster':
      page = <PosterPage {...props} campaignId={route.campaignId} candidateId={route.candidateId} />;
      break;
    default:
      page = (
        <main class="v-page v-center" id="main">
          <p class="v-note">{say('app.notFound')}</p>
        </main>
      );
  }
  return (
    <div class="v-app" onClick={onLink}>
      <Header route={route} props={{ ...props, onLang: () => setLang(lang === 'zh' ? 'en' : 'zh') }} />
      {page}
    </div>
  );
}
