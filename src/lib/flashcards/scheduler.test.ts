import type { z } from 'astro/zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { RAW, fakeContext, parseOne, resolvedFixture } from '../quiz/test-fixtures.ts';
import { resolveQuestion, splitQuestion } from '../quiz/resolve.ts';
import { flashcardSchema } from './schema.ts';
import type { CardRating, CardState } from './scheduler.ts';
import { CARD_RATINGS, cardFromMissedQuestion, dueCards, newCardState, parseCardState, rateCard } from './scheduler.ts';
import { cardStateSchema } from './card-state-schema.ts';

const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The state after rating a fresh card with each rating in turn, a day apart. */
function after(ratings: CardRating[]): CardState {
  return ratings.reduce((state, rating, i) => rateCard(state, rating, T0 + i * DAY), newCardState(T0));
}

describe('newCardState / rateCard', () => {
  it('starts new and due now, as plain JSON that the schema accepts', () => {
    const state = newCardState(new Date(T0));
    expect([state.state, state.due, state.reps, state.lastReview]).toEqual(['new', T0, 0, null]);
    expect(cardStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(parseCardState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it.each([
    { better: 'good', worse: 'again', history: [] },
    { better: 'easy', worse: 'hard', history: [] },
    { better: 'good', worse: 'again', history: ['good', 'good'] },
    { better: 'hard', worse: 'again', history: ['good', 'good', 'good'] },
  ] as const)('$better schedules later than $worse after $history', ({ better, worse, history }) => {
    expect(after([...history, better]).due).toBeGreaterThan(after([...history, worse]).due);
  });

  it('due dates grow as ratings increase', () => {
    const dues = CARD_RATINGS.map((rating) => rateCard(newCardState(T0), rating, T0).due);
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    expect(new Set(dues).size).toBe(4);
  });

  it('records the review and counts lapses', () => {
    const reviewed = after(['good', 'good', 'easy']);
    expect([reviewed.state, reviewed.reps, reviewed.lastReview]).toEqual(['review', 3, T0 + 2 * DAY]);
    const lapsed = rateCard(reviewed, 'again', reviewed.due);
    expect([lapsed.state, lapsed.lapses]).toEqual(['relearning', 1]);
    expect(cardStateSchema.safeParse(lapsed).success).toBe(true);
    expect(parseCardState(lapsed)).toEqual(lapsed);
  });

  it('treats a clock running backwards as the last review time', () => {
    const reviewed = after(['good']);
    const rerated = rateCard(reviewed, 'good', T0 - DAY);
    expect(rerated.lastReview).toBe(T0);
  });

  it('is deterministic (no fuzz)', () => {
    expect(after(['good', 'good', 'good', 'hard'])).toEqual(after(['good', 'good', 'good', 'hard']));
  });
});

describe('cardStateSchema / parseCardState', () => {
  it('the schema infers exactly CardState (checked by tsc)', () => {
    expectTypeOf<z.infer<typeof cardStateSchema>>().toEqualTypeOf<CardState>();
  });

  it.each([
    { name: 'ISO date instead of ms', patch: { due: '2025-01-01T00:00:00Z' } },
    { name: 'unknown state', patch: { state: 'learnt' } },
    { name: 'negative reps', patch: { reps: -1 } },
    { name: 'NaN stability', patch: { stability: Number.NaN } },
  ])('rejects $name', ({ patch }) => {
    expect(cardStateSchema.safeParse({ ...newCardState(T0), ...patch }).success).toBe(false);
    expect(parseCardState({ ...newCardState(T0), ...patch })).toBeNull();
  });

  it('returns a copy without unknown fields, like the schema', () => {
    const state = after(['good', 'hard']);
    const parsed = parseCardState({ ...state, extra: 'x' });
    expect(parsed).toEqual(cardStateSchema.parse({ ...state, extra: 'x' }));
    expect(parsed).toEqual(state);
    expect(parsed).not.toBe(state);
  });

  const base = after(['good', 'good']);
  const { lastReview: _dropped, ...withoutLastReview } = base;
  it.each<{ name: string; value: unknown }>([
    { name: 'a new card', value: newCardState(T0) },
    { name: 'a reviewed card', value: base },
    { name: 'each learning state', value: { ...base, state: 'learning' } },
    { name: 'relearning', value: { ...base, state: 'relearning' } },
    { name: 'null', value: null },
    { name: 'a string', value: 'card' },
    { name: 'an array', value: [] },
    { name: 'an empty object', value: {} },
    { name: 'missing lastReview', value: withoutLastReview },
    { name: 'fractional due', value: { ...base, due: 1.5 } },
    { name: 'unsafe integer due', value: { ...base, due: 2 ** 53 } },
    { name: 'negative due', value: { ...base, due: -1 } },
    { name: 'infinite stability', value: { ...base, stability: Infinity } },
    { name: 'negative difficulty', value: { ...base, difficulty: -0.5 } },
    { name: 'fractional elapsedDays', value: { ...base, elapsedDays: 0.25 } },
    { name: 'string scheduledDays', value: { ...base, scheduledDays: '3' } },
    { name: 'fractional learningSteps', value: { ...base, learningSteps: 0.5 } },
    { name: 'fractional lapses', value: { ...base, lapses: 1.5 } },
    { name: 'state as a number', value: { ...base, state: 1 } },
    { name: 'inherited state name', value: { ...base, state: 'toString' } },
    { name: 'fractional lastReview', value: { ...base, lastReview: 0.5 } },
    { name: 'undefined lastReview', value: { ...base, lastReview: undefined } },
    { name: 'Date lastReview', value: { ...base, lastReview: new Date(T0) } },
  ])('agree on $name', ({ value }) => {
    const zod = cardStateSchema.safeParse(value);
    expect(parseCardState(value)).toEqual(zod.success ? zod.data : null);
  });
});

describe('dueCards', () => {
  const cards = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id }));
  const reviewedAt = (due: number): CardState => ({ ...after(['good', 'good']), due });

  it('orders due reviews by due date, then new cards in file order; skips not-yet-due', () => {
    const states = {
      a: reviewedAt(T0 + 5 * DAY),
      b: reviewedAt(T0 + 2 * DAY),
      c: newCardState(T0),
      d: reviewedAt(T0 + 9 * DAY),
      f: reviewedAt(T0 + 1 * DAY),
    };
    expect(dueCards(cards, states, T0 + 6 * DAY).map((c) => c.id)).toEqual(['f', 'b', 'a', 'c', 'e']);
    expect(dueCards(cards, new Map(Object.entries(states)), T0 + 6 * DAY).map((c) => c.id)).toEqual(['f', 'b', 'a', 'c', 'e']);
  });

  it('limits new cards and treats malformed or inherited states as new', () => {
    const states = JSON.parse('{"__proto__": {"due": 0}, "a": {"due": "soon"}, "b": 5}') as Record<string, unknown>;
    expect(dueCards(cards, states, T0).map((c) => c.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(dueCards(cards, {}, T0, { maxNew: 2 }).map((c) => c.id)).toEqual(['a', 'b']);
    expect(dueCards([{ id: '__proto__' }, { id: 'toString' }], {}, T0)).toHaveLength(2);
  });
});

describe('cardFromMissedQuestion', () => {
  it.each([
    { kind: 'single', front: 'A prompt', back: '**Answer:** NodePort\n\nBecause.' },
    { kind: 'pick-output', front: '```console\n$ kubectl get pods\n```', back: 'frontend   1/1' },
    { kind: 'fill-blanks', front: 'kind: ____\nspec:\n  type: ____', back: 'kind: Service' },
    { kind: 'find-error', front: '```yaml\napiVersion: v1', back: 'line 7' },
    { kind: 'simulator', front: 'A prompt', back: '**succeeds**' },
  ] as const)('$kind becomes a valid card', ({ kind, front, back }) => {
    const card = cardFromMissedQuestion(splitQuestion(resolvedFixture(kind, { difficulty: 'advanced' }), 's'));
    expect(flashcardSchema.parse(card)).toEqual(card);
    expect(card.id).toBe(`missed-${resolvedFixture(kind).id}`);
    expect(card.front).toContain(front);
    expect(card.back).toContain(back);
    expect(card.back.endsWith('Because.')).toBe(true);
    expect([card.level, card.tags]).toEqual(['advanced', ['missed', 'quick-check']]);
  });

  it('leaves out an absent explanation', () => {
    const { explanation: _omitted, ...open } = RAW.open;
    const card = cardFromMissedQuestion(splitQuestion(resolveQuestion(parseOne(open), fakeContext), 's'));
    expect(card.back.endsWith('The ClusterIP is virtual; kube-proxy rewrites it to an endpoint.')).toBe(true);
  });

  it('defaults the level to beginner', () => {
    expect(cardFromMissedQuestion(splitQuestion(resolvedFixture('cidr'), 's')).level).toBe('beginner');
  });
});
