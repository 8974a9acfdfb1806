/**
 * Every troubleshooting case of every course lab, worked in the browser as a learner would: open the case, read its
 * symptom, reproduce it in the lab terminal (the command lands in the case's evidence log), name the root cause
 * lab.yaml gives as the answer, apply the case's own `solution` (the editor for `apply`/`delete`, the terminal for
 * `commands`), and see the case marked Passed. Lessons and cases come from content/, so a new case is tested with
 * no change here; one test per case, so they run in parallel. Plus: an "Open this case" click made before the
 * lab island hydrates is not lost (it is a link to `#case=<id>`, which the island reads when it wakes up).
 */
import { expect, test, type Page } from '@playwright/test';
import { rootCauseLabel } from '../src/lib/lab/cases.ts';
import { applySolution } from '../src/lib/lab/solution.ts';
import { courseLessons, openLab, run, setLabText, upgradeEditor } from './test-utils.ts';

// A case re-checks a 30-object cluster on every edit and runs simulator commands: on a loaded 2-core machine that
// can take longer than the default 30 s (as in lesson-troubleshooting.spec.ts).
test.describe.configure({ timeout: 90_000 });

const caseLessons = courseLessons().filter((lesson) => lesson.source.lab?.tasks.some((task) => task.scenario !== undefined));

test('at least one course lesson has a lab of cases', () => {
  expect(caseLessons.length).toBeGreaterThan(0);
});

for (const lesson of caseLessons) {
  const lab = lesson.source.lab!;
  const url = `/lessons/${lesson.slug}/lab/`;
  test.describe(lesson.title, () => {
    lab.tasks.forEach((task, index) => {
      if (task.scenario === undefined) return;
      test(`case ${index + 1} (${task.id}): symptom, evidence, diagnosis, the case's solution, passed`, async ({ page }) => {
        expect(task.solution, `${task.id} has a solution`).toBeDefined();
        await openLab(page, url);
        const item = page.locator(`li[data-task="${task.id}"]`);
        await expect(item.getByRole('heading', { name: `Case ${index + 1}: ${task.title}` })).toBeVisible();

        // The symptom, computed at build time on the case's scenario: the command and what it printed.
        let printed = '';
        if (task.symptom) {
          const symptom = item.getByLabel(`${task.symptom.command} and its output`);
          await expect(symptom).toBeVisible();
          printed = ((await symptom.textContent()) ?? '').split(task.symptom.command)[1]?.trim() ?? '';
          expect(printed, 'the symptom printed something').not.toBe('');
        }

        await item.getByRole('link', { name: 'Open this case' }).click();
        await expect(item.getByText('This case is loaded in the sandbox')).toBeVisible();
        await expect(page).toHaveURL(new RegExp(`#case=${task.id}$`));
        await expect(item.locator('[data-task-status]')).toHaveText('Not yet');

        // Investigate: the symptom reproduces in the sandbox's terminal, and the command joins the evidence log.
        const command = task.symptom?.command ?? 'kubectl get pods -A -o wide';
        const log = await run(page, command);
        if (printed) await expect(log).toContainText(printed.split('\n')[0]!);
        await item.getByText('Evidence log (1 command)').click();
        await expect(item.getByRole('listitem').filter({ hasText: command })).toBeVisible();

        if (task.diagnosis) {
          const group = item.getByRole('group', { name: task.diagnosis.prompt.trim() });
          await group.getByRole('radio', { name: rootCauseLabel(task.diagnosis.answer), exact: true }).check();
          await item.getByRole('button', { name: 'Check the diagnosis' }).click();
          await expect(item.getByText('✓ Right: that is the root cause.')).toBeVisible();
          // Named, not fixed: the case does not pass yet.
          await expect(item.locator('[data-task-status]')).toHaveText('Not yet');
        }

        // The fix, as a learner makes it: the manifests in the editor, node commands in the terminal.
        const solution = task.solution!;
        if (solution.apply !== undefined || solution.delete !== undefined) {
          const scenario = lesson.source.scenarios[task.scenario!]!;
          await setLabText(page, applySolution(scenario, solution));
          await expect(page.getByText(/^The manifests are valid/)).toBeVisible();
        }
        for (const fix of solution.commands ?? []) await run(page, fix);
        await expect(item.locator('[data-task-status]')).toHaveText('Passed');
      });
    });
  });
}

/** The first lesson with cases, its first case and the case's scenario with its solution applied. */
const first = caseLessons[0]!;
const firstCase = first.source.lab!.tasks.find((task) => task.scenario !== undefined)!;
const firstIndex = first.source.lab!.tasks.indexOf(firstCase);
const secondCase = first.source.lab!.tasks.find((task) => task.scenario !== undefined && task !== firstCase)!;
const firstUrl = `/lessons/${first.slug}/lab/`;
const firstSolved = applySolution(first.source.scenarios[firstCase.scenario!]!, firstCase.solution!);
/** How many checks the first case shows (its own and its keep checks): all pass once it is fixed. */
const firstChecks = firstCase.expect.length + firstCase.pods.length + firstCase.nodes.length + firstCase.dns.length + firstCase.http.length + firstCase.conditions.length + (firstCase.keep ? firstCase.keep.expect.length + firstCase.keep.pods.length + firstCase.keep.nodes.length + firstCase.keep.dns.length + firstCase.keep.http.length + firstCase.keep.conditions.length : 0);

/** Waits until the lab on `page` has the simulator and CodeMirror in (as openLab, without navigating). */
async function labReady(page: Page) {
  // The frame around the island, not the editor: its textarea is swapped for CodeMirror while this runs.
  await page.locator('[data-lab-frame]').scrollIntoViewIfNeeded();
  await page.getByText(/^The manifests are valid/).waitFor();
  await upgradeEditor(page);
}

test.describe('the open case in the URL', () => {
  test('"Open this case" clicked before the lab island hydrates opens the case once it does', async ({ page }) => {
    // Hold the island's module: the page shows its server-rendered HTML, and the click lands before hydration.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = false;
    await page.route(/\/_astro\/Lab\.[\w-]+\.js$/, async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await page.goto(firstUrl);
    const item = page.locator(`li[data-task="${firstCase.id}"]`);
    const link = item.getByRole('link', { name: 'Open this case' });
    await link.scrollIntoViewIfNeeded();
    await expect.poll(() => asked, { message: 'the island, scrolled into view, asked for its module' }).toBe(true);
    await expect(page.locator('astro-island[component-url*="/Lab."]')).toHaveAttribute('ssr', '');
    await link.click();
    await expect(page).toHaveURL(new RegExp(`#case=${firstCase.id}$`));
    await expect(item.getByText('This case is loaded in the sandbox')).toHaveCount(0);

    release();
    await expect(page.getByRole('status').filter({ hasText: `Case ${firstIndex + 1} is loaded` })).toBeAttached();
    await expect(item.getByText('This case is loaded in the sandbox')).toBeVisible();
    await expect(item.locator('[data-task-status]')).toHaveText('Not yet');
  });

  test('a reload and a share link keep the open case and its edits; a case asked for over edits asks first', async ({ page, browser }) => {
    await openLab(page, firstUrl);
    const item = page.locator(`li[data-task="${firstCase.id}"]`);
    const passes = item.getByText('This check passes.');
    await item.getByRole('link', { name: 'Open this case' }).click();
    await expect(item.getByText('This case is loaded in the sandbox')).toBeVisible();
    await expect(passes).not.toHaveCount(firstChecks);
    await setLabText(page, firstSolved);
    await expect(passes).toHaveCount(firstChecks);

    // A reload: the same case, with the fix still in the sandbox.
    await page.reload();
    await labReady(page);
    await expect(page).toHaveURL(new RegExp(`#case=${firstCase.id}$`));
    await expect(item.getByText('This case is loaded in the sandbox')).toBeVisible();
    await expect(passes).toHaveCount(firstChecks);

    // The share link carries the case; opened in a fresh browser, it loads the shared sandbox into that case.
    await page.getByRole('button', { name: 'Share this lab' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(link).toMatch(new RegExp(`#case=${firstCase.id}&lab=[zj]\\.`));
    const context = await browser.newContext();
    try {
      const other = await context.newPage();
      await other.goto(link);
      await labReady(other);
      const there = other.locator(`li[data-task="${firstCase.id}"]`);
      await expect(other.getByText('You opened a shared lab.')).toBeVisible();
      await expect(there.getByText('This case is loaded in the sandbox')).toBeVisible();
      await expect(there.getByText('This check passes.')).toHaveCount(firstChecks);
      await expect(other).toHaveURL(new RegExp(`#case=${firstCase.id}$`));
    } finally {
      await context.close();
    }

    // The address asks for another case while the sandbox has edits: its "Open this case" asks before loading.
    await page.evaluate((id) => (location.hash = `case=${id}`), secondCase.id);
    const second = page.locator(`li[data-task="${secondCase.id}"]`);
    await second.getByRole('button', { name: 'Cancel' }).click();
    await expect(page).toHaveURL(new RegExp(`#case=${firstCase.id}$`));
    await expect(item.getByText('This case is loaded in the sandbox')).toBeVisible();
    await page.evaluate((id) => (location.hash = `case=${id}`), secondCase.id);
    await second.getByRole('button', { name: 'Load the case' }).click();
    await expect(second.getByText('This case is loaded in the sandbox')).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#case=${secondCase.id}$`));
  });
});
