import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { crawl } from './test-utils.ts';

const ROOT = `http://127.0.0.1:${process.env.E2E_PORT ?? 4321}`;
const BASED = `http://127.0.0.1:${process.env.E2E_BASE_PORT ?? Number(process.env.E2E_PORT ?? 4321) + 1}`;

test('a base-path build serves every page with no broken internal link', async ({ request }) => {
  const { pages, broken } = await crawl(request, BASED, '/course/');
  expect(broken).toEqual([]);
  expect(pages.length).toBeGreaterThanOrEqual(12);
  expect(pages).toContain('/course/lessons/why-kubernetes-networking-matters/challenge/');
});

test('the root build has no broken internal link and a sitemap', async ({ request }) => {
  const { pages, broken } = await crawl(request, ROOT, '/');
  expect(broken).toEqual([]);
  const sitemap = await request.get(`${ROOT}/sitemap-0.xml`);
  expect(sitemap.ok()).toBe(true);
  const xml = await sitemap.text();
  for (const path of pages) expect(xml).toContain(path);
});

test('every page has no axe violations (WCAG 2.0, 2.1, 2.2 A and AA), in light and dark', async ({ page, request }) => {
  test.setTimeout(180_000);
  const { pages } = await crawl(request, ROOT, '/');
  const violations: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of pages) {
      await page.goto(ROOT + path);
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      for (const violation of results.violations) {
        violations.push(`${scheme} ${path}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(' ')}`);
      }
    }
  }
  expect(violations).toEqual([]);
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
