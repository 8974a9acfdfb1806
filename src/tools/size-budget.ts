/**
 * Size budget of the built site: what a browser really fetches. Every page of dist/ is opened in
 * Chromium (Playwright), left to load, then scrolled to the end a screen at a time with no click, key
 * or pointer move, so islands that hydrate when visible load and those that wait for the learner do
 * not. Every response is counted at its gzipped size (gzip -9 of the file served), inline scripts as
 * JavaScript. Prints every page and exits 1 when one is over its budget.
 *
 * A page that redirects (a lesson's own URL opens its last-used mode) is measured without following it.
 *
 * Budgets (gzipped):
 *   reading modes (READING_MODES: learn, why, deep): JavaScript ≤ 5 KB, HTML+CSS ≤ 14 KB (the frame, its header,
 *     navigation, footer and inline CSS, is about 5 KB of that; the rest is the lesson's text)
 *   lab: JavaScript ≤ 200 KB (the sandbox loads the simulator and the YAML parser as it scrolls into view: about
 *     185 KB since the simulator models kubectl v1.35, API validation, the in-pod tools, init containers and the
 *     Gateway API's CRDs; the code editor, 113 KB more, loads when the learner reaches for the lab), HTML+CSS ≤ 30 KB
 *   every other page: JavaScript ≤ 40 KB, HTML+CSS ≤ 30 KB (Visualize, the heaviest, is 37.3 KB since its terminal
 *     hydrates when the learner reaches for it or switches the player's branch, not when it scrolls into view)
 * Run: node src/tools/size-budget.ts [distDir]   (CHROMIUM_PATH picks the browser; /usr/bin/chromium when present)
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { READING_MODES } from '../lib/course/modes.ts';
import { precacheManifest } from '../integrations/offline.ts';
import { precacheSummary } from '../lib/offline/precache.ts';

const KB = 1024;
const dist = resolve(process.argv[2] ?? 'dist');

interface Budget {
  label: string;
  maxJs: number;
  maxHtmlCss: number;
}

/** The budget of a page, by its path. */
export function budgetFor(page: string): Budget {
  const mode = /^\/lessons\/[^/]+\/([^/]+)\/$/.exec(page)?.[1];
  if (mode && (READING_MODES as readonly string[]).includes(mode)) return { label: 'reading', maxJs: 5 * KB, maxHtmlCss: 14 * KB };
  if (mode === 'lab') return { label: 'lab', maxJs: 200 * KB, maxHtmlCss: 30 * KB };
  return { label: 'page', maxJs: 40 * KB, maxHtmlCss: 30 * KB };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.yaml': 'application/yaml',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
  '.pf_meta': 'application/octet-stream',
};

/** The file in dist a URL path names (directories serve their index.html), or undefined. */
function fileFor(urlPath: string): string | undefined {
  const clean = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  const candidate = join(dist, clean);
  if (!candidate.startsWith(dist)) return undefined;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = join(candidate, 'index.html');
  return existsSync(index) ? index : undefined;
}

/** A static server for dist on a free port (404.html for unknown paths). */
function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    const file = fileFor(new URL(request.url ?? '/', 'http://x').pathname);
    const body = readFileSync(file ?? join(dist, '404.html'));
    response.writeHead(file ? 200 : 404, { 'Content-Type': TYPES[extname(file ?? '.html')] ?? 'application/octet-stream' });
    response.end(body);
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}

const gz = (bytes: Buffer | string): number => gzipSync(bytes, { level: 9 }).length;

/** Every page's URL path, from the HTML files of dist (404.html as /404.html). */
function pagePaths(dir = dist): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return pagePaths(path);
      if (!name.endsWith('.html')) return [];
      const url = `/${relative(dist, path).split('\\').join('/')}`;
      return [url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url];
    })
    .sort();
}

interface Row {
  page: string;
  budget: Budget;
  htmlCss: number;
  js: number;
  other: number;
  files: number;
  over: string[];
}

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g;

/** Opens one page, scrolls it to the end, and adds up what was fetched. */
async function measure(browser: Browser, origin: string, path: string): Promise<Row> {
  // Without the service worker: its background precache is not the page's weight (printed on its own below).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const fetched = new Map<string, string>();
  page.on('request', (request) => fetched.set(new URL(request.url()).pathname, request.resourceType()));
  // Measure the page itself: a redirect (a lesson's URL opening its last-used mode) is not followed.
  let opened = false;
  await page.route('**/*', (route) => {
    const request = route.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      if (opened) return route.abort();
      opened = true;
    }
    return route.continue();
  });
  await page.goto(origin + path, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  // Scroll a screen at a time, as a reader does, letting each screen's islands load.
  for (let step = 0; step < 200; step += 1) {
    const atEnd = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight * 0.9);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await page.waitForTimeout(50);
    await page.waitForLoadState('networkidle');
    if (atEnd) break;
  }
  // Islands load in chains (an island, then the module it imports on mount, then its editor): on a loaded
  // machine a link of the chain can start after a short network-idle window. Wait until no new request has
  // started for a whole second after the network went idle, so the total does not depend on how busy the machine is.
  let seen = -1;
  for (let waited = 0; waited < 30 && seen !== fetched.size; waited += 1) {
    seen = fetched.size;
    await page.waitForTimeout(1000);
    await page.waitForLoadState('networkidle');
  }
  await context.close();

  let htmlCss = 0;
  let js = 0;
  let other = 0;
  for (const [url, type] of fetched) {
    const file = fileFor(url);
    if (!file) continue;
    const body = readFileSync(file);
    if (type === 'document') {
      const html = body.toString('utf8');
      const inline = [...html.matchAll(INLINE_SCRIPT)].map((match) => match[1] ?? '').join('\n');
      htmlCss += gz(html.replace(INLINE_SCRIPT, ''));
      if (inline.trim()) js += gz(inline);
    } else if (type === 'stylesheet') htmlCss += gz(body);
    else if (type === 'script' || file.endsWith('.js')) js += gz(body);
    else other += gz(body);
  }
  const budget = budgetFor(path);
  const over: string[] = [];
  if (js > budget.maxJs) over.push(`JS ${fmt(js)} > ${fmt(budget.maxJs)}`);
  if (htmlCss > budget.maxHtmlCss) over.push(`HTML+CSS ${fmt(htmlCss)} > ${fmt(budget.maxHtmlCss)}`);
  return { page: path, budget, htmlCss, js, other, files: fetched.size, over };
}

const fmt = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;

async function main(): Promise<void> {
  if (!existsSync(dist)) {
    console.error(`No build at ${dist}: run \`npm run build\` first.`);
    process.exit(1);
  }
  const server = await serve();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const paths = pagePaths();
  const rows: Row[] = new Array(paths.length);
  let next = 0;
  // A few pages at a time: the machine has two cores.
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let index = next++; index < paths.length; index = next++) rows[index] = await measure(browser, origin, paths[index]!);
    }),
  );
  await browser.close();
  server.close();

  const width = Math.max(...rows.map((row) => row.page.length), 4);
  console.log(`Size budget for ${relative(process.cwd(), dist) || '.'}: fetched by Chromium on load and while scrolling to the end, no interaction (gzipped)`);
  console.log(`${'page'.padEnd(width)}  ${'kind'.padEnd(11)}  ${'HTML+CSS'.padStart(9)}  ${'JS'.padStart(8)}  ${'other'.padStart(8)}  ${'files'.padStart(5)}  result`);
  for (const row of rows) {
    console.log(
      `${row.page.padEnd(width)}  ${row.budget.label.padEnd(11)}  ${fmt(row.htmlCss).padStart(9)}  ${fmt(row.js).padStart(8)}  ${fmt(row.other).padStart(8)}  ${String(row.files).padStart(5)}  ${row.over.length ? `OVER: ${row.over.join('; ')}` : 'ok'}`,
    );
  }
  const failing = rows.filter((row) => row.over.length > 0);
  console.log(`${rows.length} pages, ${failing.length} over budget.`);
  const { manifest, gzipBytes } = precacheManifest(dist, '/');
  console.log(`Offline ${precacheSummary(manifest.entries, gzipBytes)}: fetched once, in the background, by the service worker.`);
  process.exit(failing.length > 0 ? 1 : 0);
}

await main();
