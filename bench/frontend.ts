/**
 * Front end weight: the JavaScript each entry point ships, gzipped (level 9) and brotli
 * (quality 11), walked from Vite's manifest (dist/web/.vite/manifest.json, `build.manifest`):
 *
 * - back office first load: index.html's entry script and every chunk it imports statically;
 *   also with the login route's lazy chunk, what a signed-out visitor actually downloads;
 * - phone pages (/m): web/mobile/index.html's entry and its static imports;
 * - public vote pages (/v, the candidate list): web/vote/index.html's entry (Preact) and its
 *   static imports — the whole app of the vote pages, so the candidate list loads no more;
 * - every other chunk (lazy: routes, the dashboard's ECharts core…), largest first.
 *
 * Goals: ≤ 500 KB back office, ≤ 150 KB phone pages, ≤ 60 KB the vote's candidate list (gzipped). The same-run reference is
 * react + react-dom alone: a one-line React app built with Vite in /tmp in this run.
 * Prints figures; never passes or fails on size.
 *
 *   npm run bench -- frontend [--no-build]
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'vite';
import { closure, flag, kb, log, ratio, sizeOf, sumSizes, table, type Manifest, type Size } from './lib';

const DIST = resolve('dist/web');
const MANIFEST = join(DIST, '.vite/manifest.json');
const GOALS = { backOffice: 500 * 1024, phone: 150 * 1024, vote: 60 * 1024 };

/** react + react-dom alone, built with Vite in a scratch folder under /tmp, in this run. */
async function reactAlone(): Promise<Size> {
  const dir = '/tmp/unioncare-bench-react-alone';
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/main.js"></script></body></html>',
  );
  writeFileSync(
    join(dir, 'main.js'),
    "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\n" +
      "createRoot(document.getElementById('root')).render(createElement('p', null, 'hello'));\n",
  );
  await build({
    root: dir,
    configFile: false,
    logLevel: 'warn',
    build: { outDir: join(dir, 'dist'), emptyOutDir: true },
  });
  const assets = join(dir, 'dist/assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const size = sumSizes(js, assets);
  rmSync(dir, { recursive: true, force: true });
  return size;
}

async function main() {
  if (!flag('no-build')) {
    const t0 = performance.now();
    await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { manifest: true } });
    log(`built dist/web in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  } catch {
    throw new Error(`no ${MANIFEST}: build first (drop --no-build), with build.manifest in vite.config.ts`);
  }
  log(`manifest: ${MANIFEST} (built ${statSync(MANIFEST).mtime.toISOString()})`);
  const react = await reactAlone();

  const backOffice = closure(manifest, ['index.html']);
  const loginKey = Object.keys(manifest).find((k) => /features\/auth\/login-page\.tsx$/.test(k));
  const signedOut = loginKey ? closure(manifest, [loginKey], new Set(backOffice)) : backOffice;
  const phone = closure(manifest, ['mobile/index.html']);
  const vote = closure(manifest, ['vote/index.html']);
  const firstLoad = new Set([...backOffice, ...phone, ...vote]);

  const bo = sumSizes(backOffice, DIST);
  const bl = sumSizes(signedOut, DIST);
  const ph = sumSizes(phone, DIST);
  const vo = sumSizes(vote, DIST);
  log();
  table(
    ['entry point (JS)', 'files', 'raw', 'gzip', 'brotli', 'gzip vs goal', 'gzip vs react+react-dom'],
    [
      [
        'back office first load',
        backOffice.size,
        kb(bo.raw),
        kb(bo.gzip),
        kb(bo.brotli),
        `${ratio(bo.gzip, GOALS.backOffice)} of 500 KB`,
        ratio(bo.gzip, react.gzip),
      ],
      [
        '  + login route (signed out)',
        signedOut.size,
        kb(bl.raw),
        kb(bl.gzip),
        kb(bl.brotli),
        `${ratio(bl.gzip, GOALS.backOffice)} of 500 KB`,
        ratio(bl.gzip, react.gzip),
      ],
      [
        'phone pages (/m)',
        phone.size,
        kb(ph.raw),
        kb(ph.gzip),
        kb(ph.brotli),
        `${ratio(ph.gzip, GOALS.phone)} of 150 KB`,
        ratio(ph.gzip, react.gzip),
      ],
      [
        'vote pages (/v, candidate list; Preact)',
        vote.size,
        kb(vo.raw),
        kb(vo.gzip),
        kb(vo.brotli),
        `${ratio(vo.gzip, GOALS.vote)} of 60 KB`,
        ratio(vo.gzip, react.gzip),
      ],
      [
        'react + react-dom alone (same run)',
        '',
        kb(react.raw),
        kb(react.gzip),
        kb(react.brotli),
        '',
        '1.00×',
      ],
    ],
  );

  log('\nfirst-load files:');
  table(
    ['file', 'back office', 'phone', 'vote', 'raw', 'gzip'],
    [...firstLoad]
      .map((f) => ({ f, s: sizeOf(join(DIST, f)) }))
      .sort((a, b) => b.s.gzip - a.s.gzip)
      .map(({ f, s }) => [
        f,
        backOffice.has(f) ? 'yes' : '',
        phone.has(f) ? 'yes' : '',
        vote.has(f) ? 'yes' : '',
        kb(s.raw),
        kb(s.gzip),
      ]),
  );

  const lazy = [
    ...new Map(
      Object.values(manifest)
        .filter((c) => c.file.endsWith('.js') && !firstLoad.has(c.file))
        .map((c) => [c.file, c]),
    ).values(),
  ]
    .map((c) => ({ c, s: sizeOf(join(DIST, c.file)) }))
    .sort((a, b) => b.s.gzip - a.s.gzip);
  const lz = sumSizes(
    lazy.map((l) => l.c.file),
    DIST,
  );
  log(`\nlazy chunks (${lazy.length}, ${kb(lz.gzip)} gzipped in all), largest first:`);
  table(
    ['file', 'source', 'raw', 'gzip', 'brotli'],
    lazy.map(({ c, s }) => [
      c.file,
      c.src ?? (c.isDynamicEntry ? '' : '(shared)'),
      kb(s.raw),
      kb(s.gzip),
      kb(s.brotli),
    ]),
  );
}

await main();
