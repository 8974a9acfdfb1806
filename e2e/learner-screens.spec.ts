/**
 * Screenshot comparisons of the Visualize player on a 1280×800 laptop and a 390×844 phone, light and dark,
 * in one fixed state (the allow branch at step 5, reached by stepping, animations off), so that a later
 * change that breaks the layout fails here. The baselines live next to this file; refresh them with
 * `--update-snapshots` only after looking at the new pictures.
 */
import { expect, test } from '@playwright/test';
import { hydrated } from './test-utils.ts';

/** These specs check how lesson 1's pages behave for a learner (issue 9), so they run on lesson 1 itself. */
const LESSON = 'why-kubernetes-networking-matters';

for (const [size, viewport] of [
  ['laptop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${size}, ${colorScheme}`, () => {
      test.use({ viewport, colorScheme, contextOptions: { reducedMotion: 'reduce' } });

      test(`the Visualize player at step 5 (${size}, ${colorScheme})`, async ({ page }) => {
        await page.goto(`/lessons/${LESSON}/visualize/`);
        const root = page.getByRole('region', { name: 'Step-through player' });
        await hydrated(root);
        for (let step = 1; step <= 5; step += 1) await root.getByRole('button', { name: 'Step forward' }).click();
        await expect(root.getByRole('status')).toContainText('Step 5 of 10');
        await expect(page).toHaveScreenshot(`visualize-${size}-${colorScheme}.png`, { animations: 'disabled', caret: 'hide', maxDiffPixelRatio: 0.002 });
      });
    });
  }
}
