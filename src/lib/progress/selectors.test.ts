import { describe, expect, it } from 'vitest';
import { emptyProgress, type ProgressState } from './schema.ts';
import {
  courseProgress,
  hasBadge,
  isLabTaskPassed,
  isModeDone,
  isModeVisited,
  lessonProgress,
  modeQuestionScore,
  preferences,
  preferredMode,
  resumeTarget,
} from './selectors.ts';

const T = '2025-01-01T00:00:00.000Z';
const allDone = Object.fromEntries(
  ['learn', 'why', 'deep', 'visualize', 'listen', 'lab', 'review', 'try', 'challenge'].map((mode) => [mode, { done: true, doneAt: T, attempts: 0 }]),
);

const state: ProgressState = {
  ...emptyProgress(),
  lessons: {
    pods: { learn: { firstVisited: T, lastVisited: T, done: true, doneAt: T, attempts: 0 }, why: { firstVisited: T, done: false, attempts: 0 }, lab: { done: false, attempts: 2 } },
    dns: allDone,
  },
  questions: {
    pods: {
      q1: { mode: 'why', best: { earned: 1, total: 2 }, attempts: 1, lastStatus: 'partial', answeredAt: T },
      q2: { mode: 'why', best: { earned: 3, total: 3 }, attempts: 1, lastStatus: 'correct', answeredAt: T },
      q3: { mode: 'try', best: { earned: 0, total: 1 }, attempts: 1, lastStatus: 'incorrect', answeredAt: T },
    },
  },
  labs: { pods: { t1: { passed: true, at: T }, t2: { passed: false, at: T } } },
  badges: { b: { earnedAt: T } },
  resume: { lesson: 'pods', mode: 'why', at: T },
  preferences: { preferredMode: { value: 'visualize', at: T } },
};

describe('lessonProgress', () => {
  const cases: [string, { visited: number; done: number; percent: number }][] = [
    ['pods', { visited: 2, done: 1, percent: 11 }],
    ['dns', { visited: 9, done: 9, percent: 100 }],
    ['unknown', { visited: 0, done: 0, percent: 0 }],
    ['constructor', { visited: 0, done: 0, percent: 0 }],
  ];
  for (const [lesson, expected] of cases) {
    it(lesson, () => expect(lessonProgress(state, lesson)).toEqual({ ...expected, total: 9 }));
  }
});

describe('courseProgress', () => {
  const cases: [string[], object][] = [
    [[], { lessons: 0, started: 0, completed: 0, modesDone: 0, modesTotal: 0, percent: 0 }],
    [['pods', 'dns', 'ingress'], { lessons: 3, started: 2, completed: 1, modesDone: 10, modesTotal: 27, percent: 37 }],
    [['dns', 'dns'], { lessons: 1, started: 1, completed: 1, modesDone: 9, modesTotal: 9, percent: 100 }],
  ];
  for (const [slugs, expected] of cases) {
    it(JSON.stringify(slugs), () => expect(courseProgress(state, slugs)).toEqual(expected));
  }
});

describe('record selectors', () => {
  it('isModeDone / isModeVisited', () => {
    expect([isModeDone(state, 'pods', 'learn'), isModeDone(state, 'pods', 'why'), isModeDone(state, 'x', 'learn')]).toEqual([true, false, false]);
    expect([isModeVisited(state, 'pods', 'why'), isModeVisited(state, 'pods', 'lab'), isModeVisited(state, 'dns', 'lab')]).toEqual([true, false, true]);
  });

  it('resumeTarget and preferences', () => {
    expect(resumeTarget(state)).toEqual({ lesson: 'pods', mode: 'why', at: T });
    expect(resumeTarget(emptyProgress())).toBeNull();
    expect(preferredMode(state)).toBe('visualize');
    expect(preferredMode(emptyProgress())).toBe('learn');
    expect(preferences(emptyProgress())).toEqual({ theme: 'system', narrationRate: 1, preferredMode: 'learn', challengeTiming: 'standard' });
  });

  it('modeQuestionScore sums the best per-question scores of a mode', () => {
    expect(modeQuestionScore(state, 'pods', 'why')).toEqual({ earned: 4, total: 5 });
    expect(modeQuestionScore(state, 'pods', 'lab')).toBeUndefined();
    expect(modeQuestionScore(state, 'dns', 'why')).toBeUndefined();
  });

  it('labs and badges', () => {
    expect([isLabTaskPassed(state, 'pods', 't1'), isLabTaskPassed(state, 'pods', 't2'), isLabTaskPassed(state, 'pods', 'toString')]).toEqual([true, false, false]);
    expect([hasBadge(state, 'b'), hasBadge(state, 'c'), hasBadge(state, 'hasOwnProperty')]).toEqual([true, false, false]);
  });
});
