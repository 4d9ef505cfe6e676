import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text-like files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.svg',
  '.json',
  '.txt',
  '.xml',
  '.webmanifest',
  '.map',
]);
/** Below this a compressed answer saves less than its headers cost. */
const MIN_BYTES = 1024;

export interface PrecompressResult {
  files: number;
  bytesIn: number;
  gzipBytes: number;
  brotliBytes: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
}

/**
 * Writes `file.gz` (gzip -9) and `file.br` (brotli 11) beside every compressible file of a built
 * web app, so the server sends them as they are (`@fastify/static` `preCompressed`) instead of
 * compressing on every request. A variant that would not be smaller is not written. Run by the
 * Vite build (vite.config.ts) after the bundle is written.
 */
export function precompressDir(dir: string): PrecompressResult {
  const result: PrecompressResult = { files: 0, bytesIn: 0, gzipBytes: 0, brotliBytes: 0 };
  for (const file of walk(dir)) {
    if (!COMPRESSIBLE.has(extname(file).toLowerCase())) continue;
    if (statSync(file).size < MIN_BYTES) continue;
    const raw = readFileSync(file);
    const gz = gzipSync(raw, { level: 9 });
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
    if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
    if (br.length < raw.length) writeFileSync(`${file}.br`, br);
    result.files++;
    result.bytesIn += raw.length;
    result.gzipBytes += Math.min(gz.length, raw.length);
    result.brotliBytes += Math.min(br.length, raw.length);
  }
  return result;
}
