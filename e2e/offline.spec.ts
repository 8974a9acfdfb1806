/**
 * Offline and updates, as a learner meets them, against the built sites served by this spec's own static
 * server (so it can go down, and switch to a second deploy at the same origin):
 * - the course (dist/, root path): one visit, then with the network gone (the context offline and the
 *   server refusing connections) unvisited pages of several lessons open — reading pages and a lab whose
 *   simulator and editor load lazily — and the progress made online is still there;
 * - the engine fixture (dist-e2e/, under BASE=/course/): a second build deployed over the first (a copy with
 *   one page changed and its sw.js rewritten by the build's own `writeServiceWorker`) makes the open page
 *   offer "A new version of the course is ready" while it still shows the old page whole; Reload brings the
 *   new page, the progress survives, and the old version's cache is gone once no page uses it.
 * Service workers persist per browser context: each test has its own fresh context (Playwright's default),
 * and only this spec allows them (playwright.config.ts blocks them for the others).
 * Needs `npm run build` and `npm run build:e2e` first.
 */
import { expect, test, type Page } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { writeServiceWorker } from '../src/integrations/offline.ts';
import { courseLessons, LESSON, LESSON_TITLE, REPO, upgradeEditor } from './test-utils.ts';

test.use({ serviceWorkers: 'allow' });
// Installing the worker fetches and hashes the whole course (about 270 files) once per test.
test.setTimeout(180_000);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.yaml': 'application/yaml',
  '.xml': 'application/xml',
  '.pagefind': 'application/octet-stream',
};

/** A static server for a built site under `base`, whose folder can change (a deploy) and which can go down. */
class Site {
  root: string;
  down = false;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  constructor(
    root: string,
    readonly base: string,
  ) {
    this.root = root;
    this.server = createServer((request, response) => {
      if (this.down) {
        request.socket.destroy();
        return;
      }
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const inside = path.startsWith(this.base) ? path.slice(this.base.length) : undefined;
      let file = inside === undefined ? undefined : join(this.root, inside);
      if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      const found = file !== undefined && file.startsWith(this.root) && existsSync(file);
      const served = found ? file! : join(this.root, '404.html');
      response.writeHead(found ? 200 : 404, { 'Content-Type': TYPES[extname(served)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      response.end(readFileSync(served));
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }
  async start(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.base}`;
  }
  /** Stops answering: open connections are cut, new ones refused. */
  goDown(): void {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
  }
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}

/** Waits until this page's service worker is active, i.e. the whole course is in its cache. */
async function courseSaved(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** Reads a mode page to the end, which marks it done (Learn's "done when"). */
async function readToEnd(page: Page): Promise<void> {
  await page.locator('[data-end-of-content]').scrollIntoViewIfNeeded();
  await expect(page.getByRole('navigation', { name: /Choose your learning style/ }).locator('[data-mode-done="learn"]')).toBeVisible();
}

/** The progress page's card of a lesson. */
const lessonCard = (page: Page, title: string) => page.getByRole('region', { name: title });

test('after one visit the course opens offline: reading pages and a lab of several lessons, progress kept', async ({ page, context }) => {
  const dist = resolve(REPO, 'dist');
  test.skip(!existsSync(join(dist, 'sw.js')), 'needs `npm run build`');
  const site = new Site(dist, '/');
  const origin = await site.start();
  try {
    const [first, ...others] = courseLessons();
    await page.goto(`${origin}lessons/${first!.slug}/learn/`);
    await readToEnd(page);
    await courseSaved(page);

    await context.setOffline(true);
    site.goDown();

    // Reading pages of lessons never opened, and their other modes.
    for (const [lesson, mode] of [
      [others[2]!, 'deep'],
      [others[4]!, 'why'],
      [others.at(-1)!, 'learn'],
    ] as const) {
      await page.goto(`${origin}lessons/${lesson.slug}/${mode}/`);
      await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
    }
    // A lab: the sandbox's simulator and YAML parser load as it scrolls into view, the code editor when the learner
    // reaches for it (all from the service worker's cache).
    const lab = others[5]!;
    await page.goto(`${origin}lessons/${lab.slug}/lab/`);
    await expect(page.getByRole('heading', { level: 1, name: lab.title })).toBeVisible();
    await page.getByRole('textbox', { name: 'Manifests (YAML)' }).scrollIntoViewIfNeeded();
    await expect(page.getByText(/^The manifests are valid/)).toBeVisible();
    await upgradeEditor(page);
    await expect(page.locator('[data-editor="codemirror"]')).toBeVisible();

    // The progress made online is still there.
    await page.goto(`${origin}progress/`);
    await expect(lessonCard(page, first!.title).getByText(/^1 of 9 modes done/)).toBeVisible();
    await expect(page.getByText('Offline: the course is saved in this browser; every lesson opens without a network.')).toBeVisible();

    // A page no build has: the site's own 404 page, from the cache.
    const missing = await page.goto(`${origin}lessons/no-such-lesson/`);
    expect(missing?.status()).toBe(404);
  } finally {
    await context.setOffline(false);
    await site.stop();
  }
});

test('a second deploy over the first: the open page offers the new version, Reload brings it whole, progress survives', async ({ page }) => {
  const first = resolve(REPO, 'dist-e2e');
  test.skip(!existsSync(join(first, 'sw.js')), 'needs `npm run build:e2e`');
  // The second deploy: the same build with the Learn page's heading changed, and its service worker rewritten.
  const second = mkdtempSync(join(tmpdir(), 'knet-offline-v2-'));
  cpSync(first, second, { recursive: true });
  const learnFile = join(second, 'lessons', LESSON, 'learn', 'index.html');
  const NEW_TITLE = `${LESSON_TITLE}, second edition`;
  const learnHtml = readFileSync(learnFile, 'utf8');
  expect(learnHtml).toContain(`>${LESSON_TITLE}</h1>`);
  writeFileSync(learnFile, learnHtml.replace(`>${LESSON_TITLE}</h1>`, `>${NEW_TITLE}</h1>`));
  const { manifest: v2 } = await writeServiceWorker(second, '/course/');
  const v1 = /build ([0-9a-f]+) \*\//.exec(readFileSync(join(first, 'sw.js'), 'utf8'))?.[1];
  expect(v1).toBeTruthy();
  expect(v2.version).not.toBe(v1);

  const site = new Site(first, '/course/');
  const origin = await site.start();
  try {
    const learn = `${origin}lessons/${LESSON}/learn/`;
    await page.goto(learn);
    await readToEnd(page);
    await courseSaved(page);

    // Deploy the second build at the same origin; the learner comes back to the page.
    site.root = second;
    await page.reload();
    const prompt = page.getByRole('region', { name: 'Course update' });
    // The new worker installs in the background (copying the unchanged files from the old cache).
    await expect(prompt.getByRole('status')).toHaveText('A new version of the course is ready.', { timeout: 60_000 });
    // Until the learner chooses, the page is the first build's, whole.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(LESSON_TITLE);

    await prompt.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NEW_TITLE);
    await expect(page.getByRole('region', { name: 'Course update' })).toHaveCount(0);

    // Progress survived the update.
    await page.goto(`${origin}progress/`);
    await expect(lessonCard(page, LESSON_TITLE).getByText(/^1 of 9 modes done/)).toBeVisible();
    // Only the new version's cache is left once no page shows the old one.
    await expect.poll(() => page.evaluate(() => caches.keys().then((names) => names.filter((name) => name.startsWith('knet-precache-'))))).toEqual([
      `knet-precache-${v2.version}`,
    ]);

    // And the new version works offline too, under the base path.
    site.goDown();
    await page.context().setOffline(true);
    await page.goto(learn);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NEW_TITLE);
  } finally {
    await page.context().setOffline(false);
    await site.stop();
    rmSync(second, { recursive: true, force: true });
  }
});
