/**
 * Listen mode's read-along: with a (stubbed) speech engine it speaks sentence by
 * sentence, highlighting the one being spoken; Pause stops it; the speed is a
 * saved preference. With no speech engine it says so and advances on a timer
 * or by the learner's hand. Reaching the end marks Listen done.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { lessonPage } from './test-utils.ts';

const LISTEN = lessonPage('listen');

/** Replaces the browser's speech engine with one voice that "speaks" each utterance in `tickMs`. */
async function stubSpeech(page: Page, tickMs: number | 'by hand'): Promise<void> {
  await page.addInitScript((tick) => {
    const log: { text: string; rate: number; at: number; endedAt?: number }[] = [];
    // 'by hand': an utterance ends only when the test calls endUtterance(i), so no race with the clock.
    const enders: (() => void)[] = [];
    const engine = {
      speaking: false,
      pending: false,
      paused: false,
      onvoiceschanged: null,
      getVoices: () => [{ name: 'Test voice', lang: 'en-US', default: true, localService: true, voiceURI: 'test-voice' }],
      // Like a real engine, the end of an utterance is reported asynchronously; cancel() does not
      // take back an end event that is already on its way.
      speak(utterance: SpeechSynthesisUtterance) {
        const entry: (typeof log)[number] = { text: utterance.text, rate: utterance.rate, at: performance.now() };
        log.push(entry);
        const end = () => {
          entry.endedAt = performance.now();
          utterance.onend?.(new Event('end') as SpeechSynthesisEvent);
        };
        if (tick === 'by hand') enders.push(end);
        else setTimeout(end, tick);
      },
      cancel() {},
      pause() {},
      resume() {},
      addEventListener() {},
      removeEventListener() {},
      dispatchEvent: () => true,
    };
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: engine });
    (window as unknown as { spoken: typeof log }).spoken = log;
    (window as unknown as { endUtterance: (i: number) => void }).endUtterance = (i) => enders[i]?.();
  }, tickMs);
}

/** Removes speech synthesis from the browser. */
async function noSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    delete (window as { speechSynthesis?: unknown }).speechSynthesis;
    delete (Window.prototype as { speechSynthesis?: unknown }).speechSynthesis;
    if ('speechSynthesis' in window) Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });
  });
}

const controls = (page: Page) => page.getByRole('group', { name: 'Narration controls' });
const transcript = (page: Page) => page.getByRole('region', { name: 'Transcript' });
/** The sentence marked as the one being read. */
const currentSentence = (page: Page): Locator => transcript(page).locator('[aria-current="true"]');
const status = (page: Page) => page.getByRole('status').filter({ hasText: /^Sentence \d+ of \d+|^Narration finished/ });

function modeLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: /Choose your learning style/ }).getByRole('link', { name: new RegExp(`^${name}\\b`) });
}

/** Opens Listen with the player in view and live. */
async function openPlayer(page: Page): Promise<{ total: number; sentences: string[] }> {
  await page.goto(LISTEN);
  await controls(page).scrollIntoViewIfNeeded();
  await expect(controls(page).getByRole('button', { name: 'Play' })).toBeEnabled();
  const text = (await status(page).textContent()) ?? '';
  const total = Number(/of (\d+)/.exec(text)?.[1]);
  const sentences = (await transcript(page).locator('[data-sentence]').allTextContents()).map((s) => s.trim());
  expect(sentences).toHaveLength(total);
  return { total, sentences };
}

type Spoken = { text: string; rate: number; at: number; endedAt?: number };
const spoken = (page: Page) => page.evaluate(() => (window as unknown as { spoken: Spoken[] }).spoken);

test('with a voice: Play speaks and highlights sentence 1, then advances; Pause stops', async ({ page }) => {
  // Utterances end only when this test says so: nothing here races the machine's speed.
  await stubSpeech(page, 'by hand');
  const endUtterance = (i: number) => page.evaluate((index) => (window as unknown as { endUtterance: (i: number) => void }).endUtterance(index), i);
  const { total, sentences } = await openPlayer(page);
  await expect(status(page)).toHaveText(`Sentence 1 of ${total}`);
  await expect(currentSentence(page)).toHaveText(sentences[0]!);

  await controls(page).getByRole('button', { name: 'Play' }).click();
  await expect(controls(page).getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await spoken(page)).map((u) => u.text)).toEqual([sentences[0]]);
  await expect(currentSentence(page)).toHaveText(sentences[0]!);
  // The engine reports the end of sentence 1: the highlight moves on, and sentence 2 is spoken.
  await endUtterance(0);
  await expect(status(page)).toHaveText(`Sentence 2 of ${total}`);
  await expect(currentSentence(page)).toHaveText(sentences[1]!);
  await expect.poll(async () => (await spoken(page)).map((u) => u.text)).toEqual([sentences[0], sentences[1]]);

  // Pause while sentence 2 is being spoken: the highlight stays on it, even when the interrupted
  // utterance reports its end afterwards (a real engine's end event may already be on its way).
  await controls(page).getByRole('button', { name: 'Pause' }).click();
  await expect(controls(page).getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');
  await expect(status(page)).toHaveText(`Sentence 2 of ${total}`);
  await endUtterance(1);
  await expect(status(page)).toHaveText(`Sentence 2 of ${total}`);
  await expect(currentSentence(page)).toHaveText(sentences[1]!);
  await expect(controls(page).getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');

  // Play resumes at the same sentence, and its end moves the narration on to sentence 3.
  const before = (await spoken(page)).length;
  await controls(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await spoken(page)).slice(before)[0]?.text).toBe(sentences[1]);
  await endUtterance(before);
  await expect(status(page)).toHaveText(`Sentence 3 of ${total}`);
});

test('the speed is used for speech and kept across reloads', async ({ page }) => {
  // Utterances end only when this test says so: what it checks does not depend on how fast the machine is.
  await stubSpeech(page, 'by hand');
  const endUtterance = (i: number) => page.evaluate((index) => (window as unknown as { endUtterance: (i: number) => void }).endUtterance(index), i);
  const { total, sentences } = await openPlayer(page);
  const speed = controls(page).getByRole('combobox', { name: 'Speed' });
  await expect(speed).toHaveValue('1');
  await speed.selectOption({ label: '1.5×' });
  await controls(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await spoken(page)).map((u) => [u.text, u.rate])).toEqual([[sentences[0], 1.5]]);
  await endUtterance(0);
  await expect(status(page)).toHaveText(`Sentence 2 of ${total}`);
  await expect.poll(async () => (await spoken(page)).length).toBe(2);

  // Changing speed while a sentence is spoken restarts that sentence at the new speed...
  await speed.selectOption({ label: '2×' });
  await expect.poll(async () => (await spoken(page)).map((u) => [u.text, u.rate])).toEqual([
    [sentences[0], 1.5],
    [sentences[1], 1.5],
    [sentences[1], 2],
  ]);
  // ...the cancelled utterance's late end event does not move the narration on...
  await endUtterance(1);
  await expect(status(page)).toHaveText(`Sentence 2 of ${total}`);
  expect((await spoken(page)).length).toBe(3);
  // ...and the next sentence starts once the restarted one has been spoken to its end.
  await endUtterance(2);
  await expect(status(page)).toHaveText(`Sentence 3 of ${total}`);
  await expect.poll(async () => (await spoken(page)).at(-1)).toMatchObject({ text: sentences[2], rate: 2 });
  await controls(page).getByRole('button', { name: 'Pause' }).click();

  await page.reload();
  await controls(page).scrollIntoViewIfNeeded();
  await expect(controls(page).getByRole('combobox', { name: 'Speed' })).toHaveValue('2');
  await expect(controls(page).getByRole('combobox', { name: 'Speed' })).toBeEnabled();
});

test('with a voice, narration reaching the end marks Listen done', async ({ page }) => {
  await stubSpeech(page, 20);
  const { total } = await openPlayer(page);
  await expect(modeLink(page, 'Listen')).not.toHaveAccessibleName(/done/);
  await controls(page).getByRole('button', { name: 'Play' }).click();
  await expect(status(page)).toHaveText('Narration finished. Listen mode is done.', { timeout: 20_000 });
  // Every sentence was spoken exactly once, in order.
  expect((await spoken(page)).length).toBe(total);
  await expect(controls(page).getByRole('button', { name: 'Play again' })).toBeVisible();
  await expect(modeLink(page, 'Listen')).toHaveAccessibleName(/done/);
  await page.reload();
  await expect(modeLink(page, 'Listen')).toHaveAccessibleName(/done/);
});

test('without a voice: it says so, advances on a timer, and Pause stops it', async ({ page }) => {
  await noSpeech(page);
  await page.clock.install();
  const { total, sentences } = await openPlayer(page);
  await expect(status(page)).toHaveText(`Sentence 1 of ${total} (no voice in this browser: advancing on a timer)`);
  await expect(controls(page).getByRole('checkbox', { name: 'Voice' })).toHaveCount(0);

  await controls(page).getByRole('button', { name: 'Play' }).click();
  await expect(currentSentence(page)).toHaveText(sentences[0]!);
  await page.clock.fastForward(15_000);
  await expect(status(page)).not.toHaveText(/^Sentence 1 of/);
  await expect(currentSentence(page)).not.toHaveText(sentences[0]!);

  await controls(page).getByRole('button', { name: 'Pause' }).click();
  const pausedAt = (await status(page).textContent()) ?? '';
  await page.clock.fastForward(60_000);
  await expect(status(page)).toHaveText(pausedAt);
});

test('without a voice: Next and Previous sentence step by hand', async ({ page }) => {
  await noSpeech(page);
  const { total, sentences } = await openPlayer(page);
  const next = controls(page).getByRole('button', { name: 'Next sentence' });
  const previous = controls(page).getByRole('button', { name: 'Previous sentence' });
  await expect(previous).toBeDisabled();
  await next.click();
  await expect(status(page)).toHaveText(`Sentence 2 of ${total} (no voice in this browser: advancing on a timer)`);
  await expect(currentSentence(page)).toHaveText(sentences[1]!);
  await next.click();
  await expect(currentSentence(page)).toHaveText(sentences[2]!);
  await previous.click();
  await expect(currentSentence(page)).toHaveText(sentences[1]!);
  // Clicking a sentence jumps to it.
  await transcript(page).getByText(sentences[5]!, { exact: true }).click();
  await expect(status(page)).toHaveText(new RegExp(`^Sentence 6 of ${total}`));
});

test('without a voice, the timer reaching the end marks Listen done', async ({ page }) => {
  await noSpeech(page);
  await page.clock.install();
  const { total } = await openPlayer(page);
  await expect(modeLink(page, 'Listen')).not.toHaveAccessibleName(/done/);
  await controls(page).getByRole('button', { name: 'Play' }).click();
  for (let i = 0; i < total + 5; i += 1) {
    if ((await status(page).textContent())?.startsWith('Narration finished')) break;
    await page.clock.fastForward(20_000);
  }
  await expect(status(page)).toHaveText('Narration finished. Listen mode is done.');
  await expect(modeLink(page, 'Listen')).toHaveAccessibleName(/done/);
});
