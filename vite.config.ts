import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { precompressDir } from './server/platform/http/precompress';

const API_TARGET = process.env.UC_API_TARGET ?? 'http://localhost:3000';

// Our own modules live in web/api/ too, so the dev server asks for /api/client.ts: everything under
// /api/ goes to the API server except TypeScript sources (with or without a ?t= HMR query).
const API_PATHS = '^/api/(?![^?]*\\.tsx?(\\?|$))';
const apiProxy = { [API_PATHS]: { target: API_TARGET, changeOrigin: false } };

/** The packages of antd and its helpers, as a regular-expression alternation. */
const ANTD_PACKAGES =
  '(antd|@ant-design|@rc-component|rc-[^\\\\/]+|dayjs|@emotion|stylis|clsx|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|json2mq|string-convert|@babel[\\\\/]runtime)';
/**
 * antd parts that only some pages use (date pickers, timelines, tabs, descriptions…): kept out
 * of the shared antd chunk so the login screen does not load them. Their locale files stay in:
 * antd's zh_CN locale imports them.
 */
const PAGE_ONLY_ANTD =
  '(antd[\\\\/]es[\\\\/](date-picker|time-picker|calendar|timeline|steps|descriptions|tabs|statistic|list|input-number|tree|tree-select|cascader)[\\\\/](?!locale)|@rc-component[\\\\/](picker|steps|tabs|input-number|mini-decimal|tree|tree-select|cascader)[\\\\/])';

const page = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** A module id's path with forward slashes (the groups' tests below read ids as paths). */
const slashed = (id: string) => id.replaceAll('\\', '/');
/**
 * What every app's first load shares: the API client, the session's hooks, the contracts they
 * parse with and Vite's preload helper — one chunk instead of three (each chunk's imports and
 * exports cost bytes, and gzip starts afresh in each file). Not web/i18n/core.ts: the vote pages
 * (no API client, no zod) load that one.
 */
const APP_CORE =
  /(\/web\/api\/(client|query-client)\.ts|\/web\/components\/session\/hooks\.ts|\/contracts\/(auth|common|numbers)\.ts|vite\/preload-helper(\.js)?)$/;
/**
 * The phone pages' shell beyond the entry: the offline queue's store, database, change feed, syncer
 * and hooks, the shell's words, and idb under them (the back office's screening page, which reuses
 * the phone form, loads them too).
 */
const PHONE_CORE =
  /(\/web\/mobile\/kit\/offline\/(db|feed|store|syncer|hooks)\.ts|\/web\/mobile\/texts\.ts|\/node_modules\/idb\/.*)$/;
/**
 * The phone forms' shared pieces, one chunk: the kit's fields and fieldsets, the one-time code,
 * the screening form's model and words, and the assistance labels. The request form, the screening form and the self-test each use most of them;
 * apart they were a dozen small chunks. Not the queue's panel and conflict view: the request form
 * and the screening form show neither.
 */
const PHONE_FORMS =
  /(\/web\/mobile\/kit\/(field|page|controls|yuan-input|cause-chips|head-fields|card-list|member-fieldset|need-fieldset|bounds|otp)\.tsx?|\/web\/mobile\/assistance\/(form-model|texts|use-form-edits)\.ts|\/web\/features\/assistance\/core\/labels\.ts)$/;
/**
 * The assistance contracts (the response schemas every help page's queue sender and every form
 * parses with), the organisation's and money: one chunk, apart from the forms' pieces above so
 * /m/help's choices do not bring the fieldsets.
 */
const PHONE_DATA = /(\/contracts\/(assistance|organisation)\.ts|\/web\/components\/money\/money\.ts)$/;

/**
 * The phone pages (web/mobile/, a second entry without antd) live at /m: the built page moves
 * from dist/web/mobile/index.html to dist/web/m/index.html, and the dev server answers /m/* with
 * it, as the API server does in production.
 */
function phonePagesAtM(): Plugin {
  return {
    name: 'uc-phone-pages-at-m',
    enforce: 'post',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url ?? '').split('?')[0];
        if (/^\/m(\/[^.]*)?$/.test(path)) req.url = '/mobile/index.html';
        next();
      });
    },
    generateBundle(_options, bundle) {
      const html = bundle['mobile/index.html'];
      if (html?.type !== 'asset') return;
      delete bundle['mobile/index.html'];
      this.emitFile({ type: 'asset', fileName: 'm/index.html', source: html.source });
    },
  };
}

/**
 * The public vote pages (web/vote/, a third entry in Preact: no React, no antd) live at /v, as the
 * phone pages live at /m: the built page moves from dist/web/vote/index.html to
 * dist/web/v/index.html and the dev server answers /v/* with it.
 */
function votePagesAtV(): Plugin {
  return {
    name: 'uc-vote-pages-at-v',
    enforce: 'post',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url ?? '').split('?')[0];
        if (/^\/v(\/[^.]*)?$/.test(path)) req.url = '/vote/index.html';
        next();
      });
    },
    generateBundle(_options, bundle) {
      const html = bundle['vote/index.html'];
      if (html?.type !== 'asset') return;
      delete bundle['vote/index.html'];
      this.emitFile({ type: 'asset', fileName: 'v/index.html', source: html.source });
    },
  };
}

/** Vite's manifest (dist/web/.vite/manifest.json): what each source file was built into. */
type ViteManifest = Record<
  string,
  { file: string; css?: string[]; assets?: string[]; imports?: string[]; dynamicImports?: string[] }
>;

/** Every built file the phone pages can load: the /m entry, its imports and its lazy pages, with CSS. */
function phoneFiles(outDir: string): Set<string> {
  const manifest = JSON.parse(readFileSync(resolve(outDir, '.vite/manifest.json'), 'utf8')) as ViteManifest;
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    for (const f of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(f);
    for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(k);
  };
  visit('mobile/index.html');
  if (files.size === 0) throw new Error('the Vite manifest has no mobile/index.html');
  return files;
}

/**
 * The installable phone pages (issue 11): a Workbox service worker generated at /m/sw.js whose scope
 * is /m/ only, so the back office never has one. It precaches what the phone pages load (never the
 * back office's antd chunks), answers /m/* navigations with the /m page when the network is gone,
 * and caches no API answer at run time: they hold personal data. The new version waits for the
 * person's tap (registerType 'prompt', web/mobile/kit/update-prompt.tsx).
 */
function phonePwa(): Plugin[] {
  let outDir = '';
  return [
    {
      name: 'uc-phone-pwa-out-dir',
      apply: 'build',
      configResolved(config) {
        outDir = resolve(config.root, config.build.outDir);
      },
    },
    ...VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      // Registered by the update prompt through virtual:pwa-register, on the phone pages only.
      injectRegister: false,
      filename: 'm/sw.js',
      manifestFilename: 'm/manifest.webmanifest',
      scope: '/m/',
      includeAssets: ['favicon.svg', 'm/apple-touch-icon.png'],
      integration: {
        // The manifest, the icons and favicon.svg are added apart from the build's files, after
        // modifyURLPrefix: they too are addressed from the root.
        beforeBuildServiceWorker(options) {
          options.workbox.additionalManifestEntries = options.workbox.additionalManifestEntries?.map((e) =>
            typeof e === 'string'
              ? `/${e.replace(/^\//, '')}`
              : { ...e, url: `/${e.url.replace(/^\//, '')}` },
          );
        },
      },
      manifest: {
        id: '/m/',
        name: '职工服务 · 爱心联盟',
        short_name: '职工服务',
        description: '爱心联盟的职工求助与摸排页面：离线也能填写，联网后同步。',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/m/',
        scope: '/m/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#c8102e',
        background_color: '#f5f5f5',
        icons: [
          { src: '/m/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/m/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/m/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['assets/*.{js,css}', 'm/index.html'],
        // The worker lives in m/: its precache addresses are from the site's root, not from m/.
        modifyURLPrefix: { '': '/' },
        manifestTransforms: [
          (entries) => {
            const phone = phoneFiles(outDir);
            return {
              manifest: entries.filter((e) => !e.url.startsWith('/assets/') || phone.has(e.url.slice(1))),
              warnings: [],
            };
          },
        ],
        navigateFallback: '/m/index.html',
        navigateFallbackAllowlist: [/^\/m(\/|$)/],
        navigateFallbackDenylist: [/^\/api(\/|$)/],
        // Reference data the form needs with no signal, holding nothing about any person: the
        // divisions (street pickers), the organisation tree (the screener's county) and the
        // campaigns. Fresh from the network when there is one (3 s), else the last copy. Nothing
        // else from /api is ever cached: answers about households hold personal data.
        runtimeCaching: [
          {
            urlPattern: ({ url, request }) =>
              request.method === 'GET' && /^\/api\/(divisions|orgs|campaigns)(\/|\?|$)/.test(url.pathname),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'uc-reference-data',
              networkTimeoutSeconds: 3,
              expiration: { maxEntries: 200, maxAgeSeconds: 30 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
        inlineWorkboxRuntime: true,
        cleanupOutdatedCaches: true,
      },
    }),
    {
      // vite-plugin-pwa links the manifest from every page it builds: the back office keeps none.
      name: 'uc-phone-pwa-manifest-link',
      apply: 'build',
      enforce: 'post',
      transformIndexHtml: {
        order: 'post',
        handler(html, ctx) {
          if (ctx.path.endsWith('/mobile/index.html')) return html;
          return html.replace(/<link rel="manifest"[^>]*>/g, '');
        },
      },
    },
  ];
}

/**
 * gzip and brotli copies of the built text files (`app.js.gz`, `app.js.br`) for the server to send
 * as they are (@fastify/static `preCompressed`): compressed once here at the highest levels
 * instead of on every request.
 */
function precompressed(): Plugin {
  let outDir = '';
  return {
    name: 'uc-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const r = precompressDir(outDir);
      this.info?.(
        `precompressed ${r.files} files: ${r.bytesIn} B → gzip ${r.gzipBytes} B, brotli ${r.brotliBytes} B`,
      );
    },
  };
}

// Vite's config loader wants a default export; everything else in the repo uses named exports.
export default defineConfig({
  root: 'web',
  // web/vote/ is Preact (per-file `@jsxImportSource preact`): React's Fast Refresh stays out of it.
  plugins: [
    react({ exclude: [/[\\/]web[\\/]vote[\\/]/, /[\\/]node_modules[\\/]/] }),
    phonePagesAtM(),
    votePagesAtV(),
    ...phonePwa(),
    precompressed(),
  ],
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // dist/web/.vite/manifest.json: which chunks each entry loads, for bench/frontend.ts.
    manifest: true,
    // Every browser the phone pages support follows <link rel="modulepreload">; one that does not
    // still loads each module through its imports, a little later: the polyfill is not shipped.
    modulePreload: { polyfill: false },
    // The shared antd chunk is about 850 kB minified (about 275 kB gzipped); it is cached apart from
    // our code, so the default 500 kB warning would only be noise.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      input: {
        main: page('./web/index.html'),
        mobile: page('./web/mobile/index.html'),
        vote: page('./web/vote/index.html'),
      },
      output: {
        // Vendor code changes far less often than ours: separate chunks stay cached across releases.
        // antd parts that only some pages use (PAGE_ONLY_ANTD) stay in those pages' lazy chunks or
        // in chunks Rolldown shares between them, so the login screen does not pay for them. React,
        // the router, the query cache and zod are apart so the phone pages (no router, no antd)
        // take only what they use.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 4 },
            {
              name: 'router',
              test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/,
              priority: 3,
            },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 3 },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 3 },
            // The words' core and nothing else: the vote pages load it, and a group below would
            // otherwise take it in with the phone's words (groups take their modules' imports).
            { name: 'core', test: (id) => /\/web\/i18n\/core\.ts$/.test(slashed(id)), priority: 4 },
            { name: 'app-core', test: (id) => APP_CORE.test(slashed(id)), priority: 3 },
            { name: 'phone-core', test: (id) => PHONE_CORE.test(slashed(id)), priority: 3 },
            // Only the modules named (not what they import: the number helpers and the field paths
            // that the help queue's sender needs stay out, in chunks of their own).
            {
              name: 'phone-forms',
              test: (id) => PHONE_FORMS.test(slashed(id)),
              priority: 3,
              includeDependenciesRecursively: false,
            },
            // Before phone-forms, which would take these in as its model's imports; only the three
            // modules themselves (their imports are the shared chunks above: zod, the API client).
            {
              name: 'phone-data',
              test: (id) => PHONE_DATA.test(slashed(id)),
              priority: 4,
              includeDependenciesRecursively: false,
            },
            {
              name: 'antd',
              test: new RegExp(`node_modules[\\\\/](?!${PAGE_ONLY_ANTD})${ANTD_PACKAGES}[\\\\/]`),
              priority: 2,
              minShareCount: 2,
            },
            // Not in a group: antd parts only some pages use, which Rolldown shares between them.
            {
              name: 'vendor',
              test: new RegExp(`node_modules[\\\\/](?!${PAGE_ONLY_ANTD})`),
              priority: 1,
              minShareCount: 2,
            },
          ],
        },
      },
    },
  },
});
