/**
 * A task's questions (`ask:`): a fieldset per question, with radio buttons over the choices the simulator offers or a
 * text box, and a "Check answers" button. The drafts live in lib/lab/answer-form.ts's reducer; the verdicts come
 * from the checker's results (keys computed on the current cluster) and the summary is announced in a live region.
 */
import { useEffect, useId, useReducer } from 'preact/hooks';
import { answerSummary, answerVerdict, draftsReducer, verdictsFor, type Drafts } from '../../../lib/lab/answer-form.ts';
import type { AnswerResult } from '../../../lib/lab/task-results.ts';
import type { LabQuestionView } from './types.ts';

interface Props {
  /** The questions. */
  questions: readonly LabQuestionView[];
  /** Their results on the cluster shown (choices, verdicts), in the same order. */
  results: readonly AnswerResult[] | undefined;
  /** The answers last checked (undefined: never checked). */
  checked: Drafts | undefined;
  /** False while the results are not the learner's cluster yet (the simulator is loading). */
  current: boolean;
  /** Checks these answers. */
  onCheck: (answers: Drafts) => void;
}

/** The question form of one task. */
export default function AskForm({ questions, results, checked, current, onCheck }: Props) {
  const id = useId();
  const [drafts, change] = useReducer(draftsReducer, checked ?? {});
  // The saved answers arrive after the first render (the island reads storage once it wakes up).
  useEffect(() => {
    if (checked) change({ load: checked });
  }, [checked]);
  const shown = current && verdictsFor(questions, results, checked);
  return (
    <form
      class="lab-diagnosis lab-ask"
      onSubmit={(event) => {
        event.preventDefault();
        onCheck(drafts);
      }}
    >
      {questions.map((question, index) => {
        const result = results?.[index];
        const name = `${id}-${question.id}`;
        const verdict = shown ? answerVerdict(result) : '';
        return (
          <fieldset key={question.id} aria-describedby={verdict ? `${name}-verdict` : undefined}>
            <legend id={`${name}-legend`} dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
            {result?.choices ? (
              result.choices.map((choice) => (
                <label class="lab-diagnosis-choice" key={choice}>
                  <input type="radio" name={name} value={choice} checked={drafts[question.id] === choice} onChange={() => change({ id: question.id, value: choice })} /> <code>{choice}</code>
                </label>
              ))
            ) : (
              <input type="text" class="lab-ask-input" aria-labelledby={`${name}-legend`} autocomplete="off" spellcheck={false} value={drafts[question.id] ?? ''} onInput={(event) => change({ id: question.id, value: event.currentTarget.value })} />
            )}
            {verdict && (
              <p id={`${name}-verdict`} class={result?.right ? 'lab-ok' : 'lab-error'}>
                {verdict}
              </p>
            )}
          </fieldset>
        );
      })}
      <button type="submit" disabled={!current}>
        Check answers
      </button>
      <p role="status" aria-live="polite" class="muted">
        {shown && results ? answerSummary(results) : ''}
      </p>
    </form>
  );
}
