import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Transform, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errorCodes, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import { attachment, refuseDeclaredOversize } from './upload';

/**
 * Excel workbooks over HTTP, for every system's import and export: a raw xlsx body spooled to a
 * private temp file (never whole in memory), and a streamed xlsx download.
 */
// ---- the raw workbook upload ----

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The body of an xlsx upload once spooled: a temp file the import service takes over. */
export interface Upload {
  kind: 'xlsx-upload';
  path: string;
  dir: string;
  /** Set when the service owns the file; otherwise the response hook removes it. */
  claimed: boolean;
}

export const isUpload = (body: unknown): body is Upload =>
  typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'xlsx-upload';

function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      seen += chunk.length;
      if (seen > max) cb(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      else cb(null, chunk);
    },
  });
}

/** Streams the request body to a private temp file, refusing more than `max` bytes (413). */
export async function spool(
  req: FastifyRequest,
  payload: NodeJS.ReadableStream,
  max: number,
): Promise<Upload> {
  await refuseDeclaredOversize(req, payload, max, () => new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
  const dir = await mkdtemp(join(tmpdir(), 'unioncare-import-'));
  const path = join(dir, 'upload.xlsx');
  try {
    await pipeline(payload, byteLimit(max), createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return { kind: 'xlsx-upload', path, dir, claimed: false };
}

/**
 * Streams a workbook written by `write` as a download. Errors before the first byte (permission,
 * a filter that is too wide) still leave as problem+json; later ones end the stream.
 */
export async function download(
  reply: FastifyReply,
  names: { ascii: string; utf8: string },
  write: (out: Writable) => Promise<unknown>,
) {
  const out = new PassThrough();
  const done = write(out);
  await Promise.race([done, new Promise((resolve) => out.once('readable', resolve))]);
  done.catch((err: unknown) => out.destroy(err as Error));
  return reply
    .type(XLSX_TYPE)
    .header('content-disposition', attachment(names.utf8, names.ascii))
    .header('cache-control', 'no-store')
    .send(out);
}

/**
 * Registers the xlsx body parser (at most `maxBytes`) on a plugin and removes any upload its
 * route did not take over.
 */
export function acceptXlsxUploads(app: FastifyInstance, maxBytes: number): void {
  app.addContentTypeParser(XLSX_TYPE, (req: FastifyRequest, payload: NodeJS.ReadableStream) =>
    spool(req, payload, maxBytes),
  );
  app.addHook('onResponse', async (req) => {
    if (isUpload(req.body) && !req.body.claimed) await rm(req.body.dir, { recursive: true, force: true });
  });
}

/** The upload of an xlsx route's body, or 415. */
export function requireUpload(body: unknown): Upload {
  if (!isUpload(body)) {
    throw new AppError(
      'request.unsupported_media_type',
      415,
      `send the workbook as the body with content-type ${XLSX_TYPE}`,
    );
  }
  return body;
}
