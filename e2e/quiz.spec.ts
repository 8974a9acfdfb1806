/**
 * Graded questions as a learner meets them: choosing and checking answers, the
 * announced feedback, attempts, "Show the answer", incomplete answers, the
 * fill-in-the-blank and ordering controls by keyboard and by mouse, the
 * challenge timer, saved results after reload, and answer keys kept out of the page.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSON, lessonPage } from './test-utils.ts';

const page_ = (mode: string) => lessonPage(mode);

/** One question card, by its heading ("Question 2 of 5"). */
function question(page: Page, number: number, of: number): Locator {
  return page.getByRole('region', { name: `Question ${number} of ${of}` });
}

/**
 * A question card, scrolled into view as a learner would, once its controls are
 * live (they stay disabled until the island has loaded, so no early click is lost).
 */
async function openQuestion(page: Page, number: number, of: number): Promise<Locator> {
  const card = question(page, number, of);
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByRole('button').first()).toBeEnabled();
  return card;
}

/** The mode's link in the mode switcher. */
function modeLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: /Choose your learning style/ }).getByRole('link', { name: new RegExp(`^${name}\\b`) });
}

/** Answers the Review quick check fully correctly, question by question. */
async function passQuickCheck(page: Page): Promise<void> {
  const q1 = await openQuestion(page, 1, 5);
  await q1.getByRole('radio', { name: 'True' }).check();
  await q1.getByRole('button', { name: 'Check answer' }).click();
  await expect(q1.getByRole('status')).toContainText('Correct: 1 of 1 points');

  const q2 = await openQuestion(page, 2, 5);
  await q2.getByRole('radio', { name: '-o wide' }).check();
  await q2.getByRole('button', { name: 'Check answer' }).click();
  await expect(q2.getByRole('status')).toContainText('Correct: 1 of 1 points');

  const q3 = await openQuestion(page, 3, 5);
  await q3.getByRole('radio', { name: 'False' }).check();
  await q3.getByRole('button', { name: 'Check answer' }).click();
  await expect(q3.getByRole('status')).toContainText('Correct: 1 of 1 points');

  const q4 = await openQuestion(page, 4, 5);
  await q4.getByRole('checkbox', { name: /Several policies that select the same pod add up/ }).check();
  await q4.getByRole('checkbox', { name: /only has an effect if the cluster's network plugin enforces/ }).check();
  await q4.getByRole('button', { name: 'Check answer' }).click();
  await expect(q4.getByRole('status')).toContainText('Correct: 4 of 4 points');

  const q5 = await openQuestion(page, 5, 5);
  await q5.getByRole('radio', { name: /A headless Service named pod-b exists/ }).check();
  await q5.getByRole('button', { name: 'Check answer' }).click();
  await expect(q5.getByRole('status')).toContainText('Correct: 1 of 1 points');
}

test('the Review quick check: choose, check, hear "Correct" with points, see the explanation', async ({ page }) => {
  await page.goto(page_('review'));
  await expect(page.getByText('0 of 5 answered, score 0 of 8')).toBeVisible();

  const q2 = await openQuestion(page, 2, 5);
  await q2.scrollIntoViewIfNeeded();
  // No explanation before answering.
  await expect(q2.getByText('it is not an output format')).toHaveCount(0);
  // Option text written as Markdown code shows as code, not with literal backticks.
  await expect(q2.getByRole('radio', { name: 'kubectl get pods -o wide', exact: true })).toBeVisible();
  await expect(q2.getByText('`kubectl')).toHaveCount(0);

  await passQuickCheck(page);
  // Finished questions show their explanation.
  await expect(q2.getByText(/-n\s+selects a namespace, it is not an output format/)).toBeVisible();
  await expect(question(page, 1, 5).getByText('isolation starts only when a policy selects the pod')).toBeVisible();
  // Answered controls are locked and the set is passed.
  await expect(q2.getByRole('radio', { name: 'kubectl get pods -o wide', exact: true })).toBeDisabled();
  await expect(q2.getByRole('button', { name: 'Check answer' })).toHaveCount(0);
  await expect(page.getByText(/5 of 5 answered, score 8 of 8 · Quick check passed: Review is done\./)).toBeVisible();
  await expect(modeLink(page, 'Review')).toHaveAccessibleName(/done/);
});

test('a wrong answer is announced with its points and offers "Try again"', async ({ page }) => {
  await page.goto(page_('review'));
  const q5 = await openQuestion(page, 5, 5);
  await q5.getByRole('radio', { name: /Kubernetes gives every pod a DNS name/ }).check();
  await q5.getByRole('button', { name: 'Check answer' }).click();
  await expect(q5.getByRole('status')).toContainText('Not quite: 0 of 1 points');
  // The explanation is not given away while the learner can still retry.
  await expect(q5.getByText('DNS names come from Services')).toHaveCount(0);
  await q5.getByRole('button', { name: 'Try again' }).click();
  await expect(q5.getByRole('status')).toContainText('Try again');
  // The choice is cleared and can be answered again.
  await expect(q5.getByRole('radio', { name: /Kubernetes gives every pod a DNS name/ })).not.toBeChecked();
  await q5.getByRole('radio', { name: /A headless Service named pod-b exists/ }).check();
  await q5.getByRole('button', { name: 'Check answer' }).click();
  await expect(q5.getByRole('status')).toContainText('Correct: 1 of 1 points');
  await expect(q5.getByText('DNS names come from Services')).toBeVisible();
});

test('a wrong answer consumes one of the limited attempts', async ({ page }) => {
  await page.goto(page_('try'));
  const q1 = await openQuestion(page, 1, 5);
  await expect(q1.getByText('3 of 3 attempts left')).toBeVisible();
  await q1.getByRole('button', { name: 'Blank 1: empty' }).click();
  await q1.getByRole('button', { name: '[]', exact: true }).click();
  await q1.getByRole('button', { name: 'Blank 2: empty' }).click();
  await q1.getByRole('button', { name: 'Egress', exact: true }).click();
  await q1.getByRole('button', { name: 'Check answer' }).click();
  await expect(q1.getByRole('status')).toContainText('Not quite: 0 of 2 points');
  await expect(q1.getByRole('status')).toContainText('2 attempts left');
  await expect(q1.getByText('2 of 3 attempts left')).toBeVisible();
  await expect(q1.getByRole('button', { name: 'Try again' })).toBeVisible();
  // The common-mistakes note comes only once the task is over.
  await expect(q1.getByText('Common mistakes:')).toHaveCount(0);
});

test('an incomplete answer says so and does not use an attempt', async ({ page }) => {
  await page.goto(page_('try'));
  const q1 = await openQuestion(page, 1, 5);
  await q1.getByRole('button', { name: 'Check answer' }).click();
  await expect(q1.getByRole('status')).toContainText(/Incomplete/);
  await expect(q1.getByText('3 of 3 attempts left')).toBeVisible();
  // Still answerable: no "Try again" needed, the check button is still there.
  await expect(q1.getByRole('button', { name: 'Check answer' })).toBeEnabled();

  // Partly filled is incomplete too.
  await q1.getByRole('button', { name: 'Blank 1: empty' }).click();
  await q1.getByRole('button', { name: '{}', exact: true }).click();
  await q1.getByRole('button', { name: 'Check answer' }).click();
  await expect(q1.getByRole('status')).toContainText(/Incomplete/);
  await expect(q1.getByText('3 of 3 attempts left')).toBeVisible();

  // Nothing is saved for an incomplete answer.
  await page.reload();
  await expect((await openQuestion(page, 1, 5)).getByText('3 of 3 attempts left')).toBeVisible();
  await expect(page.getByText(/Saved result/)).toHaveCount(0);

  // On a single-choice question: nothing chosen is incomplete.
  await page.goto(page_('review'));
  const q2 = await openQuestion(page, 2, 5);
  await q2.getByRole('button', { name: 'Check answer' }).click();
  await expect(q2.getByRole('status')).toContainText('Incomplete');
  await expect(q2.getByRole('status')).not.toContainText('Not quite');
  await expect(q2.getByRole('button', { name: 'Try again' })).toHaveCount(0);
});

test('after the last attempt, "Show the answer" reveals it', async ({ page }) => {
  await page.goto(page_('challenge'));
  const q1 = await openQuestion(page, 1, 5);
  await q1.getByRole('button', { name: /Start problem/ }).click();
  await expect(q1.getByText('2 of 2 attempts left')).toBeVisible();
  await expect(q1.getByRole('button', { name: 'Show the answer' })).toHaveCount(0);

  await q1.getByRole('radio', { name: /It times out/ }).check();
  await q1.getByRole('button', { name: 'Check answer' }).click();
  await expect(q1.getByRole('status')).toContainText('Not quite: 0 of 1 points');
  await expect(q1.getByRole('status')).toContainText('1 attempt left');
  await q1.getByRole('button', { name: 'Try again' }).click();

  await q1.getByRole('radio', { name: /kubectl apply.* rejected the policy/ }).check();
  await q1.getByRole('button', { name: 'Check answer' }).click();
  await expect(q1.getByRole('status')).toContainText('Not quite: 0 of 1 points');
  await expect(q1.getByText('0 of 2 attempts left')).toBeVisible();
  await expect(q1.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await expect(q1.getByRole('button', { name: 'Check answer' })).toHaveCount(0);
  // Finished: the explanation is there; the answer itself waits for the learner to ask.
  await expect(q1.getByText(/The API server only stores NetworkPolicy objects/)).toBeVisible();
  await expect(q1.getByText('Answer:', { exact: true })).toHaveCount(0);

  await q1.getByRole('button', { name: 'Show the answer' }).click();
  await expect(q1.getByRole('status')).toContainText('The answer is shown below.');
  await expect(q1.getByText('Answer:', { exact: true })).toBeVisible();
  await expect(q1.getByText(/Answer:\s*It returns nginx's page: the policy is stored but nothing enforces it/)).toBeVisible();
  await expect(q1.getByRole('button', { name: 'Show the answer' })).toHaveCount(0);
});

test('fill-in-the-blanks works fully by keyboard', async ({ page }) => {
  await page.goto(page_('try'));
  const q1 = await openQuestion(page, 1, 5);
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

  // Tab from the top of the page to the first blank.
  const blank1 = q1.getByRole('button', { name: 'Blank 1: empty' });
  for (let i = 0; i < 80 && !(await blank1.evaluate((element) => element === document.activeElement)); i += 1) {
    await page.keyboard.press('Tab');
  }
  await expect(blank1).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(blank1).toHaveAttribute('aria-pressed', 'true');
  await expect(q1.getByText(/Selected blank:\s*blank 1/)).toBeVisible();

  // Tab on to the option chip "{}" and place it with Enter.
  for (let i = 0; i < 12 && (await focused()) !== '{}'; i += 1) await page.keyboard.press('Tab');
  await expect(q1.getByRole('button', { name: '{}', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(q1.getByRole('button', { name: 'Blank 1: {}' })).toBeVisible();

  // Back to the second blank, select it, then on to "Ingress".
  const blank2 = q1.getByRole('button', { name: 'Blank 2: empty' });
  for (let i = 0; i < 12 && !(await blank2.evaluate((element) => element === document.activeElement)); i += 1) {
    await page.keyboard.press('Shift+Tab');
  }
  await expect(blank2).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(blank2).toHaveAttribute('aria-pressed', 'true');
  await expect(q1.getByText(/Selected blank:\s*blank 2/)).toBeVisible();
  for (let i = 0; i < 12 && (await focused()) !== 'Ingress'; i += 1) await page.keyboard.press('Tab');
  await expect(q1.getByRole('button', { name: 'Ingress', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(q1.getByRole('button', { name: 'Blank 2: Ingress' })).toBeVisible();

  // A filled blank can be emptied with Delete and filled again.
  const filled2 = q1.getByRole('button', { name: 'Blank 2: Ingress' });
  await filled2.focus();
  await page.keyboard.press('Delete');
  await expect(q1.getByRole('button', { name: 'Blank 2: empty' })).toBeFocused();
  await page.keyboard.press('Enter');
  for (let i = 0; i < 12 && (await focused()) !== 'Ingress'; i += 1) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(q1.getByRole('button', { name: 'Blank 2: Ingress' })).toBeVisible();

  for (let i = 0; i < 12 && (await focused()) !== 'Check answer'; i += 1) await page.keyboard.press('Tab');
  await expect(q1.getByRole('button', { name: 'Check answer' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(q1.getByRole('status')).toContainText('Correct: 2 of 2 points');
  await expect(q1.getByText('Common mistakes:')).toBeVisible();
  await expect(q1.getByText(/is the empty selector: it matches every pod/)).toBeVisible();
});

test('fill-in-the-blanks works by clicking a blank, then an option', async ({ page }) => {
  await page.goto(page_('try'));
  const q2 = await openQuestion(page, 2, 5);
  const fill = async (blank: number, option: string) => {
    await q2.getByRole('button', { name: `Blank ${blank}: empty` }).click();
    await q2.getByRole('button', { name: option, exact: true }).click();
    await expect(q2.getByRole('button', { name: `Blank ${blank}: ${option}` })).toBeVisible();
  };
  // Out of order on purpose: the chosen blank is filled, not the first empty one.
  await fill(3, 'frontend');
  await fill(1, 'backend');
  await fill(2, 'from');
  await fill(5, '8080');
  await fill(4, 'TCP');
  await q2.getByRole('button', { name: 'Check answer' }).click();
  await expect(q2.getByRole('status')).toContainText('Correct: 5 of 5 points');
  // Finished: the blanks are locked.
  await expect(q2.getByRole('button', { name: 'Blank 1: backend' })).toBeDisabled();
});

test('ordering with the Up and Down buttons', async ({ page }) => {
  const correct = [
    "pod-a asks CoreDNS for pod-b and gets pod-b's pod IP",
    "pod-a's egress policies are checked on node-1",
    'The cluster network carries the packet from node-1 to node-2',
    "pod-b's ingress policies are checked on node-2",
    "pod-b's web server receives and processes the request",
    'The reply returns to pod-a as part of the same connection',
  ];
  await page.goto(page_('challenge'));
  const q4 = await openQuestion(page, 4, 5);
  await q4.getByRole('button', { name: /Start problem/ }).click();
  const steps = q4.getByRole('listitem');
  await expect(steps).toHaveCount(correct.length);
  const order = async () => (await steps.allTextContents()).map((text) => correct.find((step) => text.includes(step)) ?? text);

  // Down moves a step one place later, and says where it went.
  const first = (await order())[0]!;
  await q4.getByRole('button', { name: `Move "${first}" down` }).click();
  expect((await order())[1]).toBe(first);
  await expect(q4.getByText(`"${first}" is now step 2 of 6.`)).toBeAttached();
  await expect(q4.getByRole('button', { name: `Move "${(await order())[0]}" up` })).toBeDisabled();

  // Sort with Up: bring each step to its place.
  for (let target = 0; target < correct.length; target += 1) {
    const step = correct[target]!;
    for (let index = (await order()).indexOf(step); index > target; index -= 1) {
      await q4.getByRole('button', { name: `Move "${step}" up` }).click();
    }
  }
  expect(await order()).toEqual(correct);
  await q4.getByRole('button', { name: 'Check answer' }).click();
  await expect(q4.getByRole('status')).toContainText(/Correct: (\d+) of \1 points/);
});

test('a challenge problem has a countdown, and running out of time costs an attempt', async ({ page }) => {
  await page.clock.install();
  await page.goto(page_('challenge'));
  const q1 = await openQuestion(page, 1, 5);
  await expect(q1.getByText('75 s limit')).toBeVisible();
  // Nothing to answer before the problem starts.
  await expect(q1.getByRole('radio')).toHaveCount(0);
  await q1.getByRole('button', { name: 'Start problem (75 s)' }).click();
  await expect(q1.getByRole('timer')).toHaveText('Time left: 75 s');
  await expect(q1.getByRole('radio')).toHaveCount(4);

  await page.clock.fastForward(30_000);
  await expect(q1.getByRole('timer')).toHaveText('Time left: 45 s');
  await page.clock.fastForward(46_000);
  await expect(q1.getByRole('status')).toContainText('Time is up');
  await expect(q1.getByText('1 of 2 attempts left')).toBeVisible();
  await expect(q1.getByRole('button', { name: 'Start problem (75 s)' })).toBeVisible();

  // The second run: out of time again ends the problem.
  await q1.getByRole('button', { name: 'Start problem (75 s)' }).click();
  await page.clock.fastForward(76_000);
  await expect(q1.getByRole('status')).toContainText('Time is up. The problem is over.');
  await expect(q1.getByText('0 of 2 attempts left')).toBeVisible();
  await expect(q1.getByRole('button', { name: 'Show the answer' })).toBeVisible();
  await expect(page.getByText(/1 of 5 answered/)).toBeVisible();
});

test('after reload the saved result is shown and the passed quick check marks Review done', async ({ page }) => {
  await page.goto(page_('review'));
  await expect(modeLink(page, 'Review')).not.toHaveAccessibleName(/done/);
  // A miss first, then the right answer: 2 attempts, best 1 of 1.
  const q2 = await openQuestion(page, 2, 5);
  await q2.getByRole('radio', { name: 'kubectl get svc', exact: true }).check();
  await q2.getByRole('button', { name: 'Check answer' }).click();
  await expect(q2.getByRole('status')).toContainText('Not quite');
  await q2.getByRole('button', { name: 'Try again' }).click();
  await passQuickCheck(page);

  await page.reload();
  await expect((await openQuestion(page, 2, 5)).getByText('Saved result: best 1 of 1, 2 attempts so far.')).toBeVisible();
  await expect(question(page, 4, 5).getByText('Saved result: best 4 of 4, 1 attempt so far.')).toBeVisible();
  await expect(page.getByText(/5 of 5 answered, score 8 of 8 · Quick check passed: Review is done\./)).toBeVisible();
  await expect(modeLink(page, 'Review')).toHaveAccessibleName(/done/);
  // Other modes are not done.
  await expect(modeLink(page, 'Try')).not.toHaveAccessibleName(/done/);
  await expect(modeLink(page, 'Challenge')).not.toHaveAccessibleName(/done/);
});

test('a quick check answered wrongly (answers shown) does not mark Review done', async ({ page }) => {
  await page.goto(page_('review'));
  const wrong: [number, () => Promise<void>][] = [
    [1, () => question(page, 1, 5).getByRole('radio', { name: 'False' }).check()],
    [2, () => question(page, 2, 5).getByRole('radio', { name: 'kubectl get svc', exact: true }).check()],
    [3, () => question(page, 3, 5).getByRole('radio', { name: 'True' }).check()],
    [
      4,
      async () => {
        // Every option judged wrongly: the two false statements ticked, the two true ones left unticked.
        await question(page, 4, 5).getByRole('checkbox', { name: /You can write a rule that denies/ }).check();
        await question(page, 4, 5).getByRole('checkbox', { name: /Replies to an allowed connection need their own rule/ }).check();
      },
    ],
    [5, () => question(page, 5, 5).getByRole('radio', { name: /The kubelet writes every pod's name/ }).check()],
  ];
  for (const [n, choose] of wrong) {
    const q = await openQuestion(page, n, 5);
    await choose();
    await q.getByRole('button', { name: 'Check answer' }).click();
    await expect(q.getByRole('status')).toContainText('Not quite: 0 of');
    // Unlimited attempts: the answer can be shown after a graded attempt.
    await q.getByRole('button', { name: 'Show the answer' }).click();
    await expect(q.getByText(/^(Answer|Correct options):$/)).toBeVisible();
  }
  await expect(page.getByText('5 of 5 answered, score 0 of 8', { exact: true })).toBeVisible();
  await expect(page.getByText(/Quick check passed/)).toHaveCount(0);
  await expect(modeLink(page, 'Review')).not.toHaveAccessibleName(/done/);
});

test('no answer is in the page before checking; the keys file has them', async ({ page, request }) => {
  // [mode, text only the answer key holds, public text the page does show]
  const secrets: [mode: string, secret: string, shown: string][] = [
    ['review', 'it is not an output format', 'Which command shows each pod'],
    ['challenge', 'The API server is never on the data path between pods', 'which does not implement NetworkPolicy'],
    ['try', 'matches every pod in the policy', 'Complete the policy so that'],
    ['why', 'Worked solution', 'Which statement describes what can now reach'],
  ];
  const keys = await request.get(`quiz-keys/${LESSON}.json`);
  expect(keys.ok()).toBe(true);
  const keyText = await keys.text();
  for (const [mode, secret, shown] of secrets) {
    const html = await (await request.get(page_(mode))).text();
    expect(html, `${mode} page HTML shows the question`).toContain(shown);
    expect(html, `${mode} page HTML must not hold the answer text "${secret}"`).not.toContain(secret);
    expect(keyText, `the key file holds "${secret}"`).toContain(secret);
  }
  // No correct flags or answer lists either.
  const review = await (await request.get(page_('review'))).text();
  expect(review).not.toMatch(/&quot;correct&quot;|"correct"\s*:/);
  expect(review).not.toMatch(/&quot;answers&quot;|"answers"\s*:/);

  // The keys are fetched only on the first check.
  const fetched: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/quiz-keys/')) fetched.push(req.url());
  });
  await page.goto(page_('review'));
  const q1 = await openQuestion(page, 1, 5);
  await q1.getByRole('radio', { name: 'True' }).check();
  expect(fetched).toEqual([]);
  await q1.getByRole('button', { name: 'Check answer' }).click();
  await expect(q1.getByRole('status')).toContainText('Correct');
  expect(fetched.length).toBeGreaterThanOrEqual(1);
});
