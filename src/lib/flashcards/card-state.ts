/**
 * Flashcard schedule state as stored, and which cards are due: everything the
 * deck needs to show cards, without the FSRS scheduler itself (which the deck
 * loads only when the learner rates a card; see scheduler.ts).
 */

/** The learning states of a card, as stored. */
export const CARD_STATES = ['new', 'learning', 'review', 'relearning'] as const;

/** The learning state of a card, as stored. */
export type CardLearningState = (typeof CARD_STATES)[number];

/**
 * A card's scheduling state, JSON-safe. Times are epoch milliseconds (whole,
 * non-negative); counts are whole and non-negative; the FSRS figures are finite
 * and non-negative.
 */
export interface CardState {
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardLearningState;
  /** When the card was last reviewed; null for a new card. */
  lastReview: number | null;
}

/** A whole number in the safe integer range, at least 0. */
function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** A finite number, at least 0. */
function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Checks an unknown value (e.g. loaded from storage) as a `CardState`: a copy
 * holding only the known fields, or null when any field is missing or invalid.
 * The same rules as `cardStateSchema`, without Zod.
 */
export function parseCardState(value: unknown): CardState | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview } =
    value as Record<string, unknown>;
  if (!isCount(due) || !isCount(learningSteps) || !isCount(reps) || !isCount(lapses)) return null;
  if (!isAmount(stability) || !isAmount(difficulty) || !isAmount(elapsedDays) || !isAmount(scheduledDays)) return null;
  if (!CARD_STATES.some((name) => name === state)) return null;
  if (lastReview !== null && !isCount(lastReview)) return null;
  return {
    due,
    stability,
    difficulty,
    elapsedDays,
    scheduledDays,
    learningSteps,
    reps,
    lapses,
    state: state as CardLearningState,
    lastReview,
  };
}

/** How well the learner recalled the card. */
export type CardRating = 'again' | 'hard' | 'good' | 'easy';

/** The ratings in button order. */
export const CARD_RATINGS: readonly CardRating[] = ['again', 'hard', 'good', 'easy'];

/** Epoch milliseconds of a Date or number. */
export function ms(time: Date | number): number {
  return typeof time === 'number' ? time : time.getTime();
}

/** Looks a card's state up in a record or map, ignoring inherited keys and malformed entries. */
function stateOf(states: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>, id: string): CardState | null {
  let raw: unknown;
  if (states instanceof Map) raw = states.get(id);
  else if (Object.hasOwn(states, id)) raw = (states as Readonly<Record<string, unknown>>)[id];
  return parseCardState(raw);
}

/** Options for `dueCards`. */
export interface DueOptions {
  /** At most this many never-reviewed cards (default: all). */
  maxNew?: number;
}

/**
 * The cards to study at `now`, in order: reviewed cards that are due, most
 * overdue first, then never-reviewed cards (no or invalid stored state, or state
 * `new`) in file order. Ties keep file order.
 */
export function dueCards<T extends { id: string }>(
  cards: readonly T[],
  states: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>,
  now: Date | number,
  options: DueOptions = {},
): T[] {
  const at = ms(now);
  const reviews: { card: T; due: number; index: number }[] = [];
  const fresh: T[] = [];
  cards.forEach((card, index) => {
    const state = stateOf(states, card.id);
    if (state === null || state.state === 'new') fresh.push(card);
    else if (state.due <= at) reviews.push({ card, due: state.due, index });
  });
  reviews.sort((a, b) => a.due - b.due || a.index - b.index);
  const maxNew = options.maxNew ?? Infinity;
  return [...reviews.map((r) => r.card), ...fresh.slice(0, Math.max(0, maxNew))];
}
