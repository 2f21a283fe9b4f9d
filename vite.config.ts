import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { postgresRun } from './db/postgres/test-run.ts';

const page = (name: string) => resolve(import.meta.dirname, 'liff-app', name, 'index.html');

/**
 * One Vite multi-page app for everything that runs in a browser (the member mini-app, the counter and the console,
 * each an entry over liff-app/src: ADR 21), and the one Vitest config: Node for the server side, a DOM for the pages.
 */
/**
 * Writes a .br and a .gz beside every built script, stylesheet and page, at the highest levels: the server sends
 * them to browsers that accept them (@fastify/static `preCompressed`), so nothing is compressed per request.
 */
function precompressed(): Plugin {
  let outDir = '';
  return {
    name: 'precompressed',
    apply: 'build',
    configResolved: (config) => {
      outDir = config.build.outDir;
    },
    closeBundle() {
      for (const file of readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
        if (!/\.(js|css|html|svg|wasm)$/.test(file)) continue;
        const path = join(outDir, file);
        const bytes = readFileSync(path);
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/** The server's tests, run on SQLite always and on PostgreSQL when TEST_DATABASE_URL names a server. */
const serverTests = ['bot/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts'];
const postgres = await postgresRun(process.env);
/**
 * Tests start processes, hash passwords, open databases and drive Chromium: on a machine whose other core is busy
 * they take longer, and none of them may fail for it. A test that hangs still fails, after a minute.
 */
const patience = { testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  root: 'liff-app',
  // The server serves the built pages under /liff/ (bot/plugins/liff-pages.ts).
  base: '/liff/',
  plugins: [react(), precompressed()],
  build: {
    // LINE's in-app browsers support modulepreload natively; the polyfill would only add to the card's budget.
    modulePreload: { polyfill: false },
    target: 'es2022',
    outDir: resolve(import.meta.dirname, 'dist/liff-app'),
    emptyOutDir: true,
    rollupOptions: {
      // Six hash characters (64^6 names) bust caches as well as eight; each lazy chunk's name is in the card's
      // entry, and hash characters do not compress (ADR 10).
      output: { chunkFileNames: 'assets/[name]-[hash:6].js' },
      input: {
        member: page('member'),
        // The terms and the privacy policy the join form links to (bot/domain/consent.ts): plain HTML, no script.
        'member-terms': resolve(import.meta.dirname, 'liff-app/member/terms.html'),
        'member-privacy': resolve(import.meta.dirname, 'liff-app/member/privacy.html'),
        // The console (liff-app/src/app/console): an ordinary web page, no LIFF.
        staff: page('staff'),
        // The counter (liff-app/src/app/counter): purchases, after a staff sign-in.
        clerk: page('clerk'),
      },
    },
  },
  test: {
    root: '.',
    // Vitest's default leaves one of the machine's two cores idle; the tests wait on databases, processes and
    // Chromium more than they compute, so two at a time cut the suite by about a third (measured: bot/domain
    // 52 s with one, 34 s with two, 35 s with three). They must pass with the other core busy anyway.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          ...patience,
          include: [...serverTests, 'line-stand-in/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'db/postgres/**'],
        },
      },
      // The same tests on PostgreSQL: '#db/dialect/…' resolves to db/postgres (package.json "imports").
      ...(postgres
        ? [
            {
              extends: true,
              resolve: { conditions: postgres.conditions },
              ssr: { resolve: { conditions: postgres.conditions } },
              test: {
                name: 'server-postgres',
                environment: 'node',
                ...patience,
                include: serverTests,
                exclude: ['**/node_modules/**', 'db/sqlite/**'],
                env: { TEST_DATABASE_URL: postgres.url },
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'pages',
          environment: 'happy-dom',
          // Page tests sign in against a product process they start (liff-app/src/testing/product.ts).
          ...patience,
          setupFiles: ['liff-app/src/testing/setup.ts'],
          include: ['liff-app/**/*.test.{ts,tsx}', 'line-stand-in/phone/**/*.test.tsx'],
          exclude: ['**/node_modules/**', '**/.git/**', 'liff-app/browser/**'],
        },
      },
      {
        extends: true,
        test: {
          // Real Chromium against the real server and the built pages (liff-app/browser/chromium.ts).
          name: 'browser',
          environment: 'node',
          ...patience,
          include: ['liff-app/browser/**/*.browser.test.ts'],
        },
      },
    ],
  },
});
