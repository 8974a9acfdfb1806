/** Badge ids, one place: what a learner earns and how the progress store names it. */

/** Badge id builders. */
export const BADGES = {
  /** Earned by answering every Challenge problem of a lesson correctly. */
  challenge: (lessonSlug: string): string => `challenge:${lessonSlug}`,
} as const;
