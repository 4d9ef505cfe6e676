import { useEffect, useState } from 'react';
import { isApiError } from '../../api/client';
import { looksLikeMobile } from '../assistance/form-model';
import { compactPhone, maskPhone, retryAfterOf, useSendCode } from './help-api';
import { useHErrorText, useHT } from './help-texts';
import { Field, describedBy } from '../kit/field';

/** The server lets a phone have a new code once a minute. */
const RESEND_SECONDS = 60;

/**
 * A phone number and its one-time code, shared by 我要求助 and 查询进度: the send button counts
 * down until another code may be asked for (also when the server says 429 with retryAfterSeconds).
 */
export function useOtp() {
  const t = useHT();
  const errorText = useHErrorText();
  const sendCode = useSendCode();
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
    setCodeText(value.replace(/\D/g, '').slice(0, 6));
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
      const sent = await sendCode.mutateAsync(target);
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
    if (!/^\d{6}$/.test(code)) {
      setCodeError(t('otp.needCode'));
      return false;
    }
    return true;
  };

  return {
    phone,
    setPhone,
    code,
    setCode,
    sentTo,
    /** A code was sent to this number (as typed now) from this page. */
    hasCodeFor: (value: string) => sentTo !== null && sentTo === compactPhone(value),
    expiresMin,
    waiting,
    sending: sendCode.isPending,
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
  const t = useHT();
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
      className="ms-btn hp-send"
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
  const t = useHT();
  return (
    <Field id={id} label={t('otp.phone')} hint={t('otp.phoneHint')} error={otp.phoneError} required>
      <div className="hp-otp-row">
        <input
          id={id}
          className="ms-input ms-mono"
          data-testid={testIds.phone}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={otp.phone}
          maxLength={20}
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
  const t = useHT();
  if (otp.sendError)
    return (
      <div className="ms-error" role="alert">
        {otp.sendError}
      </div>
    );
  if (!otp.sentTo) return null;
  return (
    <p className="hp-sent" role="status">
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
  const t = useHT();
  return (
    <Field id={id} label={t('otp.code')} hint={t('otp.codeHint')} error={otp.codeError} required>
      <div className="hp-otp-row">
        <input
          id={id}
          className="ms-input ms-mono hp-code"
          data-testid={testIds.code}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          value={otp.code}
          maxLength={6}
          aria-invalid={Boolean(otp.codeError) || undefined}
          aria-describedby={describedBy(id, otp.codeError, t('otp.codeHint'))}
          onChange={(e) => otp.setCode(e.target.value)}
        />
        {withResend ? <SendButton otp={otp} testId={testIds.send} /> : null}
      </div>
    </Field>
  );
}
