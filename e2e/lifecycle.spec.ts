/**
 * The step-through player on a pod lifecycle trace (the fixture's Deep dive page): stepping through the creation
 * of pod-d on node-2 moves the tracker through the CNI chain to host-local's address and a Running pod, and the
 * exhausted branch ends with the pod stuck in ContainerCreating after the FailedCreatePodSandBox event.
 * Expected addresses and texts: host-local round-robin after the highest address in use (10.244.1.5 → .6) and its
 * exhaustion error (containernetworking/plugins allocator.go), the kubelet's event (kuberuntime_manager.go).
 */
import { expect, test, type Page } from '@playwright/test';
import { hydrated, lessonPage } from './test-utils.ts';

const URL = lessonPage('deep');

function player(page: Page) {
  const root = page.getByRole('region', { name: 'Step-through player' });
  return {
    root,
    caption: root.getByRole('status'),
    table: root.getByRole('region', { name: /^Process table/ }).getByRole('table'),
    tracker: root.getByRole('region', { name: /^Status tracker, now/ }).getByRole('table'),
    forward: root.getByRole('button', { name: 'Step forward' }),
  };
}

/** The tracker's "now" cell of one actor. */
const now = (page: Page, actor: string) => player(page).tracker.getByRole('row', { name: new RegExp(`^${actor.replace(/[()]/g, '\\$&')}\\b`) }).getByRole('cell').last();

test('stepping through pod-create follows the CNI chain to a Running pod with 10.244.1.6', async ({ page }) => {
  await page.goto(URL);
  await hydrated(page.getByRole('region', { name: 'Step-through player' }));
  const p = player(page);
  await expect(p.root).toContainText('Create pod-d on node-2: the pod starts.');
  await expect(p.root.getByRole('img', { name: /Process flow/ })).toHaveCount(0); // a lifecycle has no packet path
  await expect(now(page, 'host-local')).toHaveText('251 free');
  for (let step = 1; step <= 6; step += 1) await p.forward.click();
  await expect(p.caption).toContainText('Step 6 of 10');
  await expect(now(page, 'host-local')).toHaveText('10.244.1.6 (250 free)');
  await expect(now(page, 'CNI plugins')).toHaveText('host-local: 10.244.1.6');
  await page.keyboard.press('End');
  await expect(p.caption).toContainText('Step 10 of 10');
  await expect(p.caption).toContainText('The pod is running.');
  await expect(now(page, 'pod-d')).toHaveText('Running 1/1');
});

test('the exhausted branch ends with FailedCreatePodSandBox and the pod still ContainerCreating', async ({ page }) => {
  await page.goto(URL);
  await hydrated(page.getByRole('region', { name: 'Step-through player' }));
  const p = player(page);
  await p.root.getByRole('radio', { name: 'Range exhausted' }).check();
  await expect(p.root).toContainText('Create pod-d on node-2: the pod does not start.');
  await p.root.getByRole('button', { name: 'Step forward' }).focus();
  await page.keyboard.press('End');
  await expect(p.caption).toContainText('The pod is stuck here');
  await expect(now(page, 'pod-d')).toHaveText('ContainerCreating (no IP)');
  await expect(p.table).toContainText('no IP addresses available in range set: 10.244.1.1-10.244.1.6');
  await expect(p.table).toContainText('Records event FailedCreatePodSandBox');
});
