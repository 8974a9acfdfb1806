import { expect, test } from '@playwright/test';
import { LESSON } from './test-utils.ts';
test('explore', async ({ page }) => {
  await page.goto(`/lessons/${LESSON}/review/`);
  const q = page.locator('[data-questions="quick-check"]');
  await q.scrollIntoViewIfNeeded();
  await expect(q.getByRole('heading', { name: 'Question 1 of 5' })).toBeVisible();
  console.log(await q.ariaSnapshot());
  const f = page.locator('.flashcards');
  console.log(await f.ariaSnapshot());
});
