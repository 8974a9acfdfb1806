import { expect, test, type Page } from '@playwright/test';
import { hydrated, lessonPage } from './test-utils.ts';

const URL = lessonPage('visualize');

/** The player's parts, found as a learner would: by their roles and names. */
function player(page: Page) {
  const root = page.getByRole('region', { name: 'Step-through player' });
  return {
    root,
    caption: root.getByRole('status'),
    table: root.getByRole('region', { name: /^Process table/ }).getByRole('table'),
    tracker: root.getByRole('region', { name: /^Status tracker/ }).getByRole('table'),
    grid: root.getByRole('region', { name: /^Status tracker, every step/ }).getByRole('table'),
    diagram: root.getByRole('img', { name: /Process flow/ }),
    forward: root.getByRole('button', { name: 'Step forward' }),
    back: root.getByRole('button', { name: 'Step back' }),
  };
}

/** Opens the Visualize page and waits for the player to come alive. */
async function open(page: Page): Promise<void> {
  await page.goto(URL);
  await hydrated(page.getByRole('region', { name: 'Step-through player' }));
}

async function currentRowNumber(page: Page): Promise<string | null> {
  return player(page).table.locator('tr[aria-current="step"] th').textContent();
}

test('stepping by mouse keeps the diagram, the table and the tracker together', async ({ page }) => {
  await open(page);
  const p = player(page);
  await expect(p.caption).toContainText('Start');
  await expect(p.tracker.locator('th[aria-current="step"]')).toHaveText('Each actor at the start');

  for (let step = 1; step <= 3; step += 1) {
    await p.forward.click();
    await expect(p.caption).toContainText(`Step ${step} of`);
    expect(await currentRowNumber(page)).toBe(String(step));
    await expect(p.tracker.locator('th[aria-current="step"]')).toHaveText(`Each actor after step ${step}`);
    await expect(p.diagram.locator('.flow-marker-current')).toHaveAttribute('data-step', String(step));
  }
  await p.back.click();
  await expect(p.caption).toContainText('Step 2 of');
  expect(await currentRowNumber(page)).toBe('2');
});

test('the keyboard drives the player', async ({ page }) => {
  await open(page);
  const p = player(page);
  await p.forward.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(p.caption).toContainText('Step 2 of');
  await page.keyboard.press('End');
  const last = await p.table.locator('tbody tr').count();
  await expect(p.caption).toContainText(`Step ${last} of ${last}`);
  await page.keyboard.press('Home');
  await expect(p.caption).toContainText('Start');
});

test('play runs through the request to the response', async ({ page }) => {
  await page.clock.install();
  await open(page);
  const p = player(page);
  await p.root.getByRole('button', { name: 'Play' }).click();
  await page.clock.runFor(60_000);
  await expect(p.caption).toContainText('pod-a receives the response');
  await expect(p.root.getByRole('button', { name: 'Replay' })).toBeVisible();
});

test('flipping to the deny branch fails the connection at the ingress policy check', async ({ page }) => {
  await open(page);
  const p = player(page);
  await p.root.getByRole('radio', { name: 'Policy denies' }).check();
  await expect(p.root).toContainText('the connection fails');
  await p.root.getByRole('button', { name: 'Play' }).focus();
  await page.keyboard.press('End');
  const lastRow = p.table.locator('tbody tr').last();
  await expect(lastRow).toContainText('Ingress policies of pod-b checked');
  await expect(lastRow).toContainText('Denied');
  await expect(p.caption).toContainText('The connection failed here.');
  await expect(lastRow).toContainText('Denied by ingress isolation of default/pod-b');
  // The trace ends where the packet was dropped: pod-b never processes it.
  await expect(p.table).not.toContainText('pod-b receives and processes the request');
  await expect(p.tracker.locator('tbody tr', { hasText: 'pod-a' }).locator('td').last()).toHaveText('Timed out');
});

test('the other branches load when the learner first reaches for one; a failed load says so and the next try works', async ({ page }) => {
  // The page carries the first branch only: the rest come from the player's JSON file.
  let failNext = true;
  await page.route('**/players/**/*.json', (route) => (failNext ? route.fulfill({ status: 503, body: '' }) : route.continue()));
  await open(page);
  const p = player(page);
  await expect(p.root).toContainText('the connection succeeds');
  // click, not check: the choice goes back to the branch shown when the load fails.
  await p.root.getByRole('radio', { name: 'Policy denies' }).click();
  await expect(p.root.getByRole('alert')).toContainText('could not be loaded (HTTP 503)');
  await expect(p.root.getByRole('radio', { name: 'Policy allows' })).toBeChecked();
  failNext = false;
  await p.root.getByRole('radio', { name: 'Policy denies' }).check();
  await expect(p.root).toContainText('the connection fails');
  await expect(p.root.getByRole('alert')).toHaveCount(0);
  await expect(p.root.getByRole('radio', { name: 'Policy denies' })).toBeChecked();
});

test('while another branch is on its way, the player says it is busy and its playback controls wait', async ({ page }) => {
  // The branches' file is held until the test lets it go: no timing, the order is fixed.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/players/**/*.json', async (route) => {
    await held;
    await route.continue();
  });
  await open(page);
  const p = player(page);
  await p.root.getByRole('radio', { name: 'Policy denies' }).check();
  await expect(p.root).toHaveAttribute('aria-busy', 'true');
  await expect(p.root.getByRole('group', { name: 'Playback' })).toHaveAttribute('aria-disabled', 'true');
  release();
  await expect(p.root).not.toHaveAttribute('aria-busy', 'true');
  await expect(p.root).toContainText('the connection fails');
  await p.forward.click();
  await expect(p.caption).toContainText(/^Step 1 of \d+/);
});

test('a key moment jumps the player to the step it cites', async ({ page }) => {
  await open(page);
  const moments = page.locator('h2', { hasText: 'Key Moments' }).locator('xpath=following-sibling::*');
  const link = moments.getByRole('link', { name: /^step \d+$/ }).first();
  const cited = (await link.textContent())!.replace('step ', '');
  await link.click();
  const p = player(page);
  await expect(p.caption).toContainText(`Step ${cited} of`);
  await expect(p.root.getByRole('radio', { name: 'Policy denies' })).toBeChecked();
});

test('without JavaScript the allowed path is shown in full', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(URL);
  const p = player(page);
  await expect(p.diagram).toBeVisible();
  await expect(p.table.locator('tbody tr')).toHaveCount(10);
  await expect(p.table).toContainText('pod-a receives the response');
  await expect(p.tracker).toContainText('Response received');
  await context.close();
});

test("each of the seed's commands runs in the execution sample's terminal", async ({ page }) => {
  await page.goto(URL);
  const terminal = page.getByRole('region', { name: 'Terminal on the allow scenario' });
  await hydrated(terminal);
  const input = terminal.getByRole('textbox', { name: 'kubectl command' });
  const log = terminal.getByRole('log');
  const seed: [string, RegExp][] = [
    ['kubectl get pods -o wide', /pod-b\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.1\.\d+\s+node-2/],
    ['kubectl get svc', /pod-b\s+ClusterIP\s+None/],
    ['kubectl describe pod pod-a', /Labels:\s+app=frontend/],
    ['kubectl exec pod-a -- ping -c 2 pod-b', /2 packets transmitted, 0 packets received, 100% packet loss/],
    ['kubectl get networkpolicy', /allow-frontend-to-backend\s+app=backend/],
  ];
  for (const [command, expected] of seed) {
    const entries = log.locator('.kterm-entry');
    const before = await entries.count();
    await input.fill(command);
    await input.press('Enter');
    await expect(entries).toHaveCount(before + 1);
    await expect(entries.last()).toContainText(expected);
  }
  // History: ↑ brings back the last command.
  await input.press('ArrowUp');
  await expect(input).toHaveValue('kubectl get networkpolicy');
});
