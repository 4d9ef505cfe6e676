import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { attachment, DRAIN_MAX, readRaw, refuseDeclaredOversize } from './upload';

const req = (length?: number) =>
  ({ headers: length === undefined ? {} : { 'content-length': String(length) } }) as FastifyRequest;

/** A body of `n` bytes in 64 KiB chunks that counts what was read of it. */
function body(n: number) {
  const read = { bytes: 0 };
  const chunk = Buffer.alloc(64 * 1024, 1);
  let left = n;
  const stream = new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const c = chunk.subarray(0, Math.min(left, chunk.length));
      left -= c.length;
      read.bytes += c.length;
      this.push(c);
    },
  });
  return { stream, read };
}

const refusal = () => new Error('too large');

describe('refuseDeclaredOversize', () => {
  it('lets a body within the limit, or without a declared length, through unread', async () => {
    for (const length of [undefined, 0, 1000]) {
      const b = body(1000);
      await refuseDeclaredOversize(req(length), b.stream, 1000, refusal);
      expect(b.read.bytes).toBe(0);
    }
  });

  it('reads a declared-oversize body to its end before refusing, so the client gets the answer', async () => {
    const b = body(3_000_000);
    await expect(refuseDeclaredOversize(req(3_000_000), b.stream, 1_000_000, refusal)).rejects.toThrow(
      'too large',
    );
    expect(b.read.bytes).toBe(3_000_000);
  });

  it('refuses at once, reading nothing, a body declared over DRAIN_MAX', async () => {
    const b = body(1_000_000);
    await expect(refuseDeclaredOversize(req(DRAIN_MAX + 1), b.stream, 1000, refusal)).rejects.toThrow();
    expect(b.read.bytes).toBe(0);
  });
});

describe('readRaw', () => {
  it('refuses a body that runs past the limit without declaring its length', async () => {
    await expect(readRaw(req(), body(5000).stream, 4000, refusal)).rejects.toThrow('too large');
    expect((await readRaw(req(), body(4000).stream, 4000, refusal)).bytes.length).toBe(4000);
  });
});

describe('attachment', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(attachment('摸排导入模板.xlsx', 'screening-template.xlsx')).toBe(
      `attachment; filename="screening-template.xlsx"; filename*=UTF-8''${encodeURIComponent('摸排导入模板.xlsx')}`,
    );
    expect(attachment('证明 (1).pdf')).toBe(
      `attachment; filename="__ (1).pdf"; filename*=UTF-8''%E8%AF%81%E6%98%8E%20%281%29.pdf`,
    );
  });
});
