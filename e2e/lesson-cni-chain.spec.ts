/**
 * Lesson 3 (container-network-interface), Lab, "Read node-2's plugin chain": a learner prints node-2's conflist in a
 * node shell, answers which plugin allocates addresses and which runs last on ADD (a wrong answer first, announced
 * as such), answers rightly with the keyboard alone, sees the task pass, and finds it still answered after a reload.
 * The right answers follow the CNI spec (containernetworking/cni SPEC.md at spec-v1.1.0, "Adding an attachment":
 * the `plugins` run in list order; "Section 4: Plugin Delegation": the IPAM plugin is the delegating plugin's
 * `ipam.type`) applied to the chain the lesson's nodes ship, bridge (ipam host-local) then portmap
 * (/work/shared/docs/lessons/03-container-network-interface.md §5, as lab.mdx says).
 */
import { expect, test, type Page } from '@playwright/test';
import { openLab } from './test-utils.ts';

const URL = '/lessons/container-network-interface/lab/';
const ALLOCATES = "Which plugin allocates the pods' addresses on node-2?";
const LAST_ON_ADD = 'Which plugin runs last when containerd runs CNI ADD for a pod on node-2?';

/** The task's list item (its heading names it). */
const chainTask = (page: Page) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Task 2: Read node-2's plugin chain/ }) });

test("lab: read node-2's chain, answer wrongly, then rightly by keyboard; a reload keeps it", async ({ page }) => {
  await openLab(page, URL);
  const item = chainTask(page);
  await expect(item.getByRole('heading', { name: /Not yet/ })).toBeVisible();

  // The goal's command prints the conflist in the lab terminal: the chain and its IPAM are there to read.
  const terminal = page.getByRole('region', { name: 'Lab terminal' });
  const input = terminal.getByRole('textbox', { name: 'kubectl command' });
  await input.fill('kubectl debug node/node-2 -it --image=busybox:1.36 --profile=general -- cat /host/etc/cni/net.d/10-bridge.conflist');
  await input.press('Enter');
  await expect(input).toHaveValue('');
  await expect(terminal.getByRole('log')).toContainText('"type": "host-local"');
  await expect(terminal.getByRole('log')).toContainText('"type": "portmap"');

  // A wrong answer (bridge delegates the allocation, it does not allocate) is announced as wrong.
  const allocates = item.getByRole('group', { name: ALLOCATES });
  const lastOnAdd = item.getByRole('group', { name: LAST_ON_ADD });
  await expect(allocates.getByRole('radio')).toHaveCount(4);
  await allocates.getByRole('radio', { name: 'bridge', exact: true }).check();
  await lastOnAdd.getByRole('radio', { name: 'portmap', exact: true }).check();
  await item.getByRole('button', { name: 'Check answers' }).click();
  const status = item.getByRole('status');
  await expect(status).toHaveText('1 of 2 answers right: question 1 is not right.');
  await expect(allocates).toContainText('Not right for the current cluster.');
  await expect(item.getByRole('heading', { name: /Not yet/ })).toBeVisible();

  // Keyboard only: the arrow key moves the pick to the next plugin (host-local), Tab goes on to the next group
  // (its checked radio), then to the button, and Enter checks.
  await allocates.getByRole('radio', { name: 'bridge', exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(allocates.getByRole('radio', { name: 'host-local', exact: true })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(lastOnAdd.getByRole('radio', { name: 'portmap', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(item.getByRole('button', { name: 'Check answers' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('2 of 2 answers right.');
  await expect(item.getByRole('heading', { name: /Passed/ })).toBeVisible();
  await expect(page.getByText('1 of 4 tasks pass')).toBeVisible();

  // A reload restores the answers from this browser, and the simulator checks them again on the cluster.
  await page.reload();
  await openLab(page, URL);
  const again = chainTask(page);
  await expect(again.getByRole('group', { name: ALLOCATES }).getByRole('radio', { name: 'host-local', exact: true })).toBeChecked();
  await expect(again.getByRole('heading', { name: /Passed/ })).toBeVisible();
  await expect(again.getByRole('status')).toHaveText('2 of 2 answers right.');
});
