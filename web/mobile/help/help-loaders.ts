import type { HelpPage } from '../nav';

/**
 * The chunks of the workers' pages: help-pages (what every one of them needs: the help queue's
 * syncer) and, apart, each page — /m/help's three choices (with the queue panel), the request
 * form, the self-test and the status look-up. The shell asks for the one a page opens on beside help-pages, so a worker who opens
 * /m/help/request from a link waits for one round trip, not two. Every chunk is in the service
 * worker's precache: each page opens with no signal once the app is on the phone.
 */
export const loadHelpPages = () => import('./help-pages');
export const loadHelpHome = () => import('./help-home');
export const loadRequestPage = () => import('./request-page');
export const loadSelfTestPage = () => import('./self-test-page');
export const loadStatusPage = () => import('./status-page');

const PAGE_LOADERS: Partial<Record<HelpPage, () => Promise<unknown>>> = {
  home: loadHelpHome,
  request: loadRequestPage,
  selfTest: loadSelfTestPage,
  status: loadStatusPage,
};

/** Starts fetching the chunks `page` needs (a failed fetch shows when the page renders). */
export function preloadHelpPage(page: HelpPage): void {
  void loadHelpPages().catch(() => undefined);
  void PAGE_LOADERS[page]?.().catch(() => undefined);
}
