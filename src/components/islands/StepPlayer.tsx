/**
 * Visualize mode's step-through player: one request's process flow diagram,
 * process table and status tracker, kept in step. Play, pause, step forward and
 * back, restart, speed, keyboard shortcuts, and a switch between branches of the
 * scenario (policy allows, policy denies, pod-b not running). Key-moment links
 * (`data-step-link="branch:step"`) jump the player to the step they cite.
 * Everything shown is computed at build time by the simulator and passed in as props.
 * State: the player reducer (branch, position, playing, speed).
 */
import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { FlowDiagram } from '../../lib/visual/flow-diagram.ts';
import type { TraceStep } from '../../lib/simulator/types.ts';
import { initialPlayerState, parseStepReference, playerReducer, PLAYER_SPEEDS, stepDelay } from '../../lib/visual/player.ts';
import FlowDiagramSvg from './FlowDiagramSvg.tsx';

/** One trace step, as the table and tracker need it. */
export type PlayerStep = Omit<TraceStep, 'phase'>;

/** One branch of the scenario: a trace with its diagram. */
export interface PlayerBranch {
  /** Trace name, used in anchors (`<name>-step-N`). */
  name: string;
  /** What the switch calls it, e.g. "Policy allows". */
  label: string;
  /** One line: what is connected, e.g. "default/pod-a → pod-b on TCP/8080 (allow scenario)". */
  summary: string;
  allowed: boolean;
  reason: string;
  steps: PlayerStep[];
  /** Status tracker rows, in order. */
  actors: string[];
  initialState: Record<string, string>;
  diagram: FlowDiagram;
}

interface Props {
  /** The branches, the first shown first. */
  branches: PlayerBranch[];
  /** Unique id prefix on the page. */
  id: string;
}

/** The step-through player. */
export default function StepPlayer({ branches, id }: Props) {
  const lengths = Object.fromEntries(branches.map((branch) => [branch.name, branch.steps.length]));
  const [state, dispatch] = useReducer(playerReducer, lengths, (initial) => initialPlayerState(initial));
  const rootRef = useRef<HTMLElement>(null);
  const branch = branches.find((candidate) => candidate.name === state.branch) ?? branches[0]!;
  const current = branch.steps[state.position - 1];
  const names = branches.map((candidate) => candidate.name);

  useEffect(() => {
    if (!state.playing) return undefined;
    const timer = window.setTimeout(() => dispatch({ type: 'tick' }), stepDelay(state));
    return () => window.clearTimeout(timer);
  }, [state.playing, state.position, state.speed]);

  // Key moments (and any link to `#<branch>-step-N`) jump the player to the cited step.
  useEffect(() => {
    const jump = (reference: string) => {
      const target = parseStepReference(reference, names);
      if (!target) return false;
      dispatch({ type: 'branch', branch: target.branch, position: target.position });
      rootRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      rootRef.current?.focus({ preventScroll: true });
      return true;
    };
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('[data-step-link]');
      if (link && jump(link.getAttribute('data-step-link') ?? '')) event.preventDefault();
    };
    document.addEventListener('click', onClick);
    if (location.hash) jump(location.hash);
    return () => document.removeEventListener('click', onClick);
  }, []);

  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.tagName === 'SELECT' || target.tagName === 'INPUT') return;
    const actions: Record<string, () => void> = {
      k: () => dispatch({ type: 'toggle' }),
      ArrowRight: () => dispatch({ type: 'next' }),
      l: () => dispatch({ type: 'next' }),
      ArrowLeft: () => dispatch({ type: 'previous' }),
      j: () => dispatch({ type: 'previous' }),
      Home: () => dispatch({ type: 'restart' }),
      End: () => dispatch({ type: 'end' }),
    };
    if (event.key === ' ' && target.tagName !== 'BUTTON') actions[' '] = actions.k!;
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const caption =
    state.position === 0
      ? `Start: nothing has happened yet. ${branch.steps.length} steps to go.`
      : `Step ${state.position} of ${branch.steps.length}: ${current?.action}. ${current?.result}.`;
  const finished = state.position === branch.steps.length;

  return (
    <section class="step-player" aria-label="Step-through player" tabindex={-1} ref={rootRef} onKeyDown={onKey} data-branch={branch.name} data-position={state.position}>
      <fieldset class="player-branches">
        <legend>Scenario</legend>
        {branches.map((candidate) => (
          <label>
            <input
              type="radio"
              name={`${id}-branch`}
              value={candidate.name}
              checked={candidate.name === branch.name}
              onChange={() => dispatch({ type: 'branch', branch: candidate.name })}
            />{' '}
            {candidate.label}
          </label>
        ))}
      </fieldset>
      <p class="player-summary">
        {branch.summary}: <strong class={branch.allowed ? 'outcome-ok' : 'outcome-denied'}>{branch.allowed ? 'the connection succeeds' : 'the connection fails'}</strong>.
      </p>

      {/* Buttons at either end are aria-disabled, not disabled, so keyboard focus is never dropped mid-walkthrough. */}
      <div class="player-controls" role="group" aria-label="Playback">
        <button type="button" onClick={() => dispatch({ type: 'restart' })} aria-disabled={state.position === 0} aria-keyshortcuts="Home">
          Restart
        </button>
        <button type="button" onClick={() => dispatch({ type: 'previous' })} aria-disabled={state.position === 0} aria-keyshortcuts="ArrowLeft">
          Step back
        </button>
        <button type="button" class="button-primary" onClick={() => dispatch({ type: 'toggle' })} aria-pressed={state.playing} aria-keyshortcuts="k">
          {state.playing ? 'Pause' : finished ? 'Replay' : 'Play'}
        </button>
        <button type="button" onClick={() => dispatch({ type: 'next' })} aria-disabled={finished} aria-keyshortcuts="ArrowRight">
          Step forward
        </button>
        <label>
          Speed{' '}
          <select value={String(state.speed)} onChange={(event) => dispatch({ type: 'speed', speed: Number((event.target as HTMLSelectElement).value) })}>
            {PLAYER_SPEEDS.map((speed) => (
              <option value={String(speed)}>{speed}×</option>
            ))}
          </select>
        </label>
      </div>
      <p class="player-caption" role="status" aria-live="polite">
        {caption}
        {finished && !branch.allowed ? ` Why: ${branch.reason}` : ''}
      </p>

      <FlowDiagramSvg
        diagram={branch.diagram}
        idPrefix={`${id}-${branch.name}`}
        title={`Process flow: ${branch.summary}`}
        description={branch.steps.map((step) => `Step ${step.step}: ${step.action}, ${step.result}.`).join(' ')}
        current={state.position || undefined}
        onStep={(step) => dispatch({ type: 'seek', position: step })}
      />

      <h3>Process table</h3>
      <div class="table-scroll" tabindex={0} role="region" aria-label={`Process table, ${branch.label}`}>
        <table class="player-table">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Details</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {branch.steps.map((step) => (
              <tr
                id={`${branch.name}-step-${step.step}`}
                class={`${step.step === state.position ? 'is-current' : ''}${step.step > state.position && state.position > 0 ? ' is-future' : ''}`}
                aria-current={step.step === state.position ? 'step' : undefined}
                data-outcome={step.outcome}
              >
                <th scope="row">
                  <button type="button" class="step-button" onClick={() => dispatch({ type: 'seek', position: step.step })} aria-label={`Go to step ${step.step}`}>
                    {step.step}
                  </button>
                </th>
                <td>{step.actor}</td>
                <td>{step.action}</td>
                <td>{step.details}</td>
                <td class={`outcome-${step.outcome}`}>{step.result}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>Status tracker</h3>
      <div class="table-scroll" tabindex={0} role="region" aria-label={`Status tracker, ${branch.label}`}>
        <table class="player-tracker">
          <thead>
            <tr>
              <th scope="col">Actor</th>
              <th scope="col" class={state.position === 0 ? 'is-current' : ''} aria-current={state.position === 0 ? 'step' : undefined}>
                Start
              </th>
              {branch.steps.map((step) => (
                <th scope="col" class={step.step === state.position ? 'is-current' : ''} aria-current={step.step === state.position ? 'step' : undefined}>
                  After step {step.step}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {branch.actors.map((actor) => (
              <tr>
                <th scope="row">{actor}</th>
                <td class={state.position === 0 ? 'is-current' : ''}>{branch.initialState[actor] ?? ''}</td>
                {branch.steps.map((step) => (
                  <td class={step.step === state.position ? 'is-current' : ''}>{step.state[actor] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted player-keys">
        Keys when the player has focus: <kbd>k</kbd> or <kbd>Space</kbd> play/pause, <kbd>←</kbd> <kbd>→</kbd> step, <kbd>Home</kbd> restart,{' '}
        <kbd>End</kbd> last step.
      </p>
    </section>
  );
}
