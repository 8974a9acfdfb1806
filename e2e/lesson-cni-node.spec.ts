/**
 * Lesson 3 (container-network-interface), Lab: bringing node-3 up as a learner does. node-3 is NotReady (its
 * /etc/cni/net.d is empty), and its plugin installer, a DaemonSet built like flannel's kube-flannel.yml (a hostNetwork
 * pod whose install-cni init container copies the conflist from a ConfigMap into the hostPath /etc/cni/net.d), has
 * no pod: it does not tolerate the `node.kubernetes.io/not-ready:NoSchedule` taint a NotReady node carries (the
 * DaemonSet controller's own tolerations, kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations,
 * cover not-ready:NoExecute only). Adding flannel's `operator: Exists, effect: NoSchedule` toleration in the editor
 * runs the installer: containerd loads the conflist, `kubectl get nodes` prints node-3 Ready (printers.go printNode:
 * the Ready condition's type, "Not" prefixed when False), and pod-e gets its sandbox with an address from
 * node-3's 10.244.2.0/24.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { openLab, REPO, setLabText } from './test-utils.ts';

const SCENARIO = readFileSync(resolve(REPO, 'content/lessons/container-network-interface/scenarios/lab-cni.yaml'), 'utf8');
const SELECTOR = '      nodeSelector:\n        kubernetes.io/hostname: node-3\n';

test('a learner finds why node-3 is NotReady, lets its CNI installer run, and node-3 comes up with pod-e on it', async ({ page }) => {
  expect(SCENARIO).toContain(SELECTOR);
  await openLab(page, '/lessons/container-network-interface/lab/');
  const terminal = page.getByRole('region', { name: 'Lab terminal' });
  const command = terminal.getByRole('textbox', { name: 'kubectl command' });
  const log = terminal.getByRole('log');
  const task = page.getByRole('heading', { level: 4, name: /Bring node-3 up/ });
  await expect(task).toContainText('Not yet');

  await command.fill('kubectl get nodes');
  await command.press('Enter');
  await expect(log).toContainText(/node-3\s+NotReady/);
  await command.fill('kubectl get ds -n kube-system');
  await command.press('Enter');
  await expect(log).toContainText(/cni-install-node-3\s+0\s+0\s+0\s+0\s+0\s/);

  // The fix: tolerate the taint of the problem the installer solves, as flannel's DaemonSet does.
  await setLabText(page, SCENARIO.replace(SELECTOR, `${SELECTOR}      tolerations:\n        - operator: Exists\n          effect: NoSchedule\n`));
  await expect(task).toContainText('Passed');

  await command.fill('kubectl get nodes');
  await command.press('Enter');
  await expect(log).toContainText(/node-3\s+Ready\s/);
  await command.fill('kubectl get pods -o wide');
  await command.press('Enter');
  await expect(log).toContainText(/pod-e\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.2\.\d+\s+node-3/);
  await command.fill('kubectl get pods -n kube-system -o wide');
  await command.press('Enter');
  await expect(log).toContainText(/cni-install-node-3-\w{5}\s+1\/1\s+Running\s+0\s+\S+\s+172\.18\.0\.\d+\s+node-3/);
});
