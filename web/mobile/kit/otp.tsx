import { useEffect, useState } from 'react';
import { OtpBody } from '../../../contracts/assistance';
import { isApiError } from '../../api/client';
import type { Vars } from '../../i18n/core';
import { looksLikeMobile } from '../assistance/form-model';
import { maxOf } from './bounds';
import { Field, describedBy } from './field';
import { compactPhone, maskPhone } from './phone-number';

/** The server lets a phone have a new code once a minute. */
const RESEND_SECONDS = 60;
/** The code the platform's one-time codes send: six digits (the public bodies' `code` pattern). */
const CODE_DIGITS = 6;
const PHONE_MAX = maxOf(OtpBody.shape.phone);

/** The words the one-time-code flow shows; a system's own dictionary supplies them. */
export type OtpKey =
  | 'otp.phone'
  | 'otp.phoneHint'
  | 'otp.send'
  | 'otp.sending'
  | 'otp.resend'
  | 'otp.wait'
  | 'otp.sent'
  | 'otp.code'
  | 'otp.codeHint'
  | 'otp.needCode'
  | 'v.phone';
export type OtpSay = (key: OtpKey, vars?: Vars) => string;

export interface OtpProps {
  /** Asks the server for a code to this (compacted) number. */
  sendCode: (phone: string) => Promise<{ expiresInSeconds: number }>;
  /** The call is under way. */
  sending: boolean;
  say: OtpSay;
  /** A failed call in the system's words. */
  errorText: (err: unknown) => string;
}

/** Seconds to wait before another code (429 otp.too_soon / otp.rate_limited carry it). */
export function retryAfterOf(err: unknown): number | undefined {
  if (!isApiError(err) || err.status !== 429) return undefined;
  const value = (err.problem as Record<string, unknown> | undefined)?.retryAfterSeconds;
  return typeof value === 'number' && value > 0 ? Math.ceil(value) : undefined;
}

// The number's two helpers live in phone-number.ts (the offline queue's senders need them without
// the code field); they are the kit's, here as before.
export { compactPhone, maskPhone } from './phone-number';

/**
 * A phone number and its one-time code (the platform's PhoneOtp behind the system's own routes):
 * the send button counts down until another code may be asked for (also when the server says 429
 * with retryAfterSeconds). The calls and the words come from the page.
 */
export function useOtp({ sendCode, sending, say: t, errorText }: OtpProps) {
  const [phone, setPhoneText] = useState('');
  const [code, setCodeText] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [expiresMin, setExpiresMin] = useState(5);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [phoneError, setPhoneError] = useState<string | undefined>();
  const [codeError, setCodeError] = useState<string | undefined>();
  const [sendError, setSendError] = useState<string | undefined>();

  const waiting = Math.max(0, Math.ceil((waitUntil - now) / 1000));
  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= waitUntil) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [waitUntil]);

  const wait = (seconds: number) => {
    const at = Date.now();
    setNow(at);
    setWaitUntil(at + seconds * 1000);
  };

  const setPhone = (value: string) => {
    setPhoneText(value);
    setPhoneError(undefined);
    setSendError(undefined);
  };
  const setCode = (value: string) => {
    setCodeText(value.replace(/\D/g, '').slice(0, CODE_DIGITS));
    setCodeError(undefined);
  };

  /** True when a live code is on its way to the phone. */
  const send = async (): Promise<boolean> => {
    setSendError(undefined);
    if (!looksLikeMobile(phone)) {
      setPhoneError(t('v.phone'));
      return false;
    }
    const target = compactPhone(phone);
    try {
      const sent = await sendCode(target);
      setSentTo(target);
      setExpiresMin(Math.max(1, Math.round(sent.expiresInSeconds / 60)));
      wait(RESEND_SECONDS);
      return true;
    } catch (err) {
      const after = retryAfterOf(err);
      if (after) wait(after);
      if (isApiError(err) && err.fieldErrors.some((f) => f.field === 'body.phone')) {
        setPhoneError(errorText(err));
        return false;
      }
      // A code sent less than a minute ago is still good: carry on with it.
      if (isApiError(err) && err.code === 'otp.too_soon' && sentTo === target) return true;
      setSendError(errorText(err));
      return false;
    }
  };

  /** Checks the code's shape before asking the server. */
  const codeReady = (): boolean => {
    if (code.length !== CODE_DIGITS) {
      setCodeError(t('otp.needCode'));
      return false;
    }
    return true;
  };

  return {
    say: t,
    phone,
    setPhone,
    code,
    setCode,
    sentTo,
    /** A code was sent to this number (as typed now) from this page. */
    hasCodeFor: (value: string) => sentTo !== null && sentTo === compactPhone(value),
    expiresMin,
    waiting,
    sending,
    send,
    codeReady,
    phoneError,
    setPhoneError,
    codeError,
    setCodeError,
    sendError,
    /** Cleared after the server used the code up (a code works once). */
    reset: () => {
      setCodeText('');
      setSentTo(null);
      setCodeError(undefined);
    },
  };
}
export type Otp = ReturnType<typeof useOtp>;

function SendButton({ otp, testId }: { otp: Otp; testId: string }) {
  const t = otp.say;
  const label = otp.sending
    ? t('otp.sending')
    : otp.waiting > 0
      ? t('otp.wait', { n: otp.waiting })
      : otp.sentTo
        ? t('otp.resend')
        : t('otp.send');
  return (
    <button
      type="button"
      className="ms-btn ms-otp-send"
      data-testid={testId}
      disabled={otp.sending || otp.waiting > 0}
      aria-live="polite"
      onClick={() => void otp.send()}
    >
      {label}
    </button>
  );
}

export function PhoneField({
  otp,
  id,
  testIds,
  showSend = true,
}: {
  otp: Otp;
  id: string;
  testIds: { phone: string; send: string };
  showSend?: boolean;
}) {
  const t = otp.say;
  return (
    <Field id={id} label={t('otp.phone')} hint={t('otp.phoneHint')} error={otp.phoneError} required>
      <div className="ms-otp-row">
        <input
          id={id}
          className="ms-input ms-mono"
          data-testid={testIds.phone}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={otp.phone}
          maxLength={PHONE_MAX}
          placeholder="1xx xxxx xxxx"
          aria-invalid={Boolean(otp.phoneError) || undefined}
          aria-describedby={describedBy(id, otp.phoneError, t('otp.phoneHint'))}
          onChange={(e) => otp.setPhone(e.target.value)}
        />
        {showSend ? <SendButton otp={otp} testId={testIds.send} /> : null}
      </div>
      <OtpNotice otp={otp} />
    </Field>
  );
}

export function OtpNotice({ otp }: { otp: Otp }) {
  const t = otp.say;
  if (otp.sendError)
    return (
      <div className="ms-error" role="alert">
        {otp.sendError}
      </div>
    );
  if (!otp.sentTo) return null;
  return (
    <p className="ms-otp-sent" role="status">
      {t('otp.sent', { phone: maskPhone(otp.sentTo), min: otp.expiresMin })}
    </p>
  );
}

export function CodeField({
  otp,
  id,
  testIds,
  withResend,
}: {
  otp: Otp;
  id: string;
  testIds: { code: string; send: string };
  withResend?: boolean;
}) {
  const t = otp.say;
  return (
    <Field id={id} label={t('otp.code')} hint={t('otp.codeHint')} error={otp.codeError} required>
      <div className="ms-otp-row">
        <input
          id={id}
          className="ms-input ms-mono ms-otp-code"
          data-testid={testIds.code}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          value={otp.code}
          maxLength={CODE_DIGITS}
          aria-invalid={Boolean(otp.codeError) || undefined}
          aria-describedby={describedBy(id, otp.codeError, t('otp.codeHint'))}
          onChange={(e) => otp.setCode(e.target.value)}
        />
        {withResend ? <SendButton otp={otp} testId={testIds.send} /> : null}
      </div>
    </Field>
  );
}
