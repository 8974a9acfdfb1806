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
import { ms, type CardRating, type CardState } from './card-state.ts';

export { CARD_RATINGS, CARD_STATES, dueCards, parseCardState } from './card-state.ts';
export type { CardLearningState, CardRating, CardState, DueOptions } from './card-state.ts';

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
