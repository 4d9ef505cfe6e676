import { useEffect, useState } from 'react';
import { useMT } from '../texts';

/** Kept once the person has seen "可离线使用": the line shows once per phone, not on every visit. */
const OFFLINE_SEEN_KEY = 'uc_m_offline_ready_seen';

function seen(): boolean {
  try {
    return window.localStorage.getItem(OFFLINE_SEEN_KEY) === '1';
  } catch {
    return false;
  }
}

function markSeen(): void {
  try {
    window.localStorage.setItem(OFFLINE_SEEN_KEY, '1');
  } catch {
    // private mode: the line may show again, no harm
  }
}

/**
 * Runs `work` once the page has loaded and the phone is idle: the service worker's registration
 * (and its precache downloads) must not compete with the first paint. Returns a cancel.
 */
export function afterLoadWhenIdle(work: () => void): () => void {
  let cancelled = false;
  let idle: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (cancelled) return;
    if (typeof window.requestIdleCallback === 'function') {
      idle = window.requestIdleCallback(() => !cancelled && work(), { timeout: 10_000 });
    } else {
      timer = setTimeout(() => !cancelled && work(), 1000);
    }
  };
  if (document.readyState === 'complete') run();
  else window.addEventListener('load', run, { once: true });
  return () => {
    cancelled = true;
    window.removeEventListener('load', run);
    if (idle !== undefined) window.cancelIdleCallback(idle);
    if (timer !== undefined) clearTimeout(timer);
  };
}

/**
 * The installed phone pages' service worker (vite.config.ts, /m/sw.js): registered here, in the
 * built app only, through vite-plugin-pwa's `virtual:pwa-register` — imported lazily inside the
 * effect once the page has loaded and the phone is idle (afterLoadWhenIdle), so neither the first
 * paint nor the unit tests (no PWA plugin there) meet it. A new version waits for the person
 * (registerType 'prompt'): a bar floating over the page's foot (it moves nothing) offers it and nothing is
 * reloaded until they tap; once the pages are cached, "可离线使用" shows once and can be closed.
 * Neither line hurries anyone: no timer takes them away.
 */
export function UpdatePrompt() {
  const t = useMT();
  const [update, setUpdate] = useState<(() => Promise<void>) | null>(null);
  const [offlineReady, setOfflineReady] = useState(false);

  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    let live = true;
    const cancel = afterLoadWhenIdle(() => {
      void import('virtual:pwa-register')
        .then(({ registerSW }) => {
          const updateSW = registerSW({
            onNeedRefresh: () => {
              if (live) setUpdate(() => () => updateSW(true));
            },
            onOfflineReady: () => {
              if (live && !seen()) setOfflineReady(true);
            },
          });
        })
        .catch((err: unknown) => console.warn('service worker not registered', err));
    });
    return () => {
      live = false;
      cancel();
    };
  }, []);

  if (!update && !offlineReady) return <div className="m-pwa" role="status" aria-live="polite" />;
  return (
    <div className="m-pwa" role="status" aria-live="polite">
      {update ? (
        <button
          type="button"
          className="m-pwa-bar m-pwa-update"
          onClick={() => void update()}
          data-testid="m-pwa-update"
        >
          {t('pwa.update')}
        </button>
      ) : (
        <div className="m-pwa-bar m-pwa-ready" data-testid="m-pwa-ready">
          <span>{t('pwa.offlineReady')}</span>
          <button
            type="button"
            className="m-pwa-close"
            onClick={() => {
              markSeen();
              setOfflineReady(false);
            }}
          >
            {t('pwa.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
