/**
 * Without JavaScript every page says plainly what needs it, where it is needed: the player's controls are
 * hidden and explained (the whole branch is shown instead), questions, flashcards and blanks look disabled
 * and say why, the narration and the lab say what they need, and the progress page says progress needs
 * JavaScript instead of "Loading…" for ever.
 */
import { expect, test, type Browser } from '@playwright/test';
/** These specs check how lesson 1's pages behave for a learner (issue 9), so they run on lesson 1 itself. */
const LESSON = 'why-kubernetes-networking-matters';

async function withoutJs(browser: Browser, path: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(path);
  return { page, close: () => context.close() };
}

test('Visualize: the player explains itself and shows the whole branch; the quiz says why it is disabled', async ({ browser }) => {
  const { page, close } = await withoutJs(browser, `/lessons/${LESSON}/visualize/`);
  await expect(page.getByText(/The step-through player needs JavaScript to play, step and switch scenarios\./)).toBeVisible();
  const playerRoot = page.getByRole('region', { name: 'Step-through player' });
  await expect(playerRoot.getByRole('button', { name: 'Play' })).toBeHidden();
  await expect(playerRoot.locator('.player-branches')).toBeHidden();
  // The whole path is drawn and the full tracker shown.
  await expect(playerRoot.getByRole('img', { name: /^Process flow/ }).locator('.flow-marker[data-step="10"]')).toBeVisible();
  await expect(playerRoot.getByRole('region', { name: /^Status tracker, every step/ })).toBeVisible();
  await expect(page.getByText(/Answering these questions needs JavaScript/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check answer' }).first()).toBeDisabled();
  await close();
});

test('Try: the blanks look disabled and the page says why', async ({ browser }) => {
  const { page, close } = await withoutJs(browser, `/lessons/${LESSON}/try/`);
  await expect(page.getByText(/Answering these questions needs JavaScript/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Blank 1: empty' }).first()).toBeDisabled();
  await close();
});

test('Review: flashcards and quick check say they need JavaScript', async ({ browser }) => {
  const { page, close } = await withoutJs(browser, `/lessons/${LESSON}/review/`);
  await expect(page.getByText(/The flashcards need JavaScript to reveal answers and schedule your reviews/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reveal answer' })).toBeDisabled();
  await expect(page.getByText(/Answering these questions needs JavaScript/).first()).toBeVisible();
  await close();
});

test('Listen and Lab say what they need JavaScript for', async ({ browser }) => {
  const listen = await withoutJs(browser, `/lessons/${LESSON}/listen/`);
  await expect(listen.page.getByText(/The narration needs JavaScript/)).toBeVisible();
  await expect(listen.page.getByRole('group', { name: 'Narration controls' })).toBeHidden();
  await listen.close();
  const lab = await withoutJs(browser, `/lessons/${LESSON}/lab/`);
  await expect(lab.page.getByText(/The lab needs JavaScript to run the simulator/)).toBeVisible();
  await lab.close();
});

test('the progress page says progress needs JavaScript instead of loading for ever', async ({ browser }) => {
  const { page, close } = await withoutJs(browser, '/progress/');
  await expect(page.getByText(/Your progress needs JavaScript/)).toBeVisible();
  await expect(page.getByText('Loading your progress from this browser…')).toBeHidden();
  await close();
});
