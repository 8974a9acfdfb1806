import { describe, expect, it } from 'vitest';
import { emptyProgress, type ProgressState } from './schema.ts';
import { EXPORT_FORMAT, exportProgress, MAX_IMPORT_BYTES, parseImport } from './transfer.ts';

const T1 = '2025-01-01T00:00:00.000Z';
const NOW = new Date('2025-06-01T00:00:00.000Z');

const state: ProgressState = {
  ...emptyProgress(),
  lessons: { pods: { learn: { firstVisited: T1, lastVisited: T1, done: true, doneAt: T1, attempts: 0 } } },
  badges: { 'first-steps': { earnedAt: T1 } },
  resume: { lesson: 'pods', mode: 'learn', at: T1 },
};

describe('exportProgress', () => {
  it('wraps the record in a pretty, versioned envelope', () => {
    const text = exportProgress(state, NOW);
    expect(JSON.parse(text)).toEqual({ format: EXPORT_FORMAT, version: 3, exportedAt: NOW.toISOString(), progress: state });
    expect(text).toContain('\n  "format": "knet-progress"');
  });

  it('round-trips through parseImport', () => {
    expect(parseImport(exportProgress(state, NOW), NOW)).toEqual({ ok: true, progress: state, dropped: [] });
  });
});

describe('parseImport', () => {
  const cases: { name: string; text: string; ok: boolean; error?: RegExp; check?: (progress: ProgressState, dropped: readonly string[]) => void }[] = [
    { name: 'not JSON', text: 'hello', ok: false, error: /not valid JSON/ },
    { name: 'truncated', text: '{"format":"knet-progress",', ok: false, error: /not valid JSON/ },
    { name: 'empty', text: '  ', ok: false, error: /empty/ },
    { name: 'an array', text: '[1]', ok: false, error: /not a progress export/ },
    { name: 'another format', text: '{"format":"anki","version":2,"progress":{}}', ok: false, error: /format is "anki"/ },
    { name: 'a random object', text: '{"hello":1}', ok: false, error: /expected "format": "knet-progress"/ },
    { name: 'newer envelope', text: '{"format":"knet-progress","version":4,"progress":{"version":4}}', ok: false, error: /newer version/ },
    {
      name: 'a v2 export (before the review queue): imported whole, as v3',
      text: JSON.stringify({ format: EXPORT_FORMAT, version: 2, exportedAt: T1, progress: { ...state, version: 2, review: undefined } }),
      ok: true,
      check: (progress, dropped) => {
        expect(dropped).toEqual([]);
        expect(progress).toEqual(state);
      },
    },
    {
      name: 'a v3 export with drills keeps them',
      text: exportProgress({ ...state, review: { learner: 'learner-0001', drills: { 'selector-typo': { card: { due: 5 }, reviews: 3, lastResult: 'failed', at: T1 } } } }, NOW),
      ok: true,
      check: (progress) => expect(progress.review.drills['selector-typo']?.reviews).toBe(3),
    },
    { name: 'newer bare record', text: '{"version":99,"lessons":{}}', ok: false, error: /newer version/ },
    { name: 'envelope without progress', text: '{"format":"knet-progress","version":2}', ok: false, error: /no progress/ },
    {
      name: 'too large',
      text: JSON.stringify({ format: EXPORT_FORMAT, version: 2, progress: emptyProgress(), pad: 'x'.repeat(MAX_IMPORT_BYTES) }),
      ok: false,
      error: /too large \(1\.0 MB\).*at most 1\.0 MB/,
    },
    {
      name: 'too large in UTF-8 bytes though not in characters',
      text: JSON.stringify({ format: EXPORT_FORMAT, version: 2, progress: emptyProgress(), pad: 'é'.repeat(MAX_IMPORT_BYTES / 2) }),
      ok: false,
      error: /too large/,
    },
    {
      name: 'bare v2 record (from storage or a backup)',
      text: JSON.stringify(state),
      ok: true,
      check: (progress) => expect(progress).toEqual(state),
    },
    {
      name: 'v1 inside the envelope is migrated',
      text: JSON.stringify({ format: EXPORT_FORMAT, version: 2, progress: { version: 1, lessons: { dns: { visited: [], done: ['why'], scores: {} } } } }),
      ok: true,
      check: (progress) => expect(progress.lessons['dns']).toEqual({ why: { done: true, doneAt: NOW.toISOString(), attempts: 0 } }),
    },
    {
      name: 'bare v1 record is migrated',
      text: JSON.stringify({ version: 1, lessons: { dns: { visited: ['lab'] } }, theme: 'light' }),
      ok: true,
      check: (progress) => expect(progress.preferences.theme?.value).toBe('light'),
    },
    {
      name: 'invalid records are dropped and listed',
      text: JSON.stringify({ format: EXPORT_FORMAT, version: 2, progress: { ...state, badges: { ok: { earnedAt: T1 }, bad: { earnedAt: 5 } } } }),
      ok: true,
      check: (progress, dropped) => {
        expect(progress.badges).toEqual({ ok: { earnedAt: T1 } });
        expect(dropped).toEqual(['badge "bad"']);
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = parseImport(c.text, NOW);
      expect(result.ok).toBe(c.ok);
      if (!result.ok && c.error) expect(result.error).toMatch(c.error);
      if (result.ok) c.check?.(result.progress, result.dropped);
    });
  }
});
