import { expect, test } from '@playwright/test';
import { LESSON, MODES } from './test-utils.ts';

test('the home page lists lesson 1 with its summary, difficulty and time', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Kubernetes Networking, Interactively/);
  const lessons = page.getByRole('region', { name: 'Lessons' });
  const link = lessons.getByRole('link', { name: /Why Kubernetes networking matters/ });
  await expect(link).toBeVisible();
  await expect(lessons.getByText('beginner')).toBeVisible();
  await expect(lessons.getByText(/min in all modes/)).toBeVisible();
});

test('a lesson opens in Learn the first time', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /Why Kubernetes networking matters/ }).click();
  await expect(page).toHaveURL(new RegExp(`/lessons/${LESSON}/learn/$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Why Kubernetes networking matters' })).toBeVisible();
});

test('every mode opens from the switcher by mouse', async ({ page }) => {
  await page.goto(`/lessons/${LESSON}/learn/`);
  for (const [slug, name] of MODES) {
    const switcher = page.getByRole('navigation', { name: /Choose your learning style/ });
    await switcher.getByRole('link', { name: new RegExp(`^${name}\\b`) }).click();
    await expect(page).toHaveURL(new RegExp(`/lessons/${LESSON}/${slug}/$`));
    const current = page.getByRole('navigation', { name: /Choose your learning style/ }).locator('[aria-current="page"]');
    await expect(current).toHaveCount(1);
    await expect(current).toContainText(name);
    await expect(page).toHaveTitle(new RegExp(`${name}`));
  }
});

test('every mode opens from the switcher by keyboard', async ({ page }) => {
  test.setTimeout(90_000);
  for (const [slug, name] of MODES) {
    await page.goto(`/lessons/${LESSON}/learn/`);
    const link = page
      .getByRole('navigation', { name: /Choose your learning style/ })
      .getByRole('link', { name: new RegExp(`^${name}\\b`) });
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
    await expect(page).toHaveURL(new RegExp(`/lessons/${LESSON}/${slug}/$`));
  }
});

test('the lesson remembers the last-used mode', async ({ page }) => {
  await page.goto(`/lessons/${LESSON}/deep/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(`/lessons/${LESSON}/`);
  await expect(page).toHaveURL(new RegExp(`/lessons/${LESSON}/deep/$`));
});

test('the skip link moves focus to the content', async ({ page }) => {
  await page.goto(`/lessons/${LESSON}/learn/`);
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
});

test('code blocks have a copy button', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/lessons/${LESSON}/learn/`);
  const copy = page.getByRole('button', { name: /^Copy/ }).first();
  await copy.click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' }).first()).toBeAttached();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBeGreaterThan(0);
});
