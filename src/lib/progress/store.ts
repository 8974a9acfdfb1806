/**
 * The progress store: the learner's progress, kept in one versioned record
 * behind an injected Storage, synchronised across tabs.
 *
 * Stored data:
 * - `knet:progress`: the v3 record documented in `schema.ts` (compact JSON).
 * - `knet:progress:backup:<ISO time>[-n]`: the raw text of a record we could
 *   not use as is (corrupt, salvaged, migrated from v1, newer version) and a
 *   copy of the progress taken by `reset()`. Backups are never overwritten;
 *   identical text already backed up is not copied again.
 *
 * Migrations (see `schema.ts`): v1 is migrated and written back as v3 (with a
 * notice); v2 is backed up and written back as v3 without one (nothing changes); a
 * corrupt or partly invalid record is salvaged record by record and written
 * back; a record from a newer version is never written: the store runs in
 * memory and says so.
 *
 * Writes are read-modify-write merges: before every mutation the store
 * re-reads the key; if another tab changed it, the mutation applies to that
 * latest value (merged with this tab's unsaved changes, if a write failed),
 * so two tabs never overwrite each other's results. `handleStorageEvent`
 * adopts other tabs' writes as they happen.
 *
 * Failures never throw out of the public methods: unreadable storage means
 * memory only (`storage-unavailable` notice), a failed write keeps the
 * change in memory (`quota` or `storage-unavailable` notice) and tries again
 * on the next write.
 */
import { isModeSlug, type ModeSlug } from '../course/modes.ts';
import { betterScore, mergeBadge, mergeModeRecord, mergeProgress } from './merge.ts';
import {
  BACKUP_KEY_PREFIX,
  decodeProgressText,
  emptyProgress,
  isEmptyProgress,
  isRecordKey,
  isLearnerId,
  parseCardState,
  parsePreferenceValue,
  PREFERENCE_KEYS,
  parseScore,
  PROGRESS_KEY,
  QUESTION_STATUSES,
  serializeProgress,
  type Decoded,
  type LessonRecord,
  type ModeRecord,
  type PreferenceKey,
  type PreferenceValues,
  type ProgressState,
  type QuestionRecord,
  type QuestionStatus,
  type Score,
} from './schema.ts';
import { exportProgress as exportText, parseImport, type ImportResult } from './transfer.ts';

/** The part of the Web Storage API the store uses; `length`/`key` enable backup de-duplication. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length?: number;
  key?(index: number): string | null;
}

/** What kind of problem a notice reports. */
export type NoticeKind = 'corrupt' | 'migrated' | 'newer-version' | 'storage-unavailable' | 'quota' | 'salvaged';

/** A message for the learner about their saved progress. */
export interface ProgressNotice {
  readonly kind: NoticeKind;
  /** Plain-language explanation, ready to show. */
  readonly message: string;
  /** Where the original data was copied to, if it was. */
  readonly backupKey?: string;
  /** Names of the records that were dropped, if any. */
  readonly dropped?: readonly string[];
}

/** What `recordQuestionResult` takes: points and, optionally, a status (derived from points if absent; any other status is ignored). */
export interface QuestionResultInput {
  readonly earned: number;
  readonly total: number;
  readonly status?: QuestionStatus;
}

/** Options for `createProgressStore`. */
export interface ProgressStoreOptions {
  /** Where to keep progress; null/undefined (no storage) runs in memory with a notice. */
  readonly storage: StorageLike | null | undefined;
  /** The clock; defaults to `new Date()`. */
  readonly now?: () => Date;
  /** Receives unexpected internal errors (bugs) instead of the caller; defaults to rethrowing them asynchronously. */
  readonly onError?: (error: unknown) => void;
  /** Makes the learner id that seeds drills; defaults to `crypto.randomUUID()`. */
  readonly newLearnerId?: () => string;
}

/** Called after every change of state or notices. */
export type ProgressListener = (state: ProgressState) => void;

/** The progress store's public API. No method throws because of storage content or failures. */
export interface ProgressStore {
  /** The current record (immutable; a new object after each change). */
  getState(): ProgressState;
  /** Call `listener` after every change of state or notices; returns an unsubscribe function. */
  subscribe(listener: ProgressListener): () => void;
  /** Notices the learner has not dismissed, oldest first. */
  notices(): readonly ProgressNotice[];
  /** Dismiss the notice at `index` of `notices()`. */
  dismissNotice(index: number): void;
  /** Feed a window `storage` event (`event.key`, `event.newValue`) to sync with other tabs. */
  handleStorageEvent(key: string | null, newValue: string | null): void;
  /** Record a visit to a mode of a lesson (first and last visit times). */
  markVisited(lesson: string, mode: ModeSlug): void;
  /** Mark a mode of a lesson done (keeps the first time it was done). */
  markDone(lesson: string, mode: ModeSlug): void;
  /** Record one answer to a question: per-question best score, attempts, last status. */
  recordQuestionResult(lesson: string, mode: ModeSlug, questionId: string, result: QuestionResultInput): void;
  /** Record one whole scored attempt at a mode (a quiz, quick check, challenge): best score and attempts. */
  recordModeScore(lesson: string, mode: ModeSlug, score: Score): void;
  /** Save a flashcard's schedule (JSON round-tripped, so Date fields become strings). */
  saveCardState(cardKey: string, state: object): void;
  /** Record one graded drill attempt: its new FSRS schedule (JSON round-tripped), the result, one more review. */
  recordDrill(templateId: string, card: object, passed: boolean): void;
  /** The learner id that seeds drills, made (and saved) on first use. */
  learnerId(): string;
  /** Record a lab task result; a pass is never replaced by a later failure. */
  recordLabTask(lesson: string, taskId: string, passed: boolean): void;
  /** Award a badge (keeps the first award time). */
  awardBadge(id: string): void;
  /** Remember the place to resume from. */
  setResume(lesson: string, mode: ModeSlug): void;
  /** Set one preference; an invalid value is ignored. */
  setPreference<K extends PreferenceKey>(key: K, value: PreferenceValues[K]): void;
  /** Import an export file, merging it into the current progress. */
  importProgress(text: string): ImportResult;
  /** The export file text of the current progress. */
  exportProgress(): string;
  /** Clear all progress (after the UI confirmed); returns the backup key holding the old progress, if one was written. */
  reset(): string | undefined;
  /** Merge a backup (e.g. the one `reset()` returned) back into the current progress. */
  restoreBackup(backupKey: string): ImportResult;
}

/** `globalThis.localStorage` if this environment has a usable one, else null (never throws). */
export function browserStorage(): StorageLike | null {
  try {
    const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
    return storage && typeof storage.getItem === 'function' ? storage : null;
  } catch {
    return null;
  }
}

function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

/** Surface a bug without throwing to the caller: an unhandled rejection the console and error trackers see. */
function reportLater(error: unknown): void {
  void Promise.reject(error);
}

const MESSAGES = {
  unavailable:
    'Your browser is not letting this site save data (for example in a private window or with site data turned off). Your progress works as usual but lasts only until you close this tab.',
  quota:
    "Your browser's storage for this site is full, so your latest progress could not be saved. It is kept until you close this tab; export your progress or free some space to keep it.",
  writeFailed:
    'Your latest progress could not be saved because the browser refused to store it. It is kept until you close this tab; export your progress to keep it.',
} as const;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function droppedSummary(dropped: readonly string[]): string {
  const shown = dropped.slice(0, 3).join('; ');
  return dropped.length > 3 ? `${shown}; and ${dropped.length - 3} more` : shown;
}

function noticeFor(decoded: Decoded, backupKey: string | undefined): ProgressNotice {
  const copy = backupKey
    ? `We kept a copy (backup key ${backupKey})`
    : 'We could not keep a copy, so we left your saved data untouched; progress you make now lasts only until you close this tab';
  const extra = {
    ...(backupKey !== undefined && { backupKey }),
    ...(decoded.dropped.length > 0 && { dropped: decoded.dropped }),
  };
  switch (decoded.status) {
    case 'newer':
      return {
        kind: 'newer-version',
        message: `Your saved progress was made by a newer version of this course${decoded.version === undefined ? '' : ` (format ${decoded.version})`}. To keep it safe, this page will not change it: progress you make here lasts only until you close this tab. Reload the page to get the newest version.${backupKey ? ` A copy is also kept under backup key ${backupKey}.` : ''}`,
        ...(backupKey !== undefined && { backupKey }),
      };
    case 'migrated':
      return {
        kind: 'migrated',
        message: `We updated your saved progress to the new format. ${copy}.${decoded.dropped.length > 0 ? ` ${plural(decoded.dropped.length, 'entry', 'entries')} could not be converted and ${decoded.dropped.length === 1 ? 'was' : 'were'} left out: ${droppedSummary(decoded.dropped)}.` : ' Nothing was lost.'}`,
        ...extra,
      };
    case 'salvaged':
      return {
        kind: 'salvaged',
        message: `Part of your saved progress was damaged. ${copy} and kept everything else; ${plural(decoded.dropped.length, 'damaged entry was', 'damaged entries were')} left out: ${droppedSummary(decoded.dropped)}.`,
        ...extra,
      };
    default: {
      const recovered =
        decoded.lessonsFound > 0
          ? `; ${decoded.lessonsKept} of ${plural(decoded.lessonsFound, 'lesson was', 'lessons were')} recovered`
          : '';
      return {
        kind: 'corrupt',
        message: `Your saved progress could not be read. ${copy} and started fresh where needed${recovered}.`,
        ...extra,
      };
    }
  }
}

/** Create the progress store over `storage` (see the module comment for the stored data). */
export function createProgressStore(options: ProgressStoreOptions): ProgressStore {
  const storage = options.storage ?? null;
  const clock = options.now ?? (() => new Date());
  const report = (error: unknown): void => {
    try {
      (options.onError ?? reportLater)(error);
    } catch {
      reportLater(error);
    }
  };

  let state: ProgressState = emptyProgress();
  let notices: readonly ProgressNotice[] = [];
  const listeners = new Set<ProgressListener>();
  /** The stored text as last read or written by this store. */
  let lastRaw: string | null = null;
  /** Memory holds changes the stored record lacks (a write failed). */
  let dirty = false;
  /** Why this store must not write the progress key, if it must not. */
  let lock: null | 'unavailable' | 'newer' | 'no-backup' = null;

  function nowDate(): Date {
    try {
      const date = clock();
      if (date instanceof Date && Number.isFinite(date.getTime())) {
        const year = date.getUTCFullYear();
        if (year >= 0 && year <= 9999) return date;
      }
    } catch {
      // fall through to the real clock
    }
    return new Date();
  }
  const nowIso = (): string => nowDate().toISOString();

  function emit(): void {
    for (const listener of [...listeners]) {
      try {
        listener(state);
      } catch (error) {
        report(error);
      }
    }
  }

  function addNotice(notice: ProgressNotice): void {
    // One live notice per kind and message: repeated failures do not pile up.
    if (notices.some((n) => n.kind === notice.kind && n.message === notice.message)) return;
    notices = [...notices, notice];
  }

  /** Run `fn`; an unexpected error (a bug) is reported asynchronously instead of thrown. */
  function guard<T>(fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      report(error);
      return fallback;
    }
  }

  function readRaw(): { ok: true; raw: string | null } | { ok: false } {
    if (!storage) return { ok: false };
    try {
      const raw: unknown = storage.getItem(PROGRESS_KEY);
      return { ok: true, raw: typeof raw === 'string' ? raw : null };
    } catch {
      return { ok: false };
    }
  }

  function findBackup(raw: string): string | undefined {
    if (!storage || typeof storage.key !== 'function' || typeof storage.length !== 'number') return undefined;
    try {
      for (let i = 0; i < storage.length; i += 1) {
        const key = storage.key(i);
        if (typeof key === 'string' && key.startsWith(BACKUP_KEY_PREFIX) && storage.getItem(key) === raw) return key;
      }
    } catch {
      // no de-duplication then
    }
    return undefined;
  }

  /** Copy `raw` to a new backup key (or find an identical backup); undefined if that failed. */
  function writeBackup(raw: string): string | undefined {
    if (!storage) return undefined;
    try {
      const existing = findBackup(raw);
      if (existing !== undefined) return existing;
      const base = `${BACKUP_KEY_PREFIX}${nowIso()}`;
      let key = base;
      for (let n = 2; storage.getItem(key) !== null; n += 1) {
        if (n > 1000) return undefined;
        key = `${base}-${n}`;
      }
      storage.setItem(key, raw);
      return key;
    } catch {
      return undefined;
    }
  }

  function writeFailed(error: unknown): void {
    dirty = true;
    if (isQuotaError(error)) addNotice({ kind: 'quota', message: MESSAGES.quota });
    else addNotice({ kind: 'storage-unavailable', message: MESSAGES.writeFailed });
  }

  /** Write `next` as the stored record (unless locked). */
  function persist(next: ProgressState): void {
    if (lock !== null || !storage) return;
    try {
      const text = serializeProgress(next);
      storage.setItem(PROGRESS_KEY, text);
      lastRaw = text;
      dirty = false;
    } catch (error) {
      writeFailed(error);
    }
  }

  /** Decode stored text; back up and report anything not cleanly valid. */
  function ingest(raw: string | null): { progress: ProgressState; clean: boolean } {
    const decoded = decodeProgressText(raw, nowIso);
    if (decoded.status === 'empty' || decoded.status === 'ok') return { progress: decoded.progress, clean: true };
    const backupKey = raw === null ? undefined : writeBackup(raw);
    // v2 → v3 keeps every record: no notice, and written back even if the backup failed.
    if (decoded.status === 'upgraded') return { progress: decoded.progress, clean: false };
    if (decoded.status === 'newer') lock = 'newer';
    else if (backupKey === undefined) lock ??= 'no-backup';
    addNotice(noticeFor(decoded, backupKey));
    return { progress: decoded.progress, clean: false };
  }

  /** The latest stored record merged as needed with memory: the base for a mutation. */
  function latestBase(): ProgressState {
    if (lock !== null) return state;
    const read = readRaw();
    if (!read.ok || read.raw === lastRaw) return state;
    const ingested = ingest(read.raw);
    lastRaw = read.raw;
    return dirty || !ingested.clean ? mergeProgress(ingested.progress, state) : ingested.progress;
  }

  function mutate(op: (base: ProgressState) => ProgressState): void {
    guard(undefined, () => {
      const before = state;
      const noticesBefore = notices;
      const base = latestBase();
      const next = op(base);
      if (next !== base || dirty) persist(next);
      state = next;
      if (state !== before || notices !== noticesBefore) emit();
    });
  }

  function updateMode(lesson: string, mode: ModeSlug, update: (record: ModeRecord | undefined) => ModeRecord): void {
    if (!isRecordKey(lesson) || !isModeSlug(mode)) return;
    mutate((base) => {
      const lessonRecord: LessonRecord = Object.hasOwn(base.lessons, lesson) ? (base.lessons[lesson] ?? {}) : {};
      const record = update(lessonRecord[mode]);
      return { ...base, lessons: { ...base.lessons, [lesson]: { ...lessonRecord, [mode]: record } } };
    });
  }

  // Load.
  guard(undefined, () => {
    if (!storage) {
      lock = 'unavailable';
      addNotice({ kind: 'storage-unavailable', message: MESSAGES.unavailable });
      return;
    }
    const read = readRaw();
    if (!read.ok) {
      lock = 'unavailable';
      addNotice({ kind: 'storage-unavailable', message: MESSAGES.unavailable });
      return;
    }
    lastRaw = read.raw;
    const ingested = ingest(read.raw);
    state = ingested.progress;
    if (!ingested.clean) persist(state);
  });

  const store: ProgressStore = {
    getState: () => state,

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    notices: () => notices,

    dismissNotice(index) {
      if (!Number.isInteger(index) || index < 0 || index >= notices.length) return;
      notices = notices.filter((_, i) => i !== index);
      emit();
    },

    handleStorageEvent(key, newValue) {
      guard(undefined, () => {
        if (key !== null && key !== PROGRESS_KEY) return;
        if (lock !== null) return;
        const raw = key === null || typeof newValue !== 'string' ? null : newValue;
        if (raw === lastRaw) return;
        const ingested = ingest(raw);
        lastRaw = raw;
        state = dirty || !ingested.clean ? mergeProgress(ingested.progress, state) : ingested.progress;
        emit();
      });
    },

    markVisited(lesson, mode) {
      const at = nowIso();
      updateMode(lesson, mode, (record) => ({
        ...(record ?? { done: false, attempts: 0 }),
        firstVisited: record?.firstVisited ?? at,
        lastVisited: at,
      }));
    },

    markDone(lesson, mode) {
      const at = nowIso();
      updateMode(lesson, mode, (record) =>
        record ? mergeModeRecord(record, { done: true, doneAt: at, attempts: 0 }) : { done: true, doneAt: at, attempts: 0 },
      );
    },

    recordModeScore(lesson, mode, score) {
      const parsed = parseScore(score);
      if (!parsed) return;
      updateMode(lesson, mode, (record) => {
        const current = record ?? { done: false, attempts: 0 };
        const best = betterScore(current.best, parsed);
        return { ...current, ...(best && { best }), attempts: current.attempts + 1 };
      });
    },

    recordQuestionResult(lesson, mode, questionId, result) {
      const score = parseScore(result);
      if (!score || !isRecordKey(lesson) || !isModeSlug(mode) || !isRecordKey(questionId)) return;
      // An unknown status (e.g. the grader's 'invalid') is not an attempt: ignore it.
      if (result.status !== undefined && !QUESTION_STATUSES.includes(result.status)) return;
      const status: QuestionStatus =
        result.status !== undefined
          ? result.status
          : score.earned >= score.total
            ? 'correct'
            : score.earned > 0
              ? 'partial'
              : 'incorrect';
      const answeredAt = nowIso();
      mutate((base) => {
        const questions = Object.hasOwn(base.questions, lesson) ? (base.questions[lesson] ?? {}) : {};
        const previous = Object.hasOwn(questions, questionId) ? questions[questionId] : undefined;
        const record: QuestionRecord = {
          mode,
          best: betterScore(previous?.best, score) ?? score,
          attempts: (previous?.attempts ?? 0) + 1,
          lastStatus: status,
          answeredAt,
        };
        return { ...base, questions: { ...base.questions, [lesson]: { ...questions, [questionId]: record } } };
      });
    },

    saveCardState(cardKey, cardState) {
      if (!isRecordKey(cardKey)) return;
      let parsed;
      try {
        parsed = parseCardState(JSON.parse(JSON.stringify(cardState)) as unknown);
      } catch {
        return;
      }
      if (!parsed) return;
      const card = parsed;
      mutate((base) => ({ ...base, cards: { ...base.cards, [cardKey]: card } }));
    },

    recordDrill(templateId, card, passed) {
      if (!isRecordKey(templateId) || typeof passed !== 'boolean') return;
      let parsed;
      try {
        parsed = parseCardState(JSON.parse(JSON.stringify(card)) as unknown);
      } catch {
        return;
      }
      if (!parsed) return;
      const schedule = parsed;
      const at = nowIso();
      mutate((base) => {
        const previous = Object.hasOwn(base.review.drills, templateId) ? base.review.drills[templateId] : undefined;
        const record = { card: schedule, reviews: (previous?.reviews ?? 0) + 1, lastResult: passed ? ('passed' as const) : ('failed' as const), at };
        return { ...base, review: { ...base.review, drills: { ...base.review.drills, [templateId]: record } } };
      });
    },

    learnerId() {
      const existing = latestBase().review.learner;
      if (existing !== undefined) return existing;
      let made = '';
      try {
        made = (options.newLearnerId ?? (() => globalThis.crypto.randomUUID()))();
      } catch {
        made = '';
      }
      const learner = isLearnerId(made) ? made : `l-${nowDate().getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
      mutate((base) => (base.review.learner !== undefined ? base : { ...base, review: { ...base.review, learner } }));
      return state.review.learner ?? learner;
    },

    recordLabTask(lesson, taskId, passed) {
      if (!isRecordKey(lesson) || !isRecordKey(taskId) || typeof passed !== 'boolean') return;
      const fresh = { passed, at: nowIso() };
      mutate((base) => {
        const tasks = Object.hasOwn(base.labs, lesson) ? (base.labs[lesson] ?? {}) : {};
        const previous = Object.hasOwn(tasks, taskId) ? tasks[taskId] : undefined;
        // A pass stays a pass (with its first time); otherwise the new result replaces the old.
        const record = previous?.passed ? previous : fresh;
        return { ...base, labs: { ...base.labs, [lesson]: { ...tasks, [taskId]: record } } };
      });
    },

    awardBadge(id) {
      if (!isRecordKey(id)) return;
      const fresh = { earnedAt: nowIso() };
      mutate((base) => {
        const previous = Object.hasOwn(base.badges, id) ? base.badges[id] : undefined;
        if (previous && mergeBadge(previous, fresh) === previous) return base;
        return { ...base, badges: { ...base.badges, [id]: fresh } };
      });
    },

    setResume(lesson, mode) {
      if (!isRecordKey(lesson) || !isModeSlug(mode)) return;
      const resume = { lesson, mode, at: nowIso() };
      mutate((base) => ({ ...base, resume }));
    },

    setPreference(key, value) {
      if (!PREFERENCE_KEYS.includes(key)) return;
      const parsed = parsePreferenceValue(key, value);
      if (parsed === undefined) return;
      const entry = { value: parsed, at: nowIso() };
      mutate((base) => ({ ...base, preferences: { ...base.preferences, [key]: entry } }));
    },

    importProgress(text) {
      return guard<ImportResult>({ ok: false, error: 'The import failed unexpectedly.' }, () => {
        const result = parseImport(text, nowDate());
        if (result.ok) mutate((base) => mergeProgress(base, result.progress));
        return result;
      });
    },

    exportProgress() {
      return exportText(state, nowDate());
    },

    reset() {
      return guard<string | undefined>(undefined, () => {
        const before = state;
        const noticesBefore = notices;
        const current = latestBase();
        const backupKey = isEmptyProgress(current) ? undefined : writeBackup(serializeProgress(current));
        if (lock === null && storage) {
          try {
            storage.removeItem(PROGRESS_KEY);
            lastRaw = null;
            dirty = false;
          } catch (error) {
            writeFailed(error);
          }
        }
        state = emptyProgress();
        if (state !== before || notices !== noticesBefore) emit();
        return backupKey;
      });
    },

    restoreBackup(backupKey) {
      return guard<ImportResult>({ ok: false, error: 'The backup could not be restored.' }, () => {
        if (typeof backupKey !== 'string' || !backupKey.startsWith(BACKUP_KEY_PREFIX) || !storage) {
          return { ok: false, error: 'There is no backup with that name.' };
        }
        let raw: string | null;
        try {
          raw = storage.getItem(backupKey);
        } catch {
          return { ok: false, error: 'The backup could not be read because the browser blocked access to storage.' };
        }
        if (raw === null) return { ok: false, error: 'There is no backup with that name.' };
        const result = parseImport(raw, nowDate(), Number.POSITIVE_INFINITY);
        if (result.ok) mutate((base) => mergeProgress(base, result.progress));
        return result;
      });
    },
  };
  return store;
}
