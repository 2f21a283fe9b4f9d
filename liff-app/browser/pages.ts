import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { onTestFinished } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const VITE = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');

/** One chunk of Vite's manifest (https://vite.dev/guide/backend-integration). */
export interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface BuiltPages {
  /** What the server serves under /liff/ (LIFF_PAGES_DIR in production). */
  dir: string;
  /** Vite's manifest: entries, their chunks and what each imports. */
  manifest: () => Record<string, ManifestChunk>;
  remove: () => void;
}

/**
 * Builds the LIFF pages as `npm run build` does (vite.config.ts, production mode), into a fresh temporary
 * folder: never stale, whatever changed since the last `npm run build`, and it leaves dist/ (which a running
 * demo may be serving) alone. Under a second. Run as its own process because Vitest sets NODE_ENV=test, and a
 * Vite build in that environment would bundle React's development build.
 */
export async function buildPages(): Promise<BuiltPages> {
  const dir = mkdtempSync(join(tmpdir(), 'liff-pages-'));
  const { NODE_ENV: _testEnv, ...env } = process.env;
  const args = [VITE, 'build', '--logLevel', 'warn', '--outDir', dir, '--emptyOutDir', '--manifest'];
  try {
    await promisify(execFile)(process.execPath, args, { cwd: ROOT, env });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`vite build failed:\n${stdout}${stderr}`, { cause: error });
  }
  return {
    dir,
    manifest: () => JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The built pages and a Chromium, made side by side (each takes seconds), both removed when the test finishes.
 * `launch`: how to start Chromium (its arguments).
 */
export async function pagesAndBrowser(launch: () => Promise<Browser>) {
  const building = buildPages();
  const launching = launch();
  onTestFinished(async () => {
    await Promise.allSettled([building.then((pages) => pages.remove()), launching.then((b) => b.close())]);
  });
  const [pages, browser] = await Promise.all([building, launching]);
  return { pages, browser };
}
