/**
 * Accessibility and small screens, one test per page (each page loaded once): axe (WCAG 2.0, 2.1 and
 * 2.2, A and AA) in light and in dark, and no sideways scrolling at 360 px, every finding reported.
 * Pages come from the course build (dist/), so every lesson's pages are covered as they are written;
 * the tests run in parallel.
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
  test(`${path}: no axe violations in light or dark, and no sideways scrolling at 360 px`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    // The page as it loads: islands that hydrate on load, and those that hydrate when visible and are on screen,
    // are live before axe reads the page (the others wait for the learner), so nothing hydrates under axe.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('astro-island[ssr]')].every((island) => {
        const client = island.getAttribute('client');
        if (client === 'load') return false;
        if (client !== 'visible') return true;
        return ![...island.children].some((child) => {
          const box = child.getBoundingClientRect();
          return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
        });
      }),
    );
    const axe = () => new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
    // Colours are read once they have settled: a sentence's highlight fades in over 0.2 s, and a theme switch
    // fades backgrounds that follow the scheme, so axe must not judge a colour half-way through a transition.
    const settled = () =>
      page.waitForFunction(() => document.getAnimations().every((animation) => !(animation instanceof CSSTransition) || animation.playState !== 'running'));
    const found = (results: Awaited<ReturnType<AxeBuilder['analyze']>>) =>
      results.violations.map((violation) => `${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(' ')}`);
    await settled();
    expect.soft(found(await axe().analyze()), 'axe in light').toEqual([]);
    // Dark changes only colours: the rules that look at colour run again.
    await page.emulateMedia({ colorScheme: 'dark' });
    await settled();
    expect.soft(found(await axe().withRules(['color-contrast', 'link-in-text-block']).analyze()), 'axe in dark').toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect.soft(overflow, 'page wider than a 360 px screen, in px').toBeLessThanOrEqual(0);
  });
}
