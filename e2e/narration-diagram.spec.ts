/**
 * Listen mode's diagram follows the narration: lesson.yaml's cues move it to the
 * step of the simulator's trace that the sentence being read describes.
 */
import { expect, test } from '@playwright/test';
import { lessonPage } from './test-utils.ts';

test('the diagram advances with the narration, into the deny branch', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });
  });
  await page.goto(lessonPage('listen'));
  const transcript = page.getByRole('region', { name: 'Transcript' });
  const controls = page.getByRole('group', { name: 'Narration controls' });
  await controls.scrollIntoViewIfNeeded();
  // The controls come alive once the island has hydrated.
  await expect(controls.getByRole('button', { name: 'Play' })).toBeEnabled();
  const caption = page.locator('.read-along-diagram figcaption');
  const diagram = page.getByRole('img', { name: /^Process flow/ });
  await expect(caption).toHaveText('Policy allows: before the first step');

  await transcript.getByText("When pod-a asks the cluster's DNS server").click();
  await expect(caption).toContainText('Policy allows: step 2, CoreDNS answers');
  await expect(diagram.locator('.flow-marker-current')).toHaveAttribute('data-step', '2');

  await transcript.getByText('The cluster network carries it from node-1 to node-2').click();
  await expect(caption).toContainText('Source node routes to the destination node');

  await transcript.getByText('Now remove the allow policy').click();
  await expect(caption).toHaveText('Policy denies: before the first step');
  await transcript.getByText('so the packets are dropped at the policy check').click();
  await expect(caption).toContainText('Ingress policies of pod-b checked (Denied');
});
