import { describe, expect, it } from 'vitest';
import { createFakeStorage, type FakeStorage } from './fake-storage.ts';
import { BACKUP_KEY_PREFIX, decodeProgressText, PROGRESS_KEY, type ProgressState } from './schema.ts';
import { isModeDone, lessonProgress } from './selectors.ts';
import { browserStorage, createProgressStore, type NoticeKind, type ProgressStore } from './store.ts';
import { tickingClock } from './test-support.ts';

const T1 = '2025-01-01T10:00:00.000Z';

const goodLesson = { learn: { firstVisited: T1, lastVisited: T1, done: true, doneAt: T1, attempts: 0 } };
const validV2 = {
  version: 2,
  lessons: { pods: goodLesson },
  questions: {},
  cards: {},
  labs: {},
  badges: {},
  resume: null,
  preferences: {},
};

function open(storage: FakeStorage | null, errors: unknown[] = []): ProgressStore {
  return createProgressStore({ storage, now: tickingClock(), onError: (error) => errors.push(error) });
}

function backups(storage: FakeStorage): [string, string][] {
  return [...storage.data.entries()].filter(([key]) => key.startsWith(BACKUP_KEY_PREFIX));
}

function stored(storage: FakeStorage): ProgressState {
  const decoded = decodeProgressText(storage.data.get(PROGRESS_KEY) ?? null, T1);
  expect(decoded.status === 'ok' || decoded.status === 'empty').toBe(true);
  return decoded.progress;
}

describe('loading', () => {
  const cases: {
    name: string;
    raw: string | undefined;
    notice: NoticeKind | null;
    lessons: string[];
    backup: boolean;
    rewritten: boolean;
    message?: RegExp;
  }[] = [
    { name: 'nothing stored', raw: undefined, notice: null, lessons: [], backup: false, rewritten: false },
    // v2 → v3 loses nothing, so no notice; the v2 text is still backed up before it is rewritten.
    { name: 'valid v2', raw: JSON.stringify(validV2), notice: null, lessons: ['pods'], backup: true, rewritten: true },
    { name: 'valid v3', raw: JSON.stringify({ ...validV2, version: 3, review: { drills: {} } }), notice: null, lessons: ['pods'], backup: false, rewritten: false },
    {
      name: 'v1',
      raw: JSON.stringify({ version: 1, lessons: { pods: { visited: ['learn'], done: ['learn'], scores: { why: 50 } } } }),
      notice: 'migrated',
      lessons: ['pods'],
      backup: true,
      rewritten: true,
      message: /updated your saved progress.*Nothing was lost/,
    },
    { name: 'corrupt JSON', raw: '{"version":2,', notice: 'corrupt', lessons: [], backup: true, rewritten: true, message: /could not be read.*backup key knet:progress:backup:/ },
    { name: 'wrong shape []', raw: '[]', notice: 'corrupt', lessons: [], backup: true, rewritten: true },
    { name: 'null', raw: 'null', notice: 'corrupt', lessons: [], backup: true, rewritten: true },
    { name: 'a string', raw: '"progress"', notice: 'corrupt', lessons: [], backup: true, rewritten: true },
    {
      name: 'unknown version, lessons salvaged',
      raw: JSON.stringify({ ...validV2, version: 0, lessons: { pods: goodLesson, dns: goodLesson, svc: goodLesson, bad: 1 } }),
      notice: 'corrupt',
      lessons: ['dns', 'pods', 'svc'],
      backup: true,
      rewritten: true,
      message: /3 of 4 lessons were recovered/,
    },
    {
      name: 'one bad lesson among good ones',
      raw: JSON.stringify({ ...validV2, lessons: { pods: goodLesson, dns: goodLesson, bad: { learn: { done: 'maybe' } } } }),
      notice: 'salvaged',
      lessons: ['bad', 'dns', 'pods'],
      backup: true,
      rewritten: true,
      message: /1 damaged entry was left out: lesson "bad", mode "learn"/,
    },
    {
      name: 'newer version 99',
      raw: JSON.stringify({ ...validV2, version: 99 }),
      notice: 'newer-version',
      lessons: ['pods'],
      backup: true,
      rewritten: false,
      message: /newer version of this course \(format 99\)/,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const storage = createFakeStorage(c.raw === undefined ? {} : { [PROGRESS_KEY]: c.raw });
      const errors: unknown[] = [];
      const store = open(storage, errors);
      expect(Object.keys(store.getState().lessons).sort()).toEqual(c.lessons);
      expect(store.notices().map((n) => n.kind)).toEqual(c.notice ? [c.notice] : []);
      if (c.message) expect(store.notices()[0]?.message).toMatch(c.message);
      const found = backups(storage);
      expect(found.length).toBe(c.backup ? 1 : 0);
      if (c.backup) {
        expect(found[0]?.[1]).toBe(c.raw);
        if (c.notice) expect(store.notices()[0]?.backupKey).toBe(found[0]?.[0]);
      }
      if (c.rewritten) expect(stored(storage)).toEqual(store.getState());
      else expect(storage.data.get(PROGRESS_KEY)).toBe(c.raw);
      expect(errors).toEqual([]);
    });
  }

  it('lists what a salvage dropped', () => {
    const storage = createFakeStorage({ [PROGRESS_KEY]: JSON.stringify({ ...validV2, badges: { a: { earnedAt: 'x' } } }) });
    expect(open(storage).notices()[0]?.dropped).toEqual(['badge "a"']);
  });

  it('does not copy the same damaged text twice, and never overwrites a backup key', () => {
    const clockStart = '2025-01-01T00:00:00.000Z';
    const storage = createFakeStorage({ [`${BACKUP_KEY_PREFIX}${clockStart}`]: 'older backup' });
    storage.data.set(PROGRESS_KEY, JSON.stringify({ ...validV2, version: 99 }));
    createProgressStore({ storage, now: () => new Date(clockStart) });
    createProgressStore({ storage, now: () => new Date(clockStart) });
    expect(storage.data.get(`${BACKUP_KEY_PREFIX}${clockStart}`)).toBe('older backup');
    expect(backups(storage).map(([key]) => key)).toEqual([`${BACKUP_KEY_PREFIX}${clockStart}`, `${BACKUP_KEY_PREFIX}${clockStart}-2`]);
  });

  it('keeps a record from a newer version untouched while running in memory', () => {
    const raw = JSON.stringify({ ...validV2, version: 99 });
    const storage = createFakeStorage({ [PROGRESS_KEY]: raw });
    const store = open(storage);
    store.markDone('dns', 'lab');
    store.setPreference('theme', 'dark');
    store.handleStorageEvent(PROGRESS_KEY, JSON.stringify(validV2));
    expect(isModeDone(store.getState(), 'dns', 'lab')).toBe(true);
    expect(storage.data.get(PROGRESS_KEY)).toBe(raw);
  });

  it('leaves damaged data in place when no backup can be written', () => {
    const storage = createFakeStorage({ [PROGRESS_KEY]: '{"version":2,' });
    storage.failSet = 'quota';
    const store = open(storage);
    expect(store.notices()[0]).toMatchObject({ kind: 'corrupt', message: /could not keep a copy/ });
    storage.failSet = 'none';
    store.markDone('pods', 'learn');
    expect(storage.data.get(PROGRESS_KEY)).toBe('{"version":2,');
    expect(isModeDone(store.getState(), 'pods', 'learn')).toBe(true);
  });
});

describe('storage failures', () => {
  it('getItem throwing (SecurityError): memory only, with a notice', () => {
    const storage = createFakeStorage();
    storage.failGet = 'security';
    const errors: unknown[] = [];
    const store = open(storage, errors);
    expect(store.notices().map((n) => n.kind)).toEqual(['storage-unavailable']);
    store.markDone('pods', 'learn');
    expect(isModeDone(store.getState(), 'pods', 'learn')).toBe(true);
    expect(storage.writes).toBe(0);
    expect(store.reset()).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('no storage at all: memory only, with a notice', () => {
    const store = open(null);
    store.markVisited('pods', 'learn');
    expect(store.notices().map((n) => n.kind)).toEqual(['storage-unavailable']);
    expect(lessonProgress(store.getState(), 'pods').visited).toBe(1);
  });

  it('setItem throwing QuotaExceededError: keeps working, notices once, saves everything when space returns', () => {
    const storage = createFakeStorage();
    const store = open(storage);
    store.markDone('pods', 'learn');
    storage.failSet = 'quota';
    store.markDone('pods', 'lab');
    store.markDone('pods', 'why');
    expect(store.notices().map((n) => n.kind)).toEqual(['quota']);
    expect(store.notices()[0]?.message).toMatch(/storage for this site is full/);
    expect(lessonProgress(store.getState(), 'pods').done).toBe(3);
    expect(lessonProgress(stored(storage), 'pods').done).toBe(1);
    storage.failSet = 'none';
    store.markVisited('dns', 'learn');
    expect(lessonProgress(stored(storage), 'pods').done).toBe(3);
    expect(stored(storage)).toEqual(store.getState());
  });

  it('setItem throwing something else: storage-unavailable notice', () => {
    const storage = createFakeStorage();
    storage.failSet = 'security';
    const store = open(storage);
    store.awardBadge('x');
    expect(store.notices().map((n) => n.kind)).toEqual(['storage-unavailable']);
    expect(store.getState().badges['x']).toBeDefined();
  });

  it('getItem starting to throw mid-session does not throw out of mutations', () => {
    const storage = createFakeStorage();
    const errors: unknown[] = [];
    const store = open(storage, errors);
    storage.failGet = 'security';
    storage.failSet = 'security';
    storage.failRemove = 'security';
    store.markDone('pods', 'learn');
    store.importProgress(store.exportProgress());
    store.reset();
    store.handleStorageEvent(PROGRESS_KEY, 'garbage');
    expect(errors).toEqual([]);
  });

  it('browserStorage() returns null where there is no localStorage', () => {
    expect(browserStorage()).toBeNull();
  });
});

describe('tabs', () => {
  it('two stores over one storage finishing different modes both keep their result', () => {
    const storage = createFakeStorage();
    const tabA = open(storage);
    const tabB = open(storage);
    tabA.markDone('pods', 'learn');
    tabB.markDone('pods', 'lab'); // tabB never saw tabA's write: it re-reads before writing
    tabA.recordModeScore('pods', 'challenge', { earned: 2, total: 4 });
    tabB.recordModeScore('pods', 'challenge', { earned: 3, total: 4 });
    const saved = stored(storage);
    expect(isModeDone(saved, 'pods', 'learn')).toBe(true);
    expect(isModeDone(saved, 'pods', 'lab')).toBe(true);
    expect(saved.lessons['pods']?.challenge).toMatchObject({ best: { earned: 3, total: 4 }, attempts: 2 });
    expect(isModeDone(tabA.getState(), 'pods', 'lab')).toBe(true);
  });

  it('handleStorageEvent updates subscribers; other keys are ignored', () => {
    const storage = createFakeStorage();
    const tabA = open(storage);
    const tabB = open(storage);
    const seen: number[] = [];
    const unsubscribe = tabB.subscribe((state) => seen.push(lessonProgress(state, 'pods').done));
    tabA.markDone('pods', 'learn');
    tabB.handleStorageEvent('something-else', 'x');
    expect(seen).toEqual([]);
    tabB.handleStorageEvent(PROGRESS_KEY, storage.data.get(PROGRESS_KEY) ?? null);
    expect(seen).toEqual([1]);
    tabB.handleStorageEvent(PROGRESS_KEY, storage.data.get(PROGRESS_KEY) ?? null); // unchanged: no call
    expect(seen).toEqual([1]);
    tabA.reset();
    tabB.handleStorageEvent(PROGRESS_KEY, null);
    expect(seen).toEqual([1, 0]);
    unsubscribe();
    tabA.markDone('pods', 'why');
    tabB.handleStorageEvent(PROGRESS_KEY, storage.data.get(PROGRESS_KEY) ?? null);
    expect(seen).toEqual([1, 0]);
    expect(isModeDone(tabB.getState(), 'pods', 'why')).toBe(true);
  });

  it('a reset in another tab is not undone by this tab\'s next write', () => {
    const storage = createFakeStorage();
    const tabA = open(storage);
    const tabB = open(storage);
    tabA.markDone('pods', 'learn');
    tabB.markDone('pods', 'lab');
    tabA.reset();
    tabB.markDone('dns', 'why'); // storage event not delivered yet
    expect(Object.keys(stored(storage).lessons)).toEqual(['dns']);
  });

  it('a corrupt value arriving by event is backed up and merged with memory', () => {
    const storage = createFakeStorage();
    const store = open(storage);
    store.markDone('pods', 'learn');
    storage.data.set(PROGRESS_KEY, '{oops');
    store.handleStorageEvent(PROGRESS_KEY, '{oops');
    expect(isModeDone(store.getState(), 'pods', 'learn')).toBe(true);
    expect(store.notices().map((n) => n.kind)).toEqual(['corrupt']);
    expect(backups(storage).map(([, raw]) => raw)).toEqual(['{oops']);
    store.markDone('pods', 'why');
    expect(lessonProgress(stored(storage), 'pods').done).toBe(2);
  });
});

describe('mutations', () => {
  it('markVisited keeps the first visit and moves the last one', () => {
    const store = open(createFakeStorage());
    store.markVisited('pods', 'learn');
    store.markVisited('pods', 'learn');
    const record = store.getState().lessons['pods']?.learn;
    expect(record?.firstVisited).toBe('2025-01-01T00:00:00.000Z');
    expect(record?.lastVisited).toBe('2025-01-01T00:00:01.000Z');
  });

  it('markDone keeps the first time', () => {
    const store = open(createFakeStorage());
    store.markDone('pods', 'learn');
    store.markDone('pods', 'learn');
    expect(store.getState().lessons['pods']?.learn).toEqual({ done: true, doneAt: '2025-01-01T00:00:00.000Z', attempts: 0 });
  });

  it('recordQuestionResult keeps the best score, counts attempts, derives status', () => {
    const store = open(createFakeStorage());
    store.recordQuestionResult('pods', 'why', 'q1', { earned: 1, total: 2 });
    store.recordQuestionResult('pods', 'why', 'q1', { earned: 2, total: 2 });
    store.recordQuestionResult('pods', 'why', 'q1', { earned: 0, total: 2 });
    expect(store.getState().questions['pods']?.['q1']).toEqual({
      mode: 'why',
      best: { earned: 2, total: 2 },
      attempts: 3,
      lastStatus: 'incorrect',
      answeredAt: '2025-01-01T00:00:02.000Z',
    });
    store.recordQuestionResult('pods', 'why', 'q2', { earned: 1, total: 2, status: 'correct' });
    expect(store.getState().questions['pods']?.['q2']?.lastStatus).toBe('correct');
  });

  it('recordModeScore keeps the best whole-mode score and counts attempts', () => {
    const store = open(createFakeStorage());
    store.recordModeScore('dns', 'challenge', { earned: 4, total: 5 });
    store.recordModeScore('dns', 'challenge', { earned: 1, total: 5 });
    expect(store.getState().lessons['dns']?.challenge).toEqual({ done: false, best: { earned: 4, total: 5 }, attempts: 2 });
  });

  it('recordLabTask: a pass is not replaced by a later failure', () => {
    const store = open(createFakeStorage());
    store.recordLabTask('pods', 't1', false);
    store.recordLabTask('pods', 't1', true);
    store.recordLabTask('pods', 't1', false);
    expect(store.getState().labs['pods']?.['t1']).toEqual({ passed: true, at: '2025-01-01T00:00:01.000Z' });
  });

  it('awardBadge keeps the first award, without a second write', () => {
    const storage = createFakeStorage();
    const store = open(storage);
    store.awardBadge('first-steps');
    const writes = storage.writes;
    store.awardBadge('first-steps');
    expect(store.getState().badges['first-steps']).toEqual({ earnedAt: '2025-01-01T00:00:00.000Z' });
    expect(storage.writes).toBe(writes);
  });

  it('saveCardState stores JSON (Dates become strings) and rejects cards without due', () => {
    const store = open(createFakeStorage());
    store.saveCardState('pods/1', { due: new Date(T1), reps: 1 });
    store.saveCardState('pods/2', { reps: 1 });
    store.saveCardState('pods/3', { due: 1n } as unknown as object);
    expect(store.getState().cards).toEqual({ 'pods/1': { due: T1, reps: 1 } });
  });

  it('setResume and setPreference', () => {
    const store = open(createFakeStorage());
    store.setResume('pods', 'lab');
    store.setPreference('theme', 'dark');
    store.setPreference('narrationRate', 1.5);
    store.setPreference('narrationRate', 7);
    store.setPreference('preferredMode', 'nope' as 'lab');
    expect(store.getState().resume).toEqual({ lesson: 'pods', mode: 'lab', at: '2025-01-01T00:00:00.000Z' });
    expect(store.getState().preferences).toEqual({
      theme: { value: 'dark', at: '2025-01-01T00:00:01.000Z' },
      narrationRate: { value: 1.5, at: '2025-01-01T00:00:02.000Z' },
    });
  });

  const ignored: [string, (store: ProgressStore) => void][] = [
    ['unknown mode', (s) => s.markDone('pods', 'nap' as 'lab')],
    ['empty lesson slug', (s) => s.markVisited('', 'lab')],
    ['__proto__ lesson slug', (s) => s.markDone('__proto__', 'lab')],
    ['score above total', (s) => s.recordModeScore('pods', 'lab', { earned: 3, total: 2 })],
    ['NaN score', (s) => s.recordQuestionResult('pods', 'lab', 'q', { earned: Number.NaN, total: 2 })],
    ['grader status "invalid" is not an attempt', (s) => s.recordQuestionResult('pods', 'why', 'q', { earned: 0, total: 2, status: 'invalid' as 'correct' })],
    ['non-boolean lab result', (s) => s.recordLabTask('pods', 't', 'yes' as unknown as boolean)],
    ['unknown preference', (s) => s.setPreference('volume' as 'theme', 'dark')],
  ];
  for (const [name, act] of ignored) {
    it(`ignores invalid input: ${name}`, () => {
      const storage = createFakeStorage();
      const errors: unknown[] = [];
      const store = open(storage, errors);
      act(store);
      expect(storage.writes).toBe(0);
      expect(errors).toEqual([]);
      expect(Object.getPrototypeOf(store.getState().lessons)).toBe(Object.prototype);
    });
  }

  it('subscribers are called on change; a throwing listener does not break others', () => {
    const errors: unknown[] = [];
    const store = open(createFakeStorage(), errors);
    let calls = 0;
    store.subscribe(() => {
      throw new Error('listener bug');
    });
    store.subscribe(() => {
      calls += 1;
    });
    store.markDone('pods', 'learn');
    expect(calls).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('dismissNotice removes one notice and notifies', () => {
    const storage = createFakeStorage({ [PROGRESS_KEY]: 'nope' });
    const store = open(storage);
    storage.failSet = 'quota';
    store.markDone('pods', 'learn');
    expect(store.notices().map((n) => n.kind)).toEqual(['corrupt', 'quota']);
    let calls = 0;
    store.subscribe(() => (calls += 1));
    store.dismissNotice(0);
    store.dismissNotice(5);
    expect(store.notices().map((n) => n.kind)).toEqual(['quota']);
    expect(calls).toBe(1);
  });
});

describe('export, reset, import', () => {
  it('export → reset → import restores the progress', () => {
    const storage = createFakeStorage();
    const store = open(storage);
    store.markVisited('pods', 'learn');
    store.markDone('pods', 'learn');
    store.recordQuestionResult('pods', 'why', 'q1', { earned: 1, total: 1 });
    store.saveCardState('pods/1', { due: T1, reps: 2 });
    store.recordLabTask('pods', 't1', true);
    store.awardBadge('first-steps');
    store.setResume('pods', 'why');
    store.setPreference('theme', 'light');
    const before = store.getState();
    const text = store.exportProgress();

    const backupKey = store.reset();
    expect(store.getState().lessons).toEqual({});
    expect(storage.data.has(PROGRESS_KEY)).toBe(false);
    expect(backupKey?.startsWith(BACKUP_KEY_PREFIX)).toBe(true);
    expect(JSON.parse(storage.data.get(backupKey ?? '') ?? 'null')).toEqual(before);

    const result = store.importProgress(text);
    expect(result).toMatchObject({ ok: true, dropped: [] });
    expect(store.getState()).toEqual(before);
    expect(stored(storage)).toEqual(before);
  });

  it('import merges: keeps the better of each record', () => {
    const source = open(createFakeStorage());
    source.markDone('pods', 'lab');
    source.recordModeScore('pods', 'challenge', { earned: 1, total: 4 });
    const store = open(createFakeStorage());
    store.markDone('pods', 'learn');
    store.recordModeScore('pods', 'challenge', { earned: 3, total: 4 });
    expect(store.importProgress(source.exportProgress()).ok).toBe(true);
    expect(lessonProgress(store.getState(), 'pods').done).toBe(2);
    expect(store.getState().lessons['pods']?.challenge?.best).toEqual({ earned: 3, total: 4 });
  });

  it('a failed import changes nothing', () => {
    const storage = createFakeStorage();
    const store = open(storage);
    store.markDone('pods', 'learn');
    const state = store.getState();
    expect(store.importProgress('{"format":"other"}')).toMatchObject({ ok: false });
    expect(store.getState()).toBe(state);
  });

  it('restoreBackup undoes a reset; unknown keys fail cleanly', () => {
    const store = open(createFakeStorage());
    store.markDone('pods', 'learn');
    const before = store.getState();
    const key = store.reset() ?? '';
    expect(store.restoreBackup(key)).toMatchObject({ ok: true });
    expect(store.getState()).toEqual(before);
    expect(store.restoreBackup(`${BACKUP_KEY_PREFIX}nope`)).toMatchObject({ ok: false });
    expect(store.restoreBackup(PROGRESS_KEY)).toMatchObject({ ok: false });
  });

  it('reset of an empty record writes no backup', () => {
    const storage = createFakeStorage();
    expect(open(storage).reset()).toBeUndefined();
    expect(backups(storage)).toEqual([]);
  });
});

describe('the course review (v3)', () => {
  const card = { due: Date.parse('2025-01-03T00:00:00.000Z'), state: 'review', reps: 1, lastReview: Date.parse(T1) };

  it('records graded drills, counting reviews, and keeps them across a reload', () => {
    const storage = createFakeStorage();
    const store = open(storage);
    store.recordDrill('selector-typo', card, false);
    store.recordDrill('selector-typo', { ...card, reps: 2 }, true);
    const drill = store.getState().review.drills['selector-typo'];
    expect(drill).toMatchObject({ reviews: 2, lastResult: 'passed', card: { reps: 2 } });
    expect(open(storage).getState().review.drills['selector-typo']).toEqual(drill);
  });

  it('ignores a drill schedule without a due time, and hostile ids', () => {
    const store = open(createFakeStorage());
    store.recordDrill('x', { reps: 1 }, true);
    store.recordDrill('__proto__', card, true);
    expect(store.getState().review.drills).toEqual({});
  });

  it('makes one learner id, saves it, and reuses it', () => {
    const storage = createFakeStorage();
    let made = 0;
    const store = createProgressStore({ storage, now: tickingClock(), newLearnerId: () => `learner-${++made}000000` });
    const id = store.learnerId();
    expect(id).toBe('learner-1000000');
    expect(store.learnerId()).toBe(id);
    expect(createProgressStore({ storage, newLearnerId: () => 'learner-other000' }).learnerId()).toBe(id);
  });

  it('export → import into a fresh store brings the drills and learner back; reset clears them', () => {
    const store = open(createFakeStorage());
    store.learnerId();
    store.recordDrill('dns-egress-blocked', card, true);
    const text = store.exportProgress();
    const backupKey = store.reset();
    expect(store.getState().review).toEqual({ drills: {} });
    expect(backupKey).toBeDefined();
    const other = open(createFakeStorage());
    expect(other.importProgress(text)).toMatchObject({ ok: true, dropped: [] });
    expect(other.getState().review).toEqual(JSON.parse(text).progress.review);
    expect(other.getState().review.drills['dns-egress-blocked']?.reviews).toBe(1);
  });
});
