/**
 * The parts of a lab task that troubleshooting cases add: the symptom (a command and what the simulator printed
 * on the case's scenario), the "open this case" control with its confirmation, the root-cause radio group, the hint
 * ladder and the evidence log. Stateless: the Lab island owns the case progress (lib/lab/case-progress.ts).
 */
import { useId, useState } from 'preact/hooks';
import type { EvidenceEntry } from '../../../lib/lab/case-progress.ts';
import { caseFragment } from '../../../lib/lab/share.ts';
import type { LabCaseView } from './types.ts';
import { terminalChunks } from '../../../lib/terminal-order.ts';

const withNewline = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);

/** The failing command the case starts from, with its output. */
export function Symptom({ symptom }: { symptom: NonNullable<LabCaseView['symptom']> }) {
  return (
    <div class="lab-symptom">
      <p class="lab-checks-head">The symptom:</p>
      <pre class="terminal" tabindex={0} aria-label={`${symptom.command} and its output`}>
        <span class="prompt" aria-hidden="true">
          ${' '}
        </span>
        <strong class="command">{symptom.command}</strong>
        {'\n'}
        {terminalChunks(symptom).map((chunk) => (
          <span class={chunk.stream}>{withNewline(chunk.text)}</span>
        ))}
      </pre>
    </div>
  );
}

/**
 * "Open this case" (loads its scenario), asking first when the sandbox has edits of its own. It is a link to
 * `#case=<id>`: a click made before the island hydrates puts the case in the URL, and the island opens it when it
 * wakes up (and asks first through `requested` if the sandbox has edits). "Start this case over" is a button.
 */
export function OpenCase({ taskId, title, active, dirty, requested, onOpen, onCancel }: { taskId: string; title: string; active: boolean; dirty: boolean; requested: boolean; onOpen: () => void; onCancel: () => void }) {
  const [asking, setAsking] = useState(false);
  const id = useId();
  const loaded = active && <p class="muted">This case is loaded in the sandbox: investigate in the terminal, fix it in the editor.</p>;
  if (active && !dirty) return <div class="lab-case-open">{loaded}</div>;
  const confirming = asking || requested;
  return (
    <div class="lab-case-open">
      {loaded}
      {!confirming &&
        (active ? (
          <button type="button" onClick={() => setAsking(true)}>
            Start this case over
          </button>
        ) : (
          <a
            class="button button-primary"
            href={`#${caseFragment(taskId)}`}
            onClick={(event) => {
              event.preventDefault();
              if (dirty) setAsking(true);
              else onOpen();
            }}
          >
            Open this case
          </a>
        ))}
      {confirming && (
        <div class="lab-confirm" role="group" aria-labelledby={`${id}-q`}>
          <p id={`${id}-q`}>
            Load the scenario of "{title}"? Your changes to the manifests in the sandbox are lost; tasks you passed stay passed.
          </p>
          <button
            type="button"
            class="button-primary"
            onClick={() => {
              setAsking(false);
              onOpen();
            }}
          >
            Load the case
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              setAsking(false);
              onCancel();
            }}
            ref={(el) => el?.focus()}
          >
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}

/** The root-cause question: a radio group and a Check button; the verdict is announced by the island. */
export function Diagnosis({ diagnosis, picked, right, onCheck }: { diagnosis: NonNullable<LabCaseView['diagnosis']>; picked: string | undefined; right: boolean | undefined; onCheck: (key: string) => void }) {
  const id = useId();
  const [choice, setChoice] = useState<string | undefined>(picked);
  return (
    <form
      class="lab-diagnosis"
      onSubmit={(event) => {
        event.preventDefault();
        if (choice !== undefined) onCheck(choice);
      }}
    >
      <fieldset aria-describedby={right === undefined ? undefined : `${id}-verdict`}>
        <legend dangerouslySetInnerHTML={{ __html: diagnosis.promptHtml.replace(/^<p>|<\/p>\s*$/g, '') }} />
        {diagnosis.choices.map((option) => (
          <label class="lab-diagnosis-choice" key={option.key}>
            <input type="radio" name={`${id}-cause`} value={option.key} checked={choice === option.key} onChange={() => setChoice(option.key)} /> {option.label}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={choice === undefined}>
        Check the diagnosis
      </button>
      {right !== undefined && picked !== undefined && (
        <p id={`${id}-verdict`} class={right ? 'lab-ok' : 'lab-error'}>
          {right ? '✓ Right: that is the root cause.' : '✗ Not this one. Look at the evidence again and try another.'}
        </p>
      )}
    </form>
  );
}

/** A hint ladder: the hints opened so far, and a button for the next one (the last one is marked as costing points). */
export function HintLadder({ hintsHtml, open, onMore }: { hintsHtml: string[]; open: number; onMore: () => void }) {
  const next = open + 1;
  return (
    <div class="lab-hint">
      {hintsHtml.slice(0, open).map((html, index) => (
        <div class="lab-hint-step" key={index}>
          <p class="lab-checks-head">
            Hint {index + 1} of {hintsHtml.length}
          </p>
          <div dangerouslySetInnerHTML={{ __html: html }} />
        </div>
      ))}
      {open < hintsHtml.length && (
        <button type="button" onClick={onMore}>
          {next === hintsHtml.length && hintsHtml.length > 1 ? `Show the last hint (${next} of ${hintsHtml.length}: halves this task's score)` : `Show hint ${next} of ${hintsHtml.length}`}
        </button>
      )}
    </div>
  );
}

/** The commands run while on this task. */
export function EvidenceLog({ evidence }: { evidence: readonly EvidenceEntry[] }) {
  if (evidence.length === 0) return null;
  return (
    <details class="lab-evidence">
      <summary>
        Evidence log ({evidence.length} command{evidence.length === 1 ? '' : 's'})
      </summary>
      <ol>
        {evidence.map((entry, index) => (
          <li key={index}>
            <code>{entry.command}</code> {entry.exitCode === 0 ? '' : <span class="muted">(exit {entry.exitCode})</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}
