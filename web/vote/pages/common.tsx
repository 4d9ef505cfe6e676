/** @jsxImportSource preact */
import type { Lang } from '../../i18n/core';
import type { VoteError } from '../api';
import type { WorkerMe } from '../types';
import { errorText, type Say } from '../words';

export interface PageProps {
  lang: Lang;
  say: Say;
  me: WorkerMe | null | undefined;
  refreshMe: () => void;
}

export function Loading({ say }: { say: Say }) {
  return (
    <main class="v-page v-center" id="main">
      <p role="status">{say('app.loading')}</p>
    </main>
  );
}

export function Failed({ error, lang, say }: { error: VoteError; lang: Lang; say: Say }) {
  return (
    <main class="v-page v-center" id="main">
      <p class="v-msg v-msg-error" role="alert" data-testid="page-error">
        {error.status === 404 ? say('vote.campaign_unknown') : errorText(lang, error)}
      </p>
      <button type="button" class="v-btn" onClick={() => window.location.reload()}>
        {say('app.retry')}
      </button>
    </main>
  );
}
