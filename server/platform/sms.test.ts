import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { AppError } from './errors';
import { aliyunSignature, aliyunSmsSender, logSmsSender, smsSenderFromConfig } from './sms';

const noLog = () => {
  throw new Error('not logged');
};

describe('Aliyun SMS signature (RPC, signature version 1.0, HMAC-SHA1)', () => {
  it("matches the provider's published example (help.aliyun.com/document_detail/101343)", () => {
    const params = {
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      AccessKeyId: 'testId',
      SignatureVersion: '1.0',
      Timestamp: '2017-07-12T02:42:19Z',
      Format: 'XML',
      Action: 'SendSms',
      Version: '2017-05-25',
      RegionId: 'cn-hangzhou',
      PhoneNumbers: '15300000001',
      SignName: '阿里云短信测试专用',
      TemplateParam: '{"customer":"test"}',
      TemplateCode: 'SMS_71390007',
      OutId: '123',
    };
    expect(aliyunSignature('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });
});

describe('the Aliyun sender against a local fake gateway', () => {
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: { Code: 'OK', Message: 'OK' } };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const sender = () =>
    aliyunSmsSender({
      accessKeyId: 'LTAI-test',
      accessKeySecret: 'secret-test',
      signName: '爱心联盟',
      templates: { otp: 'SMS_123456789' },
      endpoint,
      now: () => new Date('2026-06-01T08:00:00.123Z'),
      nonce: () => 'nonce-1',
    });

  it('posts a signed SendSms form with the template code and parameters', async () => {
    const s = sender();
    expect(s.kind).toBe('gateway');
    await s.send('13895001234', { template: 'otp', params: { code: '042917', minutes: '5' } });
    const req = seen.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const form = Object.fromEntries(new URLSearchParams(req.body));
    expect(form).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      AccessKeyId: 'LTAI-test',
      PhoneNumbers: '13895001234',
      SignName: '爱心联盟',
      TemplateCode: 'SMS_123456789',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'nonce-1',
      Timestamp: '2026-06-01T08:00:00Z',
      Format: 'JSON',
    });
    expect(JSON.parse(form.TemplateParam)).toEqual({ code: '042917', minutes: '5' });
    // The gateway recomputes the signature over everything else it received.
    const { Signature, ...rest } = form;
    expect(Signature).toBe(aliyunSignature('POST', rest, 'secret-test'));
    // The message text itself is never sent: the approved template is.
    expect(req.body).not.toContain('验证码');
  });

  it('signs with the sign name the sending system names, else the configured one', async () => {
    await sender().send(
      '13895001234',
      { template: 'otp', params: { code: '042917', minutes: '5' } },
      '工会投票',
    );
    expect(Object.fromEntries(new URLSearchParams(seen.at(-1)!.body)).SignName).toBe('工会投票');
  });

  it('a refusal is an error the caller sees, naming neither the phone nor the code', async () => {
    answer = { status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控' } };
    const err = await sender()
      .send('13895001234', { template: 'otp', params: { code: '042917', minutes: '5' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'sms.send_failed', status: 503 });
    expect(JSON.stringify({ m: (err as Error).message, d: (err as AppError).details })).not.toMatch(
      /13895001234|042917/,
    );
    answer = { status: 500, body: {} };
    await expect(
      sender().send('13895001234', { template: 'otp', params: { code: '1', minutes: '5' } }),
    ).rejects.toMatchObject({ code: 'sms.send_failed' });
    answer = { status: 200, body: { Code: 'OK' } };
  });
});

describe('which sender runs where', () => {
  const key = Buffer.alloc(32, 1).toString('base64');
  const prodKeys = {
    NODE_ENV: 'production',
    FIELD_KEYS: `k1:${key}`,
    BLIND_INDEX_KEY: key,
    AUDIT_HMAC_KEY: key,
  };

  it('the log sender cannot be built for production', () => {
    expect(() => logSmsSender('production', noLog)).toThrow(/SMS_PROVIDER/);
    expect(logSmsSender('development', noLog).kind).toBe('log');
  });

  it('production refuses to start without a real gateway, naming the setting', () => {
    expect(() => loadConfig(prodKeys)).toThrow(ConfigError);
    expect(() => loadConfig(prodKeys)).toThrow(/SMS_PROVIDER/);
    expect(() => loadConfig({ ...prodKeys, SMS_PROVIDER: 'log' })).toThrow(/SMS_PROVIDER/);
    expect(() => loadConfig({ ...prodKeys, SMS_PROVIDER: 'aliyun', SMS_ACCESS_KEY_ID: 'id' })).toThrow(
      /SMS_ACCESS_KEY_SECRET, SMS_TEMPLATE_OTP/,
    );
    const c = loadConfig({
      ...prodKeys,
      SMS_PROVIDER: 'aliyun',
      SMS_ACCESS_KEY_ID: 'id',
      SMS_ACCESS_KEY_SECRET: 'secret',
      SMS_TEMPLATE_OTP: 'SMS_1',
    });
    expect(c.sms).toMatchObject({ provider: 'aliyun', signName: '爱心联盟', templates: { otp: 'SMS_1' } });
    expect(smsSenderFromConfig(c, noLog).kind).toBe('gateway');
  });

  it('development and tests default to the log sender', () => {
    const c = loadConfig({
      NODE_ENV: 'test',
      FIELD_KEYS: `k1:${key}`,
      BLIND_INDEX_KEY: key,
      AUDIT_HMAC_KEY: key,
    });
    expect(c.sms).toEqual({ provider: 'log' });
    expect(smsSenderFromConfig(c, noLog).kind).toBe('log');
  });
});
