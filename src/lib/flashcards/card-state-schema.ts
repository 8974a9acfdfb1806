/**
 * The Zod schema of a flashcard's `CardState`, for build-time code and tests.
 * Browser code uses the Zod-free `parseCardState` from `scheduler.ts` instead;
 * the tests check that the two agree and that this schema infers exactly `CardState`.
 */
import { z } from 'astro/zod';
import { CARD_STATES } from './scheduler.ts';

/** A card's scheduling state, JSON-safe. Times are epoch milliseconds. */
export const cardStateSchema = z.object({
  due: z.number().int().nonnegative(),
  stability: z.number().nonnegative().finite(),
  difficulty: z.number().nonnegative().finite(),
  elapsedDays: z.number().nonnegative().finite(),
  scheduledDays: z.number().nonnegative().finite(),
  learningSteps: z.number().int().nonnegative(),
  reps: z.number().int().nonnegative(),
  lapses: z.number().int().nonnegative(),
  state: z.enum(CARD_STATES),
  /** When the card was last reviewed; null for a new card. */
  lastReview: z.number().int().nonnegative().nullable(),
});
