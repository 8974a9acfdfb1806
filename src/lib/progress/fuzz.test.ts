import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isModeSlug } from '../course/modes.ts';
import { createFakeStorage } from './fake-storage.ts';
import {
  decodeProgressText,
  isPlainObject,
  isRecordKey,
  parseModeRecord,
  parseQuestionRecord,
  PROGRESS_KEY,
  serializeProgress,
  type ProgressState,
} from './schema.ts';
import { createProgressStore } from './store.ts';
import { parseImport } from './transfer.ts';
import { applyMutations, mutationsArb, progressArb, progressV2Arb, tickingClock } from './test-support.ts';

const runs = { numRuns: 200 };

/** Load `raw`, make one change; nothing may throw or reach onError, and the result must be valid. */
function loadAndUse(raw: string): ProgressState {
  const storage = createFakeStorage({ [PROGRESS_KEY]: raw });
  const errors: unknown[] = [];
  const store = createProgressStore({ storage, now: tickingClock(), onError: (error) => errors.push(error) });
  const loaded = store.getState();
  expect(decodeProgressText(serializeProgress(loaded), '2025-01-01T00:00:00.000Z')).toMatchObject({ status: 'ok', progress: loaded });
  store.markDone('pods', 'learn');
  store.handleStorageEvent(PROGRESS_KEY, raw);
  const after = storage.data.get(PROGRESS_KEY);
  if (after !== undefined && after !== raw) expect(decodeProgressText(after, '2025-01-01T00:00:00.000Z').status).toBe('ok');
  expect(errors).toEqual([]);
  return loaded;
}

describe('loading never throws', () => {
  it('on any JSON value', () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      loadAndUse(JSON.stringify(value) ?? 'undefined');
    }), runs);
  });

  it('on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (raw) => {
      loadAndUse(raw);
    }), runs);
  });

  it('on truncated valid records', () => {
    fc.assert(fc.property(progressArb, fc.nat(), (progress, cut) => {
      const text = serializeProgress(progress);
      loadAndUse(text.slice(0, cut % (text.length + 1)));
    }), runs);
  });

  it('parseImport never throws on any text', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.anything().map((v) => JSON.stringify(v) ?? '')), (text) => {
      const result = parseImport(text);
      expect(typeof result.ok).toBe('boolean');
    }), runs);
  });
});

describe('salvage never drops a valid record', () => {
  it('keeps every valid lesson/mode and question record of a mutated record', () => {
    fc.assert(fc.property(progressArb, mutationsArb, (progress, mutations) => {
      const mutated = applyMutations(progress, mutations);
      const loaded = loadAndUse(JSON.stringify(mutated));
      if (!isPlainObject(mutated) || mutated['version'] === 1) return; // v1 has another lesson shape
      const lessons = mutated['lessons'];
      if (isPlainObject(lessons)) {
        for (const [lesson, modes] of Object.entries(lessons)) {
          if (!isRecordKey(lesson) || !isPlainObject(modes)) continue;
          for (const [mode, value] of Object.entries(modes)) {
            const valid = isModeSlug(mode) ? parseModeRecord(value) : undefined;
            if (valid && isModeSlug(mode)) expect(loaded.lessons[lesson]?.[mode]).toEqual(valid);
          }
        }
      }
      const questions = mutated['questions'];
      if (isPlainObject(questions)) {
        for (const [lesson, byId] of Object.entries(questions)) {
          if (!isRecordKey(lesson) || !isPlainObject(byId)) continue;
          for (const [id, value] of Object.entries(byId)) {
            const valid = isRecordKey(id) ? parseQuestionRecord(value) : undefined;
            if (valid) expect(loaded.questions[lesson]?.[id]).toEqual(valid);
          }
        }
      }
    }), runs);
  });

  it('a v2 record upgrades to v3 keeping every record, with no notice, and is written back as v3', () => {
    fc.assert(fc.property(progressV2Arb, (v2) => {
      const raw = JSON.stringify(v2);
      const storage = createFakeStorage({ [PROGRESS_KEY]: raw });
      const store = createProgressStore({ storage, now: tickingClock() });
      expect(store.getState()).toEqual({ ...v2, version: 3, review: { drills: {} } });
      expect(store.notices()).toEqual([]);
      expect(decodeProgressText(storage.data.get(PROGRESS_KEY) ?? null, '2025-01-01T00:00:00.000Z')).toMatchObject({ status: 'ok', progress: store.getState() });
      // The v2 text is kept as a backup.
      expect([...storage.data.values()]).toContain(raw);
    }), { numRuns: 100 });
  });

  it('an untouched valid record loads exactly, with no notice', () => {
    fc.assert(fc.property(progressArb, (progress) => {
      const store = createProgressStore({ storage: createFakeStorage({ [PROGRESS_KEY]: serializeProgress(progress) }) });
      expect(store.getState()).toEqual(progress);
      expect(store.notices()).toEqual([]);
    }), { numRuns: 100 });
  });
});
