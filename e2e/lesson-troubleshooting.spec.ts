/**
 * Lesson 9 (troubleshooting-connectivity) as a learner works its lab of cases: open a case, read its symptom, run
 * the checks in the terminal, name the root cause (a wrong pick first), fix it, and see a fix that breaks the keep
 * checks refused. Expected texts come from the real tools, not from the simulator:
 * - busybox 1.36 wget, networking/wget.c (connect via libbb/xconnect.c xconnect(): bb_perror_msg_and_die("can't
 *   connect to remote host (%s)"), which appends strerror(ECONNREFUSED) = "Connection refused"), and its
 *   "download timed out" when -T expires (networking/wget.c, retrieve_file_data / alarm handler);
 * - kubectl get endpointslices, kubernetes pkg/printers/internalversion/printers.go (printEndpointSlice:
 *   formatDiscoveryPorts and formatDiscoveryEndpoints print "<unset>" for an empty list);
 * - kubectl describe networkpolicy, staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeNetworkPolicySpec:
 *   "PodSelector: app=front-end" inside a From: block).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLab, REPO, run, setLabText } from './test-utils.ts';

// Each test opens a case, runs terminal commands and re-checks a 30-object cluster on every edit: on a loaded
// 2-core machine that can take longer than the default 30 s ceiling (first runs failed on it, never on an assertion).
test.describe.configure({ timeout: 90_000 });

const LESSON = join(REPO, 'content/lessons/troubleshooting-connectivity');
const scenario = (name: string) => readFileSync(join(LESSON, `scenarios/${name}.yaml`), 'utf8');

/** The task's list item (its heading names it). */
function caseItem(page: Page, title: RegExp): Locator {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
}

async function openCase(item: Locator) {
  // A fresh browser context: the sandbox has no edits, so the case loads without asking.
  await item.getByRole('link', { name: 'Open this case' }).click();
  await expect(item.getByText(/This case is loaded in the sandbox/)).toBeVisible();
}

test('lab: case 1, a refused Service: symptom, evidence, diagnosis and fix', async ({ page }) => {
  await openLab(page, '/lessons/troubleshooting-connectivity/lab/');
  await expect(page.getByText('0 of 10 tasks pass')).toBeVisible();

  const item = caseItem(page, /Case 1: Checkout is refused/);
  // The symptom is computed on the case's scenario, shown before the case is opened.
  await expect(item.getByText("wget: can't connect to remote host (10.96.20.10): Connection refused")).toBeVisible();
  await openCase(item);

  const log = await run(page, 'kubectl -n shop get endpointslices -l kubernetes.io/service-name=backend -o wide');
  await expect(log).toContainText(/backend-\w+\s+IPv4\s+<unset>\s+<unset>/);
  await run(page, 'kubectl -n shop get svc backend -o wide');
  await expect(log).toContainText('app=backnd');
  await expect(item.getByText(/Evidence log \(2 commands\)/)).toBeVisible();

  await item.getByRole('radio', { name: /Service: Service shop\/backend, spec\.selector/ }).check();
  await item.getByRole('button', { name: 'Check the diagnosis' }).click();
  await expect(item.getByText('✓ Right: that is the root cause.')).toBeVisible();
  // Named right, not fixed yet: the case does not pass.
  await expect(page.getByText('0 of 10 tasks pass')).toBeVisible();

  await setLabText(page, scenario('case-selector-typo').replace('app: backnd  # the fault: one letter missing', 'app: backend'));
  await expect(page.getByText('1 of 10 tasks pass')).toBeVisible();
  await expect(item.getByText('Passed', { exact: true })).toBeVisible();
  const after = await run(page, 'kubectl -n shop get endpointslices -l kubernetes.io/service-name=backend -o wide');
  await expect(after).toContainText('10.244.0.7,10.244.1.7,10.244.2.7');
});

test('lab: case 2, a silent drop: a wrong diagnosis is announced, a fix that lets everyone in breaks a keep check', async ({ page }) => {
  await openLab(page, '/lessons/troubleshooting-connectivity/lab/');
  const item = caseItem(page, /Case 2: Checkout hangs/);
  await expect(item.getByText('wget: download timed out')).toBeVisible();
  await openCase(item);

  const log = await run(page, 'kubectl -n shop describe networkpolicy backend-ingress');
  await expect(log).toContainText(/From:\s+PodSelector: app=front-end/);

  await item.getByRole('radio', { name: /Backend pod: Pod shop\/frontend, metadata\.labels/ }).check();
  await item.getByRole('button', { name: 'Check the diagnosis' }).click();
  await expect(item.getByText('✗ Not this one. Look at the evidence again and try another.')).toBeVisible();
  await item.getByRole('radio', { name: /NetworkPolicy: NetworkPolicy shop\/backend-ingress, spec\.ingress\[0\]\.from\[0\]\.podSelector/ }).check();
  await item.getByRole('button', { name: 'Check the diagnosis' }).click();
  await expect(item.getByText('✓ Right: that is the root cause.')).toBeVisible();

  // Too wide: every pod of every namespace may enter. The frontend gets through, but so does the intruder.
  const broken = scenario('case-policy-deny');
  const tooWide = broken.replace(
    "        - podSelector:\n            matchLabels:\n              app: front-end  # the fault: the frontend's label is app=frontend",
    '        - namespaceSelector: {}',
  );
  expect(tooWide).not.toBe(broken);
  await setLabText(page, tooWide);
  await expect(page.getByText(/^The manifests are valid/)).toBeVisible();
  await expect(page.getByText('0 of 10 tasks pass')).toBeVisible();

  await setLabText(page, broken.replace("app: front-end  # the fault: the frontend's label is app=frontend", 'app: frontend'));
  await expect(page.getByText('1 of 10 tasks pass')).toBeVisible();
  await expect(item.getByText('Passed', { exact: true })).toBeVisible();
});

test('lab: the hint ladder opens one level at a time and says the last one costs half the case', async ({ page }) => {
  await openLab(page, '/lessons/troubleshooting-connectivity/lab/');
  const item = caseItem(page, /Case 3: The pods answer, the Service does not/);
  await item.getByRole('button', { name: 'Show hint 1 of 3' }).click();
  await expect(item.getByText(/is open, so the pods work/)).toBeVisible();
  await item.getByRole('button', { name: 'Show hint 2 of 3' }).click();
  await expect(item.getByRole('button', { name: "Show the last hint (3 of 3: halves this task's score)" })).toBeVisible();
});
