/**
 * The lab's question form (a task's `ask:`), as the island shows it: the draft answers picked or typed before
 * "Check answers" (a reducer the form owns), the tasks handed to the checker with the answers last checked, and the
 * words of the verdict. The verdict itself comes from the checker (answer-tasks.ts, run with the simulator), which
 * computes each key on the current cluster: this module never sees a key. Plain data, tiny: on the lab's first load.
 */
import type { AnswerResult } from './task-results.ts';

/** Draft answers by question id. */
export type Drafts = Readonly<Record<string, string>>;

/** A change to the drafts: one answer picked or typed, or the saved answers loaded (a reload, a check). */
export type DraftAction = { readonly id: string; readonly value: string } | { readonly load: Drafts };

/** The drafts after `action`. */
export function draftsReducer(drafts: Drafts, action: DraftAction): Drafts {
  if ('load' in action) return { ...drafts, ...action.load };
  return drafts[action.id] === action.value ? drafts : { ...drafts, [action.id]: action.value };
}

/** `tasks` with each asking task's answers from `answersOf` (its last checked answers), for the checker. */
export function withAnswers<T extends { readonly id: string; readonly ask?: unknown }>(tasks: readonly T[], answersOf: (id: string) => Readonly<Record<string, string>> | undefined): Array<T & { answers?: Readonly<Record<string, string>> | undefined }> {
  return tasks.map((task) => (task.ask ? { ...task, answers: answersOf(task.id) } : task));
}

/**
 * True when `results` were checked with the `checked` answers (each question answered exactly when its saved answer
 * is not blank): until the simulator has checked them (the page's first view was computed with none), no verdict.
 */
export function verdictsFor(questions: ReadonlyArray<{ readonly id: string }>, results: readonly AnswerResult[] | undefined, checked: Drafts | undefined): results is readonly AnswerResult[] {
  if (!checked || !results || results.length !== questions.length) return false;
  return questions.every((question, index) => results[index]!.answered === ((checked[question.id] ?? '').trim() !== ''));
}

/** What one question shows once answers were checked: right, wrong, not answered, or not answerable on this cluster. */
export function answerVerdict(result: AnswerResult | undefined): string {
  if (!result) return '';
  if (result.error) return `This cannot be answered on the current cluster: ${result.error}.`;
  if (!result.answered) return 'Not answered yet.';
  return result.right ? '✓ Right for the current cluster.' : '✗ Not right for the current cluster.';
}

/** The sentence announced after a check (and whenever a change to the cluster changes it): "1 of 2 answers right: question 2 is not right." */
export function answerSummary(results: readonly AnswerResult[]): string {
  const right = results.filter((result) => result.right).length;
  const wrong = results.flatMap((result, index) =>
    result.right ? [] : [`question ${index + 1} ${result.error ? 'cannot be answered on the current cluster' : result.answered ? 'is not right' : 'is not answered'}`],
  );
  return `${right} of ${results.length} answer${results.length === 1 ? '' : 's'} right${wrong.length ? `: ${wrong.join('; ')}` : ''}.`;
}
