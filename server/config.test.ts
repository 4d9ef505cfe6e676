import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has working defaults and keeps development keys across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uc-config-'));
    const file = join(dir, 'secrets.json');
    const a = loadConfig({ SECRETS_FILE: file });
    const b = loadConfig({ SECRETS_FILE: file });
    expect(a.port).toBe(3000);
    expect(a.databaseUrl).toBe('sqlite:./data/unioncare.db');
    expect(b.secrets).toEqual(a.secrets);
    expect(JSON.parse(readFileSync(file, 'utf8')).fieldKeyActive).toBe('k1');
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: '127.0.0.1:6379' })).toThrow(/REDIS_URL/);
  });

  it('counts rate limits in memory unless a Redis store is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uc-config-'));
    const file = join(dir, 'secrets.json');
    expect(loadConfig({ SECRETS_FILE: file }).redisUrl).toBeNull();
    expect(loadConfig({ SECRETS_FILE: file, REDIS_URL: 'redis://127.0.0.1:6379/2' }).redisUrl).toBe(
      'redis://127.0.0.1:6379/2',
    );
  });

  it('requires real keys in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/FIELD_KEYS/);
    const key = Buffer.alloc(32, 1).toString('base64');
    const c = loadConfig({
      NODE_ENV: 'production',
      FIELD_KEYS: `k2:${key},k1:${key}`,
      BLIND_INDEX_KEY: key,
      AUDIT_HMAC_KEY: key,
      // Production also needs a real text-message gateway (issue 9, item 8).
      SMS_PROVIDER: 'aliyun',
      SMS_ACCESS_KEY_ID: 'id',
      SMS_ACCESS_KEY_SECRET: 'secret',
      SMS_TEMPLATE_OTP: 'SMS_1',
    });
    expect(c.secrets.fieldKeyActive).toBe('k2');
    expect(Object.keys(c.secrets.fieldKeys)).toEqual(['k2', 'k1']);
  });

  it('starts the clock at UC_CLOCK_START outside production only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uc-config-'));
    const c = loadConfig({
      SECRETS_FILE: join(dir, 'secrets.json'),
      UC_CLOCK_START: '2026-12-10T15:58:00+00:00',
    });
    expect(c.clockStart).toBe('2026-12-10T15:58:00.000Z');
    expect(loadConfig({ SECRETS_FILE: join(dir, 'secrets.json') }).clockStart).toBeNull();
    expect(() => loadConfig({ SECRETS_FILE: join(dir, 'secrets.json'), UC_CLOCK_START: 'tomorrow' })).toThrow(
      /UC_CLOCK_START/,
    );
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        FIELD_KEYS: `k1:${key}`,
        BLIND_INDEX_KEY: key,
        AUDIT_HMAC_KEY: key,
        UC_CLOCK_START: '2026-12-10T15:58:00Z',
      }),
    ).toThrow(/UC_CLOCK_START/);
  });

  it('trusts X-Forwarded-For only from a hop count or named proxies, never from everyone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uc-config-'));
    const at = (TRUST_PROXY?: string) => loadConfig({ SECRETS_FILE: join(dir, 'secrets.json'), TRUST_PROXY });
    expect(at().trustProxy).toBe(false);
    expect(at('false').trustProxy).toBe(false);
    expect(at('1').trustProxy).toBe(1);
    expect(at('10.0.0.5, 10.1.0.0/16,loopback').trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', 'loopback']);
    expect(at('fd00::1,fd00::/8').trustProxy).toEqual(['fd00::1', 'fd00::/8']);
    expect(() => at('true')).toThrow(ConfigError);
    expect(() => at('true')).toThrow(/TRUST_PROXY.*number of proxies/s);
    expect(() => at('yes')).toThrow(/TRUST_PROXY/);
    expect(() => at('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
    expect(() => at('99')).toThrow(/TRUST_PROXY/);
  });
});
