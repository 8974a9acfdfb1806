import { describe, expect, it } from 'vitest';
import { buildReviewQueue, type QueueLessonInput } from './review-queue.ts';
import { emptyProgress, type ProgressState } from './schema.ts';

const NOW = Date.parse('2025-03-10T12:00:00.000Z');
const H = 3_600_000;
const D = 24 * H;
const reviewed = (due: number) => ({ due, stability: 1, difficulty: 5, elapsedDays: 0, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 'review', lastReview: NOW - D });

const LESSONS: QueueLessonInput[] = [
  { slug: 'pods', title: 'Pods', cardIds: ['p1', 'p2', 'p3'], drillIds: [] },
  { slug: 'svc', title: 'Services', cardIds: ['s1', 's2'], drillIds: ['selector-typo'] },
  { slug: 'dns', title: 'DNS', cardIds: ['d1'], drillIds: ['cross-namespace-name'] },
];

function state(patch: Partial<ProgressState>): ProgressState {
  return { ...emptyProgress(), ...patch };
}

describe('buildReviewQueue', () => {
  it('is empty for a learner who has reviewed nothing and visited nothing', () => {
    const queue = buildReviewQueue(emptyProgress(), LESSONS, NOW);
    expect(queue.items).toEqual([]);
    expect(queue.lessons).toEqual([]);
    expect(queue.forecast.map((day) => day.count)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('interleaves due cards across lessons, most overdue lesson first, then new cards', () => {
    const queue = buildReviewQueue(
      state({
        cards: { 'pods:p1': reviewed(NOW - 2 * H), 'pods:p2': reviewed(NOW - H), 'svc:s1': reviewed(NOW - 3 * H), 'svc:s2': reviewed(NOW - 2.5 * H) },
      }),
      LESSONS,
      NOW,
    );
    expect(queue.items.map((item) => `${item.lesson}:${item.id}`)).toEqual(['svc:s1', 'pods:p1', 'svc:s2', 'pods:p2', 'pods:p3']);
    expect(queue.lessons).toEqual([
      { slug: 'pods', title: 'Pods', due: 2, fresh: 1 },
      { slug: 'svc', title: 'Services', due: 2, fresh: 0 },
    ]);
  });

  it('after a rating, the next turn goes to another lesson (the queue stays interleaved when recomputed)', () => {
    const cards = { 'pods:p1': reviewed(NOW - 2 * H), 'svc:s1': reviewed(NOW - 3 * H) };
    const justRated = { ...reviewed(NOW + D), lastReview: NOW - 60_000 };
    // svc was just reviewed (its s2 rated a minute ago): pods leads although svc's s1 is more overdue.
    const queue = buildReviewQueue(state({ cards: { ...cards, 'svc:s2': justRated } }), LESSONS, NOW);
    expect(queue.items.map((item) => `${item.lesson}:${item.id}`)).toEqual(['pods:p1', 'svc:s1', 'pods:p2', 'pods:p3']);
    // New items too: the lesson just studied waits its turn.
    const fresh = buildReviewQueue(state({ cards: { 'pods:p1': justRated, 'svc:s1': reviewed(NOW + D) } }), LESSONS, NOW);
    expect(fresh.items[0]?.lesson).toBe('svc');
  });

  it('a missed question joins its lesson as a card; a drill joins when its lesson was visited', () => {
    const queue = buildReviewQueue(
      state({
        questions: { dns: { q7: { mode: 'review', best: { earned: 0, total: 1 }, attempts: 1, lastStatus: 'incorrect', answeredAt: '2025-03-09T00:00:00.000Z' } } },
        lessons: { svc: { learn: { firstVisited: '2025-03-01T00:00:00.000Z', lastVisited: '2025-03-01T00:00:00.000Z', done: false, attempts: 0 } } },
      }),
      LESSONS,
      NOW,
    );
    expect(queue.items).toContainEqual({ kind: 'card', lesson: 'dns', id: 'missed-q7', key: 'dns:missed-q7', due: null });
    expect(queue.items).toContainEqual({ kind: 'drill', lesson: 'svc', id: 'selector-typo', due: null });
    // Only lessons started: no pods cards, no DNS drill (lesson dns never visited).
    expect(queue.items.some((item) => item.lesson === 'pods' || item.id === 'cross-namespace-name')).toBe(false);
  });

  it('a graded drill is scheduled like a card, and counted in the forecast', () => {
    const queue = buildReviewQueue(
      state({ review: { drills: { 'selector-typo': { card: reviewed(NOW + 2 * D), reviews: 1, lastResult: 'passed', at: '2025-03-09T00:00:00.000Z' } } } }),
      LESSONS,
      NOW,
    );
    expect(queue.items).toEqual([]);
    expect(queue.forecast[2]).toEqual({ date: '2025-03-12', count: 1 });
  });

  it('forecast: overdue counts today; days follow the local clock', () => {
    const cards = { 'pods:p1': reviewed(NOW - 5 * D), 'pods:p2': reviewed(Date.parse('2025-03-10T23:30:00.000Z')), 'pods:p3': reviewed(NOW + 10 * D) };
    expect(buildReviewQueue(state({ cards }), LESSONS, NOW).forecast.map((day) => day.count)).toEqual([2, 0, 0, 0, 0, 0, 0]);
    // At UTC+1, 23:30 UTC is already tomorrow.
    const east = buildReviewQueue(state({ cards }), LESSONS, NOW, { utcOffsetMinutes: 60 });
    expect(east.forecast.slice(0, 2)).toEqual([{ date: '2025-03-10', count: 1 }, { date: '2025-03-11', count: 1 }]);
  });

  it('limits new items per lesson', () => {
    const queue = buildReviewQueue(state({ cards: { 'pods:p1': reviewed(NOW + D) } }), LESSONS, NOW, { maxNewPerLesson: 1 });
    expect(queue.items.map((item) => item.id)).toEqual(['p2']);
  });
});
