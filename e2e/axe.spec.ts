/**
 * Accessibility and small screens, one test per page: axe (WCAG 2.0, 2.1 and 2.2, A and AA) in light
 * and in dark, and no sideways scrolling at 360 px. Pages come from the course build (dist/), so every
 * lesson's pages are covered as they are written; the tests run in parallel.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from './test-utils.ts';

const DIST = join(REPO, 'dist');

/** Every page of the build as a URL path, except the lesson redirects (each opens a mode page tested here). */
function pages(dir = DIST): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'pagefind' || name === '_astro' ? [] : pages(path);
    if (!name.endsWith('.html')) return [];
    const url = `/${relative(DIST, path).split('\\').join('/')}`.replace(/index\.html$/, '');
    return /^\/lessons\/[^/]+\/$/.test(url) ? [] : [url];
  });
}

const PAGES = pages().sort();

test('the course build has pages to check', () => {
  expect(PAGES.length, 'run `npm run build` first').toBeGreaterThan(3);
});

for (const path of PAGES) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`${path} has no axe violations in ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      const violations = results.violations.map((violation) => `${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(' ')}`);
      expect(violations).toEqual([]);
    });
  }

  test(`${path} fits a 360 px wide phone without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'page wider than the screen, in px').toBeLessThanOrEqual(0);
  });
}
