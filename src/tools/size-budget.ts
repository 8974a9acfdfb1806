/**
 * Size budget of the built site (dist/): for every page, the gzipped bytes of
 * HTML+CSS on its critical path, of the JavaScript on its critical path (module
 * scripts, inline scripts and islands hydrated on load, with everything they
 * import), of all island code (including islands hydrated when visible), and of
 * what loads on demand. Prints a table and exits 1 when a page is over budget.
 *
 * Budgets (gzipped):
 *   reading modes (learn, why, deep): critical JS ≤ 5 KB, HTML+CSS ≤ 14 KB
 *   pages with islands: all island code ≤ 20 KB over the site's base script
 *   visualize: all JS it ships (critical + islands) ≤ 40 KB; the simulator behind its terminal loads on the
 *     first typed command and is reported under "on demand"
 *   lab: the same 40 KB; the simulator, YAML parser and CodeMirror load on demand
 *   every other page: HTML+CSS ≤ 30 KB, critical JS ≤ 30 KB
 * Run: node src/tools/size-budget.ts [distDir]
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const dist = resolve(process.argv[2] ?? 'dist');

interface Budget {
  label: string;
  maxJs: number;
  maxHtmlCss: number;
  maxIslandJs: number;
  /** All JS the page ships: critical plus every island's code (loaded on demand by a learner's action excluded). */
  maxTotalJs?: number;
}

function budgetFor(page: string): Budget {
  if (/\/(learn|why|deep)\/index\.html$/.test(page)) return { label: 'reading mode', maxJs: 5 * KB, maxHtmlCss: 14 * KB, maxIslandJs: 20 * KB };
  if (/\/visualize\/index\.html$/.test(page)) return { label: 'visualize', maxJs: 40 * KB, maxHtmlCss: 30 * KB, maxIslandJs: 40 * KB, maxTotalJs: 40 * KB };
  if (/\/lab\/index\.html$/.test(page)) return { label: 'lab', maxJs: 40 * KB, maxHtmlCss: 30 * KB, maxIslandJs: 40 * KB, maxTotalJs: 40 * KB };
  return { label: 'page', maxJs: 30 * KB, maxHtmlCss: 30 * KB, maxIslandJs: 20 * KB };
}

const gz = (bytes: Buffer | string): number => gzipSync(bytes, { level: 9 }).length;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** Maps a URL path from the HTML (which may carry the base path) to a file in dist. */
function fileForUrl(url: string): string | undefined {
  const clean = url.split(/[?#]/)[0] ?? url;
  const segments = clean.split('/').filter(Boolean);
  // Try the path as-is, then with leading segments (a base path) removed.
  for (let skip = 0; skip <= segments.length; skip += 1) {
    const candidate = join(dist, ...segments.slice(skip));
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Every JS file a module loads, following static and dynamic imports (dynamic ones load later, counted separately). */
function moduleGraph(entry: string, seen: Set<string>, lazy: Set<string>, isLazy = false): void {
  if (seen.has(entry) || lazy.has(entry)) return;
  (isLazy ? lazy : seen).add(entry);
  const code = readFileSync(entry, 'utf8');
  for (const match of code.matchAll(/(?:import|export)\s*(?:[\w${}\s,*]*from\s*)?["']([^"']+\.js)["']/g)) {
    const target = resolve(dirname(entry), match[1]!);
    if (existsSync(target)) moduleGraph(target, seen, lazy, isLazy);
  }
  for (const match of code.matchAll(/import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) {
    const target = resolve(dirname(entry), match[1]!);
    if (existsSync(target)) moduleGraph(target, seen, lazy, true);
  }
}

interface Row {
  page: string;
  budget: Budget;
  htmlCss: number;
  js: number;
  islandJs: number;
  lazyJs: number;
  over: string[];
}

function measure(page: string, baseScripts: Set<string>): Row {
  const html = readFileSync(page, 'utf8');
  // Inline scripts count as JavaScript (below), not as HTML.
  let htmlCss = gz(html.replace(/<script(?![^>]*src=)[^>]*>[\s\S]*?<\/script>/g, ''));
  for (const match of html.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)) {
    const file = fileForUrl(match[1]!);
    if (file) htmlCss += gz(readFileSync(file));
  }
  const eager = new Set<string>();
  const lazy = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+src="([^"]+)"/g)) {
    const file = fileForUrl(match[1]!);
    if (file) moduleGraph(file, eager, lazy);
  }
  // Islands hydrated on load are on the critical path; client:visible / idle / media ones load on demand.
  const islandEager = new Set<string>();
  const islandLater = new Set<string>();
  for (const match of html.matchAll(/<astro-island\b[^>]*>/g)) {
    const tag = match[0];
    const when = /\sclient="([^"]+)"/.exec(tag)?.[1] ?? 'load';
    for (const url of tag.matchAll(/(?:component-url|renderer-url)="([^"]+)"/g)) {
      const file = fileForUrl(url[1]!);
      if (!file) continue;
      if (when === 'load') moduleGraph(file, islandEager, lazy);
      else moduleGraph(file, islandLater, lazy);
    }
  }
  const critical = new Set([...eager, ...islandEager]);
  const islandFiles = new Set([...islandEager, ...islandLater]);
  const inlineJs = [...html.matchAll(/<script(?![^>]*src=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g)]
    .map((match) => match[1] ?? '')
    .join('\n');
  const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gz(readFileSync(file)), 0);
  const js = sum(critical) + (inlineJs.trim() ? gz(inlineJs) : 0);
  const islandJs = sum([...islandFiles].filter((file) => !baseScripts.has(file)));
  const lazyJs = sum([...islandLater, ...lazy].filter((file) => !critical.has(file)));
  const budget = budgetFor(page);
  const over: string[] = [];
  if (js > budget.maxJs) over.push(`JS ${fmt(js)} > ${fmt(budget.maxJs)}`);
  if (htmlCss > budget.maxHtmlCss) over.push(`HTML+CSS ${fmt(htmlCss)} > ${fmt(budget.maxHtmlCss)}`);
  if (islandJs > budget.maxIslandJs) over.push(`island JS ${fmt(islandJs)} > ${fmt(budget.maxIslandJs)}`);
  const shipped = sum(new Set([...critical, ...islandFiles])) + (inlineJs.trim() ? gz(inlineJs) : 0);
  if (budget.maxTotalJs !== undefined && shipped > budget.maxTotalJs) over.push(`shipped JS ${fmt(shipped)} > ${fmt(budget.maxTotalJs)}`);
  return { page: relative(dist, page), budget, htmlCss, js, islandJs, lazyJs, over };
}

const fmt = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;

if (!existsSync(dist)) {
  console.error(`No build at ${dist}: run \`npm run build\` first.`);
  process.exit(1);
}

const pages = htmlFiles(dist).sort();
// The base script is what a plain reading page loads, including what it loads after first paint (the
// progress store, which every page uses to record the visit): islands are measured on top of it.
const readingPage = pages.find((page) => /\/learn\/index\.html$/.test(page));
const baseScripts = new Set<string>();
if (readingPage) {
  const html = readFileSync(readingPage, 'utf8');
  for (const match of html.matchAll(/<script[^>]+src="([^"]+)"/g)) {
    const file = fileForUrl(match[1]!);
    if (file) moduleGraph(file, baseScripts, baseScripts);
  }
}

const rows = pages.map((page) => measure(page, baseScripts));
const width = Math.max(...rows.map((row) => row.page.length), 4);
console.log(`Size budget for ${relative(process.cwd(), dist) || '.'} (gzipped)`);
console.log(
  `${'page'.padEnd(width)}  ${'kind'.padEnd(12)}  ${'HTML+CSS'.padStart(9)}  ${'crit. JS'.padStart(8)}  ${'islands'.padStart(8)}  ${'on demand'.padStart(9)}  result`,
);
for (const row of rows) {
  console.log(
    `${row.page.padEnd(width)}  ${row.budget.label.padEnd(12)}  ${fmt(row.htmlCss).padStart(9)}  ${fmt(row.js).padStart(8)}  ${fmt(row.islandJs).padStart(8)}  ${fmt(row.lazyJs).padStart(9)}  ${row.over.length ? `OVER: ${row.over.join('; ')}` : 'ok'}`,
  );
}
const failing = rows.filter((row) => row.over.length > 0);
console.log(`${rows.length} pages, ${failing.length} over budget.`);
process.exit(failing.length > 0 ? 1 : 0);
