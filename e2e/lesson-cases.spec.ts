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
import { courseLessons, openLab, setLabText } from './test-utils.ts';

// A case re-checks a 30-object cluster on every edit and runs simulator commands: on a loaded 2-core machine that
// can take longer than the default 30 s (as in lesson-troubleshooting.spec.ts).
test.describe.configure({ timeout: 90_000 });

const caseLessons = courseLessons().filter((lesson) => lesson.source.lab?.tasks.some((task) => task.scenario !== undefined));

test('at least one course lesson has a lab of cases', () => {
  expect(caseLessons.length).toBeGreaterThan(0);
});

async function run(page: Page, command: string) {
  const terminal = page.getByRole('region', { name: 'Lab terminal' });
  const input = terminal.getByRole('textbox', { name: 'kubectl command' });
  await input.fill(command);
  await input.press('Enter');
  await expect(input).toHaveValue('');
  return terminal.getByRole('log');
}

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

        await item.getByRole('button', { name: 'Open this case' }).click();
        await expect(item.getByText('This case is loaded in the sandbox')).toBeVisible();
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
