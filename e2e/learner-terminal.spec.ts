/**
 * The lesson terminals as a learner meets them: a command typed and submitted before the island's
 * code has arrived is neither lost nor a page reload, and runs once the island is live; kubectl
 * output keeps its table shape on a phone (no wrapped lines, it scrolls sideways); each entry has
 * one Copy button that covers no output; without JavaScript the form says it needs JavaScript.
 */
import { expect, test, type Route } from '@playwright/test';
import { hydrated } from './test-utils.ts';

/** These specs check how lesson 1's pages behave for a learner (issue 9), so they run on lesson 1 itself. */
const LESSON = 'why-kubernetes-networking-matters';

test.use({ viewport: { width: 390, height: 844 } });

test('a command typed before the terminal is live is kept, does not reload the page, and runs once it is live', async ({ page }) => {
  const held: Route[] = [];
  await page.route(/\/LiveTerminal\.[^/]*\.js$/, (route) => void held.push(route));
  await page.goto(`/lessons/${LESSON}/learn/`);
  const terminal = page.getByRole('region', { name: 'Terminal on the allow scenario' });
  const input = terminal.getByRole('textbox', { name: 'kubectl command' });
  await input.scrollIntoViewIfNeeded();
  let navigated = false;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigated = true;
  });
  await input.fill('kubectl get svc');
  await input.press('Enter');
  // On a reading page the island's code is fetched when the learner reaches for the terminal (client:interaction).
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await expect(input).toHaveValue('kubectl get svc');
  expect(navigated).toBe(false);
  expect(new URL(page.url()).search).toBe('');

  for (const route of held.splice(0)) await route.continue();
  await hydrated(terminal);
  const entry = terminal.getByRole('log').locator('.kterm-entry').last();
  // kubectl get svc lists the Service and its ClusterIP "None" for a headless Service (kubectl's printer:
  // github:kubernetes/kubernetes pkg/printers/internalversion/printers.go, printService).
  await expect(entry).toContainText('kubectl get svc');
  await expect(entry).toContainText(/pod-b\s+ClusterIP\s+None/);
  await expect(input).toHaveValue('');
});

test('kubectl output never wraps on a phone: every line stays one line, the log scrolls sideways', async ({ page }) => {
  await page.goto(`/lessons/${LESSON}/visualize/`);
  const terminal = page.getByRole('region', { name: 'Terminal on the allow scenario' });
  await hydrated(terminal);
  const log = terminal.getByRole('log');
  const wrapped = await log.evaluate((element) =>
    [...element.querySelectorAll('pre')].flatMap((pre) => {
      const lines = (pre.textContent ?? '').replace(/\n$/, '').split('\n').length;
      const lineHeight = parseFloat(getComputedStyle(pre).lineHeight);
      return Math.round(pre.getBoundingClientRect().height / lineHeight) > lines ? [(pre.textContent ?? '').slice(0, 40)] : [];
    }),
  );
  expect(wrapped).toEqual([]);
  // The NAME … NODE header of `get pods -o wide` is wider than the phone: the log scrolls instead.
  expect(await log.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
});

test('each entry has one Copy button, on its command line, covering no output', async ({ page }) => {
  await page.goto(`/lessons/${LESSON}/visualize/`);
  const terminal = page.getByRole('region', { name: 'Terminal on the allow scenario' });
  await hydrated(terminal);
  const entries = terminal.getByRole('log').locator('.kterm-entry');
  const count = await entries.count();
  expect(count).toBe(5);
  for (let index = 0; index < count; index += 1) {
    const entry = entries.nth(index);
    const copy = entry.getByRole('button', { name: /^Copy the command/ });
    await expect(copy).toHaveCount(1);
    const button = (await copy.boundingBox())!;
    for (const output of await entry.locator('.kterm-stdout, .kterm-stderr').all()) {
      const box = (await output.boundingBox())!;
      expect(button.y + button.height, `entry ${index + 1}: the button sits above its output`).toBeLessThanOrEqual(box.y + 0.5);
    }
  }
  await expect(terminal.locator('.copy-button')).toHaveCount(0);
});

test('without JavaScript the terminal says it needs JavaScript instead of offering a form that reloads', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`/lessons/${LESSON}/visualize/`);
  await expect(page.getByText(/Running your own commands in this terminal needs JavaScript\./)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'kubectl command' })).toBeHidden();
  // The prepared commands and their output are there.
  await expect(page.getByRole('log').first()).toContainText('kubectl get pods -o wide');
  await context.close();
});
