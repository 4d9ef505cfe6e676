/** @jsxImportSource preact */
import { useEffect, useRef, useState } from 'preact/hooks';
import { post, VoteError } from '../api';
import { api } from '../data';
import { navigate } from '../router';
import type { WorkerMe } from '../types';
import { errorText } from '../words';
import type { PageProps } from './common';

const PHONE = /^1\d{10}$/;
const CODE = /^\d{6}$/;

/**
 * The worker sign-in: mobile number, a one-time code by text, then a worker session (the
 * `uc_worker` cookie the server sets) and back to the page the worker came from.
 */
export function SignInPage({ next, lang, say, refreshMe }: PageProps & { next: string }) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [wait, setWait] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = window.setTimeout(() => setWait((w) => w - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [wait]);

  const fail = (e: unknown) => {
    const err = e instanceof VoteError ? e : new VoteError(0, 'client.network', 'Network error');
    const after = err.problem?.retryAfterSeconds;
    if (typeof after === 'number') setWait(Math.ceil(after));
    setError(errorText(lang, err));
  };

  const send = async (e: Event) => {
    e.preventDefault();
    const p = phone.replace(/\s+/g, '');
    if (!PHONE.test(p)) return setError(say('signin.badPhone'));
    setBusy(true);
    setError(null);
    try {
      await post(api.code, { phone: p });
      setSentTo(p);
      setWait(60);
      window.setTimeout(() => codeInput.current?.focus(), 0);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const signIn = async (e: Event) => {
    e.preventDefault();
    if (!CODE.test(code.trim())) return setError(say('signin.badCode'));
    setBusy(true);
    setError(null);
    try {
      await post<WorkerMe>(api.signIn, { phone: sentTo ?? phone.replace(/\s+/g, ''), code: code.trim() });
      refreshMe();
      navigate(next, true);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="v-page" id="main">
      <h1 class="v-title">{say('signin.title')}</h1>
      <p class="v-note">{say('signin.why')}</p>
      <form class="v-form" onSubmit={(e) => void (sentTo ? signIn(e) : send(e))} noValidate>
        <label class="v-field">
          <span>{say('signin.phone')}</span>
          <input
            type="tel"
            inputMode="numeric"
            autoComplete="tel-national"
            maxLength={13}
            value={phone}
            onInput={(e) => setPhone((e.currentTarget as HTMLInputElement).value)}
            data-testid="worker-phone"
          />
        </label>
        {sentTo && (
          <>
            <p class="v-note" role="status">
              {say('signin.sent', { phone: `${sentTo.slice(0, 3)}****${sentTo.slice(7)}` })}
            </p>
            <label class="v-field">
              <span>{say('signin.code')}</span>
              <input
                ref={codeInput}
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)}
                data-testid="worker-code"
              />
            </label>
          </>
        )}
        {error && (
          <p class="v-msg v-msg-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        {sentTo ? (
          <div class="v-vote-buttons">
            <button type="submit" class="v-btn v-btn-primary" disabled={busy} data-testid="worker-sign-in">
              {say('signin.submit')}
            </button>
            <button
              type="button"
              class="v-btn"
              disabled={busy || wait > 0}
              onClick={(e) => void send(e)}
              data-testid="worker-resend"
            >
              {wait > 0 ? say('signin.resend', { n: wait }) : say('signin.send')}
            </button>
          </div>
        ) : (
          <button
            type="submit"
            class="v-btn v-btn-primary"
            disabled={busy || wait > 0}
            data-testid="worker-send-code"
          >
            {wait > 0 ? say('signin.resend', { n: wait }) : say('signin.send')}
          </button>
        )}
      </form>
    </main>
  );
}
