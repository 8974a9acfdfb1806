/**
 * When each timed problem was started, kept for the browser tab's session (sessionStorage,
 * `knet:timers`), so reloading the page mid-problem resumes its countdown instead of
 * restarting it. One JSON object by `lesson:question` of `{ "at": ms, "timing": … }` (the
 * timing it was started with; a bare number, as stored before timings existed, is a standard
 * start); unreadable data counts as no timer running. Storage is passed in, so tests use a fake.
 */
import { CHALLENGE_TIMINGS, type ChallengeTiming } from '../progress/schema.ts';
import type { ChallengeTimer } from './challenge-timer.ts';

/** The part of the Storage API the timers use. */
export interface TimerStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The storage key. */
export const TIMER_KEY = 'knet:timers';

interface SavedStart {
  at: number;
  timing: ChallengeTiming;
}

function parseStart(value: unknown): SavedStart | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? { at: value, timing: 'standard' } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const { at, timing } = value as Record<string, unknown>;
  return typeof at === 'number' && Number.isFinite(at) && CHALLENGE_TIMINGS.includes(timing as ChallengeTiming)
    ? { at, timing: timing as ChallengeTiming }
    : undefined;
}

function readAll(storage: TimerStorage): Record<string, SavedStart> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(TIMER_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).flatMap(([id, value]) => {
        const start = parseStart(value);
        return start ? [[id, start]] : [];
      }),
    );
  } catch {
    return {};
  }
}

function writeAll(storage: TimerStorage, all: Record<string, SavedStart>): void {
  try {
    storage.setItem(TIMER_KEY, JSON.stringify(all));
  } catch {
    /* storage full or unavailable: the timer still runs for this page */
  }
}

/** When the problem `id` was started in this session, or null. */
export function loadTimerStart(storage: TimerStorage, id: string): number | null {
  return readAll(storage)[id]?.at ?? null;
}

/** The running timer of problem `id` in this session (its start and timing), or null. */
export function loadTimer(storage: TimerStorage, id: string): ChallengeTimer | null {
  const start = readAll(storage)[id];
  return start ? { startedAt: start.at, timing: start.timing } : null;
}

/** Records that the problem `id` was started at `startedAt` (ms since the epoch) with `timing`. */
export function saveTimerStart(storage: TimerStorage, id: string, startedAt: number, timing: ChallengeTiming = 'standard'): void {
  writeAll(storage, { ...readAll(storage), [id]: { at: startedAt, timing } });
}

/** Forgets the problem's timer (its attempt ended). */
export function clearTimerStart(storage: TimerStorage, id: string): void {
  const all = readAll(storage);
  if (!(id in all)) return;
  delete all[id];
  writeAll(storage, all);
}
