import type { FastifyRequest } from 'fastify';

/**
 * Raw uploads and downloads, the HTTP side shared by every module that takes or gives a file.
 *
 * A body refused for its declared length is still read off the wire (up to `DRAIN_MAX` bytes)
 * before the answer goes out. Fastify closes the connection after a parser error; if the client is
 * still sending, it then sees a broken pipe or a reset instead of the 413 that names the limit, and
 * a worker or a cadre is told "connection lost" rather than "the file is larger than 20 MiB".
 * Reading and discarding the rest costs bandwidth only; past `DRAIN_MAX` the connection is cut.
 */
export const DRAIN_MAX = 64 * 1024 * 1024;

/** The declared length of a request body, or undefined when it was sent without one (chunked). */
export const declaredLength = (req: FastifyRequest): number | undefined => {
  const raw = req.headers['content-length'];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) ? n : undefined;
};

/**
 * Throws `refusal()` when the body declares more than `max` bytes, after reading and discarding
 * the declared body if it is no larger than `DRAIN_MAX` (so the client receives the answer).
 */
export async function refuseDeclaredOversize(
  req: FastifyRequest,
  payload: NodeJS.ReadableStream,
  max: number,
  refusal: () => Error,
): Promise<void> {
  const declared = declaredLength(req);
  if (declared === undefined || declared <= max) return;
  if (declared <= DRAIN_MAX) {
    let seen = 0;
    for await (const chunk of payload as AsyncIterable<Buffer | string>) {
      seen += chunk.length;
      if (seen >= declared) break;
    }
  }
  throw refusal();
}

/**
 * A raw upload as parsed: the bytes sit in a private field so the request guards that walk the
 * body (NUL check) do not walk five million bytes.
 */
export class RawFile {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

/** Reads the whole body into memory, refusing more than `max` bytes with `refusal()`. */
export async function readRaw(
  req: FastifyRequest,
  payload: NodeJS.ReadableStream,
  max: number,
  refusal: () => Error,
): Promise<RawFile> {
  await refuseDeclaredOversize(req, payload, max, refusal);
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const chunk of payload as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    seen += b.length;
    if (seen > max) throw refusal();
    chunks.push(b);
  }
  return new RawFile(Buffer.concat(chunks));
}

// The quoted fallback is for old clients only: anything but plain printable ASCII (and `%`, which
// some decode) becomes `_`; the real name travels in filename* (RFC 6266, RFC 8187).
const asciiName = (name: string) => name.replace(/[^\x20-\x7e]|["\\%]/g, '_');

/** A Content-Disposition for a download: an ASCII fallback and the real (UTF-8) name. */
export const attachment = (name: string, ascii = asciiName(name)) =>
  `attachment; filename="${asciiName(ascii)}"; filename*=UTF-8''${encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )}`;
