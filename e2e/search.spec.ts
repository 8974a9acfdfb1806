/**
 * Search: `/` or the header button opens it; nothing of Pagefind loads before; a word from any lesson
 * finds that lesson's pages; results link under the base path (checked on the fixture site, /course/).
 */
import { expect, test, type Page } from '@playwright/test';
import { courseLessons, type CourseLessonInfo } from './test-utils.ts';

const BASED = `http://127.0.0.1:${process.env.E2E_BASE_PORT ?? Number(process.env.E2E_PORT ?? 4321) + 1}`;

/**
 * The word of the lesson's summary that the other lessons' pages use least (six letters or more, so
 * it is specific). A word only absent from the other summaries is not enough: "default" is in one
 * summary only, yet every lesson's routes and namespaces print it, and the lesson it names drowns.
 */
function distinctiveWord(lesson: CourseLessonInfo, others: readonly CourseLessonInfo[]): string {
  const words = lesson.source.meta!.summary.match(/[A-Za-z][A-Za-z-]{5,}/g) ?? [lesson.title];
  const otherText = others.flatMap((other) => [other.source.meta!.summary, ...Object.values(other.source.pages).map((page) => page!.text)]).join('\n').toLowerCase();
  const uses = (word: string) => otherText.split(word.toLowerCase()).length - 1;
  return words.reduce((best, word) => (uses(word) < uses(best) ? word : best));
}

async function search(page: Page, query: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Search the course' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('searchbox').fill(query);
  await expect(dialog.getByRole('status')).toContainText(new RegExp(`results? for "${query}"`));
}

test('the search code and index load only when the learner opens search, with the / key', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/pagefind/')) fetched.push(request.url());
  });
  const lesson = courseLessons()[0]!;
  await page.goto(`/lessons/${lesson.slug}/deep/`);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForLoadState('networkidle');
  expect(fetched).toEqual([]);
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the course' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('searchbox')).toBeFocused();
  await search(page, 'NetworkPolicy');
  expect(fetched.length).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

for (const lesson of courseLessons()) {
  test(`a word from "${lesson.title}" finds its pages`, async ({ page }) => {
    const word = distinctiveWord(lesson, courseLessons().filter((other) => other.slug !== lesson.slug));
    await page.goto('/');
    await page.getByRole('button', { name: /^Search/ }).click();
    await search(page, word);
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('link');
    await expect(results.first()).toBeVisible();
    const hrefs = await results.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.some((href) => href.startsWith(`/lessons/${lesson.slug}/`))).toBe(true);
    await results.filter({ hasText: lesson.title }).first().click();
    await expect(page).toHaveURL(new RegExp(`/lessons/${lesson.slug}/`));
  });
}

test('under a base path, search loads its index there and links into it', async ({ page }) => {
  await page.goto(`${BASED}/course/`);
  await page.getByRole('button', { name: /^Search/ }).click();
  await search(page, 'NetworkPolicy');
  const href = await page.getByRole('list', { name: 'Search results' }).getByRole('link').first().getAttribute('href');
  expect(href).toMatch(/^\/course\/lessons\/fixture-lesson\//);
});
