/**
 * Finding your way through the course: the home page is a map of the course (every planned lesson in
 * order, written ones as links with their facts and modes, the others as "coming soon"), a lesson opens
 * in Learn the first time and in the last-used mode after, the switcher works by keyboard, the skip link,
 * the 404 page and copy buttons. Lessons come from content/, so these hold for any course.
 */
import { expect, test } from '@playwright/test';
import { courseLessons, courseOutline, MODES } from './test-utils.ts';

const lessons = courseLessons();
const first = lessons[0]!;

test('the home page is a map of the course: written lessons as links, the others as coming soon', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Kubernetes Networking, Interactively/);
  const map = page.getByRole('region', { name: 'The course, lesson by lesson' });
  const entries = map.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
  const outline = courseOutline().lessons;
  await expect(entries).toHaveCount(new Set([...outline.map((entry) => entry.slug), ...lessons.map((lesson) => lesson.slug)]).size);
  for (const [index, planned] of outline.entries()) {
    const entry = entries.nth(index);
    const written = lessons.find((lesson) => lesson.slug === planned.slug);
    await expect(entry.getByRole('heading', { level: 3 })).toContainText(`Lesson ${index + 1}.`);
    if (written) {
      await expect(entry.getByRole('heading', { level: 3 }).getByRole('link')).toHaveText(new RegExp(written.title.replace(/[()]/g, '.')));
      await expect(entry.getByText(written.source.meta!.summary)).toBeVisible();
      await expect(entry.getByText(written.source.meta!.difficulty, { exact: true })).toBeVisible();
      await expect(entry.getByText(/min in all modes/)).toBeVisible();
      await expect(entry.getByRole('list', { name: `Modes of ${written.title}` }).getByRole('link')).toHaveCount(9);
    } else {
      await expect(entry.getByText(planned.title)).toBeVisible();
      await expect(entry.getByText('Coming soon')).toBeVisible();
      await expect(entry.getByRole('link')).toHaveCount(0);
    }
  }
  // A newcomer is told where to start.
  await expect(page.getByRole('region', { name: 'What to do next' })).toContainText(`Start with`);
});

test('a lesson opens in Learn the first time', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('region', { name: 'The course, lesson by lesson' }).getByRole('heading', { name: new RegExp(first.title) }).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/lessons/${first.slug}/learn/$`));
  await expect(page.getByRole('heading', { level: 1, name: first.title })).toBeVisible();
});

test('every mode opens from the switcher by keyboard', async ({ page }) => {
  test.setTimeout(90_000);
  for (const [slug, name] of MODES) {
    await page.goto(`/lessons/${first.slug}/learn/`);
    const link = page.getByRole('navigation', { name: /Choose your learning style/ }).getByRole('link', { name: new RegExp(`^${name}\\b`) });
    await expect(link).toBeVisible();
    // Tab from the top of the page until the mode's link has focus, as a keyboard user would.
    let focused: string | null = null;
    for (let presses = 0; presses < 40 && focused !== slug; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('data-mode-link') ?? null);
    }
    expect(focused, `${name} is reachable with Tab`).toBe(slug);
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/lessons/${first.slug}/${slug}/$`));
  }
});

test('the lesson remembers the last-used mode', async ({ page }) => {
  await page.goto(`/lessons/${first.slug}/deep/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(`/lessons/${first.slug}/`);
  await expect(page).toHaveURL(new RegExp(`/lessons/${first.slug}/deep/$`));
});

test('the skip link moves focus to the content', async ({ page }) => {
  await page.goto(`/lessons/${first.slug}/learn/`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('an unknown address shows the 404 page with a way back', async ({ page }) => {
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the course home' })).toBeVisible();
  for (const lesson of lessons) await expect(page.getByRole('link', { name: lesson.title })).toBeVisible();
});

test('code blocks have a copy button', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/lessons/${first.slug}/learn/`);
  const copy = page.getByRole('button', { name: /^Copy/ }).first();
  await copy.click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' }).first()).toBeAttached();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBeGreaterThan(0);
});

test('the footer says what the course is and where its facts come from', async ({ page }) => {
  await page.goto('/');
  const footer = page.getByRole('contentinfo');
  await expect(footer).toContainText('Facts follow the Kubernetes documentation');
  await expect(footer.getByRole('link', { name: 'Kubernetes documentation' })).toHaveAttribute('href', /^https:\/\/kubernetes\.io\//);
});
