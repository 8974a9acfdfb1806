import { describe, expect, it } from 'vitest';
import { keptResults, savedSomethingWorthKeeping } from './kept-results.ts';

const fresh = { version: 2, lessons: {}, questions: {}, cards: {}, labs: {}, badges: {}, resume: null, preferences: {} };
const visited = { ...fresh, lessons: { l1: { learn: { done: false, attempts: 0, firstVisited: '2026-12-01T10:00:00.000Z' } } } };
const done = { ...fresh, lessons: { l1: { learn: { done: true, doneAt: '2026-12-01T10:05:00.000Z', attempts: 0 } } } };
const graded = { ...fresh, cards: { 'l1/card-1': { due: '2026-12-02T10:00:00.000Z', reps: 1 } } };

describe('when progress is worth keeping', () => {
  it('counts completed modes and graded cards', () => {
    expect(keptResults(fresh)).toBe(0);
    expect(keptResults(visited)).toBe(0);
    expect(keptResults(done)).toBe(1);
    expect(keptResults(graded)).toBe(1);
  });
  it('asks when a save completes the first mode or grades the first card, not for a visit', () => {
    expect(savedSomethingWorthKeeping(fresh, visited)).toBe(false);
    expect(savedSomethingWorthKeeping(visited, done)).toBe(true);
    expect(savedSomethingWorthKeeping(fresh, graded)).toBe(true);
    expect(savedSomethingWorthKeeping(done, done)).toBe(false);
  });
  it('counts a graded drill of the course review (progress v3)', () => {
    const drilled = { ...fresh, version: 3, review: { learner: 'l-1', drills: { 'selector-typo': { card: { due: '2026-12-02T10:00:00.000Z' }, reviews: 1, lastResult: 'pass', at: '2026-12-01T10:00:00.000Z' } } } };
    expect(keptResults(drilled)).toBe(1);
    expect(savedSomethingWorthKeeping({ ...fresh, version: 3, review: { drills: {} } }, drilled)).toBe(true);
  });
  it('never throws on odd shapes', () => {
    for (const odd of [null, undefined, 7, 'x', [], { lessons: [] }, { lessons: { l: 3 } }, { cards: 'x' }, { review: 'x' }, { review: { drills: 4 } }]) expect(keptResults(odd)).toBe(0);
  });
});

