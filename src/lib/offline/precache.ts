/**
 * What the service worker precaches, and under which names: pure rules over a built site's file list,
 * shared by the build (which writes the manifest into sw.js) and the size budget (which prints it).
 */

/** One precached file: the URL the site asks for, the start of its SHA-256 (hex), and its size in bytes. */
export interface PrecacheEntry {
  readonly url: string;
  readonly sha: string;
  readonly bytes: number;
}

/** The manifest a build's service worker carries. */
export interface PrecacheManifest {
  /** A hash of every entry: a new deploy with any changed file gets a new version (and a new cache). */
  readonly version: string;
  /** The site's base path (`/` or `/course/`), with a trailing slash. */
  readonly base: string;
  readonly entries: readonly PrecacheEntry[];
}

/** The service worker's own file name, at the root of the base path. */
export const SERVICE_WORKER_FILE = 'sw.js';

/** How many hex digits of each file's SHA-256 the manifest keeps (64 bits: enough to tell builds apart). */
export const SHA_DIGITS = 16;

/**
 * Files the course never fetches: the sitemap (for crawlers), Pagefind's ready-made UIs (the search
 * dialog uses Pagefind's API only) and the service worker itself.
 */
const SKIPPED = [
  /^sitemap[^/]*\.xml$/,
  /^robots\.txt$/,
  /^pagefind\/pagefind-(?:ui|component-ui|modular-ui)\.(?:js|css)$/,
  /^pagefind\/pagefind-highlight\.js$/,
  /(?:^|\/)\.[^/]*$/,
  new RegExp(`^${SERVICE_WORKER_FILE.replace('.', '\\.')}$`),
];

/** True when the built file at `path` (relative to the output folder, `/`-separated) is precached. */
export function isPrecached(path: string): boolean {
  return !SKIPPED.some((pattern) => pattern.test(path));
}

/** The base path in the form the manifest uses: leading and trailing slash. */
export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** The URL a built file is asked for by: `lessons/x/learn/index.html` → `<base>lessons/x/learn/` (the site's links end in `/`). */
export function urlForFile(path: string, base: string): string {
  const clean = path.replace(/^\/+/, '');
  const url = clean === 'index.html' ? '' : clean.endsWith('/index.html') ? clean.slice(0, -'index.html'.length) : clean;
  return `${normaliseBase(base)}${url}`;
}

/**
 * The cache key of a request's path: its pathname, with a trailing `index.html` dropped so
 * `/x/index.html` and `/x/` are one page. The query and fragment never matter on a static site.
 */
export function cacheKeyForPath(pathname: string): string {
  return pathname.endsWith('/index.html') ? pathname.slice(0, -'index.html'.length) : pathname;
}

/** The manifest's version: a hash over every entry's URL and content hash, in URL order (`hash` is SHA-256 hex of a string). */
export function manifestVersion(entries: readonly PrecacheEntry[], hash: (text: string) => string): string {
  const lines = [...entries].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)).map((entry) => `${entry.url} ${entry.sha}`);
  return hash(lines.join('\n')).slice(0, 12);
}

/** Totals for printing: file count, bytes as stored, and bytes as sent gzipped (when known). */
export function precacheSummary(entries: readonly PrecacheEntry[], gzipBytes?: number): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  return `precache: ${entries.length} files, ${kb(total)}${gzipBytes === undefined ? '' : ` (${kb(gzipBytes)} gzipped)`}`;
}
