/**
 * When each timed problem was started, kept for the browser tab's session (sessionStorage,
 * `knet:timers`), so reloading the page mid-problem resumes its countdown instead of
 * restarting it. One JSON object of start times by `lesson:question`; unreadable data
 * counts as no timer running. Storage is passed in, so tests use a fake.
 */

/** The part of the Storage API the timers use. */
export interface TimerStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The storage key. */
export const TIMER_KEY = 'knet:timers';

function readAll(storage: TimerStorage): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(TIMER_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => Number.isFinite(entry[1])));
  } catch {
    return {};
  }
}

function writeAll(storage: TimerStorage, all: Record<string, number>): void {
  try {
    storage.setItem(TIMER_KEY, JSON.stringify(all));
  } catch {
    /* storage full or unavailable: the timer still runs for this page */
  }
}

/** When the problem `id` was started in this session, or null. */
export function loadTimerStart(storage: TimerStorage, id: string): number | null {
  return readAll(storage)[id] ?? null;
}

/** Records that the problem `id` was started at `startedAt` (ms since the epoch). */
export function saveTimerStart(storage: TimerStorage, id: string, startedAt: number): void {
  writeAll(storage, { ...readAll(storage), [id]: startedAt });
}

/** Forgets the problem's timer (its attempt ended). */
export function clearTimerStart(storage: TimerStorage, id: string): void {
  const all = readAll(storage);
  if (!(id in all)) return;
  delete all[id];
  writeAll(storage, all);
}
