import type { z } from 'astro/zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AttemptResult, AttemptState } from './attempts.ts';
import { initialAttemptState, isAttemptState, isTimedOut, recordAttempt, recordReveal, recordTimeout, timeLeft } from './attempts.ts';
import { attemptStateSchema } from './attempts-schema.ts';

const correct: AttemptResult = { status: 'correct', earned: 2, total: 2 };
const partial: AttemptResult = { status: 'partial', earned: 1, total: 2 };
const wrong: AttemptResult = { status: 'incorrect', earned: 0, total: 2 };
const invalid: AttemptResult = { status: 'invalid', earned: 0, total: 2 };

type Flags = Pick<AttemptState, 'attemptsUsed' | 'attemptsLeft' | 'finished' | 'canRetry' | 'canShowAnswer' | 'lastStatus'> & {
  best: number | null;
};

const run = (attempts: number | null | undefined, results: AttemptResult[]): AttemptState =>
  results.reduce(recordAttempt, initialAttemptState({ attempts }));

const flags = (state: AttemptState): Flags => ({
  attemptsUsed: state.attemptsUsed,
  attemptsLeft: state.attemptsLeft,
  best: state.best?.earned ?? null,
  lastStatus: state.lastStatus,
  finished: state.finished,
  canRetry: state.canRetry,
  canShowAnswer: state.canShowAnswer,
});

describe('recordAttempt', () => {
  it.each<{ name: string; attempts: number | null | undefined; results: AttemptResult[]; expected: Flags }>([
    { name: 'fresh, limited', attempts: 2, results: [], expected: { attemptsUsed: 0, attemptsLeft: 2, best: null, lastStatus: null, finished: false, canRetry: true, canShowAnswer: false } },
    { name: 'fresh, unlimited', attempts: undefined, results: [], expected: { attemptsUsed: 0, attemptsLeft: null, best: null, lastStatus: null, finished: false, canRetry: true, canShowAnswer: false } },
    { name: 'one wrong of two', attempts: 2, results: [wrong], expected: { attemptsUsed: 1, attemptsLeft: 1, best: 0, lastStatus: 'incorrect', finished: false, canRetry: true, canShowAnswer: false } },
    { name: 'two wrong of two', attempts: 2, results: [partial, wrong], expected: { attemptsUsed: 2, attemptsLeft: 0, best: 1, lastStatus: 'incorrect', finished: true, canRetry: false, canShowAnswer: true } },
    { name: 'invalid does not count', attempts: 1, results: [invalid, invalid], expected: { attemptsUsed: 0, attemptsLeft: 1, best: null, lastStatus: null, finished: false, canRetry: true, canShowAnswer: false } },
    { name: 'correct finishes early', attempts: 3, results: [wrong, correct], expected: { attemptsUsed: 2, attemptsLeft: 1, best: 2, lastStatus: 'correct', finished: true, canRetry: false, canShowAnswer: true } },
    { name: 'ignored after finishing', attempts: 3, results: [correct, wrong], expected: { attemptsUsed: 1, attemptsLeft: 2, best: 2, lastStatus: 'correct', finished: true, canRetry: false, canShowAnswer: true } },
    { name: 'unlimited: answer shown after a graded attempt', attempts: null, results: [wrong], expected: { attemptsUsed: 1, attemptsLeft: null, best: 0, lastStatus: 'incorrect', finished: false, canRetry: true, canShowAnswer: true } },
    { name: 'unlimited: not after only invalid ones', attempts: null, results: [invalid], expected: { attemptsUsed: 0, attemptsLeft: null, best: null, lastStatus: null, finished: false, canRetry: true, canShowAnswer: false } },
    { name: 'best keeps the highest score', attempts: null, results: [partial, wrong], expected: { attemptsUsed: 2, attemptsLeft: null, best: 1, lastStatus: 'incorrect', finished: false, canRetry: true, canShowAnswer: true } },
  ])('$name', ({ attempts, results, expected }) => {
    const state = run(attempts, results);
    expect(flags(state)).toEqual(expected);
    expect(attemptStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(isAttemptState(JSON.parse(JSON.stringify(state)))).toBe(true);
  });

  it('returns the same object for invalid results', () => {
    const state = initialAttemptState({ attempts: 2 });
    expect(recordAttempt(state, invalid)).toBe(state);
  });
});

describe('recordReveal / recordTimeout', () => {
  it('reveal finishes the question only when allowed', () => {
    const fresh = initialAttemptState({ attempts: 2 });
    expect(recordReveal(fresh)).toBe(fresh);
    const revealed = recordReveal(run(null, [wrong]));
    expect([revealed.revealed, revealed.finished, revealed.canRetry, revealed.canShowAnswer]).toEqual([true, true, false, false]);
    expect(recordAttempt(revealed, correct)).toBe(revealed);
  });

  it('a timeout consumes an attempt with no points', () => {
    const state = recordTimeout(initialAttemptState({ attempts: 1 }), 3);
    expect([state.attemptsUsed, state.best, state.finished]).toEqual([1, { earned: 0, total: 3 }, true]);
  });
});

describe('timeLeft / isTimedOut', () => {
  it.each([
    { start: 0, now: 0, limit: 90, left: 90_000, out: false },
    { start: 1_000, now: 31_000, limit: 90, left: 60_000, out: false },
    { start: 0, now: 90_000, limit: 90, left: 0, out: true },
    { start: 0, now: 500_000, limit: 90, left: 0, out: true },
    { start: 10_000, now: 0, limit: 90, left: 90_000, out: false },
    { start: 0, now: 5, limit: null, left: null, out: false },
    { start: 0, now: 5, limit: undefined, left: null, out: false },
    { start: Number.NaN, now: 5, limit: 10, left: 10_000, out: false },
  ])('started $start, now $now, limit $limit → $left', ({ start, now, limit, left, out }) => {
    expect(timeLeft(start, now, limit)).toBe(left);
    expect(isTimedOut(start, now, limit)).toBe(out);
  });
});

describe('isAttemptState / attemptStateSchema', () => {
  it('the schema infers exactly AttemptState (checked by tsc)', () => {
    expectTypeOf<z.infer<typeof attemptStateSchema>>().toEqualTypeOf<AttemptState>();
  });

  const valid = recordAttempt(initialAttemptState({ attempts: 3 }), partial);
  it.each<{ name: string; value: unknown }>([
    { name: 'a fresh limited state', value: initialAttemptState({ attempts: 2 }) },
    { name: 'a fresh unlimited state', value: initialAttemptState({}) },
    { name: 'a state after an attempt', value: valid },
    { name: 'a revealed state', value: recordReveal(run(null, [wrong])) },
    { name: 'extra fields', value: { ...valid, extra: 1 } },
    { name: 'null', value: null },
    { name: 'a number', value: 5 },
    { name: 'an array', value: [] },
    { name: 'an empty object', value: {} },
    { name: 'a missing field', value: (({ revealed: _r, ...rest }) => rest)(valid) },
    { name: 'zero maxAttempts', value: { ...valid, maxAttempts: 0 } },
    { name: 'fractional attemptsUsed', value: { ...valid, attemptsUsed: 1.5 } },
    { name: 'negative attemptsUsed', value: { ...valid, attemptsUsed: -1 } },
    { name: 'unsafe integer attemptsUsed', value: { ...valid, attemptsUsed: 2 ** 53 } },
    { name: 'string attemptsLeft', value: { ...valid, attemptsLeft: '2' } },
    { name: 'undefined attemptsLeft', value: { ...valid, attemptsLeft: undefined } },
    { name: 'negative best', value: { ...valid, best: { earned: -1, total: 2 } } },
    { name: 'NaN best', value: { ...valid, best: { earned: Number.NaN, total: 2 } } },
    { name: 'infinite best total', value: { ...valid, best: { earned: 1, total: Infinity } } },
    { name: 'best as an array', value: { ...valid, best: [1, 2] } },
    { name: 'best missing total', value: { ...valid, best: { earned: 1 } } },
    { name: 'unknown lastStatus', value: { ...valid, lastStatus: 'invalid' } },
    { name: 'string flag', value: { ...valid, finished: 'false' } },
    { name: 'missing flag', value: { ...valid, canRetry: undefined } },
  ])('agree on $name', ({ value }) => {
    expect(isAttemptState(value)).toBe(attemptStateSchema.safeParse(value).success);
  });

  it('rejects what the schema rejects and accepts the reducer output', () => {
    expect(isAttemptState(valid)).toBe(true);
    expect(isAttemptState({ ...valid, lastStatus: 'invalid' })).toBe(false);
  });
});
