import { describe, expect, it } from 'vitest';
import { createFakeStorage } from './fake-storage.ts';
import { mergePreferences } from './merge.ts';
import { decodeProgressText, parsePreferenceValue, PROGRESS_KEY, serializeProgress } from './schema.ts';
import { preferences } from './selectors.ts';
import { createProgressStore } from './store.ts';
import { tickingClock } from './test-support.ts';

const T1 = '2025-01-01T10:00:00.000Z';
const T2 = '2025-01-02T10:00:00.000Z';

// A full record as the store wrote it before the challenge-timing preference existed.
const beforeTimings = {
  version: 2,
  lessons: { pods: { challenge: { firstVisited: T1, lastVisited: T2, done: true, doneAt: T2, best: { earned: 4, total: 5 }, attempts: 2 } } },
  questions: { pods: { c1: { mode: 'challenge', best: { earned: 1, total: 1 }, attempts: 1, lastStatus: 'correct', answeredAt: T1 } } },
  cards: { 'pods/1': { due: T2, reps: 3 } },
  labs: { pods: { t1: { passed: true, at: T1 } } },
  badges: { 'pods-challenge': { earnedAt: T2 } },
  resume: { lesson: 'pods', mode: 'challenge', at: T2 },
  preferences: { theme: { value: 'dark', at: T1 }, narrationRate: { value: 1.25, at: T1 }, preferredMode: { value: 'lab', at: T1 } },
};

describe('the challenge-timing preference (WCAG 2.2.1)', () => {
  it('accepts the three timings and nothing else', () => {
    for (const timing of ['standard', 'extended', 'untimed']) expect(parsePreferenceValue('challengeTiming', timing)).toBe(timing);
    for (const bad of ['Untimed', 'x10', 10, null, undefined]) expect(parsePreferenceValue('challengeTiming', bad)).toBeUndefined();
  });

  it('a record stored before the preference existed decodes with nothing lost, reading as "standard"', () => {
    const decoded = decodeProgressText(JSON.stringify(beforeTimings), T2);
    // A v2 record: upgraded to v3 with every record as it was.
    expect(decoded.status).toBe('upgraded');
    expect(decoded.dropped).toEqual([]);
    expect(decoded.progress).toEqual({ ...beforeTimings, version: 3, review: { drills: {} } });
    expect(preferences(decoded.progress).challengeTiming).toBe('standard');
  });

  it('a version-1 record migrates with its theme and the default timing', () => {
    const decoded = decodeProgressText(JSON.stringify({ version: 1, lessons: { pods: { visited: ['challenge'], done: ['challenge'] } }, theme: 'dark' }), T2);
    expect(decoded.status).toBe('migrated');
    expect(decoded.progress.lessons['pods']?.challenge?.done).toBe(true);
    expect(preferences(decoded.progress).challengeTiming).toBe('standard');
  });

  it('is saved by the store next to the old records, kept across a reload, and survives a round trip', () => {
    const storage = createFakeStorage();
    storage.setItem(PROGRESS_KEY, JSON.stringify(beforeTimings));
    const store = createProgressStore({ storage, now: tickingClock() });
    store.setPreference('challengeTiming', 'untimed');
    store.setPreference('challengeTiming', 'forever' as 'untimed'); // ignored
    const reopened = createProgressStore({ storage, now: tickingClock() });
    const state = reopened.getState();
    expect(preferences(state).challengeTiming).toBe('untimed');
    expect({ ...state, preferences: { ...state.preferences, challengeTiming: undefined } }).toEqual({
      ...beforeTimings,
      version: 3,
      review: { drills: {} },
      preferences: { ...beforeTimings.preferences, challengeTiming: undefined },
    });
    expect(decodeProgressText(serializeProgress(state), T2)).toMatchObject({ status: 'ok', dropped: [] });
  });

  it('an invalid stored timing is dropped and named; the other preferences stay', () => {
    const raw = { ...beforeTimings, preferences: { ...beforeTimings.preferences, challengeTiming: { value: 'slow', at: T1 } } };
    const decoded = decodeProgressText(JSON.stringify(raw), T2);
    expect(decoded.status).toBe('salvaged');
    expect(decoded.dropped).toEqual(['preference "challengeTiming"']);
    expect(decoded.progress.preferences).toEqual(beforeTimings.preferences);
  });

  it('merging two devices keeps the later choice', () => {
    const merged = mergePreferences(
      { challengeTiming: { value: 'extended', at: T1 } },
      { challengeTiming: { value: 'untimed', at: T2 } },
    );
    expect(merged.challengeTiming).toEqual({ value: 'untimed', at: T2 });
  });
});
