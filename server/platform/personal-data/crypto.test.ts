import { randomBytes } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { createBlindIndex, createFieldCipher, hmacHex, parseKeyList, randomToken, sha256Hex } from './crypto';

const k1 = Buffer.alloc(32, 1);
const k2 = Buffer.alloc(32, 2);

function flipChar(part: string, index: number): string {
  const c = part[index];
  const replacement = c === 'A' ? 'B' : 'A';
  return part.slice(0, index) + replacement + part.slice(index + 1);
}

describe('createFieldCipher', () => {
  const cipher = createFieldCipher({ keys: { k1 }, activeKeyId: 'k1' });

  it('round-trips ASCII, Chinese text and the empty string', () => {
    for (const plain of ['hello', '张三 北京市朝阳区建国路 88 号', '', '😀 emoji', '11010519491231002X']) {
      const token = cipher.encrypt(plain);
      expect(token.startsWith('v1.k1.')).toBe(true);
      expect(token.split('.')).toHaveLength(5);
      expect(token).not.toContain(plain === '' ? '\u0000' : plain);
      expect(cipher.decrypt(token)).toBe(plain);
    }
  });

  it('uses a fresh IV for every encryption', () => {
    const a = cipher.encrypt('same');
    const b = cipher.encrypt('same');
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(Buffer.from(a.split('.')[2] ?? '', 'base64url')).toHaveLength(12);
  });

  it('keeps decrypting old tokens after a new active key is added', () => {
    const oldToken = cipher.encrypt('身份证号');
    const rotated = createFieldCipher({ keys: { k1, k2 }, activeKeyId: 'k2' });
    expect(rotated.activeKeyId).toBe('k2');
    expect(rotated.decrypt(oldToken)).toBe('身份证号');
    expect(rotated.needsRotation(oldToken)).toBe(true);
    const fresh = rotated.encrypt('身份证号');
    expect(fresh.startsWith('v1.k2.')).toBe(true);
    expect(rotated.needsRotation(fresh)).toBe(false);
    expect(cipher.needsRotation(oldToken)).toBe(false);
  });

  it('fails with a generic message for unknown key ids', () => {
    const other = createFieldCipher({ keys: { k2 }, activeKeyId: 'k2' });
    const token = cipher.encrypt('secret-value');
    expect(() => other.decrypt(token)).toThrow(/^field decryption failed$/);
  });

  it('detects tampering with ciphertext, tag, iv or key id', () => {
    const token = cipher.encrypt('tamper me please');
    const parts = token.split('.');
    const variants = [
      [parts[0], parts[1], parts[2], parts[3], flipChar(parts[4] ?? '', 0)],
      [parts[0], parts[1], parts[2], flipChar(parts[3] ?? '', 0), parts[4]],
      [parts[0], parts[1], flipChar(parts[2] ?? '', 0), parts[3], parts[4]],
      [parts[0], parts[1], parts[2], parts[3], `${parts[4] ?? ''}AA`],
      ['v2', parts[1], parts[2], parts[3], parts[4]],
      [parts[0], parts[1], parts[2], parts[3]],
    ];
    for (const v of variants) {
      expect(() => cipher.decrypt(v.join('.'))).toThrow('field decryption failed');
    }
    // Re-labelling with another known key id must also fail (AAD binds the id).
    const both = createFieldCipher({ keys: { k1, k2: k1 }, activeKeyId: 'k1' });
    expect(() => both.decrypt([parts[0], 'k2', parts[2], parts[3], parts[4]].join('.'))).toThrow(
      'field decryption failed',
    );
  });

  it('flipping a raw ciphertext byte is detected', () => {
    const token = cipher.encrypt('byte flip');
    const parts = token.split('.');
    const ct = Buffer.from(parts[4] ?? '', 'base64url');
    ct[0] = (ct[0] ?? 0) ^ 0x01;
    parts[4] = ct.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow('field decryption failed');
  });

  it('never leaks the token or plaintext in error messages', () => {
    const token = cipher.encrypt('13812345678');
    const broken = `${token}x!`;
    try {
      cipher.decrypt(broken);
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toBe('field decryption failed');
    }
    expect(() => cipher.decrypt('garbage')).toThrow('field decryption failed');
  });

  it('rejects bad configuration', () => {
    expect(() => createFieldCipher({ keys: { k1: Buffer.alloc(16) }, activeKeyId: 'k1' })).toThrow(
      /32 bytes/,
    );
    expect(() => createFieldCipher({ keys: { k1 }, activeKeyId: '' })).toThrow(/activeKeyId/);
    expect(() => createFieldCipher({ keys: { k1 }, activeKeyId: 'k9' })).toThrow(/activeKeyId/);
    expect(() => createFieldCipher({ keys: {}, activeKeyId: 'k1' })).toThrow(/at least one key/);
    expect(() => createFieldCipher({ keys: { 'bad.id': k1 }, activeKeyId: 'bad.id' })).toThrow(/key id/);
  });
});

describe('createBlindIndex', () => {
  const index = createBlindIndex(randomBytes(32));

  it('treats a trailing x and X the same for ID numbers', () => {
    expect(index('id_number', '11010519491231002x')).toBe(index('id_number', '11010519491231002X'));
    expect(index('id_number', ' 110105 1949-1231-002X ')).toBe(index('id_number', '11010519491231002X'));
    expect(index('id_number', '11010519491231002X')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('normalises +86 prefixes and separators on phones', () => {
    const base = index('phone', '13812345678');
    expect(index('phone', '+86 138-1234-5678')).toBe(base);
    expect(index('phone', '8613812345678')).toBe(base);
    expect(index('phone', '13812345679')).not.toBe(base);
  });

  it('differs across kinds and keys', () => {
    const other = createBlindIndex(randomBytes(32));
    expect(index('phone', '13812345678')).not.toBe(index('id_number', '13812345678'));
    expect(other('phone', '13812345678')).not.toBe(index('phone', '13812345678'));
  });

  it('requires a key of at least 32 bytes', () => {
    expect(() => createBlindIndex(Buffer.alloc(31))).toThrow(/32 bytes/);
    expect(() => createBlindIndex(Buffer.alloc(64))).not.toThrow();
  });
});

describe('parseKeyList', () => {
  it('parses keyId:BASE64 pairs', () => {
    const spec = `k1:${k1.toString('base64')}, k2:${k2.toString('base64url')}`;
    const keys = parseKeyList(spec);
    expect(Object.keys(keys)).toEqual(['k1', 'k2']);
    expect(keys.k1?.equals(k1)).toBe(true);
    expect(keys.k2?.equals(k2)).toBe(true);
  });

  it('gives clear errors without echoing key material', () => {
    expect(() => parseKeyList('')).toThrow(/empty/);
    expect(() => parseKeyList('k1')).toThrow(/keyId:BASE64/);
    expect(() => parseKeyList(`k1:${Buffer.alloc(16).toString('base64')}`)).toThrow(/32 bytes \(got 16\)/);
    expect(() => parseKeyList('k1:not base64!')).toThrow(/not valid base64/);
    const dup = `k1:${k1.toString('base64')},k1:${k2.toString('base64')}`;
    expect(() => parseKeyList(dup)).toThrow(/duplicate/);
    const material = k1.toString('base64');
    try {
      parseKeyList(`${material}:k1`);
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain(material);
    }
  });
});

describe('hash helpers', () => {
  it('computes known digests', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(Buffer.from('abc'))).toBe(sha256Hex('abc'));
    // RFC 4231 test case 2
    expect(hmacHex(Buffer.from('Jefe'), 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('randomToken is base64url and unique', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
    expect(Buffer.from(randomToken(16), 'base64url')).toHaveLength(16);
    expect(() => randomToken(0)).toThrow(RangeError);
  });
});
