/**
 * The challenge timer's state (WCAG 2.2.1 Timing adjustable). Before a timed problem starts the
 * learner chooses its timing: the problem's own limit, ten times as long, or untimed; the choice is
 * a saved preference. A started timer remembers the timing it was started with, so changing the
 * preference later (or in another tab) never changes a running problem's limit.
 * Pure: time is passed in (ms since the epoch); the island renders these values.
 */
import type { ChallengeTiming } from '../progress/schema.ts';

/** How many times the problem's own limit "more time" gives (WCAG 2.2.1 asks for at least ten). */
export const EXTENDED_TIME_FACTOR = 10;

/** A timed problem's timer: not started (`startedAt` null) or running since `startedAt` with `timing`. */
export interface ChallengeTimer {
  readonly startedAt: number | null;
  readonly timing: ChallengeTiming;
}

/** A timer that has not started, with the learner's preferred timing. */
export function idleTimer(timing: ChallengeTiming): ChallengeTimer {
  return { startedAt: null, timing };
}

/** The timer started at `at` with `timing`. */
export function startTimer(timing: ChallengeTiming, at: number): ChallengeTimer {
  return { startedAt: at, timing };
}

/** The timer stopped (the attempt ended or its answer is shown); the next start uses `timing`. */
export function stopTimer(timer: ChallengeTimer, timing: ChallengeTiming = timer.timing): ChallengeTimer {
  return { startedAt: null, timing };
}

/** A not-started timer follows the preference; a running one keeps the timing it started with. */
export function withPreferredTiming(timer: ChallengeTimer, timing: ChallengeTiming): ChallengeTimer {
  return timer.startedAt === null && timer.timing !== timing ? { ...timer, timing } : timer;
}

/** The limit in seconds for a problem of `limitSeconds` taken with `timing`, or null when untimed. */
export function limitFor(limitSeconds: number, timing: ChallengeTiming): number | null {
  if (timing === 'untimed') return null;
  return timing === 'extended' ? limitSeconds * EXTENDED_TIME_FACTOR : limitSeconds;
}

/** Milliseconds left (never negative), or null when the timer is not running or the problem is untimed. */
export function remainingMs(timer: ChallengeTimer, limitSeconds: number, now: number): number | null {
  const limit = limitFor(limitSeconds, timer.timing);
  if (timer.startedAt === null || limit === null) return null;
  const elapsed = Number.isFinite(now - timer.startedAt) ? Math.max(0, now - timer.startedAt) : 0;
  return Math.max(0, limit * 1000 - elapsed);
}

/** True when the running timer has reached zero (never for an untimed problem). */
export function isExpired(timer: ChallengeTimer, limitSeconds: number, now: number): boolean {
  return remainingMs(timer, limitSeconds, now) === 0;
}

/** True when the clock must tick (a running, timed problem). */
export function isTicking(timer: ChallengeTimer, limitSeconds: number): boolean {
  return timer.startedAt !== null && limitFor(limitSeconds, timer.timing) !== null;
}

/** What the start button says: "Start problem (75 s)", "(750 s)" or "(untimed)". */
export function startLabel(limitSeconds: number, timing: ChallengeTiming): string {
  const limit = limitFor(limitSeconds, timing);
  return `Start problem (${limit === null ? 'untimed' : `${limit} s`})`;
}

/** What the running timer shows: "Time left: 45 s", or that there is no limit. */
export function timerText(timer: ChallengeTimer, limitSeconds: number, now: number): string {
  const left = remainingMs(timer, limitSeconds, now);
  return left === null ? 'Untimed: take as long as you need.' : `Time left: ${Math.ceil(left / 1000)} s`;
}

/** The tag in the problem's header: its limit with the chosen timing. */
export function limitTag(limitSeconds: number, timing: ChallengeTiming): string {
  const limit = limitFor(limitSeconds, timing);
  return limit === null ? 'untimed' : `${limit} s limit`;
}

/** The name of each timing choice, for the chooser offered before a problem starts. */
export function timingChoiceLabel(limitSeconds: number, timing: ChallengeTiming): string {
  if (timing === 'untimed') return 'Untimed';
  return timing === 'extended' ? `More time (${limitSeconds * EXTENDED_TIME_FACTOR} s)` : `Standard (${limitSeconds} s)`;
}

/** How the badge notes a timing other than the standard one ("" for standard). */
export function badgeTimingNote(timings: readonly ChallengeTiming[]): string {
  if (timings.includes('untimed')) return 'Earned untimed.';
  return timings.includes('extended') ? 'Earned with more time.' : '';
}
