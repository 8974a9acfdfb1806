/**
 * Lesson 7 (network-policies) as a learner works its lab: each policy written in the editor turns exactly the
 * tasks it should green, and the terminal shows why names fail under an egress deny. Expected texts come from
 * the real tools, not from the simulator:
 * - busybox 1.36 nslookup, networking/nslookup.c (`;; connection timed out; no servers could be reached`, printed
 *   when no server answers);
 * - kubectl describe networkpolicy, staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeNetworkPolicySpec):
 *   one `From:` block per peer, with `NamespaceSelector:` and `PodSelector:` lines inside it.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLab, REPO, run, setLabText } from './test-utils.ts';

const LESSON = join(REPO, 'content/lessons/network-policies');
const start = readFileSync(join(LESSON, 'scenarios/policy-start.yaml'), 'utf8');

/** The lesson's own policy documents from its final scenario, by name. */
function policy(name: string): string {
  const docs = readFileSync(join(LESSON, 'scenarios/policy-final.yaml'), 'utf8').split(/^---$/m);
  const doc = docs.find((d) => d.includes('kind: NetworkPolicy') && new RegExp(`^  name: ${name}$`, 'm').test(d));
  if (!doc) throw new Error(`policy-final.yaml has no NetworkPolicy ${name}`);
  return doc;
}

test('lab: the deny-all breaks names, allow-dns restores them, and each task turns green with its policy', async ({ page }) => {
  await openLab(page, '/lessons/network-policies/lab/');
  await expect(page.getByText('0 of 5 tasks pass')).toBeVisible();

  await setLabText(page, [start, policy('default-deny-all')].join('\n---\n'));
  await expect(page.getByText(/^The manifests are valid/)).toBeVisible();
  await expect(page.getByText('1 of 5 tasks pass')).toBeVisible();
  let log = await run(page, 'kubectl -n shop exec frontend -- nslookup backend');
  await expect(log.getByText(';; connection timed out; no servers could be reached')).toBeVisible();

  await setLabText(page, [start, policy('default-deny-all'), policy('allow-dns')].join('\n---\n'));
  await expect(page.getByText('2 of 5 tasks pass')).toBeVisible();
  log = await run(page, 'kubectl -n shop exec frontend -- nslookup backend');
  await expect(log.getByText('backend.shop.svc.cluster.local').last()).toBeVisible();
});

test('lab: the AND peer keeps grafana out; the OR peer (an extra "-") lets it in, and describe shows two From blocks', async ({ page }) => {
  const and = policy('prometheus-scrape');
  const or = and.replace(/\n          podSelector:\n/, '\n        - podSelector:\n');
  expect(or).not.toBe(and);
  const rest = ['default-deny-all', 'allow-dns', 'frontend-egress', 'backend-ingress', 'backend-egress', 'db-ingress', 'backend-egress-payments'].map(policy);
  await openLab(page, '/lessons/network-policies/lab/');

  await setLabText(page, [start, ...rest, and].join('\n---\n'));
  await expect(page.getByText('5 of 5 tasks pass')).toBeVisible();

  await setLabText(page, [start, ...rest, or].join('\n---\n'));
  await expect(page.getByText('4 of 5 tasks pass')).toBeVisible();
  const output = await run(page, 'kubectl -n shop describe networkpolicy prometheus-scrape');
  await expect(output).toContainText(/From:\s+NamespaceSelector: team=observability\s+From:\s+PodSelector: app=prometheus/);
});
