/**
 * The Lab's editor and layout as a learner meets them: typing a line with its own indentation after an
 * indented line gives the indentation typed (Enter's carried indentation does not add to it), and on a
 * wide screen the guided tasks sit next to the editor.
 */
import { expect, test } from '@playwright/test';
/** These specs check how lesson 1's pages behave for a learner (issue 9), so they run on lesson 1 itself. */
const LESSON = 'why-kubernetes-networking-matters';

test.use({ viewport: { width: 1280, height: 800 } });

test('a dedent the learner types is not pushed right by the indentation Enter carried over', async ({ page }) => {
  await page.goto(`/lessons/${LESSON}/lab/`);
  const editor = page.getByRole('textbox', { name: 'Manifests (YAML)' });
  await editor.scrollIntoViewIfNeeded();
  await editor.click();
  const content = page.locator('.cm-content');
  await expect(content).toBeVisible();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n---\nmetadata:\n  labels:\n    app: x\n  name: y');
  // Enter keeps the indentation when the learner just goes on typing.
  await page.keyboard.press('Enter');
  await page.keyboard.type('z: 1');
  // The editor's text, without the error message it shows under a broken line (this document has no kind yet).
  const lines = (await content.evaluate((element) => (element as HTMLElement).innerText)).split('\n').filter((line) => !line.startsWith('▲'));
  expect(lines.slice(-4)).toEqual(['  labels:', '    app: x', '  name: y', '  z: 1']);
});

test('on a wide screen the guided tasks sit beside the editor', async ({ page }) => {
  await page.goto(`/lessons/${LESSON}/lab/`);
  const editor = page.getByRole('region', { name: 'Manifests (YAML)' });
  const tasks = page.getByRole('region', { name: 'Guided tasks' });
  await editor.scrollIntoViewIfNeeded();
  const [e, t] = [(await editor.boundingBox())!, (await tasks.boundingBox())!];
  expect(t.x).toBeGreaterThanOrEqual(e.x + e.width);
  expect(t.y).toBeLessThan(e.y + e.height);
  expect(t.y + t.height).toBeGreaterThan(e.y);
});
