/**
 * WCAG 2.2 behaviours of the engine, on the fixture lesson (served under /course/):
 * - 2.2.1 Timing adjustable (https://www.w3.org/TR/WCAG22/#timing-adjustable): before a timed problem
 *   starts the learner can choose ten times the limit or no limit; the choice is a saved preference,
 *   a running problem keeps the timing it started with across a reload. Time is a controlled clock
 *   (`page.clock`), never waited for.
 * - 4.1.3 Status messages (https://www.w3.org/TR/WCAG22/#status-messages): quiz feedback, flashcard
 *   ratings and lab task results are each said by exactly one live region, and the learner's focus
 *   stays where they are (or, when the control they used goes away, on the one that replaces it).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ALLOW_8080 } from '../src/lib/lab/test-fixtures.ts';
import { LESSON, lessonPage, openLab, REPO, setLabText } from './test-utils.ts';

/** One question card, by its heading ("Question 2 of 5"), once its controls are live. */
async function questionCard(page: Page, number: number, of: number): Promise<Locator> {
  const card = page.getByRole('region', { name: `Question ${number} of ${of}` });
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByRole('button').first()).toBeEnabled();
  return card;
}

/** How many live regions (status, log, alert, aria-live) currently say `text`. */
function liveRegionsSaying(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      [...document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="status"], [role="log"], [role="alert"]')].filter(
        (region) => (region.textContent ?? '').includes(wanted) && !region.parentElement?.closest('[aria-live]:not([aria-live="off"]), [role="status"], [role="log"], [role="alert"]'),
      ).length,
    text,
  );
}

/** The saved challenge-timing preference, read from the progress record. */
function savedTiming(page: Page): Promise<unknown> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('knet:progress') ?? '{}').preferences?.challengeTiming?.value);
}

test.describe('2.2.1 timing adjustable', () => {
  test('the time-limit menu arrives without moving the page: until its module loads, a disabled chooser of the same shape holds its place', async ({ page }) => {
    // Hold the chooser's module (loaded on demand by the Quiz island) until the placeholder has been measured.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let requested!: () => void;
    const asked = new Promise<void>((resolve) => (requested = resolve));
    await page.route(/\/ChallengeTimer\.[^/]+\.js$/, async (route) => {
      requested();
      await held;
      await route.continue();
    });
    await page.goto(lessonPage('challenge'));
    const card = page.getByRole('region', { name: 'Question 1 of 5' });
    await card.scrollIntoViewIfNeeded();
    await asked; // the island has hydrated and asked for the chooser
    await expect(card.getByRole('button', { name: /^Start problem/ })).toBeDisabled();
    const before = (await card.boundingBox())!;
    release();
    await expect(card.getByRole('combobox', { name: 'Time limit', exact: true })).toHaveValue('standard');
    const after = (await card.boundingBox())!;
    expect(Math.abs(after.height - before.height), 'the card keeps its height when the chooser arrives').toBeLessThanOrEqual(1);
  });

  test('untimed: no countdown, and the time limit never ends the problem; the choice is remembered', async ({ page }) => {
    await page.clock.install();
    await page.goto(lessonPage('challenge'));
    const q1 = await questionCard(page, 1, 5);
    const choice = q1.getByRole('combobox', { name: 'Time limit', exact: true });
    await expect(choice).toHaveValue('standard');
    await expect(choice.getByRole('option')).toHaveText(['Standard (75 s)', 'More time (750 s)', 'Untimed']);
    await choice.selectOption({ label: 'Untimed' });
    await expect(q1.getByText('untimed', { exact: true })).toBeVisible();
    await q1.getByRole('button', { name: 'Start problem (untimed)' }).click();
    await expect(q1.getByText('Untimed: take as long as you need.')).toBeVisible();
    await expect(q1.getByRole('timer')).toHaveCount(0);
    // Far past the 75 s limit, the problem is still open with both attempts.
    await page.clock.fastForward(30 * 60_000);
    await expect(q1.getByRole('radio')).toHaveCount(4);
    await expect(q1.getByRole('radio').first()).toBeEnabled();
    await expect(q1.getByText('2 of 2 attempts left')).toBeVisible();
    await expect(q1.getByRole('status')).not.toContainText('Time is up');
    expect(await savedTiming(page)).toBe('untimed');

    // Every other timed problem, and the next visit, start with the same choice.
    const q2 = await questionCard(page, 2, 5);
    await expect(q2.getByRole('combobox', { name: 'Time limit', exact: true })).toHaveValue('untimed');
    await page.reload();
    const again = await questionCard(page, 3, 5);
    await expect(again.getByRole('button', { name: 'Start problem (untimed)' })).toBeVisible();
  });

  test('more time: ten times the limit, kept by a running problem across a reload', async ({ page }) => {
    await page.clock.install();
    await page.goto(lessonPage('challenge'));
    const q2 = await questionCard(page, 2, 5);
    await q2.getByRole('combobox', { name: 'Time limit', exact: true }).selectOption('extended');
    await expect(q2.getByText('900 s limit')).toBeVisible();
    // The keyboard path: the start button, then focus lands in the answer, not at the top of the page.
    await q2.getByRole('button', { name: 'Start problem (900 s)' }).focus();
    await page.keyboard.press('Enter');
    await expect(q2.getByRole('timer')).toHaveText('Time left: 900 s');
    expect(await page.evaluate(() => document.activeElement?.closest('section')?.getAttribute('aria-labelledby'))).toMatch(/^q-/);
    await page.clock.fastForward(91_000); // past the standard 90 s
    await expect(q2.getByRole('timer')).toHaveText('Time left: 809 s');
    await expect(q2.getByRole('status')).not.toContainText('Time is up');

    // Changing the preference now does not change the running problem's limit.
    const q1 = await questionCard(page, 1, 5);
    await q1.getByRole('combobox', { name: 'Time limit', exact: true }).selectOption('standard');
    await page.reload();
    const resumed = page.getByRole('region', { name: 'Question 2 of 5' });
    await resumed.scrollIntoViewIfNeeded();
    await expect(resumed.getByRole('timer')).toHaveText(/^Time left: 8\d\d s$/);
    await expect(resumed.getByText('900 s limit')).toBeVisible();
    // ...and it still ends when its own, longer, limit is reached.
    await page.clock.fastForward(900_000);
    await expect(resumed.getByRole('status')).toContainText('Time is up');
  });

  test('stored progress from before the preference existed is kept when a timing is chosen', async ({ page }) => {
    const old = {
      version: 2,
      lessons: { [LESSON]: { learn: { firstVisited: '2025-01-01T10:00:00.000Z', lastVisited: '2025-01-01T10:00:00.000Z', done: true, doneAt: '2025-01-01T10:00:00.000Z', attempts: 0 } } },
      questions: {},
      cards: {},
      labs: {},
      badges: { 'some-badge': { earnedAt: '2025-01-01T10:00:00.000Z' } },
      resume: null,
      preferences: { theme: { value: 'dark', at: '2025-01-01T10:00:00.000Z' } },
    };
    await page.addInitScript((text) => {
      if (!localStorage.getItem('knet:progress')) localStorage.setItem('knet:progress', text);
    }, JSON.stringify(old));
    await page.goto(lessonPage('challenge'));
    const q1 = await questionCard(page, 1, 5);
    await q1.getByRole('combobox', { name: 'Time limit', exact: true }).selectOption('untimed');
    await expect.poll(() => savedTiming(page)).toBe('untimed');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('knet:progress') ?? '{}'));
    expect(stored.lessons[LESSON].learn.done).toBe(true);
    expect(stored.badges['some-badge']).toEqual(old.badges['some-badge']);
    expect(stored.preferences.theme).toEqual(old.preferences.theme);
  });
});

test.describe('4.1.3 status messages, said once, focus kept', () => {
  test('quiz feedback: one announcement; Try again and Check answer keep the keyboard in the question', async ({ page }) => {
    await page.goto(lessonPage('review'));
    const q1 = await questionCard(page, 1, 5);
    await q1.getByRole('radio', { name: 'False' }).focus();
    await page.keyboard.press('Space');
    await q1.getByRole('button', { name: 'Check answer' }).focus();
    await page.keyboard.press('Enter');
    await expect(q1.getByRole('status')).toContainText('Not quite: 0 of 1 points.');
    expect(await liveRegionsSaying(page, 'Not quite: 0 of 1 points.')).toBe(1);
    // The Check button became Try again: focus is on it, not on the page's body.
    await expect(q1.getByRole('button', { name: 'Try again' })).toBeFocused();
    await page.keyboard.press('Enter');
    // Back to the answer, by keyboard.
    await expect(q1.getByRole('radio').first()).toBeFocused();
    await q1.getByRole('radio', { name: 'True' }).check();
    await q1.getByRole('button', { name: 'Check answer' }).focus();
    await page.keyboard.press('Enter');
    await expect(q1.getByRole('status')).toContainText('Correct: 1 of 1 points');
    expect(await liveRegionsSaying(page, 'Correct: 1 of 1 points')).toBe(1);
    await expect(q1).toBeFocused();
  });

  test('flashcard ratings: one announcement each, and the keyboard carries on to the next card', async ({ page }) => {
    await page.goto(lessonPage('review'));
    const card = page.getByRole('region', { name: /^Flashcard, / });
    await card.scrollIntoViewIfNeeded();
    await expect(card.getByRole('button', { name: 'Reveal answer' })).toBeEnabled();
    await card.getByRole('button', { name: 'Reveal answer' }).focus();
    await page.keyboard.press('Space');
    await expect(card.getByRole('group', { name: 'How well did you recall it?' })).toBeVisible();
    await page.keyboard.press('3');
    await expect(page.getByRole('status').filter({ hasText: /Rated Good\. Next review in/ })).toBeAttached();
    expect(await liveRegionsSaying(page, 'Rated Good.')).toBe(1);
    // Focus is still in the deck, so the next card is one key away.
    expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
    await page.keyboard.press('Space');
    await expect(card.getByRole('group', { name: 'How well did you recall it?' })).toBeVisible();
  });

  test('lab task results and terminal output: each said once, focus left in the editor or the command line', async ({ page }) => {
    const scenario = readFileSync(resolve(REPO, `e2e/fixtures/content/lessons/${LESSON}/scenarios/lab.yaml`), 'utf8');
    await openLab(page, lessonPage('lab'));
    await setLabText(page, `${scenario.endsWith('\n') ? scenario : `${scenario}\n`}${ALLOW_8080}`);
    await expect(page.getByRole('status').filter({ hasText: 'Task 1 passed' })).toBeAttached();
    expect(await liveRegionsSaying(page, 'Task 1 passed')).toBe(1);
    await expect(page.getByRole('textbox', { name: 'Manifests (YAML)' })).toBeFocused();

    const terminal = page.getByRole('region', { name: 'Lab terminal' });
    const command = terminal.getByRole('textbox', { name: 'kubectl command' });
    await command.fill('get networkpolicies');
    await command.press('Enter');
    const log = terminal.getByRole('log');
    await expect(log).toContainText('allow-frontend');
    await expect(command).toBeFocused();
    // The log keeps what was printed, for a screen reader to read back; it is one polite region.
    await expect(log).toHaveAttribute('aria-live', 'polite');
    expect(await liveRegionsSaying(page, 'allow-frontend')).toBe(1);
  });
});
