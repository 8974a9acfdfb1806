/**
 * The course review (/review/): reached from the header and the course map; one queue interleaving two lessons'
 * cards, due counts per lesson and a 7-day forecast; a saved v2 record (before the review existed) upgrades with
 * nothing lost; a drill opens with the simulator's symptom, is checked by the simulator and graded, and leaves the
 * queue. The clock is fixed (page.clock), and the learner id is stored, so the drill's variant is fixed too.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const NOW = Date.parse('2026-03-10T09:00:00.000Z');
const H = 3_600_000;
const reviewed = (due: number) => ({ due, stability: 2, difficulty: 5, elapsedDays: 1, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 'review', lastReview: NOW - 24 * H });
const T = '2026-03-09T09:00:00.000Z';

/** A real v2 record (the shape stored before v3): lesson 1's cards rated, lesson 5's Learn visited and two of its cards rated. */
const V2 = {
  version: 2,
  lessons: { 'services-and-kube-proxy': { learn: { firstVisited: T, lastVisited: T, done: true, doneAt: T, attempts: 0 } } },
  questions: {},
  cards: {
    'why-kubernetes-networking-matters:pods-own-ip': reviewed(NOW - 3 * H),
    'why-kubernetes-networking-matters:default-non-isolated': reviewed(NOW - 1 * H),
    'services-and-kube-proxy:port-targetport': reviewed(NOW - 2 * H),
    'services-and-kube-proxy:clusterip-virtual': reviewed(NOW + 30 * H),
  },
  labs: {},
  badges: {},
  resume: null,
  preferences: {},
};

async function seed(page: Page, record: unknown): Promise<void> {
  await page.clock.setFixedTime(NOW);
  await page.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('knet:progress', text);
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify(record));
}

const item = (page: Page) => page.getByRole('region', { name: /^(Flashcard|Drill) from / });

test('the header and the course map link to the review; with nothing started it says how to begin', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Review' })).toHaveAttribute('href', '/review/');
  await page.getByRole('link', { name: 'Review the course' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Review the course' })).toBeVisible();
  await expect(page.getByText(/Nothing to review yet/)).toBeVisible();
  await expect(page.getByRole('table').last().getByRole('row')).toHaveCount(8); // header + 7 days
});

test('a v2 record upgrades with nothing lost; the queue interleaves lessons, most overdue first', async ({ page }) => {
  await seed(page, V2);
  await page.goto('review/');
  // Lesson 1's most overdue card leads, then lesson 5's, then lesson 1's other one.
  await expect(item(page)).toHaveAccessibleName('Flashcard from Why Kubernetes networking matters');
  const due = page.getByRole('region', { name: 'Due by lesson' });
  await expect(due.getByRole('row', { name: /Why Kubernetes networking matters/ }).getByRole('cell').first()).toHaveText('2');
  await expect(due.getByRole('row', { name: /Services and kube-proxy/ }).getByRole('cell').first()).toHaveText('1');
  // Tomorrow: the card due in 30 hours.
  const forecast = page.getByRole('region', { name: 'Next 7 days' });
  await expect(forecast.getByRole('row', { name: /Tomorrow/ }).getByRole('cell').first()).toHaveText('1');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('knet:progress') ?? '{}'));
  expect(stored.version).toBe(3);
  expect(stored.cards).toEqual(V2.cards);
  expect(stored.lessons).toEqual(V2.lessons);
  expect(page.getByText(/saved progress/)).toHaveCount(0); // no notice: nothing changed for the learner

  // Reveal with Space, rate Good with 3: the next card is lesson 5's.
  await item(page).getByRole('button', { name: 'Reveal answer' }).focus();
  await page.keyboard.press('Space');
  await expect(item(page).getByRole('group', { name: 'How well did you recall it?' })).toBeVisible();
  await page.keyboard.press('3');
  await expect(page.getByRole('status').filter({ hasText: /Rated Good\. Next review in/ })).toBeAttached();
  await expect(item(page)).toHaveAccessibleName('Flashcard from Services and kube-proxy');
});

test('a drill: symptom from the simulator, a wrong answer is not fixed, a fix passes and is graded', async ({ page }) => {
  // Lesson 5 visited and no cards started: its two drills are the whole queue; the learner id fixes the variant.
  await seed(page, { ...V2, version: 3, cards: {}, review: { learner: 'learner-e2e-0001', drills: {} } });
  await page.goto('review/');
  await expect(item(page)).toHaveAccessibleName('Drill from Services and kube-proxy');
  await item(page).getByRole('button', { name: 'Open the drill' }).click();
  const symptom = page.getByLabel('Symptom output');
  // busybox wget through a ClusterIP with no endpoints (libbb/xconnect.c xconnect()); kubectl's exit line
  // (kubectl/pkg/cmd/util/helpers.go checkErr()).
  await expect(symptom).toContainText(/wget: can't connect to remote host \(10\.96\.\d+\.\d+\): Connection refused/);
  await expect(symptom).toContainText('command terminated with exit code 1');

  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByText('Not fixed yet.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: /^✗|Failed:/ })).toHaveCount(1);

  await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze().then((results) => expect(results.violations).toEqual([]));

  await page.getByRole('button', { name: 'Show a fix' }).click();
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByText('Fixed: every check passes.')).toBeVisible();
  await page.getByRole('group', { name: 'How hard was this drill?' }).getByRole('button', { name: 'Good' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Drill passed, rated Good\. Next time in \d+ (minutes|hours|days), with a new cluster\./ })).toBeAttached();
  const drills = await page.evaluate(() => JSON.parse(localStorage.getItem('knet:progress') ?? '{}').review.drills);
  expect(Object.values(drills)).toEqual([expect.objectContaining({ reviews: 1, lastResult: 'passed' })]);
  // The other drill of the lesson comes next.
  await expect(item(page)).toHaveAccessibleName('Drill from Services and kube-proxy');
  await expect(item(page).getByRole('button', { name: 'Open the drill' })).toBeVisible();
});

test('the review page is axe clean', async ({ page }) => {
  await seed(page, V2);
  await page.goto('review/');
  await expect(item(page)).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations).toEqual([]);
});
