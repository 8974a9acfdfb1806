/**
 * Every lesson of the course, as a learner meets it: each of its nine pages opens with its title, the
 * mode switcher moves between them, and the lab's reference solution (from lab.yaml) passes every task
 * in the browser. Lessons come from content/lessons, so a new lesson folder is tested with no change here.
 */
import { expect, test } from '@playwright/test';
import { applySolution } from '../src/lib/lab/solution.ts';
import { courseLessons, labEditor, MODES, openLab, run, setLabText } from './test-utils.ts';

for (const lesson of courseLessons()) {
  test.describe(lesson.title, () => {
    test('every mode page opens, and the switcher moves through all nine', async ({ page }) => {
      await page.goto(`/lessons/${lesson.slug}/learn/`);
      for (const [slug, name] of MODES) {
        const switcher = page.getByRole('navigation', { name: /Choose your learning style/ });
        await switcher.getByRole('link', { name: new RegExp(`^${name}\\b`) }).click();
        await expect(page).toHaveURL(new RegExp(`/lessons/${lesson.slug}/${slug}/$`));
        await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
        const current = page.getByRole('navigation', { name: /Choose your learning style/ }).locator('[aria-current="page"]');
        await expect(current).toHaveCount(1);
        await expect(current).toContainText(name);
        await expect(page).toHaveTitle(new RegExp(`${lesson.title.replace(/[()]/g, '.')}: ${name}`));
      }
    });

    test("the lab's reference solution passes every task", async ({ page }) => {
      const lab = lesson.source.lab!;
      // A lab of troubleshooting cases (every task with its own scenario and fix) is solved case by case:
      // the build checks each case's solution, and e2e/lab-cases.spec.ts drives the case runner.
      test.skip(lab.solution === undefined, 'every task is a case with its own scenario and solution');
      if (lab.solution === undefined) return;
      const solved = applySolution(lesson.source.scenarios[lab.scenario]!, lab.solution);
      await openLab(page, `/lessons/${lesson.slug}/lab/`);
      await expect(page.getByText(`0 of ${lab.tasks.length} tasks pass`)).toBeVisible();
      if (lab.solution.apply !== undefined || lab.solution.delete !== undefined) {
        await setLabText(page, solved);
        await expect(page.getByText(/^The manifests are valid/)).toBeVisible();
      }
      // A fix made on a node (a route, in a `kubectl debug node/…` shell) is typed into the lab's terminal.
      for (const command of lab.solution.commands ?? []) await run(page, command);
      // A task's questions are answered as the solution says: the choice of that name, or the answer typed.
      for (const [index, task] of lab.tasks.entries()) {
        if (!task.ask) continue;
        const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Task ${index + 1}: ${task.title}` }) });
        for (const question of task.ask) {
          const answer = lab.solution.answers?.[task.id]?.[question.id] ?? '';
          const group = item.getByRole('group', { name: question.prompt.replace(/[`*_]/g, '') });
          const choice = group.getByRole('radio', { name: answer, exact: true });
          if ((await group.getByRole('radio').count()) > 0) await choice.check();
          else await group.getByRole('textbox').fill(answer);
        }
        await item.getByRole('button', { name: 'Check answers' }).click();
        await expect(item.getByRole('status')).toHaveText(`${task.ask.length} of ${task.ask.length} answer${task.ask.length === 1 ? '' : 's'} right.`);
      }
      await expect(page.getByText(`${lab.tasks.length} of ${lab.tasks.length} tasks pass`)).toBeVisible();
      await expect(page.getByText('Lab done')).toBeVisible();
      await expect(labEditor(page)).toBeVisible();
    });
  });
}
