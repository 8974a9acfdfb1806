/**
 * The built sites as a whole: no broken internal link at the root (with every page in the sitemap) or
 * under a base path (the fixture site, built with BASE=/course/), and every page has its own title, a
 * description and one h1.
 */
import { expect, test } from '@playwright/test';
import { crawl } from './test-utils.ts';

const ROOT = `http://127.0.0.1:${process.env.E2E_PORT ?? 4321}`;
const BASED = `http://127.0.0.1:${process.env.E2E_BASE_PORT ?? Number(process.env.E2E_PORT ?? 4321) + 1}`;

test('a base-path build serves every page with no broken internal link', async ({ request }) => {
  const { pages, broken } = await crawl(request, BASED, '/course/');
  expect(broken).toEqual([]);
  expect(pages.length).toBeGreaterThanOrEqual(12);
  expect(pages).toContain('/course/lessons/fixture-lesson/challenge/');
});

test('the root build has no broken internal link and a sitemap of every page', async ({ request }) => {
  const { pages, broken } = await crawl(request, ROOT, '/');
  expect(broken).toEqual([]);
  const sitemap = await request.get(`${ROOT}/sitemap-0.xml`);
  expect(sitemap.ok()).toBe(true);
  const xml = await sitemap.text();
  for (const path of pages) expect(xml).toContain(path);
  // The engine tests' fixture lesson is not part of the course.
  expect(xml).not.toContain('fixture-lesson');
  expect(pages.some((path) => path.includes('fixture-lesson'))).toBe(false);
});

test('every page has its own title, a description and one h1', async ({ request }) => {
  const { pages } = await crawl(request, ROOT, '/');
  const titles = new Map<string, string>();
  for (const path of pages) {
    // Read the served HTML (no script runs, so the lesson page's redirect does not interfere).
    const html = await (await request.get(ROOT + path)).text();
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
    expect(title, path).not.toBe('');
    expect(titles.get(title), `${path} shares its title with ${titles.get(title)}`).toBeUndefined();
    titles.set(title, path);
    expect(html, path).toMatch(/<meta name="description" content="[^"]{20,}"/);
    expect(html.match(/<h1[\s>]/g)?.length ?? 0, `${path} has one h1`).toBe(1);
  }
});
