/**
 * Helpers shared by the end-to-end specs: the fixture lesson the engine specs run on, the course's
 * lessons (read from content/, so a new lesson is tested without changing a spec), site crawling,
 * and waiting for islands.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { readLessonFolders } from '../src/lib/course/content-files.ts';
import { readLessonFolder, type LessonSource } from '../src/lib/course/lesson-folder.ts';
import { sortLessons } from '../src/lib/course/course.ts';
import type { Outline } from '../src/lib/course/outline-schema.ts';

/** The repository's root folder. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The engine specs' fixture lesson (e2e/fixtures/content/lessons/<slug>), served under /course/. */
export const LESSON = 'fixture-lesson';
/** The fixture lesson's title. */
export const LESSON_TITLE = 'Fixture lesson for the engine tests';

/** A page of the fixture lesson, relative to the engine project's base URL (`lessons/<slug>/<mode>/`). */
export const lessonPage = (mode?: string): string => (mode ? `lessons/${LESSON}/${mode}/` : `lessons/${LESSON}/`);

/** A written course lesson: its slug, title and parsed folder. */
export interface CourseLessonInfo {
  readonly slug: string;
  readonly title: string;
  readonly source: LessonSource;
}

/** The course's written lessons (content/lessons), in course order. */
export function courseLessons(): CourseLessonInfo[] {
  const lessons = readLessonFolders(REPO, 'content').flatMap(({ dir, files }) => {
    const { source } = readLessonFolder(dir, files);
    return source.meta ? [{ slug: source.slug, meta: source.meta, title: source.meta.title, source }] : [];
  });
  return sortLessons(lessons).map(({ slug, title, source }) => ({ slug, title, source }));
}

/** The course outline (content/course.yaml). */
export function courseOutline(): Outline {
  return parse(readFileSync(resolve(REPO, 'content/course.yaml'), 'utf8')) as Outline;
}

/** The nine modes with the names the switcher shows. */
export const MODES = [
  ['learn', 'Learn'],
  ['why', 'Why'],
  ['deep', 'Deep dive'],
  ['visualize', 'Visualize'],
  ['listen', 'Listen'],
  ['lab', 'Lab'],
  ['review', 'Review'],
  ['try', 'Try'],
  ['challenge', 'Challenge'],
] as const;

/** Internal page links (same origin) found in an HTML document; the caller checks they are under its base. */
export function internalLinks(html: string, pageUrl: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/\s(?:href|src)="([^"#]*)(?:#[^"]*)?"/g)) {
    const raw = match[1];
    if (!raw || raw.startsWith('mailto:') || raw.startsWith('data:')) continue;
    const url = new URL(raw, pageUrl);
    if (url.origin !== new URL(pageUrl).origin) continue;
    links.add(url.pathname); // a link outside the base is reported as broken by the caller
  }
  return [...links];
}

/** Every page reachable by links from the base, with the broken links found on the way. */
export async function crawl(
  request: APIRequestContext,
  origin: string,
  base: string,
): Promise<{ pages: string[]; broken: { from: string; to: string; status: number }[] }> {
  const seen = new Set<string>([base]);
  const queue = [base];
  const pages: string[] = [];
  const broken: { from: string; to: string; status: number }[] = [];
  while (queue.length > 0) {
    const path = queue.shift()!;
    const response = await request.get(origin + path);
    const type = response.headers()['content-type'] ?? '';
    if (!response.ok() || !type.includes('text/html')) continue;
    pages.push(path);
    const html = await response.text();
    for (const link of internalLinks(html, origin + path)) {
      if (!link.startsWith(base)) {
        broken.push({ from: path, to: link, status: 0 });
        continue;
      }
      if (!seen.has(link)) {
        seen.add(link);
        queue.push(link);
        const check = await request.get(origin + link);
        if (!check.ok()) broken.push({ from: path, to: link, status: check.status() });
      }
    }
  }
  return { pages, broken };
}

/**
 * Waits until the island holding `locator` has hydrated (Astro drops the `ssr` attribute then). It is
 * scrolled into view and the pointer moved over it first, as a learner would: islands that hydrate on
 * interaction (`client:interaction`) wake up then.
 */
export async function hydrated(locator: Locator): Promise<void> {
  await locator.first().scrollIntoViewIfNeeded();
  await locator.first().hover();
  await locator
    .first()
    .locator('xpath=ancestor::astro-island[1]')
    .and(locator.page().locator('astro-island:not([ssr])'))
    .waitFor({ state: 'attached' });
}

/** The lab's manifest editor (a textarea, then CodeMirror: both are the textbox named "Manifests (YAML)"). */
export const labEditor = (page: Page): Locator => page.getByRole('textbox', { name: 'Manifests (YAML)' });

/**
 * Replaces the lab editor's whole text as a learner would: select all, then paste. (CodeMirror only keeps
 * the visible lines in the DOM, so a DOM-level fill would replace only those; its paste handler works on
 * the whole document.) The plain textarea is simply filled.
 */
export async function setLabText(page: Page, text: string): Promise<void> {
  const box = labEditor(page);
  if ((await box.evaluate((element) => element.tagName)) === 'TEXTAREA') {
    await box.fill(text);
    return;
  }
  await box.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await box.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Reaches for the lab's editor as a learner does (focus in the plain text box) and waits until CodeMirror has taken it over. */
export async function upgradeEditor(page: Page): Promise<void> {
  const editor = page.locator('[data-editor="codemirror"]');
  if (!(await editor.count())) await page.locator('[data-editor="plain"] textarea').focus();
  await editor.waitFor();
}

/** Opens a lab page and waits until the simulator and CodeMirror are in (so typing goes to the final editor). */
export async function openLab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await labEditor(page).scrollIntoViewIfNeeded();
  await page.getByText(/^The manifests are valid/).waitFor();
  await upgradeEditor(page);
}

/** Types a command into the lab terminal, runs it, waits until the terminal has taken it; returns the terminal's log. */
export async function run(page: Page, command: string): Promise<Locator> {
  const terminal = page.getByRole('region', { name: 'Lab terminal' });
  const input = terminal.getByRole('textbox', { name: 'kubectl command' });
  await input.fill(command);
  await input.press('Enter');
  await expect(input).toHaveValue('');
  return terminal.getByRole('log');
}
