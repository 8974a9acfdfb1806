/**
 * Astro integration: after the build (and after the search index is written), it lists every file the
 * course needs offline, hashes each one, and writes `<outDir>/sw.js`: the manifest followed by the
 * service worker (src/integrations/offline/sw.ts, bundled with Rolldown, Vite's own bundler). The
 * manifest's version is a hash of every file, so any change to the site makes a new worker and a new cache.
 * It prints the precache size. `writeServiceWorker` is exported for the e2e test's second deploy.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  isPrecached,
  manifestVersion,
  normaliseBase,
  precacheSummary,
  SERVICE_WORKER_FILE,
  SHA_DIGITS,
  urlForFile,
  type PrecacheEntry,
  type PrecacheManifest,
} from '../lib/offline/precache.ts';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path).split('\\').join('/')];
    })
    .sort();
}

/** The precache manifest of the built site in `dir` for base path `base`, and its gzipped size. */
export function precacheManifest(dir: string, base: string): { manifest: PrecacheManifest; gzipBytes: number } {
  let gzipBytes = 0;
  const entries: PrecacheEntry[] = filesUnder(dir)
    .filter(isPrecached)
    .map((path) => {
      const body = readFileSync(join(dir, path));
      gzipBytes += gzipSync(body, { level: 6 }).length;
      return { url: urlForFile(path, base), sha: sha256(body).slice(0, SHA_DIGITS), bytes: body.length };
    });
  return { manifest: { version: manifestVersion(entries, sha256), base: normaliseBase(base), entries }, gzipBytes };
}

const WORKER_SOURCE = fileURLToPath(new URL('./offline/sw.ts', import.meta.url));
const PROMPT_SOURCE = fileURLToPath(new URL('./offline/update-prompt.ts', import.meta.url));
/** The update prompt's file at the root of the base path (the pages import it only when an update waits). */
export const UPDATE_PROMPT_FILE = 'update-prompt.js';

/** One browser file from a TypeScript entry, bundled and minified by Rolldown (Vite's own bundler). */
async function bundle(input: string, format: 'iife' | 'es'): Promise<string> {
  const { rolldown } = await import('rolldown');
  const build = await rolldown({ input, platform: 'browser', logLevel: 'warn' });
  const { output } = await build.generate({ format, minify: true });
  await build.close();
  return output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
}

/**
 * Writes `<dir>/update-prompt.js`, then `<dir>/sw.js`: the manifest of `dir` (the prompt included) and the
 * bundled worker. Returns the manifest and a printable summary.
 */
export async function writeServiceWorker(dir: string, base: string): Promise<{ manifest: PrecacheManifest; summary: string }> {
  writeFileSync(join(dir, UPDATE_PROMPT_FILE), await bundle(PROMPT_SOURCE, 'es'));
  const { manifest, gzipBytes } = precacheManifest(dir, base);
  const code = await bundle(WORKER_SOURCE, 'iife');
  const header = `/* Kubernetes Networking, Interactively: offline service worker, build ${manifest.version} */\n`;
  writeFileSync(join(dir, SERVICE_WORKER_FILE), `${header}var __PRECACHE__=${JSON.stringify(manifest)};\n${code}`);
  return { manifest, summary: `${precacheSummary(manifest.entries, gzipBytes)}, version ${manifest.version}` };
}

/** The integration (list it after the search index, whose files it precaches). */
export function offline(): AstroIntegration {
  let base = '/';
  return {
    name: 'knet:offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { summary } = await writeServiceWorker(fileURLToPath(dir), base);
        logger.info(summary);
      },
    },
  };
}
