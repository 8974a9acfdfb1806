/**
 * When a question set counts as done for its mode, from each question's standing:
 * Why's practice is done once answered, Visualize's visual quiz and Review's quick
 * check once passed, Try once every task is answered, Challenge once every problem
 * is answered (and its badge when all are correct).
 */
import { completionSet, MODES, type ModeSlug } from '../course/modes.ts';

/** Where one question stands, from this visit and the saved progress. */
export interface QuestionStanding {
  /** Finished: answered correctly, out of attempts, revealed, or (unlimited attempts) answered at least once. */
  answered: boolean;
  /** Answered fully correctly at some point. */
  correct: boolean;
  /** Best points earned. */
  earned: number;
  /** Points available. */
  total: number;
}

/** How a set decides it is done. */
export interface SetRule {
  /** `answered`: every question answered; `pass`: every question answered and at least `passRatio` of the points earned. */
  kind: 'answered' | 'pass';
  /** Fraction of points needed to pass (for `pass`), e.g. 0.7. */
  passRatio?: number | undefined;
  /** What to tell the learner when the set is done. */
  doneMessage: string;
  /** Whether finishing the set marks its mode done (false for sets that only practise). */
  marksDone: boolean;
}

/** The set's state: done by its rule, all correct, total score and how many are answered. */
export interface SetOutcome {
  done: boolean;
  allCorrect: boolean;
  answered: number;
  score: { earned: number; total: number };
}

/** Computes the set's outcome from its questions' standings. */
export function setOutcome(standings: readonly QuestionStanding[], rule: SetRule): SetOutcome {
  const earned = round(standings.reduce((sum, standing) => sum + standing.earned, 0));
  const total = round(standings.reduce((sum, standing) => sum + standing.total, 0));
  const answered = standings.filter((standing) => standing.answered).length;
  const allAnswered = standings.length > 0 && answered === standings.length;
  const allCorrect = standings.length > 0 && standings.every((standing) => standing.correct);
  const passed = total > 0 && earned / total >= (rule.passRatio ?? 0.7) - 1e-9;
  const done = rule.kind === 'answered' ? allAnswered : allAnswered && passed;
  return { done, allCorrect, answered, score: { earned, total } };
}

/**
 * The rule of each question set that finishes a mode, by set name, derived from the modes' "done when"
 * rules in `course/modes.ts` (declared there, once).
 */
export const SET_RULES: Readonly<Record<string, SetRule>> = Object.fromEntries(
  MODES.flatMap((info) =>
    info.done.kind === 'question-set'
      ? [[info.done.set, { kind: info.done.pass === 'answered' ? 'answered' : 'pass', passRatio: info.done.passRatio, doneMessage: info.doneMessage, marksDone: true } satisfies SetRule]]
      : [],
  ),
);

const PRACTICE: SetRule = { kind: 'answered', doneMessage: 'All answered.', marksDone: false };

/** The rule for a set: its own, or a practice set that never marks its mode done. */
export function ruleForSet(set: string): SetRule {
  return SET_RULES[set] ?? PRACTICE;
}

/**
 * The rule for `set` shown on `mode`'s page: the mode's completion rule when the set is the one that
 * finishes this mode, else a practice set (a completion set shown elsewhere must not finish another mode).
 */
export function ruleForSetOnMode(mode: ModeSlug, set: string): SetRule {
  return completionSet(mode)?.set === set ? ruleForSet(set) : PRACTICE;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
