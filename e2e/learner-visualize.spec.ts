/**
 * Lesson 1's Visualize page as a learner lives it, on a 1280×800 laptop and a 390×844 phone:
 * while stepping, the diagram, the caption, the current process-table row and the tracker's
 * current column are all on screen; the diagram draws the path step by step and stops at the
 * policy check when the policy denies; a key moment's jump keeps the switch, caption and row in
 * view; the terminal follows the scenario; the phone diagram's text is 11 px or more; and the
 * header and mode switcher take less than half of the phone's first screen.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { hydrated } from './test-utils.ts';

/** These specs check how lesson 1's pages behave for a learner (issue 9), so they run on lesson 1 itself. */
const LESSON = 'why-kubernetes-networking-matters';

const URL = `/lessons/${LESSON}/visualize/`;
const SIZES = [
  ['laptop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const;

function player(page: Page) {
  const root = page.getByRole('region', { name: 'Step-through player' });
  return {
    root,
    caption: root.getByRole('status'),
    row: root.getByRole('region', { name: /^Process table/ }).locator('tr[aria-current="step"]'),
    column: root.getByRole('region', { name: /^Status tracker, now/ }).getByRole('table'),
    columnHeader: root.getByRole('region', { name: /^Status tracker, now/ }).locator('th[aria-current="step"]'),
    diagram: root.getByRole('img', { name: /^Process flow/ }),
    controls: root.getByRole('group', { name: 'Playback' }),
    forward: root.getByRole('button', { name: 'Step forward' }),
    scenario: root.getByRole('group', { name: 'Scenario' }),
  };
}

async function open(page: Page): Promise<ReturnType<typeof player>> {
  await page.goto(URL);
  const p = player(page);
  await hydrated(p.root);
  return p;
}

/** Fails unless the whole of `locator` is inside the viewport. */
async function expectInViewport(page: Page, locator: Locator, what: string): Promise<void> {
  const viewport = page.viewportSize()!;
  await expect(async () => {
    const box = await locator.boundingBox();
    expect(box, `${what} is rendered`).not.toBeNull();
    expect(box!.y, `${what}: top`).toBeGreaterThanOrEqual(-1);
    expect(box!.x, `${what}: left`).toBeGreaterThanOrEqual(-1);
    expect(box!.y + box!.height, `${what}: bottom`).toBeLessThanOrEqual(viewport.height + 1);
    expect(box!.x + box!.width, `${what}: right`).toBeLessThanOrEqual(viewport.width + 1);
  }).toPass({ timeout: 5_000 });
}

for (const [name, viewport] of SIZES) {
  test.describe(`on a ${name} (${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport, contextOptions: { reducedMotion: 'reduce' } });

    test('every step of every branch keeps the diagram, caption, current row and current column on screen', async ({ page }) => {
      test.setTimeout(90_000);
      const p = await open(page);
      for (const branch of ['Policy allows', 'Policy denies', 'pod-b not running']) {
        await p.root.getByRole('radio', { name: branch }).check();
        // The branch's steps may still be on their way (the page carries the first branch only).
        await expect(p.root).not.toHaveAttribute('aria-busy', 'true');
        const steps = await p.root.getByRole('region', { name: /^Process table/ }).locator('tbody tr').count();
        for (let step = 1; step <= steps; step += 1) {
          await p.forward.click();
          await expect(p.caption).toContainText(`Step ${step} of ${steps}`);
          await expect(p.columnHeader).toHaveText(`Each actor after step ${step}`);
          for (const [part, locator] of [
            ['controls', p.controls],
            ['caption', p.caption],
            ['diagram', p.diagram],
            [`row ${step}`, p.row],
            ['tracker column', p.column],
          ] as const) {
            await expectInViewport(page, locator, `${branch}, step ${step}: ${part}`);
          }
        }
      }
    });

    test('a key moment jumps the player and keeps the scenario switch, caption and highlighted row in view, with a way back', async ({ page }) => {
      const p = await open(page);
      const link = page.locator('h2', { hasText: 'Key Moments' }).locator('xpath=following-sibling::*').getByRole('link', { name: /^step \d+$/ }).first();
      await link.scrollIntoViewIfNeeded();
      const cited = (await link.textContent())!.replace('step ', '');
      await link.click();
      await expect(p.caption).toContainText(`Step ${cited} of`);
      await expect(p.root.getByRole('radio', { name: 'Policy denies' })).toBeChecked();
      await expect(p.row.locator('th')).toHaveText(cited);
      await expectInViewport(page, p.scenario, 'scenario switch');
      await expectInViewport(page, p.caption, 'caption');
      await expectInViewport(page, p.row, 'highlighted row');
      await p.root.getByRole('button', { name: 'Back to where you were reading' }).click();
      await expectInViewport(page, link, 'the key moment link');
      await expect(link).toBeFocused();
    });
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the diagram has no text smaller than 11 px', async ({ page }) => {
    const p = await open(page);
    await expect(p.diagram).toBeVisible();
    const smallest = await p.diagram.evaluate((svg) => {
      const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
      return Math.min(...[...svg.querySelectorAll('text')].map((text) => parseFloat(getComputedStyle(text).fontSize) * scale));
    });
    expect(smallest).toBeGreaterThanOrEqual(11);
  });

  test('the header and the mode switcher take less than half of the first screen, and the theme icon is round', async ({ page }) => {
    for (const mode of ['learn', 'visualize', 'challenge']) {
      await page.goto(`/lessons/${LESSON}/${mode}/`);
      const switcher = page.getByRole('navigation', { name: /Choose your learning style/ });
      const box = (await switcher.boundingBox())!;
      expect(box.y + box.height, `${mode}: bottom of the mode switcher`).toBeLessThanOrEqual(844 / 2);
      // Every mode stays one tap away.
      await expect(switcher.getByRole('link')).toHaveCount(9);
    }
    const icon = (await page.locator('.theme-icon').boundingBox())!;
    expect(Math.abs(icon.width - icon.height)).toBeLessThanOrEqual(0.5);
  });

  test('the process table is a row of step cards with every column, and swiping to a card makes it the current step', async ({ page }) => {
    const p = await open(page);
    await p.forward.click();
    const card = p.row;
    for (const cell of ['.cell-actor', '.cell-action', '.cell-details', '.cell-result']) await expect(card.locator(cell)).toBeVisible();
    // The next card peeks in from the right edge: the row visibly scrolls.
    const next = p.root.getByRole('region', { name: /^Process table/ }).locator('tbody tr').nth(1);
    const peek = (await next.boundingBox())!;
    expect(peek.x).toBeLessThan(390);
    const table = p.root.getByRole('region', { name: /^Process table/ });
    await table.hover();
    await page.mouse.wheel(340, 0);
    await expect(p.caption).toContainText('Step 2 of 10');
  });
});

test.describe('the diagram and the text of each branch', () => {
  test.use({ contextOptions: { reducedMotion: 'reduce' } });

  test('the path and markers appear as their steps happen, and the denied request stops at the policy check', async ({ page }) => {
    const p = await open(page);
    await p.root.getByRole('radio', { name: 'Policy denies' }).check();
    for (let step = 1; step <= 3; step += 1) await p.forward.click();
    // Markers and hops up to step 3 are drawn; later ones are not, yet.
    await expect(p.diagram.locator('.flow-marker[data-step="3"]')).toBeVisible();
    await expect(p.diagram.locator('.flow-marker[data-step="4"]')).toBeHidden();
    await expect(p.diagram.locator('.flow-hop[data-step="3"]')).toHaveClass(/is-current/);
    await expect(p.diagram.locator('.flow-hop[data-step="5"]')).toBeHidden();
    await p.root.getByRole('button', { name: 'Play' }).focus();
    await page.keyboard.press('End');
    await expect(p.caption).toContainText('The connection failed here.');
    // The request ends at pod-b's ingress check, marked stopped; nothing goes on to pod-b or back.
    const stop = p.diagram.locator('.flow-stop');
    await expect(stop).toBeVisible();
    const check = p.diagram.locator('[data-check="policy:ingress"] rect');
    const [stopBox, checkBox] = [(await stop.boundingBox())!, (await check.boundingBox())!];
    expect(Math.abs(stopBox.x + stopBox.width / 2 - (checkBox.x + checkBox.width / 2))).toBeLessThan(2);
    await expect(p.diagram.locator('.flow-hop-reply')).toHaveCount(0);
  });

  test('the not-running branch says NXDOMAIN once, names the pod as pod-a does, and keeps pod-b in the tracker', async ({ page }) => {
    const p = await open(page);
    await p.root.getByRole('radio', { name: 'pod-b not running' }).check();
    await expect(p.root.getByText(/pod-a → pod-b on TCP port 8080: the connection fails/)).toBeVisible();
    await expect(p.root.locator('.player-summary')).not.toContainText('svc.cluster.local');
    await page.keyboard.press('End');
    await p.forward.focus();
    await page.keyboard.press('End');
    const caption = (await p.caption.textContent()) ?? '';
    expect(caption.match(/NXDOMAIN/g) ?? []).toHaveLength(1);
    await expect(p.column.getByRole('row', { name: /pod-b/ })).toContainText('Pending, not ready');
  });

  test("the execution sample's terminal follows the scenario chosen in the player", async ({ page }) => {
    const p = await open(page);
    await p.root.getByRole('radio', { name: 'Policy denies' }).check();
    const terminal = page.getByRole('region', { name: 'Terminal on the deny scenario' });
    await hydrated(terminal);
    await expect(terminal.getByText(/Scenario: deny/)).toBeVisible();
    // The deny cluster's own answers: its policies (kubectl get networkpolicy lists default-deny-ingress, no allow rule).
    const log = terminal.getByRole('log');
    await expect(log).toContainText('default-deny-ingress');
    await expect(log).not.toContainText('allow-frontend-to-backend');
    await terminal.getByRole('textbox', { name: 'kubectl command' }).fill('kubectl exec pod-a -- wget -qO- -T 2 pod-b:8080');
    await terminal.getByRole('textbox', { name: 'kubectl command' }).press('Enter');
    // busybox wget gives up with bb_simple_error_msg_and_die("download timed out") (github:mirror/busybox networking/wget.c).
    await expect(log.locator('.kterm-entry').last()).toContainText('download timed out');
    await p.root.getByRole('radio', { name: 'Policy allows' }).check();
    await expect(page.getByRole('region', { name: 'Terminal on the allow scenario' }).getByRole('log')).toContainText('allow-frontend-to-backend');
  });
});
