import { Component, Suspense, lazy, useCallback, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { meQueryKey } from '../components/session/hooks';
import { NavContext, parseRoute, useNav, type Route } from './nav';
import { rememberedMe, usePhoneSession } from './offline-session';
import { MobileSignIn } from './sign-in-page';
import { UpdatePrompt } from './kit/update-prompt';
import { loadHelpPages, preloadHelpPage } from './help/help-loaders';
import {
  MLangContext,
  readStoredLang,
  readStoredLargeText,
  storeLang,
  storeLargeText,
  translate,
  useMErrorText,
  useMT,
  type MLang,
} from './texts';

/** The workers' pages: their own chunk, so neither side downloads the other's pages. */
const HelpPages = lazy(loadHelpPages);
/**
 * The signed-in pages (/m, /m/screen, /m/sync): their own chunk too, asked for once the session is
 * known, so a signed-out /m shows its sign-in and /m/help its choices without parsing them. A phone
 * that was signed in before (a remembered /me) starts fetching it at once, beside /me.
 */
const loadSignedIn = () => import('./signed-in-pages');
const SignedInContent = lazy(loadSignedIn);
if (typeof window !== 'undefined') {
  const first = parseRoute();
  // The page a link opens on: its chunks are fetched at once, beside the shell's first render.
  if (first.name === 'help') preloadHelpPage(first.page);
  else if (rememberedMe()) {
    void loadSignedIn().catch(() => undefined);
    // The signed-in page's own chunk too (signed-in-pages.tsx loads them lazily).
    const page =
      first.name === 'home'
        ? import('./assistance/home-page')
        : first.name === 'screen'
          ? import('./assistance/screen-page')
          : null;
    void page?.catch(() => undefined);
  }
}
const HELP_TITLE = { zh: '爱心联盟 · 职工求助', en: 'UnionCare · Help for workers' } as const;

/** Leaving for the back office (password change): a full page load of the other app. */
function leaveFor(path: string): void {
  window.location.replace(path);
}

function FullScreen({ children }: { children: ReactNode }) {
  return <div className="m-center">{children}</div>;
}

class CrashGuard extends Component<{ lang: MLang; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.error('Unhandled render error', error);
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    const t = translate(this.props.lang);
    return (
      <FullScreen>
        <p>{t('error.generic')}</p>
        <button type="button" className="ms-btn ms-btn-primary" onClick={() => window.location.reload()}>
          {t('app.retry')}
        </button>
      </FullScreen>
    );
  }
}

function Header({
  lang,
  onLang,
  largeText,
  onLargeText,
}: {
  lang: MLang;
  onLang: (lang: MLang) => void;
  largeText: boolean;
  onLargeText: (on: boolean) => void;
}) {
  const t = useMT();
  const { route, navigate } = useNav();
  const help = route.name === 'help';
  const home = help ? '/m/help' : '/m/';
  return (
    <header className="m-header">
      <a
        href={home}
        className="m-brand"
        onClick={(e) => {
          e.preventDefault();
          navigate(home);
        }}
      >
        <svg className="m-brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <circle cx="16" cy="16" r="15" fill="#c8102e" />
          <path
            d="M16 24s-7-4.4-7-9.3A3.9 3.9 0 0 1 16 12a3.9 3.9 0 0 1 7 2.7C23 19.6 16 24 16 24z"
            fill="#fff"
          />
        </svg>
        <span>{help ? HELP_TITLE[lang] : t('app.title')}</span>
      </a>
      <div className="m-header-right">
        <button
          type="button"
          className="m-header-btn"
          aria-label={t('app.langLabel')}
          lang={lang === 'zh' ? 'en' : 'zh-CN'}
          onClick={() => onLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="m-lang"
        >
          {t('app.lang')}
        </button>
        <button
          type="button"
          className="m-header-btn"
          aria-pressed={largeText}
          aria-label={t('app.largeTextLabel')}
          onClick={() => onLargeText(!largeText)}
          data-testid="m-large-text"
        >
          {t('app.largeText')}
        </button>
        {help ? null : (
          <a className="m-header-btn" href="/" data-testid="m-desktop">
            {t('app.desktop')}
          </a>
        )}
      </div>
    </header>
  );
}

/** The help pages need no account: they are served before the session gate is even asked. */
function Pages() {
  const t = useMT();
  // Bumped by a sign-in: the signed-in pages start afresh on the new session's cached /me.
  const [epoch, setEpoch] = useState(0);
  const { route, visit } = useNav();
  if (route.name === 'help') {
    return (
      <Suspense
        fallback={
          <FullScreen>
            <span role="status">{t('app.loading')}</span>
          </FullScreen>
        }
      >
        <HelpPages page={route.page} visit={visit} />
      </Suspense>
    );
  }
  return <SignedInPages key={epoch} onSignedIn={() => setEpoch((n) => n + 1)} />;
}

function SignedInPages({ onSignedIn }: { onSignedIn: () => void }) {
  const t = useMT();
  const errorText = useMErrorText();
  const session = usePhoneSession();
  const me = session.me;
  const queryClient = useQueryClient();
  const [revokedHere, setRevokedHere] = useState(false);
  // A send found this phone's sessions ended: what it kept is gone; ask /me again to sign in.
  const onRevoked = useCallback(() => {
    setRevokedHere(true);
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  }, [queryClient]);

  useEffect(() => {
    if (me?.mustChangePassword && !session.offline) leaveFor('/account/password');
  }, [me, session.offline]);

  // Signed out: the phone sign-in, in place; once signed in, the page asked for shows. After an
  // administrator ended this phone's sessions (a lost phone), it says what was deleted.
  if (session.signedOut) {
    return (
      <MobileSignIn
        notice={session.revoked || revokedHere ? t('error.auth.session_revoked') : undefined}
        onSignedIn={onSignedIn}
      />
    );
  }
  if (session.pending || me?.mustChangePassword) {
    return (
      <FullScreen>
        <span role="status">{t('app.loading')}</span>
      </FullScreen>
    );
  }
  if (!me) {
    return (
      <FullScreen>
        <p>
          {t('app.loadFailed')}：{errorText(session.error)}
        </p>
        <button type="button" className="ms-btn ms-btn-primary" onClick={session.retry}>
          {t('app.retry')}
        </button>
      </FullScreen>
    );
  }
  if (!me.actions.includes('screening.create')) {
    return (
      <FullScreen>
        <h1 className="m-title">{t('app.noAccess')}</h1>
        <p>{t('app.noAccessHint')}</p>
        <a className="ms-btn ms-btn-primary m-btn-link" href="/">
          {t('app.desktop')}
        </a>
      </FullScreen>
    );
  }
  return (
    <Suspense
      fallback={
        <FullScreen>
          <span role="status">{t('app.loading')}</span>
        </FullScreen>
      }
    >
      <SignedInContent me={me} onRevoked={onRevoked} />
    </Suspense>
  );
}

export function MobileApp() {
  const [lang, setLang] = useState<MLang>(readStoredLang);
  const [largeText, setLargeText] = useState<boolean>(readStoredLargeText);
  const [{ route, visit }, setNav] = useState<{ route: Route; visit: number }>(() => ({
    route: parseRoute(),
    visit: 0,
  }));

  useEffect(() => storeLang(lang), [lang]);
  useEffect(() => storeLargeText(largeText), [largeText]);
  useEffect(() => {
    const onPop = () => setNav((n) => ({ route: parseRoute(), visit: n.visit + 1 }));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const onHelp = route.name === 'help';
  useEffect(() => {
    document.title = onHelp ? HELP_TITLE[lang] : translate(lang)('app.title');
  }, [lang, onHelp]);

  const navigate = useCallback((to: string) => {
    window.history.pushState(null, '', to);
    setNav((n) => ({ route: parseRoute(), visit: n.visit + 1 }));
    window.scrollTo({ top: 0 });
  }, []);

  return (
    <MLangContext.Provider value={lang}>
      <NavContext.Provider value={{ route, visit, navigate }}>
        <CrashGuard lang={lang}>
          <div className="m-app">
            <Header lang={lang} onLang={setLang} largeText={largeText} onLargeText={setLargeText} />
            <UpdatePrompt />
            <main className="m-main">
              <Pages />
            </main>
          </div>
        </CrashGuard>
      </NavContext.Provider>
    </MLangContext.Provider>
  );
}
