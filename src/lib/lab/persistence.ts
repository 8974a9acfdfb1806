/**
 * Saving the lab in the learner's browser. One key per lesson:
 *
 *   `knet:lab:<lesson>`             the current lab (a LabStateRecord as JSON); absent while the lab is
 *                                   untouched, so a learner who never edited gets the lesson's latest scenario;
 *   `knet:lab:<lesson>:previous`    the lab that was replaced when a shared link was opened (one level of undo);
 *   `knet:lab:<lesson>:unreadable`  a saved value that could not be read, set aside rather than wiped.
 *
 * Storage can be missing (private modes, disabled cookies), full or throwing: every function catches, and
 * returns a notice for the learner instead of failing. The lab keeps working in memory.
 */
import { parseLabRecord, sameLabState, toRecord, type LabState } from './lab-state.ts';

/** The part of the Web Storage API the lab uses. */
export interface LabStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What went wrong with storage, worded for the learner. */
export interface LabNotice {
  /** What kind of problem it is. */
  readonly kind: 'storage-unavailable' | 'save-failed' | 'unreadable';
  /** One or two sentences for the learner. */
  readonly message: string;
}

/** The outcome of loading the saved lab. */
export interface LoadResult {
  /** The saved state, or null when there is none (or it could not be read). */
  readonly state: LabState | null;
  /** A problem to show, or null. */
  readonly notice: LabNotice | null;
}

/** The storage key of a lesson's lab. */
export function labStorageKey(lesson: string): string {
  return `knet:lab:${lesson}`;
}

/** The storage key of the lab replaced by a shared link. */
export function previousLabKey(lesson: string): string {
  return `${labStorageKey(lesson)}:previous`;
}

/** The storage key where an unreadable saved lab is set aside. */
export function unreadableLabKey(lesson: string): string {
  return `${labStorageKey(lesson)}:unreadable`;
}

const UNAVAILABLE: LabNotice = {
  kind: 'storage-unavailable',
  message: 'This browser does not let the course save data, so the lab works but your changes are lost when you leave the page. Use Share to keep a link to your lab.',
};

const SAVE_FAILED: LabNotice = {
  kind: 'save-failed',
  message: 'Your latest change could not be saved in this browser (storage is full or blocked). The lab keeps working; use Share to keep a link to it.',
};

/** The browser's localStorage, or null when it is missing or access throws. */
export function browserLabStorage(): LabStorage | null {
  try {
    const storage = (globalThis as { localStorage?: LabStorage }).localStorage;
    return storage && typeof storage.getItem === 'function' ? storage : null;
  } catch {
    return null;
  }
}

function read(storage: LabStorage, key: string, lesson: string): LoadResult {
  const raw = storage.getItem(key);
  if (raw === null) return { state: null, notice: null };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  const parsed = value === undefined ? { ok: false as const, error: 'it is not valid JSON' } : parseLabRecord(value, lesson);
  if (parsed.ok) return { state: parsed.state, notice: null };
  try {
    storage.setItem(unreadableLabKey(lesson), raw);
    storage.removeItem(key);
  } catch {
    // leave it where it is
  }
  return {
    state: null,
    notice: { kind: 'unreadable', message: `Your saved lab could not be read (${parsed.error}), so the lab starts from the scenario. The old data was set aside, not deleted.` },
  };
}

/** Loads the saved lab of `lesson`. Never throws. */
export function loadLab(storage: LabStorage | null, lesson: string): LoadResult {
  if (!storage) return { state: null, notice: UNAVAILABLE };
  try {
    return read(storage, labStorageKey(lesson), lesson);
  } catch {
    return { state: null, notice: UNAVAILABLE };
  }
}

/** Loads the lab that a shared link replaced, if any. Never throws. */
export function loadPreviousLab(storage: LabStorage | null, lesson: string): LabState | null {
  if (!storage) return null;
  try {
    return read(storage, previousLabKey(lesson), lesson).state;
  } catch {
    return null;
  }
}

/**
 * Saves `state` of `lesson`; when it equals `pristine` (the starting scenario) the key is removed instead.
 * Returns null on success, or a notice. Never throws.
 */
export function saveLab(storage: LabStorage | null, lesson: string, state: LabState, pristine: LabState): LabNotice | null {
  if (!storage) return UNAVAILABLE;
  try {
    if (sameLabState(state, pristine)) storage.removeItem(labStorageKey(lesson));
    else storage.setItem(labStorageKey(lesson), JSON.stringify(toRecord(lesson, state)));
    return null;
  } catch {
    return SAVE_FAILED;
  }
}

/** Keeps `state` as the lab a shared link replaced (so it can be restored). Returns null or a notice. */
export function savePreviousLab(storage: LabStorage | null, lesson: string, state: LabState): LabNotice | null {
  if (!storage) return UNAVAILABLE;
  try {
    storage.setItem(previousLabKey(lesson), JSON.stringify(toRecord(lesson, state)));
    return null;
  } catch {
    return SAVE_FAILED;
  }
}

/** Forgets the lab a shared link replaced. Never throws. */
export function clearPreviousLab(storage: LabStorage | null, lesson: string): void {
  try {
    storage?.removeItem(previousLabKey(lesson));
  } catch {
    // nothing to do
  }
}
