/**
 * The lab's case runner, as a learner meets it, on the fixture lesson `fixture-cases` (two cases, each with its own
 * broken scenario): opening a case loads its scenario, its symptom shows what the simulator printed, a wrong
 * diagnosis is announced and may be retried, the hint ladder opens one step at a time, the commands run go to the
 * case's evidence log (kept over a reload), the fix plus the right diagnosis passes the case, opening the next case
 * asks before discarding edits, and the lab is done when both cases have passed.
 * Expected outputs: busybox wget's "Connection refused" message (networking/wget.c connect error via
 * bb_perror_msg "can't connect to remote host") for a Service without ready endpoints (kube-proxy REJECT).
 */
import { expect, test, type Page } from '@playwright/test';
import { openLab, run, setLabText } from './test-utils.ts';
import { applySolution } from '../src/lib/lab/solution.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { REPO } from './test-utils.ts';

const DIR = resolve(REPO, 'e2e/fixtures/content/lessons/fixture-cases');
const LAB = parse(readFileSync(resolve(DIR, 'lab.yaml'), 'utf8')) as { tasks: Array<{ scenario: string; solution: { apply: string } }> };
const solved = (index: number) => applySolution(readFileSync(resolve(DIR, 'scenarios', `${LAB.tasks[index]!.scenario}.yaml`), 'utf8'), LAB.tasks[index]!.solution);
const URL = 'lessons/fixture-cases/lab/';
const caseItem = (page: Page, n: number) => page.locator(`li[data-task]`).nth(n - 1);

test('a learner solves two cases: open, diagnose, investigate, hint, fix', async ({ page }) => {
  await openLab(page, URL);
  await expect(page.getByText(/^The manifests are valid/)).toBeVisible();
  await expect(page.getByText('0 of 2 tasks pass')).toBeVisible();
  const first = caseItem(page, 1);
  // The symptom was computed on the case's scenario: the Service has no endpoints, so wget is refused.
  await expect(first.getByLabel(/wget -qO- -T 2 web and its output/)).toContainText("wget: can't connect to remote host");
  await expect(first.getByLabel(/and its output/)).toContainText('Connection refused');

  await first.getByRole('link', { name: 'Open this case' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Case 1 is loaded' })).toBeAttached();
  await expect(first.getByText('This case is loaded in the sandbox')).toBeVisible();

  // A wrong diagnosis is announced and may be retried.
  const diagnosis = first.getByRole('group', { name: 'What is the root cause?' });
  await diagnosis.getByRole('radio', { name: /Name \(DNS\): Service kube-system\/kube-dns/ }).check();
  await first.getByRole('button', { name: 'Check the diagnosis' }).click();
  await expect(first.getByText('✗ Not this one.')).toBeVisible();

  // The hint ladder: one at a time; the last one says what it costs.
  await first.getByRole('button', { name: 'Show hint 1 of 3' }).click();
  await expect(first.getByText('Layer: the Service has nowhere to send the connection.')).toBeVisible();
  await first.getByRole('button', { name: 'Show hint 2 of 3' }).click();
  await first.getByRole('button', { name: /Show the last hint \(3 of 3: halves this task's score\)/ }).click();
  await expect(first.getByText('Hint 3 of 3')).toBeVisible();
  await expect(first.getByRole('button', { name: /Show/ })).toHaveCount(0);

  // Investigate: the command goes to this case's evidence log.
  await run(page, 'kubectl get endpointslices -l kubernetes.io/service-name=web');
  await first.getByText('Evidence log (1 command)').click();
  await expect(first.getByRole('listitem').filter({ hasText: 'kubectl get endpointslices -l kubernetes.io/service-name=web' })).toBeVisible();

  // The fix alone does not pass the case while the diagnosis is wrong; with the right one it does.
  await setLabText(page, solved(0));
  await expect(first.locator('[data-task-status]')).toHaveText('Not yet');
  await diagnosis.getByRole('radio', { name: /^Service: Service default\/web, spec\.selector/ }).check();
  await first.getByRole('button', { name: 'Check the diagnosis' }).click();
  await expect(first.getByText('✓ Right: that is the root cause.')).toBeVisible();
  await expect(first.locator('[data-task-status]')).toHaveText('Passed');
  await expect(page.getByText('1 of 2 tasks pass')).toBeVisible();

  // The evidence log survives a reload, with the case still open.
  await page.reload();
  await openLab(page, URL);
  await expect(caseItem(page, 1).getByText('Evidence log (1 command)')).toBeVisible();
  await expect(caseItem(page, 1).getByText('This case is loaded in the sandbox')).toBeVisible();
  await expect(caseItem(page, 1).getByRole('button', { name: 'Start this case over' })).toBeVisible();

  // Case 2 asks before it discards the edited sandbox.
  const second = caseItem(page, 2);
  await second.getByRole('link', { name: 'Open this case' }).click();
  await expect(second.getByText(/Load the scenario of "web refuses although pod-b is Running"\?/)).toBeVisible();
  await second.getByRole('button', { name: 'Cancel' }).click();
  await second.getByRole('link', { name: 'Open this case' }).click();
  await second.getByRole('button', { name: 'Load the case' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Case 2 is loaded' })).toBeAttached();
  await expect(caseItem(page, 1).locator('[data-task-status]')).toHaveText('Passed');
  await second.getByRole('group', { name: 'What is the root cause?' }).getByRole('radio', { name: /^Backend pod: Pod default\/pod-b/ }).check();
  await second.getByRole('button', { name: 'Check the diagnosis' }).click();
  await setLabText(page, solved(1));
  await expect(second.locator('[data-task-status]')).toHaveText('Passed');
  await expect(page.getByText('2 of 2 tasks pass')).toBeVisible();
  await expect(page.getByText('Score 1.5 of 2')).toBeVisible();
  await expect(page.getByText('Lab done')).toBeVisible();
});
