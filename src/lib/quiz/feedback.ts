/**
 * What a question card says after a check, each thing once: a headline with the outcome and the points
 * (and attempts left), one line on why a wrong answer is wrong that never gives the answer away, and,
 * once the question is over, the parts that were wrong. Also what "Try again" keeps of an answer: the
 * parts that were right. Pure functions over the grader's result; the Quiz island renders them.
 */
import type { Answer, GradeResult } from './grade.ts';
import type { PublicQuestion } from './public.ts';

/** The feedback of one check. */
export interface Feedback {
  /** The outcome tone, for styling. */
  tone: 'correct' | 'partial' | 'incorrect' | 'invalid';
  /** "Correct: 2 of 2 points." / "Not quite: 0 of 1 points. 1 attempt left." (points always counted as "of N points"). */
  headline: string;
  /** One line on what is wrong (never the answer), for a graded answer that is not fully right. */
  reason: string;
  /** Once the question is over: what was wrong, part by part (only when it has several parts). */
  wrongParts: string[];
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const points = (value: number) => String(Math.round(value * 100) / 100);

/** "1 and 3", "1, 2 and 4". */
function list(numbers: readonly number[]): string {
  if (numbers.length <= 1) return numbers.join('');
  return `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}

/** Blank numbers as the learner sees them (template order), by blank id. */
function blankNumbers(question: PublicQuestion): Map<string, number> {
  return question.kind === 'fill-blanks' ? new Map(question.blanks.map((blank, index) => [blank.id, index + 1])) : new Map();
}

/**
 * One line on why an answer is not fully right, without the answer: which blanks do not fit, which
 * positions are out of order, how many options or connections are wrong, or the grader's own message
 * where it is specific (a CIDR with host bits set, an explained code line); the hint for a choice.
 */
export function wrongReason(question: PublicQuestion, result: GradeResult): string {
  const wrong = result.parts.filter((part) => !part.correct);
  const hint = question.hint ? `Hint: ${question.hint}` : '';
  switch (question.kind) {
    case 'fill-blanks': {
      const numbers = blankNumbers(question);
      const blanks = wrong.map((part) => numbers.get(part.id)).filter((n): n is number => n !== undefined).sort((a, b) => a - b);
      return blanks.length === 1 ? `Blank ${blanks[0]} does not fit.` : `Blanks ${list(blanks)} do not fit.`;
    }
    case 'ordering': {
      const positions = result.parts.flatMap((part, index) => (part.correct ? [] : [index + 1]));
      return positions.length === 1 ? `The step in position ${positions[0]} is out of place.` : `The steps in positions ${list(positions)} are out of place.`;
    }
    case 'multiple':
      return `${plural(wrong.length, 'option')} of ${result.parts.length} ${wrong.length === 1 ? 'is' : 'are'} marked wrongly.${hint ? ` ${hint}` : ''}`;
    case 'simulator':
      return `${plural(wrong.length, 'connection')} of ${result.parts.length} ${wrong.length === 1 ? 'is' : 'are'} marked wrongly.${hint ? ` ${hint}` : ''}`;
    case 'find-error':
    case 'cidr':
    case 'numeric': {
      const message = wrong[0]?.message ?? '';
      return message && !/^(not quite|not this one)\.?$/i.test(message) ? message : hint || 'That is not it.';
    }
    case 'open':
      return result.message;
    default:
      return hint || 'That is not the right answer; read the question again and try another.';
  }
}

/** The feedback for a graded (or invalid) answer, given how many attempts are left and whether the question is over. */
export function feedbackFor(question: PublicQuestion, result: GradeResult, attempt: { attemptsLeft: number | null; finished: boolean }): Feedback {
  if (result.status === 'invalid') {
    return { tone: 'invalid', headline: `Incomplete: ${result.message} That did not use an attempt.`, reason: '', wrongParts: [] };
  }
  const label = result.status === 'correct' ? 'Correct' : result.status === 'partial' ? 'Partly right' : 'Not quite';
  const score = `${label}: ${points(result.earned)} of ${points(result.total)} points.`;
  const left = !attempt.finished && attempt.attemptsLeft !== null ? ` ${plural(attempt.attemptsLeft, 'attempt')} left.` : '';
  if (result.status === 'correct') return { tone: 'correct', headline: score, reason: '', wrongParts: [] };
  const wrongParts = attempt.finished && result.parts.length > 1 ? result.parts.filter((part) => !part.correct).map((part) => part.message) : [];
  return { tone: result.status, headline: `${score}${left}`, reason: wrongReason(question, result), wrongParts };
}

/**
 * The answer "Try again" starts from: the parts that were right stay; a blank that did not fit is
 * emptied, and a one-part choice is cleared. Lists the learner arranges or ticks (ordering, several
 * options, connections) and typed text stay as they were, for the learner to change.
 */
export function keepRightParts(question: PublicQuestion, answer: Answer, result: GradeResult): Answer {
  switch (question.kind) {
    case 'fill-blanks': {
      const right = new Set(result.parts.filter((part) => part.correct).map((part) => part.id));
      const blanks = (answer as { blanks: Record<string, string> }).blanks ?? {};
      return { blanks: Object.fromEntries(Object.entries(blanks).filter(([id]) => right.has(id))) };
    }
    case 'single':
    case 'pick-output':
      return { optionId: '' };
    case 'true-false':
      return { value: undefined } as unknown as Answer;
    case 'find-error':
      return { line: 0 };
    default:
      return answer;
  }
}
