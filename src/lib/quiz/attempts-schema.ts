/**
 * The Zod schema of `AttemptState`, for build-time code and tests. Browser code
 * uses the Zod-free `isAttemptState` from `attempts.ts` instead; the tests check
 * that the two agree and that this schema infers exactly `AttemptState`.
 */
import { z } from 'astro/zod';

/** Persistable attempt state of one question. */
export const attemptStateSchema = z.object({
  /** Attempts allowed; null means unlimited. */
  maxAttempts: z.number().int().positive().nullable(),
  attemptsUsed: z.number().int().nonnegative(),
  /** Attempts remaining; null means unlimited. */
  attemptsLeft: z.number().int().nonnegative().nullable(),
  /** The best graded score so far. */
  best: z.object({ earned: z.number().nonnegative(), total: z.number().nonnegative() }).nullable(),
  /** The status of the last graded attempt. */
  lastStatus: z.enum(['correct', 'partial', 'incorrect']).nullable(),
  finished: z.boolean(),
  canRetry: z.boolean(),
  canShowAnswer: z.boolean(),
  /** True once the learner chose to see the answer. */
  revealed: z.boolean(),
});
