import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODE_SLUGS } from '../course/modes.ts';
import { createFakeStorage } from './fake-storage.ts';
import { liteDecode, liteDone, liteDoneModes, liteTheme, liteVisit, type LiteRecord } from './lite.ts';
import { decodeProgressText, PROGRESS_KEY, serializeProgress } from './schema.ts';
import { createProgressStore } from './store.ts';
import { isoArb, lessonSlugArb, modeArb, progressArb } from './test-support.ts';

type Op = { kind: 'visit' | 'done'; lesson: string; mode: (typeof MODE_SLUGS)[number]; at: string };
const opArb: fc.Arbitrary<Op> = fc.record({ kind: fc.constantFrom('visit' as const, 'done' as const), lesson: lessonSlugArb, mode: modeArb, at: isoArb });

/** What the full store writes for the same operations (each at its own time). */
function throughStore(raw: string | null, ops: readonly Op[]): unknown {
  let now = '2025-01-01T00:00:00.000Z';
  const storage = createFakeStorage(raw === null ? {} : { [PROGRESS_KEY]: raw });
  const store = createProgressStore({ storage, now: () => new Date(now) });
  for (const op of ops) {
    now = op.at;
    if (op.kind === 'visit') {
      store.markVisited(op.lesson, op.mode);
      store.setResume(op.lesson, op.mode);
      store.setPreference('preferredMode', op.mode);
    } else store.markDone(op.lesson, op.mode);
  }
  return store.getState();
}

/** What the small path writes, decoded as the store would read it. */
function throughLite(raw: string | null, ops: readonly Op[]): unknown {
  let text = raw;
  for (const op of ops) {
    const record = liteDecode(text);
    if (!record) throw new Error('lite refused a record the store wrote');
    const next = op.kind === 'visit' ? liteVisit(record, op.lesson, op.mode, op.at) : liteDone(record, op.lesson, op.mode, op.at);
    if (!next) throw new Error('lite refused a clean mode record');
    text = JSON.stringify(next);
  }
  const decoded = decodeProgressText(text, '2025-01-01T00:00:00.000Z');
  expect(decoded.status === 'ok' || decoded.status === 'empty').toBe(true);
  return decoded.progress;
}

describe('the small path writes what the store writes', () => {
  it('from any valid record, for any visits and done marks', () => {
    fc.assert(
      fc.property(progressArb, fc.array(opArb, { minLength: 1, maxLength: 6 }), (progress, ops) => {
        const raw = serializeProgress(progress);
        expect(throughLite(raw, ops)).toEqual(throughStore(raw, ops));
      }),
      { numRuns: 300 },
    );
  });

  it('from no record at all', () => {
    const ops: Op[] = [
      { kind: 'visit', lesson: 'pods', mode: 'learn', at: '2025-02-01T10:00:00.000Z' },
      { kind: 'done', lesson: 'pods', mode: 'learn', at: '2025-02-01T10:05:00.000Z' },
    ];
    expect(throughLite(null, ops)).toEqual(throughStore(null, ops));
  });
});

describe('liteDecode leaves anything unusual to the store', () => {
  it.each([
    ['unreadable JSON', '{"version":2,'],
    ['version 1', JSON.stringify({ version: 1, lessons: {} })],
    ['a newer version', JSON.stringify({ version: 4, lessons: {}, preferences: {} })],
    ['version 2 (the store upgrades it first)', JSON.stringify({ version: 2, lessons: {}, preferences: {} })],
    ['no lessons map', JSON.stringify({ version: 3, preferences: {} })],
    ['an array', '[]'],
  ])('%s', (_label, raw) => {
    expect(liteDecode(raw)).toBeUndefined();
  });

  it('refuses to write over a damaged mode record, and reads it as not done', () => {
    const record = liteDecode(JSON.stringify({ version: 3, lessons: { pods: { learn: { done: 'yes', attempts: 0 }, why: { done: true, attempts: 0 } } }, preferences: {} })) as LiteRecord;
    expect(liteVisit(record, 'pods', 'learn', '2025-01-01T00:00:00.000Z')).toBeUndefined();
    expect(liteDone(record, 'pods', 'learn', '2025-01-01T00:00:00.000Z')).toBeUndefined();
    expect(liteDoneModes(record, 'pods')).toEqual(['why']);
    // A clean record beside it can still be written.
    expect(liteDone(record, 'pods', 'deep', '2025-01-01T00:00:00.000Z')).toBeDefined();
  });

  it('keeps what it does not touch exactly as stored', () => {
    const stored = { version: 3, lessons: {}, questions: { pods: { q: { odd: true } } }, cards: {}, labs: {}, badges: {}, resume: null, review: { drills: {} }, preferences: { theme: { value: 'dark', at: '2025-01-01T00:00:00.000Z' } } };
    const next = liteVisit(liteDecode(JSON.stringify(stored))!, 'pods', 'why', '2025-03-01T00:00:00.000Z')!;
    expect(next['questions']).toEqual(stored.questions);
    expect((next['preferences'] as Record<string, unknown>)['theme']).toEqual(stored.preferences.theme);
  });
});

describe('liteTheme', () => {
  it.each([
    [JSON.stringify({ preferences: { theme: { value: 'dark' } } }), 'dark'],
    [JSON.stringify({ preferences: { theme: { value: 'system' } } }), undefined],
    ['not json', undefined],
    [null, undefined],
  ])('%s → %s', (raw, theme) => {
    expect(liteTheme(raw)).toBe(theme);
  });
});
