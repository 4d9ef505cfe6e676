import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
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
  plugins: [react(), phonePagesAtM(), precompressed()],
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // dist/web/.vite/manifest.json: which chunks each entry loads, for bench/frontend.ts.
    manifest: true,
    // The shared antd chunk is about 850 kB minified (about 275 kB gzipped); it is cached apart from
    // our code, so the default 500 kB warning would only be noise.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      input: { main: page('./web/index.html'), mobile: page('./web/mobile/index.html') },
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
