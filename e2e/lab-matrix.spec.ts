/**
 * The lab's reachability matrix as a learner uses it: a cell explained by click or by keyboard (the policies
 * that decide it, highlighted in the editor), the cells an edit changes marked, the port picker from lab.yaml's
 * `matrix.ports`, an external host as a column, the plugin in force, a reload keeping the lab, and the matrix
 * scrolling inside its own region at phone width. Runs on the engine fixture lesson (its lab.yaml has a
 * `matrix:` block with ports 8080, 9090, UDP 53 and the external host 203.0.113.10).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ALLOW_8080 } from '../src/lib/lab/test-fixtures.ts';
import { labEditor, LESSON, lessonPage, openLab, REPO, setLabText } from './test-utils.ts';

const LAB_URL = lessonPage('lab');
const SCENARIO = readFileSync(resolve(REPO, `e2e/fixtures/content/lessons/${LESSON}/scenarios/lab.yaml`), 'utf8');
const withPolicy = `${SCENARIO.endsWith('\n') ? SCENARIO : `${SCENARIO}\n`}${ALLOW_8080}`;

const matrix = (page: Page, what = 'TCP/8080'): Locator => page.getByRole('table', { name: new RegExp(`on ${what.replace('/', '\\/')}`) });
const cell = (page: Page, name: string | RegExp): Locator => matrix(page).getByRole('button', { name });
const explanation = (page: Page): Locator => page.getByRole('region', { name: /^Why / });

test('clicking a cell explains it: the isolation that drops it, the policy marked in the editor, the concept page', async ({ page }) => {
  await openLab(page, LAB_URL);
  const ab = cell(page, 'pod-a → pod-b, TCP 8080: denied');
  await ab.click();
  await expect(ab).toHaveAttribute('aria-pressed', 'true');
  const why = explanation(page);
  await expect(why.getByRole('heading')).toHaveText('Why default/pod-a → default/pod-b, TCP 8080 is denied');
  await expect(why).toContainText("denied by default/pod-b's ingress isolation");
  await expect(why).toContainText('Ingress, at the destination default/pod-b: drops');
  await expect(why).toContainText('NetworkPolicy "default-deny-ingress"');
  await expect(why.getByRole('link', { name: 'The two sorts of pod isolation' })).toHaveAttribute('href', 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation');
  // The isolating policy's lines are marked in the editor, and the button moves the cursor there.
  await expect(page.locator('.cm-lab-hl-isolates').first()).toBeVisible();
  await why.getByRole('button', { name: /"default-deny-ingress" \(isolates for ingress\), lines \d+–\d+/ }).click();
  await expect(page.getByRole('textbox', { name: 'Manifests (YAML)' })).toBeFocused();
  // Clicking the cell again (or the close button) closes it and clears the marks.
  await ab.click();
  await expect(explanation(page)).toHaveCount(0);
  await expect(page.locator('.cm-lab-hl')).toHaveCount(0);
});

test('the keyboard moves between cells (one tab stop) and Enter explains; Escape closes', async ({ page }) => {
  await openLab(page, LAB_URL);
  const first = cell(page, /^pod-a → pod-a, TCP 8080/);
  await expect(first).toHaveAttribute('tabindex', '0');
  await expect(cell(page, /^pod-a → pod-b, TCP 8080/)).toHaveAttribute('tabindex', '-1');
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect(cell(page, /^pod-a → pod-b, TCP 8080/)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cell(page, /^pod-b → pod-b, TCP 8080/)).toBeFocused();
  await page.keyboard.press('End');
  const external = cell(page, 'pod-b → 203.0.113.10, TCP 8080: allowed');
  await expect(external).toBeFocused();
  await page.keyboard.press('Enter');
  const why = explanation(page);
  await expect(why.getByRole('heading')).toHaveText('Why default/pod-b → 203.0.113.10, TCP 8080 is allowed');
  await expect(why).toContainText('203.0.113.10 is outside the cluster (no ingress policy applies)');
  // The verdict is announced: a status region carries the one-sentence summary.
  await expect(page.getByRole('status').filter({ hasText: 'default/pod-b → 203.0.113.10, TCP/8080: allowed (default/pod-b is not egress-isolated' })).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(explanation(page)).toHaveCount(0);
  await expect(external).toBeFocused();
});

test('an edit marks the cells it changed, the open explanation follows, and a reload keeps the lab', async ({ page }) => {
  await openLab(page, LAB_URL);
  await expect(page.getByText('Cells your next edit changes are marked ◆.')).toBeVisible();
  await cell(page, 'pod-a → pod-b, TCP 8080: denied').click();
  await setLabText(page, withPolicy);
  const opened = cell(page, 'pod-a → pod-b, TCP 8080: allowed, changed by your last edit (was not allowed)');
  await expect(opened).toBeVisible();
  await expect(opened).toContainText('◆');
  await expect(page.getByText('1 cell changed with your last edit.')).toBeVisible();
  await expect(cell(page, 'pod-c → pod-b, TCP 8080: denied')).toBeVisible(); // unchanged: no mark
  const why = explanation(page);
  await expect(why.getByRole('heading')).toHaveText('Why default/pod-a → default/pod-b, TCP 8080 is allowed');
  await expect(why).toContainText('ingress by "allow-frontend" rule 1');
  await expect(page.locator('.cm-lab-hl-allowed').first()).toBeVisible();

  await page.reload();
  await expect(page.getByText(/^The manifests are valid: 3 pods, 2 NetworkPolicies/)).toBeVisible();
  await expect(cell(page, 'pod-a → pod-b, TCP 8080: allowed')).toBeVisible();
});

test('while the learner types, an open explanation follows the edit but leaves the editor where they type', async ({ page }) => {
  await openLab(page, LAB_URL);
  // allow-frontend at the top, then eighty comment lines the learner types in, far below it.
  const filler = Array.from({ length: 80 }, (_, n) => `# note ${n + 1}`).join('\n');
  await setLabText(page, `${withPolicy}${filler}\n`);
  await cell(page, /^pod-a → pod-b, TCP 8080: allowed/).click();
  const why = explanation(page);
  await expect(why.getByRole('heading')).toHaveText('Why default/pod-a → default/pod-b, TCP 8080 is allowed');
  // A new explanation brings its rule into view.
  await expect(page.locator('.cm-lab-hl-allowed').first()).toBeInViewport();
  // The learner types at the end of the last note; the explanation is recomputed for the edited text once
  // typing pauses (the part that explains it is marked busy until then).
  await labEditor(page).focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('!');
  const scroller = page.locator('.cm-scroller');
  const typedAt = await scroller.evaluate((element) => element.scrollTop);
  await expect(page.locator('.lab-explain-slot')).not.toHaveAttribute('aria-busy', 'true');
  await expect(why.getByRole('heading')).toHaveText('Why default/pod-a → default/pod-b, TCP 8080 is allowed');
  // The marks follow the new text (off screen now: CodeMirror draws only the lines in view); the editor did not
  // jump back to them, away from the line being typed.
  await expect(page.locator('.cm-activeLine')).toHaveText('# note 80!');
  await expect(page.locator('.cm-activeLine')).toBeInViewport();
  expect(await scroller.evaluate((element) => element.scrollTop)).toBe(typedAt);
});

test('the port picker offers lab.yaml’s ports, and the plugin in force is named (none: nothing enforced)', async ({ page }) => {
  await openLab(page, LAB_URL);
  const picker = page.getByRole('group', { name: 'Matrix port' });
  await expect(picker.getByRole('button', { name: 'TCP 8080' })).toHaveAttribute('aria-pressed', 'true');
  await picker.getByRole('button', { name: 'UDP 53' }).click();
  await expect(matrix(page, 'UDP/53')).toBeVisible();
  await expect(picker.getByRole('button', { name: 'UDP 53' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Policy plugin in force: calico.')).toBeVisible();
  await picker.getByRole('button', { name: 'TCP 8080' }).click();
  await page.getByRole('combobox', { name: 'Network policy plugin' }).selectOption('none');
  await expect(page.getByText(/Policy plugin in force: none\. The network plugin does not enforce NetworkPolicy/)).toBeVisible();
  await expect(cell(page, /^pod-a → pod-b, TCP 8080: allowed, changed by your last edit/)).toBeVisible();
});

test('at 390 px the matrix scrolls inside its own labelled region, not the page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page, LAB_URL);
  const region = page.getByRole('region', { name: /Can the pod of the row connect/ });
  await expect(region).toBeVisible();
  await setLabText(page, withPolicy.replaceAll('pod-c', 'a-much-longer-pod-name-c'));
  await expect(cell(page, /^a-much-longer-pod-name-c → pod-b/)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('with an explanation open and cells marked changed, the matrix has no axe violations, light and dark', async ({ page }) => {
  test.setTimeout(90_000);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await openLab(page, LAB_URL);
    await setLabText(page, withPolicy);
    await cell(page, /^pod-a → pod-b, TCP 8080: allowed, changed/).click();
    await expect(explanation(page)).toBeVisible();
    const results = await new AxeBuilder({ page }).include('.lab-matrix').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => `${scheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.evaluate(() => localStorage.clear());
  }
});
