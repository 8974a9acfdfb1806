/**
 * Spaced-repetition scheduling over ts-fsrs (FSRS), with card state as plain JSON
 * (epoch milliseconds, string state names) so the progress store can keep it in
 * localStorage and check it on load with `parseCardState`.
 * Pure functions; the FSRS instance is a constant with fuzz disabled, so the same
 * reviews always give the same schedule.
 * This module ships to the browser: it must not import Zod (directly or through
 * `schema.ts` values). The Zod schema of `CardState` is in `card-state-schema.ts`.
 */
import { Rating, State, createEmptyCard, fsrs, type Card, type Grade } from 'ts-fsrs';
import type { QuestionPair } from '../quiz/public.ts';
import { fence, revealAnswer } from '../quiz/resolve.ts';
import { fillTemplate } from '../quiz/template.ts';
import type { Flashcard } from './schema.ts';

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

const GRADES: Record<CardRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };
const STATE_OF: Record<State, CardState['state']> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};
const STATE_TO: Record<CardState['state'], State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

const scheduler = fsrs({ enable_fuzz: false });

/** Epoch milliseconds of a Date or number. */
function ms(time: Date | number): number {
  return typeof time === 'number' ? time : time.getTime();
}

/** ts-fsrs card → JSON state. */
function toState(card: Card): CardState {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_OF[card.state],
    lastReview: card.last_review === undefined ? null : card.last_review.getTime(),
  };
}

/** JSON state → ts-fsrs card. */
function toCard(state: CardState): Card {
  const card: Card = {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: STATE_TO[state.state],
  };
  if (state.lastReview !== null) card.last_review = new Date(state.lastReview);
  return card;
}

/** The state of a card never reviewed: due at `now`. */
export function newCardState(now: Date | number): CardState {
  return toState(createEmptyCard(new Date(ms(now))));
}

/**
 * The state after rating a review at `now`. A `now` earlier than the last review
 * (a clock that went backwards) is treated as the moment of the last review.
 */
export function rateCard(state: CardState, rating: CardRating, now: Date | number): CardState {
  const at = Math.max(ms(now), state.lastReview ?? -Infinity);
  return toState(scheduler.next(toCard(state), new Date(at), GRADES[rating]).card);
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

/**
 * A flashcard for a question the learner missed: the front is the prompt (with its
 * code, command or template), the back the revealed answer and the explanation.
 * Its id is `missed-<question id>`; prefix it per lesson if ids must be global.
 */
export function cardFromMissedQuestion(question: QuestionPair): Flashcard {
  const { public: pub, key } = question;
  const front = [pub.prompt];
  if (pub.kind === 'pick-output') front.push(fence(`$ ${pub.command}`, 'console'));
  else if (pub.kind === 'fill-blanks') front.push(fence(fillTemplate(pub.template, () => '____'), pub.codeLang ?? ''));
  else if (pub.code !== undefined) front.push(fence(pub.code, pub.codeLang ?? ''));
  return {
    id: `missed-${pub.id}`,
    front: front.join('\n\n'),
    back: [revealAnswer(key, pub), key.explanation].filter((part) => part.trim() !== '').join('\n\n'),
    level: pub.difficulty ?? 'beginner',
    tags: ['missed', pub.set],
  };
}
