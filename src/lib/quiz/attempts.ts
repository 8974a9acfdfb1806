/**
 * Attempt bookkeeping for one question, as a pure reducer over plain JSON state
 * (so the progress store can persist it and check it with `isAttemptState`),
 * plus the challenge timer helpers.
 *
 * Rules:
 * - `invalid` results never consume an attempt (the state is returned unchanged).
 * - A question is finished when answered correctly, when limited attempts run out,
 *   or when the answer has been revealed. Results recorded after that are ignored.
 * - "Show the answer" is available once finished; with unlimited attempts it is
 *   also available after at least one graded (non-invalid) attempt.
 */

/** The status of a graded (non-invalid) attempt. */
export type AttemptStatus = 'correct' | 'partial' | 'incorrect';

/**
 * Persistable attempt state of one question (plain JSON). Counts are whole
 * numbers, scores non-negative. `isAttemptState` checks an unknown value against
 * this shape; `attempts-schema.ts` has the equivalent Zod schema for build/tests.
 */
export interface AttemptState {
  /** Attempts allowed (positive); null means unlimited. */
  maxAttempts: number | null;
  attemptsUsed: number;
  /** Attempts remaining; null means unlimited. */
  attemptsLeft: number | null;
  /** The best graded score so far. */
  best: { earned: number; total: number } | null;
  /** The status of the last graded attempt. */
  lastStatus: AttemptStatus | null;
  finished: boolean;
  canRetry: boolean;
  canShowAnswer: boolean;
  /** True once the learner chose to see the answer. */
  revealed: boolean;
}

const STATUSES: readonly unknown[] = ['correct', 'partial', 'incorrect'] satisfies AttemptStatus[];

/** A plain object (not null, not an array). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number (not NaN or ±Infinity), at least 0. */
function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A whole number in the safe integer range, at least `min`. */
function isCount(value: unknown, min: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min;
}

/**
 * True when `value` has the shape of an `AttemptState` (e.g. loaded from
 * storage): the same checks as `attemptStateSchema`, without Zod. Extra fields
 * are allowed; the derived flags are not cross-checked against the counters.
 */
export function isAttemptState(value: unknown): value is AttemptState {
  if (!isRecord(value)) return false;
  const { maxAttempts, attemptsUsed, attemptsLeft, best, lastStatus, finished, canRetry, canShowAnswer, revealed } = value;
  return (
    (maxAttempts === null || isCount(maxAttempts, 1)) &&
    isCount(attemptsUsed, 0) &&
    (attemptsLeft === null || isCount(attemptsLeft, 0)) &&
    (best === null || (isRecord(best) && isNonNegative(best['earned']) && isNonNegative(best['total']))) &&
    (lastStatus === null || STATUSES.includes(lastStatus)) &&
    typeof finished === 'boolean' &&
    typeof canRetry === 'boolean' &&
    typeof canShowAnswer === 'boolean' &&
    typeof revealed === 'boolean'
  );
}

/** The parts of a grade result the reducer needs. */
export interface AttemptResult {
  status: 'correct' | 'partial' | 'incorrect' | 'invalid';
  earned: number;
  total: number;
}

/** Recomputes the derived flags from the stored counters. */
function derive(state: Omit<AttemptState, 'finished' | 'canRetry' | 'canShowAnswer' | 'attemptsLeft'>): AttemptState {
  const attemptsLeft = state.maxAttempts === null ? null : Math.max(0, state.maxAttempts - state.attemptsUsed);
  const finished = state.revealed || state.lastStatus === 'correct' || attemptsLeft === 0;
  return {
    ...state,
    attemptsLeft,
    finished,
    canRetry: !finished,
    canShowAnswer: !state.revealed && (finished || (state.maxAttempts === null && state.attemptsUsed > 0)),
  };
}

/** The state before any attempt; `attempts` null/absent means unlimited. */
export function initialAttemptState(question: { attempts?: number | null | undefined }): AttemptState {
  const max = question.attempts;
  const maxAttempts = typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : null;
  return derive({ maxAttempts, attemptsUsed: 0, best: null, lastStatus: null, revealed: false });
}

/** Records a graded result; invalid results and results after finishing leave the state unchanged. */
export function recordAttempt(state: AttemptState, result: AttemptResult): AttemptState {
  if (result.status === 'invalid' || state.finished) return state;
  const better = state.best === null || result.earned > state.best.earned;
  return derive({
    maxAttempts: state.maxAttempts,
    attemptsUsed: state.attemptsUsed + 1,
    best: better ? { earned: result.earned, total: result.total } : state.best,
    lastStatus: result.status,
    revealed: state.revealed,
  });
}

/** Records that the answer was shown (only when `canShowAnswer`); the question is then finished. */
export function recordReveal(state: AttemptState): AttemptState {
  if (!state.canShowAnswer) return state;
  return derive({ ...state, revealed: true });
}

/** Records a timed-out challenge attempt: it consumes an attempt and scores 0 of `total`. */
export function recordTimeout(state: AttemptState, total: number): AttemptState {
  return recordAttempt(state, { status: 'incorrect', earned: 0, total });
}

/**
 * Milliseconds left on a challenge timer (never negative; a clock running
 * backwards counts as no time elapsed), or null when there is no limit.
 */
export function timeLeft(startedAtMs: number, nowMs: number, limitSeconds: number | null | undefined): number | null {
  if (limitSeconds === null || limitSeconds === undefined || !Number.isFinite(limitSeconds)) return null;
  const elapsed = Number.isFinite(nowMs - startedAtMs) ? Math.max(0, nowMs - startedAtMs) : 0;
  return Math.max(0, limitSeconds * 1000 - elapsed);
}

/** True when a timed challenge has run out of time (never for an unlimited one). */
export function isTimedOut(startedAtMs: number, nowMs: number, limitSeconds: number | null | undefined): boolean {
  return timeLeft(startedAtMs, nowMs, limitSeconds) === 0;
}
