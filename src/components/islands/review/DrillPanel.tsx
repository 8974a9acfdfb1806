/**
 * One broken-cluster drill, loaded only when the learner opens it (it brings the simulator): the task, the symptom
 * as the simulator's kubectl or curl prints it, the lab's manifest editor (or a name field), Check, then an FSRS
 * grade saved with the drill's result. State lives in `lib/drills/session.ts`'s reducer; this is its view.
 */
import { useMemo, useReducer, useRef } from 'preact/hooks';
import ManifestEditor, { type EditorApi } from '../lab/ManifestEditor.tsx';
import { CARD_RATINGS, parseCardState, type CardRating } from '../../../lib/flashcards/card-state.ts';
import { newCardState, rateCard } from '../../../lib/flashcards/scheduler.ts';
import { checkDrill } from '../../../lib/drills/check.ts';
import { makeDrill } from '../../../lib/drills/index.ts';
import { drillSession, initialSession } from '../../../lib/drills/session.ts';
import { drillSymptom } from '../../../lib/drills/symptom.ts';
import { describeWait } from '../../../lib/progress/review-queue.ts';
import { progress } from '../../../client/progress.ts';

interface Props {
  templateId: string;
  name: string;
  learner: string;
  /** How often this drill was graded before (seeds the variant). */
  reviews: number;
  /** The drill's saved schedule, if any. */
  previous: unknown;
  /** Called after grading, with the sentence to announce. */
  onGraded: (message: string) => void;
}

const LABELS: Record<CardRating, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };

/** The drill view. */
export default function DrillPanel({ templateId, name, learner, reviews, previous, onGraded }: Props) {
  const drill = useMemo(() => makeDrill(templateId, learner, reviews), [templateId, learner, reviews]);
  const symptom = useMemo(() => {
    if (!drill) return null;
    try {
      return drillSymptom(drill);
    } catch {
      return null;
    }
  }, [drill]);
  const [session, dispatch] = useReducer(drillSession, drill ? initialSession(drill.start) : initialSession(''));
  const apiRef = useRef<EditorApi>(null);
  if (!drill) return <p role="alert">This drill is not available in this version of the course.</p>;
  const id = `drill-${templateId}`;

  const check = () => dispatch({ type: 'checked', result: checkDrill(drill, session.answer) });
  const grade = (rating: CardRating) => {
    const at = Date.now();
    const next = rateCard(parseCardState(previous) ?? newCardState(at), rating, at);
    const passed = session.result?.ok === true && session.result.passed;
    progress().recordDrill(templateId, next, passed);
    onGraded(`Drill ${passed ? 'passed' : 'not solved'}, rated ${LABELS[rating]}. Next time ${describeWait(next.due - at)}, with a new cluster.`);
  };

  return (
    <div class="drill">
      <h2 class="drill-title">{drill.title}</h2>
      <p id={`${id}-task`}>{drill.task}</p>
      <h3>Symptom</h3>
      {symptom ? (
        <pre class="drill-symptom terminal-output" aria-label="Symptom output">
          <code>{`$ ${symptom.command}\n${symptom.output}`}</code>
        </pre>
      ) : (
        <p>The symptom could not be computed.</p>
      )}
      {drill.answer === 'manifest' ? (
        <div class="drill-editor">
          <h3 id={`${id}-label`}>Your fix (applied to the cluster like kubectl apply)</h3>
          <ManifestEditor
            id={`${id}-editor`}
            value={session.answer}
            revision={session.revision}
            onChange={(text) => dispatch({ type: 'edit', answer: text })}
            error={null}
            labelledBy={`${id}-label`}
            describedBy={`${id}-task`}
            enhance={false}
            apiRef={apiRef}
          />
        </div>
      ) : (
        <p>
          <label for={`${id}-name`}>Host name to use</label>
          <input
            id={`${id}-name`}
            class="drill-name"
            type="text"
            spellcheck={false}
            autocomplete="off"
            value={session.answer}
            aria-describedby={`${id}-task`}
            onInput={(event) => dispatch({ type: 'edit', answer: (event.target as HTMLInputElement).value })}
          />
        </p>
      )}
      <div class="review-actions">
        <button type="button" class="button-primary" onClick={check}>Check</button>
        <button type="button" onClick={() => dispatch({ type: 'show-fix', solution: drill.solution })}>Show a fix</button>
      </div>
      <div role="status" aria-live="polite">
        {session.result &&
          (session.result.ok ? (
            <>
              <p><strong>{session.result.passed ? 'Fixed: every check passes.' : 'Not fixed yet.'}</strong>{session.result.passed && ` ${name}: ${drill.fault}`}</p>
              <ul class="drill-outcomes">
                {session.result.outcomes.map((outcome) => (
                  <li class={outcome.passed ? 'ok' : 'bad'}>
                    <span aria-hidden="true">{outcome.passed ? '✓ ' : '✗ '}</span>
                    <span class="visually-hidden">{outcome.passed ? 'Passed: ' : 'Failed: '}</span>
                    {outcome.label}. <span class="muted">{outcome.detail}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="bad">{session.result.error}</p>
          ))}
        {session.shownFix && <p>{name}: {drill.fault}</p>}
      </div>
      {session.result && (
        <div class="flashcard-rate" role="group" aria-label="How hard was this drill?">
          {CARD_RATINGS.map((rating) => (
            <button type="button" onClick={() => grade(rating)}>{LABELS[rating]}</button>
          ))}
        </div>
      )}
    </div>
  );
}
