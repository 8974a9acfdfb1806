/**
 * WCAG 2.2 AA beyond what axe sees, on every page of the course: the frame's pages and every mode page of
 * every lesson in content/ (a lesson is checked as soon as it is written). Per page: reflow at 320 CSS px
 * (1.4.10), target sizes from bounding boxes at 1280 and 320 px (2.5.8), every tabbable element visible
 * when focused, forwards and backwards, under the sticky toolbars and players (2.4.11), and, with
 * `prefers-reduced-motion: reduce`, no movement and no auto-play (2.3.3). Per lesson: what a screen
 * reader is given for the player, the quiz, the terminal and the reachability matrix (4.1.3, 1.3.1,
 * 1.4.1), read from the accessibility tree with `ariaSnapshot()`, and the editor and terminal never
 * trap the keyboard (2.1.2). Criteria: https://www.w3.org/TR/WCAG22/. Islands are woken before
 * measuring, and every wait is on a state, never on time.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  allPages,
  lessonModePages,
  movingAnimations,
  pressAndRecordFocus,
  recordSmoothScrolls,
  sidewaysScrollers,
  smallTargets,
  smoothScrolls,
  wakeIslands,
} from './a11y-utils.ts';
import { courseLessons, labEditor, openLab } from './test-utils.ts';

/** Most Tab presses spent on one page before giving up (the lab has about a hundred stops). */
const MAX_TABS = 400;

/** Tab presses sent in one burst: more than most pages have stops, so a walk is usually one burst. */
const BURST = 120;

/**
 * Presses Tab (or Shift+Tab) through the whole page and returns every stop whose focused element was
 * off screen or covered. Stops when focus comes back to where it started (or leaves the page).
 */
async function obscuredStops(page: Page, key: 'Tab' | 'Shift+Tab'): Promise<string[]> {
  // A walk starts from an untabbable mark at the top (Tab) or the end (Shift+Tab) of the page: focus
  // navigation otherwise starts wherever focus last was (a burst of Tabs leaves it anywhere, even in a
  // sticky bar).
  await page.evaluate((atEnd) => {
    const mark = document.createElement('span');
    mark.tabIndex = -1;
    if (atEnd) document.body.append(mark);
    else document.body.prepend(mark);
    mark.focus();
    mark.remove();
  }, key === 'Shift+Tab');
  const problems: string[] = [];
  const seen = new Set<string>();
  walk: for (let pressed = 0; pressed < MAX_TABS; pressed += BURST) {
    for (const { where, problem } of await pressAndRecordFocus(page, key, BURST)) {
      if (where === 'body' || seen.has(where)) break walk;
      seen.add(where);
      if (problem) problems.push(problem);
    }
  }
  expect(seen.size, 'Tab reached some controls').toBeGreaterThan(1);
  return problems;
}

test('there are lesson pages to check', () => {
  expect(lessonModePages().length).toBeGreaterThanOrEqual(9);
});

test('the focus walk reports a control hidden under a sticky bar', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 400 });
  const filler = '<p style="height: 300px">text</p>';
  // Scrolled to its end, the page has the "last" link under the bar; focus lands on it without scrolling.
  await page.setContent(
    `<header style="position: sticky; top: 0; height: 120px; background: #fff">bar</header><main>${filler}<a href="#a">first</a>${filler}<a href="#b">last</a>${filler}</main>`,
  );
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  expect(await obscuredStops(page, 'Shift+Tab')).toEqual([expect.stringMatching(/^a "last" is covered by header/)]);
});

for (const path of allPages()) {
  // One test per page, one load per width: no motion with reduced motion asked for (2.3.3), then, as a
  // learner who did not ask for it sees the page, target size (2.5.8) and focus not obscured (2.4.11) at
  // 1280 and 390 px, and reflow (1.4.10) and target size at 320 px.
  test(`${path} meets reflow, target size, focus not obscured and reduced motion`, async ({ page }) => {
    test.setTimeout(120_000);
    await recordSmoothScrolls(page);
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      if (viewport.width === 1280) await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto(path);
      await wakeIslands(page);
      if (viewport.width === 1280) {
        await test.step('2.3.3 reduced motion: nothing moves and nothing plays by itself', async () => {
          expect.soft(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).not.toBe('smooth');
          expect.soft(await movingAnimations(page)).toEqual([]);
          expect.soft(await smoothScrolls(page), 'smooth scrolling asked for by a script').toEqual([]);
          for (const play of await page.getByRole('button', { name: /^(Play|Pause)/ }).all()) {
            await expect.soft(play, 'a player waiting for the learner').toHaveAttribute('aria-pressed', 'false');
          }
          // Media never auto-plays.
          expect.soft(await page.evaluate(() => [...document.querySelectorAll('video, audio')].filter((media) => !(media as HTMLMediaElement).paused).length)).toBe(0);
        });
        await page.emulateMedia({ reducedMotion: null });
        await test.step('2.5.8 target size at 1280 px', async () => {
          expect.soft(await smallTargets(page), 'at 1280 px').toEqual([]);
        });
      }
      await test.step(`2.4.11 focus not obscured at ${viewport.width} px, forwards and backwards`, async () => {
        expect.soft(await obscuredStops(page, 'Tab'), `Tab at ${viewport.width} px`).toEqual([]);
        // Backwards from the end of the page: where a sticky bar above the control would hide it.
        expect.soft(await obscuredStops(page, 'Shift+Tab'), `Shift+Tab at ${viewport.width} px`).toEqual([]);
      });
    }
    await test.step('1.4.10 reflow and 2.5.8 target size at 320 px', async () => {
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(path);
      await wakeIslands(page);
      expect.soft(await sidewaysScrollers(page), 'sideways scrolling at 320 px').toEqual([]);
      expect.soft(await smallTargets(page), 'at 320 px').toEqual([]);
    });
  });
}

for (const lesson of courseLessons()) {
  const at = (mode: string) => `/lessons/${lesson.slug}/${mode}/`;

  test.describe(`${lesson.title}: what a screen reader reads`, () => {
    test('Visualize: the player names its controls, announces each step once, and steps without moving under reduced motion', async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await recordSmoothScrolls(page);
      await page.goto(at('visualize'));
      const player = page.getByRole('region', { name: 'Step-through player' }).first();
      await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();
      await player.locator('xpath=ancestor::astro-island[1]').and(page.locator('astro-island:not([ssr])')).waitFor({ state: 'attached' });
      await expect(player).toMatchAriaSnapshot(`
        - region "Step-through player":
          - group "Scenario":
            - radio [checked]
          - group "Playback":
            - button "Restart"
            - button "Step back"
            - button "Play"
            - button "Step forward"
            - combobox "Speed"
          - status: /^Start:\\s/
      `);
      await expect(player.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');
      // What changed for assistive technology when the learner steps: exactly one live region, the caption. Each
      // region is known by a mark it is given, not by its place in the page: a key press also wakes the header's
      // search, whose dialog (with its own empty status) then joins the page and says nothing.
      const liveTexts = () =>
        page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('[aria-live]:not([aria-live="off"]), [role="status"], [role="log"], [role="alert"]')].map((region, index) => {
            region.dataset.liveMark ??= `${performance.now()}-${index}`;
            return [region.dataset.liveMark, region.textContent ?? ''] as const;
          }),
        );
      const before = new Map(await liveTexts());
      const forward = player.getByRole('button', { name: 'Step forward' });
      await forward.focus();
      await page.keyboard.press('Enter');
      await expect(player.getByRole('status')).toHaveText(/^Step 1 of \d+/);
      const after = await liveTexts();
      const changed = after.filter(([mark, text]) => text !== (before.get(mark) ?? '')).map(([, text]) => text);
      expect(changed, 'live regions that changed on one step').toHaveLength(1);
      expect(changed[0]).toMatch(/^Step 1 of \d+/);
      await expect(forward, 'focus stays on Step forward').toBeFocused();
      expect(await movingAnimations(page)).toEqual([]);
      expect(await smoothScrolls(page), 'smooth scrolling asked for by a script').toEqual([]);
      // The keyboard drives the whole player: arrows step, Home restarts, k plays and pauses.
      await page.keyboard.press('ArrowRight');
      await expect(player.getByRole('status')).toHaveText(/^Step 2 of \d+/);
      await page.keyboard.press('Home');
      await expect(player.getByRole('status')).toHaveText(/^Start: /);
      await page.keyboard.press('End');
      await expect(player.getByRole('button', { name: 'Replay' })).toBeVisible();
    });

    test('Review: quiz feedback is announced in the question’s status, and focus stays in the question', async ({ page }) => {
      await page.goto(at('review'));
      const card = page.getByRole('region', { name: /^Question 1 of \d+$/ }).first();
      await card.scrollIntoViewIfNeeded();
      await expect(card.getByRole('button', { name: 'Check answer' })).toBeEnabled();
      await expect(card).toMatchAriaSnapshot(`
        - region /Question 1 of \\d+/:
          - heading /Question 1 of \\d+/ [level=3]
          - button "Check answer"
      `);
      // Answer by keyboard where the first question has a choice or a field (any answer: feedback is what is checked).
      const choices = card.getByRole('radio').or(card.getByRole('checkbox')).or(card.getByRole('textbox'));
      if ((await choices.count()) > 0) {
        const choice = choices.first();
        await choice.focus();
        if (['radio', 'checkbox'].includes((await choice.getAttribute('type')) ?? '')) await page.keyboard.press('Space');
        else await page.keyboard.type('10.244.0.0/16');
      }
      await card.getByRole('button', { name: 'Check answer' }).focus();
      await page.keyboard.press('Enter');
      await expect(card.getByRole('status')).toContainText(/Correct|Not quite|Partly right|Incomplete/);
      const focused = await page.evaluate(() => document.activeElement?.closest('section.question-card, .set-done')?.tagName ?? document.activeElement?.tagName);
      expect(focused, 'focus is still in the question (or on the set’s result)').toBe('SECTION');
    });

    test('Lab: the terminal is a log, the matrix a table with headers and words in every cell, and neither the editor nor the terminal traps Tab', async ({ page }) => {
      await openLab(page, at('lab'));
      const terminal = page.getByRole('region', { name: 'Lab terminal' });
      await expect(terminal).toMatchAriaSnapshot(`
        - region "Lab terminal":
          - 'log "Lab terminal: output"'
          - textbox "kubectl command"
          - button "Run"
      `);
      const command = terminal.getByRole('textbox', { name: 'kubectl command' });
      await command.fill('get pods -A'); // -A: a lab's pods need not be in namespace default
      await command.press('Enter');
      const log = terminal.getByRole('log', { name: 'Lab terminal: output' });
      await expect(log).toContainText(/NAME\s+READY\s+STATUS/);
      await expect(command, 'focus stays on the command line').toBeFocused();
      await expect(log).toHaveAttribute('aria-live', 'polite');
      // Tab leaves the terminal's command line.
      await page.keyboard.press('Tab');
      await expect(command).not.toBeFocused();

      const matrix = page.locator('.lab-matrix-table');
      await expect(matrix).toMatchAriaSnapshot(`
        - table:
          - rowgroup:
            - row:
              - columnheader "From (rows) to (columns)"
          - rowgroup:
            - row:
              - rowheader
              - cell /[a-z]{3,}/
      `);
      const verdicts = await matrix.locator('tbody td').allInnerTexts();
      expect(verdicts.length).toBeGreaterThan(0);
      for (const verdict of verdicts) expect(verdict.trim(), 'each cell says its verdict in words').toMatch(/[a-z]{3,}/);
      expect(await matrix.locator('tbody tr').evaluateAll((rows) => rows.every((row) => row.querySelector('th[scope="row"]') !== null))).toBe(true);

      // The editor: Tab leaves it forwards and backwards; its keys are written next to it.
      const editor = labEditor(page);
      await editor.focus();
      await page.keyboard.press('Tab');
      await expect(editor).not.toBeFocused();
      await editor.focus();
      await page.keyboard.press('Shift+Tab');
      await expect(editor).not.toBeFocused();
      await expect(page.getByText(/Tab leaves the editor/)).toBeVisible();
    });

    test('Challenge: a timed problem offers more time and untimed before it starts', async ({ page }) => {
      await page.goto(at('challenge'));
      test.skip(!lesson.source.questions.some((question) => question.timeLimitSeconds !== undefined), 'this lesson has no timed problem');
      const start = page.getByRole('button', { name: /^Start problem/ }).first();
      await start.scrollIntoViewIfNeeded();
      await expect(start).toBeEnabled();
      const card = page.getByRole('region', { name: /^Question \d+ of \d+$/ }).filter({ has: start }).first();
      const choice = card.getByRole('combobox', { name: 'Time limit', exact: true });
      await expect(choice).toMatchAriaSnapshot(`
        - combobox "Time limit":
          - option /^Standard \\(\\d+ s\\)$/ [selected]
          - option /^More time \\(\\d+ s\\)$/
          - option "Untimed"
      `);
      await choice.selectOption('untimed');
      await expect(card.getByRole('button', { name: 'Start problem (untimed)' })).toBeVisible();
    });
  });
}
