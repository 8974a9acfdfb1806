/**
 * Progress kept in the learner's browser: live sync between open tabs, no lost
 * results when two tabs finish different modes, export / reset / import on the
 * progress page, corrupt saved data and blocked storage handled with a notice,
 * and "Continue where you left off" on the home page.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { LESSON, LESSON_TITLE, lessonPage } from './test-utils.ts';
import { PROGRESS_VERSION } from '../src/lib/progress/keys.ts';

const PROGRESS_KEY = 'knet:progress';
const modeUrl = (mode: string) => lessonPage(mode);

/** The mode's link in the mode switcher; its accessible name includes "done" once the mode is done. */
function modeLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: /Choose your learning style/ }).getByRole('link', { name: new RegExp(`^${name}\\b`) });
}

/** Answers the Why page's practice question correctly (which finishes Why). */
async function answerWhyPractice(page: Page): Promise<void> {
  const card = page.getByRole('region', { name: 'Question 1 of 1' });
  await card.scrollIntoViewIfNeeded();
  // On a reading page the question wakes when the learner reaches for it.
  await card.hover();
  await card.getByRole('radio', { name: /^Only pods labelled app: checkout in the shop namespace/ }).check();
  await card.getByRole('button', { name: 'Check answer' }).click();
  await expect(card.getByRole('status')).toContainText('Correct');
  await expect(page.getByText(/Practice answered: Why is done\./)).toBeVisible();
}

/** Reads Learn to the end, which finishes Learn. */
async function readLearnToTheEnd(page: Page): Promise<void> {
  // The last thing in the article: scrolling there is reading to the end.
  await page.getByRole('navigation', { name: /Choose your learning style/ }).waitFor();
  await page.keyboard.press('End');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
}

/** The row of a mode in the progress page's lesson card. */
function progressRow(page: Page, modeName: string): Locator {
  return page
    .getByRole('region', { name: LESSON_TITLE })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: modeName, exact: true }) });
}

test('two open tabs stay in sync: a mode finished in one shows as done in the other without reload', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await second.goto(modeUrl('learn'));
  await first.goto(modeUrl('why'));
  await expect(modeLink(second, 'Why')).toBeVisible();
  await expect(modeLink(second, 'Why')).not.toHaveAccessibleName(/done/);
  await expect(modeLink(first, 'Learn')).not.toHaveAccessibleName(/done/);

  await answerWhyPractice(first);
  await expect(modeLink(first, 'Why')).toHaveAccessibleName(/done/);
  await expect(modeLink(second, 'Why')).toHaveAccessibleName(/done/);

  // And the other way round: reading Learn to the end in the second tab.
  await readLearnToTheEnd(second);
  await expect(modeLink(second, 'Learn')).toHaveAccessibleName(/done/);
  await expect(modeLink(first, 'Learn')).toHaveAccessibleName(/done/);
});

test('two tabs finishing different modes both keep their result', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  // Both tabs loaded (and holding the same, empty progress) before either finishes anything.
  await first.goto(modeUrl('why'));
  await second.goto(modeUrl('learn'));
  await expect(modeLink(first, 'Why')).not.toHaveAccessibleName(/done/);
  await expect(modeLink(second, 'Learn')).not.toHaveAccessibleName(/done/);

  await Promise.all([answerWhyPractice(first), readLearnToTheEnd(second)]);
  await expect(modeLink(second, 'Learn')).toHaveAccessibleName(/done/);

  for (const page of [first, second]) {
    await page.reload();
    await expect(modeLink(page, 'Why')).toHaveAccessibleName(/done/);
    await expect(modeLink(page, 'Learn')).toHaveAccessibleName(/done/);
  }
  const overview = await context.newPage();
  await overview.goto('progress/');
  await expect(progressRow(overview, 'Why')).toContainText('✓ done');
  await expect(progressRow(overview, 'Learn')).toContainText('✓ done');
  await expect(overview.getByText('2 of 9 modes done')).toBeVisible();
});

test('export, reset (with confirmation) and import restore the progress', async ({ page }, testInfo) => {
  await page.goto(modeUrl('why'));
  await answerWhyPractice(page);
  await page.goto('progress/');
  await expect(progressRow(page, 'Why')).toContainText('✓ done');

  // Export: a JSON file is downloaded.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByText('Exported: your progress file was downloaded.')).toBeVisible();
  expect(await readFile(file, 'utf8')).toContain(LESSON);

  // Reset asks first; cancelling keeps everything.
  await page.getByRole('button', { name: /Reset progress/ }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Reset all progress?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Yes, reset' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(progressRow(page, 'Why')).toContainText('✓ done');

  await page.getByRole('button', { name: /Reset progress/ }).click();
  await page.getByRole('alertdialog', { name: 'Reset all progress?' }).getByRole('button', { name: 'Yes, reset' }).click();
  await expect(page.getByText('Your progress was reset.')).toBeVisible();
  await expect(progressRow(page, 'Why')).toContainText('not started');
  await expect(page.getByText(/^0%/)).toBeVisible();
  // Reset survives a reload.
  await page.reload();
  await expect(progressRow(page, 'Why')).toContainText('not started');

  // Import the exported file.
  await page.getByLabel('Import progress').setInputFiles(file);
  await expect(page.getByText(/^Imported .*\.json: merged with what you had/)).toBeVisible();
  await expect(progressRow(page, 'Why')).toContainText('✓ done');
  await page.reload();
  await expect(progressRow(page, 'Why')).toContainText('✓ done');
  await page.goto(modeUrl('learn'));
  await expect(modeLink(page, 'Why')).toHaveAccessibleName(/done/);
});

test('a reset can be undone', async ({ page }) => {
  await page.goto(modeUrl('why'));
  await answerWhyPractice(page);
  await page.goto('progress/');
  await page.getByRole('button', { name: /Reset progress/ }).click();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await expect(progressRow(page, 'Why')).toContainText('not started');
  await page.getByRole('button', { name: 'Undo reset' }).click();
  await expect(page.getByText('Reset undone: your progress is back.')).toBeVisible();
  await expect(progressRow(page, 'Why')).toContainText('✓ done');
});

test('importing a file that is not progress says so and changes nothing', async ({ page }) => {
  await page.goto(modeUrl('why'));
  await answerWhyPractice(page);
  await page.goto('progress/');
  await page.getByLabel('Import progress').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":') });
  await expect(page.getByText(/^Could not import notes\.json/)).toBeVisible();
  await expect(progressRow(page, 'Why')).toContainText('✓ done');
});

test('corrupt saved progress shows a notice, keeps a backup, and the page still works', async ({ page, context }) => {
  // Damaged data in storage before the first page load (only once: later loads see what the site wrote).
  await context.addInitScript((key) => {
    if (sessionStorage.getItem('seeded-corrupt') === null) {
      sessionStorage.setItem('seeded-corrupt', '1');
      localStorage.setItem(key, '{"version":2,');
    }
  }, PROGRESS_KEY);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto(modeUrl('why'));
  const notice = page.getByRole('status').filter({ hasText: 'Your saved progress could not be read' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/backup key knet:progress:backup:/);

  const stored = await page.evaluate(() => {
    const backups: Record<string, string | null> = {};
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i)!;
      if (key.startsWith('knet:progress:backup:')) backups[key] = localStorage.getItem(key);
    }
    return backups;
  });
  expect(Object.values(stored)).toContain('{"version":2,');

  // The page works: the practice question is answered and saved.
  await answerWhyPractice(page);
  await expect(modeLink(page, 'Why')).toHaveAccessibleName(/done/);
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { version: number }, PROGRESS_KEY);
  // What the site writes back is a record of the current schema (v3 since the course review).
  expect(saved.version).toBe(PROGRESS_VERSION);

  // The notice can be dismissed; after a reload the progress is there and the notice is gone.
  await notice.getByRole('button', { name: 'Dismiss this notice' }).click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(modeLink(page, 'Why')).toHaveAccessibleName(/done/);
  await expect(page.getByText('Your saved progress could not be read')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a notice stays put (and keeps focus) while progress changes in another tab', async ({ context }) => {
  // Damaged data, seeded once for the whole browser (both tabs share localStorage).
  await context.addInitScript((key) => {
    if (localStorage.getItem('test:seeded') === null) {
      localStorage.setItem('test:seeded', '1');
      localStorage.setItem(key, '{"version":2,');
    }
  }, PROGRESS_KEY);
  const first = await context.newPage();
  await first.goto(modeUrl('learn'));
  const notice = first.getByRole('status').filter({ hasText: 'Your saved progress could not be read' });
  await expect(notice).toBeVisible();
  const dismiss = notice.getByRole('button', { name: 'Dismiss this notice' });
  await dismiss.focus();

  const second = await context.newPage();
  await second.goto(modeUrl('why'));
  await expect(second.getByText('Your saved progress could not be read')).toHaveCount(0);
  await answerWhyPractice(second);

  // The first tab picks up the result...
  await expect(modeLink(first, 'Why')).toHaveAccessibleName(/done/);
  // ...without rebuilding its notice under the learner's keyboard focus.
  await expect(dismiss).toBeFocused();
  await first.keyboard.press('Enter');
  await expect(notice).toHaveCount(0);
});

test('with storage blocked the site still works and says progress will not be kept', async ({ page, context }) => {
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto(modeUrl('why'));
  const notice = page.getByRole('status').filter({ hasText: 'not letting this site save data' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('lasts only until you close this tab');

  await answerWhyPractice(page);
  await expect(modeLink(page, 'Why')).toHaveAccessibleName(/done/);

  // Other pages work too, each saying the same.
  await page.goto('progress/');
  await expect(page.getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'not letting this site save data' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export progress' })).toBeVisible();
  await page.goto(lessonPage());
  await expect(page).toHaveURL(new RegExp(`/lessons/${LESSON}/learn/$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the home page offers "Continue where you left off" after a mode was visited', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Continue where you left off' })).toBeHidden();

  await page.goto(modeUrl('deep'));
  await expect(modeLink(page, 'Deep dive')).toHaveAttribute('aria-current', 'page');
  await page.goto('./');
  const resume = page.getByRole('link', { name: 'Continue where you left off' });
  await expect(resume).toBeVisible();
  await expect(page.getByText(`${LESSON_TITLE}: Deep dive`)).toBeVisible();
  await expect(page.getByText(/0 of 9 modes done \(0%\), 1 visited/)).toBeVisible();
  await resume.click();
  await expect(page).toHaveURL(new RegExp(`/lessons/${LESSON}/deep/$`));
});
