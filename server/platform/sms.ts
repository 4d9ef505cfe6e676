import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from './errors';
import { maskPhone } from './personal-data/mask';

/**
 * The messages the platform sends, by name. A gateway sends the template's code (registered and
 * approved at the carrier) with the parameters; the development sender renders `text` locally.
 * Later systems add their templates here.
 */
export const SMS_TEMPLATES = {
  otp: {
    params: ['code', 'minutes'] as const,
    text: (p: Record<string, string>) =>
      `您的验证码是 ${p.code}，${p.minutes} 分钟内有效。如非本人操作请忽略。`,
  },
} satisfies Record<string, { params: readonly string[]; text: (p: Record<string, string>) => string }>;
export type SmsTemplate = keyof typeof SMS_TEMPLATES;

export interface SmsMessage {
  template: SmsTemplate;
  params: Record<string, string>;
}

/**
 * Sends a text message: a template and its parameters, never free text. `signName` is the
 * signature shown as 【…】 — the system sending it names it; without one the sender's own
 * (the configured SMS_SIGN_NAME for a gateway) is used.
 */
export interface SmsSender {
  /** `log` and `memory` never leave the process; only a gateway may run in production. */
  readonly kind: 'log' | 'memory' | 'gateway';
  send(phone: string, message: SmsMessage, signName?: string): Promise<void>;
}

/** The message as the worker reads it (development sender, tests). */
export function renderSms(signName: string, m: SmsMessage): string {
  return `【${signName}】${SMS_TEMPLATES[m.template].text(m.params)}`;
}

/**
 * Development sender: writes the message to the log so a tester can read the code. The phone is
 * masked there like everywhere else in the logs. It cannot be built for production: a code in a
 * production log would let anyone who reads the log answer for any phone.
 */
export function logSmsSender(
  env: 'development' | 'production' | 'test',
  log: () => FastifyBaseLogger,
  signName = '爱心联盟',
): SmsSender {
  if (env === 'production') {
    throw new Error('the log SMS sender is for development only; set SMS_PROVIDER in production');
  }
  return {
    kind: 'log',
    async send(phone, message, sign) {
      log().info(
        { sms: { to: maskPhone(phone), text: renderSms(sign ?? signName, message) } },
        'sms (development sender)',
      );
    },
  };
}

/** Test sender: keeps what was sent, for the test to read back. */
export class MemorySmsSender implements SmsSender {
  readonly kind = 'memory' as const;
  readonly sent: { phone: string; text: string; message: SmsMessage }[] = [];
  async send(phone: string, message: SmsMessage, signName = '爱心联盟'): Promise<void> {
    this.sent.push({ phone, message, text: renderSms(signName, message) });
  }
  lastCodeFor(phone: string): string | undefined {
    const hit = [...this.sent].reverse().find((m) => m.phone === phone && m.message.template === 'otp');
    return hit?.message.params.code;
  }
}

// ---- Aliyun SMS (dysmsapi SendSms, RPC signature version 1.0, HMAC-SHA1) ----

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** The approved template code (`SMS_…`) for each template the platform sends. */
  templates: Record<SmsTemplate, string>;
  /** https://dysmsapi.aliyuncs.com/ unless a test points it at a local server. */
  endpoint: string;
  regionId?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
  nonce?: () => string;
}

/** Aliyun's "POP" percent-encoding: RFC 3986 unreserved characters only, spaces as %20. */
export function aliyunPercentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The signature of an RPC request: sorted canonical query, StringToSign, HMAC-SHA1 with `secret&`. */
export function aliyunSignature(
  method: 'GET' | 'POST',
  params: Record<string, string>,
  secret: string,
): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k])}`)
    .join('&');
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

const aliyunTimestamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Sends through Aliyun SMS `SendSms` (API version 2017-05-25) as a signed form POST. A refusal
 * (any `Code` other than `OK`, or an HTTP error) is an error the caller sees; the message never
 * names the phone or the parameters.
 */
export function aliyunSmsSender(o: AliyunSmsOptions): SmsSender {
  const doFetch = o.fetch ?? fetch;
  return {
    kind: 'gateway',
    async send(phone, message, signName) {
      const params: Record<string, string> = {
        AccessKeyId: o.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: phone,
        RegionId: o.regionId ?? 'cn-hangzhou',
        SignName: signName ?? o.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: (o.nonce ?? randomUUID)(),
        SignatureVersion: '1.0',
        TemplateCode: o.templates[message.template],
        TemplateParam: JSON.stringify(message.params),
        Timestamp: aliyunTimestamp((o.now ?? (() => new Date()))()),
        Version: '2017-05-25',
      };
      params.Signature = aliyunSignature('POST', params, o.accessKeySecret);
      const body = Object.keys(params)
        .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k])}`)
        .join('&');
      let answer: { Code?: string; Message?: string } = {};
      try {
        const res = await doFetch(o.endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
            accept: 'application/json',
          },
          body,
          signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
        });
        answer = (await res.json().catch(() => ({}))) as typeof answer;
        if (res.ok && answer.Code === 'OK') return;
      } catch {
        // the network or a timeout: reported below without details
      }
      throw new AppError('sms.send_failed', 503, 'the text message could not be sent; try again later', {
        provider: 'aliyun',
        ...(answer.Code ? { providerCode: answer.Code } : {}),
      });
    },
  };
}

/** The sender the configuration names; the log sender only outside production. */
export function smsSenderFromConfig(
  config: {
    env: 'development' | 'production' | 'test';
    sms: { provider: 'log' } | ({ provider: 'aliyun' } & Omit<AliyunSmsOptions, 'fetch' | 'now' | 'nonce'>);
  },
  log: () => FastifyBaseLogger,
): SmsSender {
  const s = config.sms;
  if (s.provider === 'aliyun') return aliyunSmsSender(s);
  return logSmsSender(config.env, log);
}
