import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(token: string): string;
  activeKeyId: string;
  needsRotation(token: string): boolean;
}

const TOKEN_VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;
// One generic message for every failure mode so callers (and logs) cannot be
// used as an oracle, and so neither plaintext nor token ever leaks into errors.
const DECRYPT_FAILED = 'field decryption failed';

// The offending id is deliberately not echoed: a mis-ordered config entry
// ("BASE64:id") would otherwise put key material into logs.
function assertKeyId(id: string, where: string): void {
  if (!KEY_ID_PATTERN.test(id)) {
    throw new Error(`invalid key id in ${where}: must match ${KEY_ID_PATTERN.source}`);
  }
}

// Binding version and key id into the GCM tag stops a token from being
// re-labelled with another key id without detection.
function aadFor(keyId: string): Buffer {
  return Buffer.from(`${TOKEN_VERSION}.${keyId}`, 'utf8');
}

function decodeB64url(part: string): Buffer {
  // Node's base64url decoder silently skips invalid characters; reject them
  // explicitly so malformed tokens cannot decode to something "close enough".
  if (!BASE64URL_PATTERN.test(part)) throw new Error(DECRYPT_FAILED);
  return Buffer.from(part, 'base64url');
}

export function createFieldCipher(opts: { keys: Record<string, Buffer>; activeKeyId: string }): FieldCipher {
  const entries = Object.entries(opts.keys);
  if (entries.length === 0) throw new Error('field cipher needs at least one key');
  const keys = new Map<string, Buffer>();
  for (const [id, key] of entries) {
    assertKeyId(id, 'field cipher keys');
    if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
      const got = Buffer.isBuffer(key) ? `${key.length} bytes` : typeof key;
      throw new Error(`field cipher key "${id}" must be ${KEY_BYTES} bytes (got ${got})`);
    }
    // Private copy: later mutation of the caller's buffer must not change our key.
    keys.set(id, Buffer.from(key));
  }
  const activeKeyId = opts.activeKeyId;
  if (typeof activeKeyId !== 'string' || activeKeyId === '') {
    throw new Error('field cipher activeKeyId is required');
  }
  const activeKey = keys.get(activeKeyId);
  if (!activeKey)
    throw new Error(`field cipher activeKeyId "${activeKeyId}" is not among the configured keys`);

  const activePrefix = `${TOKEN_VERSION}.${activeKeyId}.`;

  return {
    activeKeyId,

    encrypt(plain: string): string {
      if (typeof plain !== 'string') throw new TypeError('encrypt expects a string');
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', activeKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aadFor(activeKeyId));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        TOKEN_VERSION,
        activeKeyId,
        iv.toString('base64url'),
        tag.toString('base64url'),
        ciphertext.toString('base64url'),
      ].join('.');
    },

    decrypt(token: string): string {
      try {
        if (typeof token !== 'string') throw new Error(DECRYPT_FAILED);
        const parts = token.split('.');
        if (parts.length !== 5) throw new Error(DECRYPT_FAILED);
        const [version, keyId, ivPart, tagPart, ctPart] = parts as [string, string, string, string, string];
        if (version !== TOKEN_VERSION) throw new Error(DECRYPT_FAILED);
        const key = keys.get(keyId);
        if (!key) throw new Error(DECRYPT_FAILED);
        const iv = decodeB64url(ivPart);
        const tag = decodeB64url(tagPart);
        const ciphertext = decodeB64url(ctPart);
        if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error(DECRYPT_FAILED);
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aadFor(keyId));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        // Swallow the underlying cause: OpenSSL messages can hint at which check failed.
        throw new Error(DECRYPT_FAILED);
      }
    },

    // Anything not sealed under the active key (older key, other version, legacy
    // plaintext) should be re-encrypted; a rotation job will surface genuinely
    // broken tokens when it tries to decrypt them.
    needsRotation(token: string): boolean {
      return typeof token !== 'string' || !token.startsWith(activePrefix);
    },
  };
}

/**
 * phone_name and address_name key the duplicate checks that must not store names with phones or
 * addresses in clear; ip and device key the vote's fraud analytics (clusters of one address or
 * device) without keeping either.
 */
export type BlindIndexKind = 'id_number' | 'phone' | 'phone_name' | 'address_name' | 'otp' | 'ip' | 'device';
const BLIND_INDEX_KINDS: readonly BlindIndexKind[] = [
  'id_number',
  'phone',
  'phone_name',
  'address_name',
  'otp',
  'ip',
  'device',
];

function normaliseForIndex(kind: BlindIndexKind, value: string): string {
  // \s covers the full-width space U+3000 that Chinese IMEs often insert.
  let v = value
    .trim()
    .replace(/[\s\-\u2010-\u2015\uFF0D]/g, '')
    .toUpperCase();
  if (kind === 'phone') {
    v = v.replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, '');
  }
  return v;
}

export function createBlindIndex(key: Buffer): (kind: BlindIndexKind, value: string) => string {
  if (!Buffer.isBuffer(key) || key.length < KEY_BYTES) {
    throw new Error(`blind index key must be at least ${KEY_BYTES} bytes`);
  }
  const k = Buffer.from(key);
  return (kind, value) => {
    if (!BLIND_INDEX_KINDS.includes(kind)) throw new Error(`unknown blind index kind: ${String(kind)}`);
    if (typeof value !== 'string') throw new TypeError('blind index value must be a string');
    // The kind prefix keeps an ID number and a phone with the same digits from colliding.
    return hmacHex(k, `${kind}:${normaliseForIndex(kind, value)}`);
  };
}

export function parseKeyList(spec: string): Record<string, Buffer> {
  if (typeof spec !== 'string' || spec.trim() === '') {
    throw new Error('key list is empty; expected "keyId:BASE64[,keyId:BASE64...]"');
  }
  const result: Record<string, Buffer> = {};
  const items = spec.split(',').map((s) => s.trim());
  items.forEach((item, index) => {
    if (item === '') throw new Error(`key list entry #${index + 1} is empty`);
    const sep = item.indexOf(':');
    if (sep <= 0) throw new Error(`key list entry #${index + 1} must look like "keyId:BASE64"`);
    const id = item.slice(0, sep).trim();
    const material = item.slice(sep + 1).trim();
    assertKeyId(id, `key list entry #${index + 1}`);
    if (Object.prototype.hasOwnProperty.call(result, id))
      throw new Error(`key list has duplicate key id "${id}"`);
    // Accept standard and url-safe alphabets; key material itself never goes into messages.
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(material)) {
      throw new Error(`key "${id}" is not valid base64`);
    }
    const buf = Buffer.from(material.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (buf.length !== KEY_BYTES) {
      throw new Error(`key "${id}" must decode to ${KEY_BYTES} bytes (got ${buf.length})`);
    }
    result[id] = buf;
  });
  return result;
}

export function hmacHex(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

export function sha256Hex(data: string | Buffer): string {
  const hash = createHash('sha256');
  if (typeof data === 'string') hash.update(data, 'utf8');
  else hash.update(data);
  return hash.digest('hex');
}

export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 1024) {
    throw new RangeError('randomToken bytes must be an integer between 1 and 1024');
  }
  return randomBytes(bytes).toString('base64url');
}
