import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareScores,
  mergeCardState,
  mergeLabTask,
  mergeModeRecord,
  mergePreferences,
  mergeProgress,
  mergeQuestionRecord,
  mergeResume,
} from './merge.ts';
import { emptyProgress, type ModeRecord, type ProgressState } from './schema.ts';
import { progressArb } from './test-support.ts';

const T1 = '2025-01-01T00:00:00.000Z';
const T2 = '2025-01-02T00:00:00.000Z';
const T3 = '2025-01-03T00:00:00.000Z';

describe('mergeModeRecord', () => {
  const cases: { name: string; a: ModeRecord; b: ModeRecord; expected: ModeRecord }[] = [
    {
      name: 'done wins over not done',
      a: { done: true, doneAt: T2, attempts: 0 },
      b: { done: false, attempts: 0 },
      expected: { done: true, doneAt: T2, attempts: 0 },
    },
    {
      name: 'earliest doneAt of two dones',
      a: { done: true, doneAt: T2, attempts: 0 },
      b: { done: true, doneAt: T1, attempts: 0 },
      expected: { done: true, doneAt: T1, attempts: 0 },
    },
    {
      name: 'earliest first visit, latest last visit',
      a: { firstVisited: T1, lastVisited: T2, done: false, attempts: 0 },
      b: { firstVisited: T2, lastVisited: T3, done: false, attempts: 0 },
      expected: { firstVisited: T1, lastVisited: T3, done: false, attempts: 0 },
    },
    {
      name: 'higher score ratio wins, attempts = max',
      a: { done: false, best: { earned: 3, total: 4 }, attempts: 5 },
      b: { done: false, best: { earned: 7, total: 8 }, attempts: 2 },
      expected: { done: false, best: { earned: 7, total: 8 }, attempts: 5 },
    },
    {
      name: 'equal ratio: more points at stake wins',
      a: { done: false, best: { earned: 1, total: 2 }, attempts: 1 },
      b: { done: false, best: { earned: 5, total: 10 }, attempts: 1 },
      expected: { done: false, best: { earned: 5, total: 10 }, attempts: 1 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(mergeModeRecord(c.a, c.b)).toEqual(c.expected);
      expect(mergeModeRecord(c.b, c.a)).toEqual(c.expected);
    });
  }
});

describe('record rules', () => {
  it('compareScores orders by ratio', () => {
    expect(compareScores({ earned: 1, total: 2 }, { earned: 2, total: 3 })).toBeLessThan(0);
    expect(compareScores({ earned: 2, total: 2 }, { earned: 9, total: 10 })).toBeGreaterThan(0);
  });

  it('question: best score and max attempts, last answer from the later time', () => {
    const a = { mode: 'why' as const, best: { earned: 1, total: 1 }, attempts: 3, lastStatus: 'correct' as const, answeredAt: T1 };
    const b = { mode: 'why' as const, best: { earned: 0, total: 1 }, attempts: 1, lastStatus: 'incorrect' as const, answeredAt: T2 };
    expect(mergeQuestionRecord(a, b)).toEqual({ mode: 'why', best: { earned: 1, total: 1 }, attempts: 3, lastStatus: 'incorrect', answeredAt: T2 });
  });

  const cardCases: { name: string; a: { due: string | number; [k: string]: unknown }; b: { due: string | number; [k: string]: unknown }; winner: 'a' | 'b' }[] = [
    { name: 'later last_review wins', a: { due: T3, last_review: T2, reps: 1 }, b: { due: T1, last_review: T1, reps: 9 }, winner: 'a' },
    { name: 'lastReview as epoch ms', a: { due: 1, lastReview: Date.parse(T1) }, b: { due: 2, lastReview: Date.parse(T2) }, winner: 'b' },
    { name: 'same time: more reps wins', a: { due: 1, last_review: T1, reps: 2 }, b: { due: 2, last_review: T1, reps: 3 }, winner: 'b' },
    { name: 'reviewed beats never reviewed', a: { due: 1 }, b: { due: 2, reviewCount: 1 }, winner: 'b' },
  ];
  for (const c of cardCases) {
    it(`card: ${c.name}`, () => {
      const expected = c.winner === 'a' ? c.a : c.b;
      expect(mergeCardState(c.a, c.b)).toBe(expected);
      expect(mergeCardState(c.b, c.a)).toBe(expected);
    });
  }

  const labCases: { name: string; a: { passed: boolean; at: string }; b: { passed: boolean; at: string }; expected: { passed: boolean; at: string } }[] = [
    { name: 'pass beats a later failure', a: { passed: true, at: T1 }, b: { passed: false, at: T3 }, expected: { passed: true, at: T1 } },
    { name: 'two passes keep the first', a: { passed: true, at: T2 }, b: { passed: true, at: T1 }, expected: { passed: true, at: T1 } },
    { name: 'two failures keep the latest', a: { passed: false, at: T2 }, b: { passed: false, at: T1 }, expected: { passed: false, at: T2 } },
  ];
  for (const c of labCases) {
    it(`lab: ${c.name}`, () => {
      expect(mergeLabTask(c.a, c.b)).toEqual(c.expected);
      expect(mergeLabTask(c.b, c.a)).toEqual(c.expected);
    });
  }

  it('resume and preferences: the later write wins', () => {
    expect(mergeResume({ lesson: 'a', mode: 'learn', at: T1 }, { lesson: 'b', mode: 'lab', at: T2 })).toEqual({ lesson: 'b', mode: 'lab', at: T2 });
    expect(mergeResume(null, null)).toBeNull();
    expect(
      mergePreferences(
        { theme: { value: 'dark', at: T2 }, narrationRate: { value: 1, at: T1 } },
        { theme: { value: 'light', at: T1 }, narrationRate: { value: 2, at: T3 } },
      ),
    ).toEqual({ theme: { value: 'dark', at: T2 }, narrationRate: { value: 2, at: T3 } });
  });

  it('two tabs finishing different modes both keep their result', () => {
    const a: ProgressState = { ...emptyProgress(), lessons: { pods: { learn: { done: true, doneAt: T1, attempts: 0 } } }, badges: { x: { earnedAt: T2 } } };
    const b: ProgressState = { ...emptyProgress(), lessons: { pods: { lab: { done: true, doneAt: T2, attempts: 0 } } }, badges: { x: { earnedAt: T1 } } };
    const merged = mergeProgress(a, b);
    expect(merged.lessons['pods']).toEqual({ learn: { done: true, doneAt: T1, attempts: 0 }, lab: { done: true, doneAt: T2, attempts: 0 } });
    expect(merged.badges).toEqual({ x: { earnedAt: T1 } });
  });
});

describe('mergeProgress properties', () => {
  const runs = { numRuns: 150 };
  it('is commutative', () => {
    fc.assert(fc.property(progressArb, progressArb, (a, b) => {
      expect(mergeProgress(a, b)).toEqual(mergeProgress(b, a));
      expect(JSON.stringify(mergeProgress(a, b))).toBe(JSON.stringify(mergeProgress(b, a)));
    }), runs);
  });
  it('is idempotent', () => {
    fc.assert(fc.property(progressArb, (a) => {
      expect(mergeProgress(a, a)).toEqual(a);
    }), runs);
  });
  it('is associative', () => {
    fc.assert(fc.property(progressArb, progressArb, progressArb, (a, b, c) => {
      expect(mergeProgress(mergeProgress(a, b), c)).toEqual(mergeProgress(a, mergeProgress(b, c)));
    }), runs);
  });
  it('has the empty record as identity and never loses a done mode', () => {
    fc.assert(fc.property(progressArb, progressArb, (a, b) => {
      expect(mergeProgress(a, emptyProgress())).toEqual(a);
      const merged = mergeProgress(a, b);
      for (const [lesson, modes] of Object.entries(a.lessons)) {
        for (const [mode, record] of Object.entries(modes)) {
          if (record?.done) expect(merged.lessons[lesson]?.[mode as 'learn']?.done).toBe(true);
        }
      }
    }), runs);
  });
});
