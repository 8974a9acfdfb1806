/**
 * Visualize mode's step-through player: one request's process flow diagram, process table and
 * status tracker, kept in step and kept on screen together. Play, pause, step, restart, speed,
 * keyboard shortcuts, and a switch between branches of the scenario (policy allows, policy denies,
 * pod-b not running). The diagram draws the request hop by hop; the table follows the current step
 * in its own scroller (a column of cards on a laptop, a row of cards on a phone); the tracker shows
 * each actor's state now, with the full grid one click away. When the learner steps, the page
 * scrolls just enough to show the controls, caption, diagram, current row and tracker together.
 * Key-moment links (`data-step-link="branch:step"`) jump the player to the step they cite and
 * offer the way back. Branch changes are announced as `knet:player-branch` events (the Visualize
 * terminal follows them). Everything shown is computed at build time by the simulator.
 * State: the player reducer (branch, position, playing, speed), whether the full grid is open,
 * and where a key-moment jump came from.
 */
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { TraceStep } from '../../lib/simulator/types.ts';
import { initialPlayerState, parseStepReference, playerReducer, PLAYER_SPEEDS, stepDelay, type PlayerAction } from '../../lib/visual/player.ts';
import { captionParts, changedActors, CONNECTION_WORDS, type OutcomeWords } from '../../lib/visual/player-text.ts';
import { FlowFigure, type FlowDiagrams } from './FlowDiagramSvg.tsx';

/** One trace step, as the table and tracker need it. */
export type PlayerStep = Omit<TraceStep, 'phase'>;

/** One branch of the scenario: a trace with its diagram. */
export interface PlayerBranch {
  /** Trace name, used in anchors (`<name>-step-N`). */
  name: string;
  /** What the switch calls it, e.g. "Policy allows". */
  label: string;
  /** The scenario file the trace runs on (the terminal follows it). */
  scenario: string;
  /** What connects to what, e.g. "pod-a → pod-b on TCP port 8080". */
  summary: string;
  allowed: boolean;
  steps: PlayerStep[];
  /** Status tracker rows, in order (the same in every branch). */
  actors: string[];
  initialState: Record<string, string>;
  /** The diagram at both sizes (connections; a pod lifecycle has none: its tracker tells the story). */
  diagrams?: FlowDiagrams;
  /** How the outcome is worded (a connection's words when absent). */
  words?: OutcomeWords;
  /** Datapath traces: per step, where the packet is and the route looked up there (null for steps that move no packet). */
  places?: ({ where: string; route: string } | null)[];
}

/** A step's place in words, for screen readers: "On node-1's eth0, route default via 172.18.0.1 dev eth0." */
const placeSpoken = (place: { where: string; route: string } | null | undefined) => (place ? ` ${place.where}${place.route ? `, route ${place.route}` : ''}.` : '');

/** A branch whose data stays off the page until the learner reaches for it: what the switch shows. */
export interface PlayerBranchStub extends Pick<PlayerBranch, 'name' | 'label' | 'scenario' | 'summary' | 'allowed'> {
  /** How many steps the branch has (key moments may jump into it before it loads). */
  stepCount: number;
}

/** Whether the branch's steps and diagrams are here (not a stub). */
const isLoaded = (branch: PlayerBranch | PlayerBranchStub): branch is PlayerBranch => 'steps' in branch;

interface Props {
  /** The branches, the first shown first and always in full; the others may be stubs loaded from `othersUrl`. */
  branches: [PlayerBranch, ...(PlayerBranch | PlayerBranchStub)[]];
  /** JSON file with every branch after the first, in full, fetched the first time the learner reaches for one. */
  othersUrl?: string | undefined;
  /** Unique id prefix on the page. */
  id: string;
}

/** How far the page should move after a change: not at all (ticks), to show the stage, or to show the switch too (a jump). */
type Follow = 'none' | 'stage' | 'jump';

const prefersReducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/** Scrolls `container` (either axis) so that `item` is centred in it, without moving the page. */
function centreIn(container: HTMLElement, item: HTMLElement | null) {
  const box = container.getBoundingClientRect();
  if (!item) {
    container.scrollTo({ left: 0, top: 0, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    return;
  }
  const rect = item.getBoundingClientRect();
  container.scrollTo({
    left: container.scrollLeft + rect.left - box.left - (box.width - rect.width) / 2,
    top: container.scrollTop + rect.top - box.top - (box.height - rect.height) / 2,
    behavior: prefersReducedMotion() ? 'auto' : 'smooth',
  });
}

/** The step-through player. */
export default function StepPlayer({ branches, othersUrl, id }: Props) {
  const lengths = Object.fromEntries(branches.map((branch) => [branch.name, isLoaded(branch) ? branch.steps.length : branch.stepCount]));
  const [state, dispatch] = useReducer(playerReducer, lengths, (initial) => initialPlayerState(initial));
  const [loaded, setLoaded] = useState<Record<string, PlayerBranch>>(() => Object.fromEntries(branches.filter(isLoaded).map((branch) => [branch.name, branch])));
  const [pending, setPending] = useState<string | null>(null);
  const pendingRef = useRef<string | null>(null);
  const [loadError, setLoadError] = useState('');
  const loading = useRef<Promise<PlayerBranch[]> | null>(null);
  const [showGrid, setShowGrid] = useState(false);
  const [returnTo, setReturnTo] = useState<HTMLElement | null>(null);
  const follow = useRef<Follow>('none');
  const rootRef = useRef<HTMLElement>(null);
  const branchesRef = useRef<HTMLFieldSetElement>(null);
  const controlsRef = useRef<HTMLDivElement>(null);
  const captionRef = useRef<HTMLParagraphElement>(null);
  const figureRef = useRef<HTMLDivElement>(null);
  const nowRef = useRef<HTMLDivElement>(null);
  const stepsRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const branch = loaded[state.branch] ?? branches[0];
  const names = branches.map((candidate) => candidate.name);
  const position = state.position;
  const finished = position === branch.steps.length;

  /** Fetches the branches after the first (once; again after a failure). */
  const loadOthers = (): Promise<PlayerBranch[]> => {
    if (!loading.current) {
      loading.current = fetch(othersUrl ?? '')
        .then((response) => {
          if (!othersUrl || !response.ok) throw new Error(`HTTP ${response.status}`);
          return response.json() as Promise<PlayerBranch[]>;
        })
        .then((others) => {
          setLoaded((now) => ({ ...now, ...Object.fromEntries(others.map((other) => [other.name, other])) }));
          setLoadError('');
          return others;
        });
      loading.current.catch(() => {
        loading.current = null;
      });
    }
    return loading.current;
  };

  /** A learner's action: it moves the page to keep the player in view. A branch not yet here is loaded first. */
  const act = (action: PlayerAction, how: Follow = 'stage') => {
    // While another branch loads, the steps shown are the old branch's: stepping them would be lost.
    if (pendingRef.current && action.type !== 'branch') return;
    if (action.type === 'branch' && !loaded[action.branch] && othersUrl) {
      pendingRef.current = action.branch;
      setPending(action.branch);
      loadOthers().then(
        () => {
          pendingRef.current = null;
          setPending(null);
          follow.current = how;
          dispatch(action);
        },
        (error: unknown) => {
          pendingRef.current = null;
          setPending(null);
          setLoadError(`This scenario could not be loaded (${error instanceof Error ? error.message : String(error)}). Choose it again to retry.`);
        },
      );
      return;
    }
    follow.current = how;
    dispatch(action);
  };

  useEffect(() => {
    if (!state.playing) return undefined;
    const timer = window.setTimeout(() => dispatch({ type: 'tick' }), stepDelay(state));
    return () => window.clearTimeout(timer);
  }, [state.playing, state.position, state.speed]);

  // The table and the full tracker follow the current step inside their own scrollers; the page follows a learner's action.
  useLayoutEffect(() => {
    const steps = stepsRef.current;
    if (steps) centreIn(steps, steps.querySelector<HTMLElement>('tr[aria-current="step"]'));
    const grid = gridRef.current;
    if (grid && showGrid) centreIn(grid, grid.querySelector<HTMLElement>('th[aria-current="step"]'));
    const how = follow.current;
    follow.current = 'none';
    if (how === 'none') return;
    const parts = how === 'jump' ? [branchesRef, captionRef, stepsRef] : [controlsRef, captionRef, figureRef, stepsRef, nowRef];
    const rects = parts.map((ref) => ref.current?.getBoundingClientRect()).filter((rect): rect is DOMRect => !!rect && rect.height > 0);
    if (rects.length === 0) return;
    const top = Math.min(...rects.map((rect) => rect.top));
    const bottom = Math.max(...rects.map((rect) => rect.bottom));
    if (how !== 'jump' && top >= 0 && bottom <= window.innerHeight) return;
    window.scrollBy({ top: top - 8, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  }, [state.branch, position, showGrid]);

  // On a phone the cards scroll sideways: a card the learner swipes into the middle becomes the current step.
  const swiping = useRef(false);
  useEffect(() => {
    const steps = stepsRef.current;
    if (!steps) return undefined;
    const start = () => {
      swiping.current = true;
    };
    const settle = () => {
      if (!swiping.current) return;
      swiping.current = false;
      if (steps.scrollWidth <= steps.clientWidth + 4) return;
      const box = steps.getBoundingClientRect();
      const middle = box.left + box.width / 2;
      let closest: { step: number; distance: number } | null = null;
      for (const row of steps.querySelectorAll<HTMLElement>('tbody tr')) {
        const rect = row.getBoundingClientRect();
        const distance = Math.abs(rect.left + rect.width / 2 - middle);
        if (!closest || distance < closest.distance) closest = { step: Number(row.dataset.step), distance };
      }
      if (closest && closest.step !== positionRef.current) dispatch({ type: 'seek', position: closest.step });
    };
    const events = ['pointerdown', 'touchstart', 'wheel', 'keydown'];
    for (const name of events) steps.addEventListener(name, start, { passive: true });
    steps.addEventListener('scrollend', settle);
    return () => {
      for (const name of events) steps.removeEventListener(name, start);
      steps.removeEventListener('scrollend', settle);
    };
  }, []);
  const positionRef = useRef(position);
  positionRef.current = position;

  // Announced only when the branch differs from the one the page was built with: the terminal that
  // follows the player hydrates on this event, and a page only stepped through should not load it.
  const announcedBranch = useRef(branches[0]!.name);
  useEffect(() => {
    if (branch.name === announcedBranch.current) return;
    announcedBranch.current = branch.name;
    document.dispatchEvent(new CustomEvent('knet:player-branch', { detail: { branch: branch.name, scenario: branch.scenario, label: branch.label } }));
  }, [branch.name]);

  // Key moments (and any link to `#<branch>-step-N`) jump the player to the cited step.
  useEffect(() => {
    const jump = (reference: string, from: HTMLElement | null) => {
      const target = parseStepReference(reference, names);
      if (!target) return false;
      setReturnTo(from);
      act({ type: 'branch', branch: target.branch, position: target.position }, 'jump');
      rootRef.current?.focus({ preventScroll: true });
      return true;
    };
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.<HTMLElement>('[data-step-link]');
      if (link && !rootRef.current?.contains(link) && jump(link.getAttribute('data-step-link') ?? '', link)) event.preventDefault();
    };
    document.addEventListener('click', onClick);
    if (location.hash) jump(location.hash, null);
    return () => document.removeEventListener('click', onClick);
  }, []);

  const goBack = () => {
    const link = returnTo;
    setReturnTo(null);
    if (!link) return;
    link.scrollIntoView({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    link.focus({ preventScroll: true });
  };

  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.tagName === 'SELECT' || target.tagName === 'INPUT') return;
    const actions: Record<string, () => void> = {
      k: () => act({ type: 'toggle' }),
      ArrowRight: () => act({ type: 'next' }),
      l: () => act({ type: 'next' }),
      ArrowLeft: () => act({ type: 'previous' }),
      j: () => act({ type: 'previous' }),
      Home: () => act({ type: 'restart' }),
      End: () => act({ type: 'end' }),
    };
    if (event.key === ' ' && target.tagName !== 'BUTTON') actions[' '] = actions.k!;
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const words = branch.words ?? CONNECTION_WORDS;
  const caption = captionParts(branch.steps, position, branch.allowed, words);
  const stateNow = position === 0 ? branch.initialState : (branch.steps[position - 1]?.state ?? {});
  const changed = changedActors(branch, position);
  const columnName = position === 0 ? 'Start' : `After step ${position}`;
  const place = branch.places?.[position - 1];

  return (
    <section class="step-player" aria-label="Step-through player" aria-busy={pending ? 'true' : undefined} tabindex={-1} ref={rootRef} onKeyDown={onKey} data-branch={branch.name} data-scenario={branch.scenario} data-branch-label={branch.label} data-position={position}>
      <div class="player-head">
        <fieldset
          class="player-branches"
          ref={branchesRef}
          // The learner is about to switch: fetch the other branches now, so the switch answers at once.
          onPointerEnter={() => othersUrl && void loadOthers().catch(() => undefined)}
          onFocusIn={() => othersUrl && void loadOthers().catch(() => undefined)}
        >
          <legend>Scenario</legend>
          {branches.map((candidate) => (
            <label class={candidate.name === (pending ?? branch.name) ? 'is-chosen' : ''}>
              <input
                type="radio"
                name={`${id}-branch`}
                value={candidate.name}
                checked={candidate.name === (pending ?? branch.name)}
                onChange={() => act({ type: 'branch', branch: candidate.name }, 'none')}
              />
              <span>{candidate.label}</span>
            </label>
          ))}
        </fieldset>
        {loadError && <p class="player-load-error" role="alert">{loadError}</p>}
        <p class="player-summary">
          {branch.summary}: <strong class={branch.allowed ? 'outcome-ok' : 'outcome-denied'}>{branch.allowed ? words.ok : words.failed}</strong>.
        </p>
        {returnTo && (
          <p class="player-return">
            <button type="button" class="link-button" onClick={goBack}>
              ↩ Back to where you were reading
            </button>
          </p>
        )}
      </div>

      {/* Buttons at either end are aria-disabled, not disabled, so keyboard focus is never dropped mid-walkthrough. */}
      <div class="player-controls" role="group" aria-label="Playback" aria-disabled={pending ? 'true' : undefined} ref={controlsRef}>
        <button type="button" onClick={() => act({ type: 'restart' })} aria-disabled={position === 0} aria-keyshortcuts="Home">
          <span class="narrow-only" aria-hidden="true">
            ↺
          </span>
          <span class="wide-only">Restart</span>
        </button>
        <button type="button" onClick={() => act({ type: 'previous' })} aria-disabled={position === 0} aria-keyshortcuts="ArrowLeft">
          <span aria-hidden="true">◀ </span>
          <span class="wide-only">Step </span>back
        </button>
        <button type="button" class="button-primary player-play" onClick={() => act({ type: 'toggle' })} aria-pressed={state.playing} aria-keyshortcuts="k">
          {state.playing ? 'Pause' : finished ? 'Replay' : 'Play'}
        </button>
        <button type="button" onClick={() => act({ type: 'next' })} aria-disabled={finished} aria-keyshortcuts="ArrowRight">
          <span class="wide-only">Step </span>forward<span aria-hidden="true"> ▶</span>
        </button>
        <label class="player-speed">
          <span class="wide-only">Speed </span>
          <select value={String(state.speed)} aria-label="Speed" onChange={(event) => dispatch({ type: 'speed', speed: Number((event.target as HTMLSelectElement).value) })}>
            {PLAYER_SPEEDS.map((speed) => (
              <option value={String(speed)}>{speed}×</option>
            ))}
          </select>
        </label>
      </div>

      <div class="player-stage">
        <div class="player-view">
          <p class="player-caption" role="status" aria-live="polite" ref={captionRef}>
            {caption.lead}
            {caption.result && <span class="caption-result"> {caption.result}</span>}
            {caption.ending && <strong class={branch.allowed ? 'outcome-ok' : 'outcome-denied'}> {caption.ending}</strong>}
            {place && <span class="visually-hidden">{placeSpoken(place)}</span>}
          </p>
          {branch.diagrams && <div class="player-figure" ref={figureRef}>
            <FlowFigure
              diagrams={branch.diagrams}
              idPrefix={`${id}-${branch.name}`}
              title={`Process flow: ${branch.summary}`}
              description={branch.steps.map((step, index) => `Step ${step.step}: ${step.action}, ${step.result}.${placeSpoken(branch.places?.[index])}`).join(' ')}
              current={position}
              onStep={(step) => act({ type: 'seek', position: step })}
            />
            {branch.places && (
              <p class="player-place" aria-hidden="true">
                {place && place.where}
                {place?.route && (
                  <>
                    , route <code>{place.route}</code>
                  </>
                )}
              </p>
            )}
            <p class="flow-legend" aria-hidden="true">
              <span class="legend-request">request</span> <span class="legend-reply">reply</span> <span class="legend-dns">DNS lookup</span>{' '}
              <span class="legend-check">policy check (egress: leaving a pod, ingress: entering it)</span> <span class="legend-stop">stopped</span>
            </p>
          </div>}
          <div class="player-now" ref={nowRef} role="region" aria-label={`Status tracker, now, ${branch.label}`}>
            <table class="player-tracker-now" role="table">
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader" class="visually-hidden">
                    Actor
                  </th>
                  <th scope="col" role="columnheader" aria-current="step" class="is-current">
                    {position === 0 ? 'Each actor at the start' : `Each actor after step ${position}`}
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {branch.actors.map((actor) => (
                  <tr role="row" class={changed.has(actor) ? 'is-changed' : ''}>
                    <th scope="row" role="rowheader">
                      {actor}
                      {changed.has(actor) && <span class="visually-hidden"> (changed at this step)</span>}
                    </th>
                    <td role="cell" class="is-current">
                      {stateNow[actor] ?? ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" class="link-button player-grid-toggle" aria-expanded={showGrid} aria-controls={`${id}-grid`} onClick={() => setShowGrid(!showGrid)}>
              {showGrid ? 'Hide the full status tracker' : 'Full status tracker (every step)'}
            </button>
          </div>
        </div>

        <div class="player-steps" ref={stepsRef} tabindex={0} role="region" aria-label={`Process table, ${branch.label}`}>
          <table class="player-table" role="table">
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">
                  Step
                </th>
                <th scope="col" role="columnheader">
                  Actor
                </th>
                <th scope="col" role="columnheader">
                  Action
                </th>
                <th scope="col" role="columnheader">
                  Details
                </th>
                <th scope="col" role="columnheader">
                  Result
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {branch.steps.map((step) => (
                <tr
                  role="row"
                  id={`${branch.name}-step-${step.step}`}
                  class={`${step.step === position ? 'is-current' : ''}${step.step > position && position > 0 ? ' is-future' : ''}`}
                  aria-current={step.step === position ? 'step' : undefined}
                  data-outcome={step.outcome}
                  data-step={step.step}
                >
                  <th scope="row" role="rowheader" class="cell-step">
                    <button type="button" class="step-button" onClick={() => act({ type: 'seek', position: step.step })} aria-label={`Go to step ${step.step}`}>
                      {step.step}
                    </button>
                  </th>
                  <td role="cell" class="cell-actor">
                    {step.actor}
                  </td>
                  <td role="cell" class="cell-action">
                    {step.action}
                  </td>
                  <td role="cell" class="cell-details">
                    {step.details}
                  </td>
                  <td role="cell" class={`cell-result outcome-${step.outcome}`}>
                    {step.result}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="player-steps-cue" aria-hidden="true">
            Step {Math.max(position, 1)} of {branch.steps.length} · swipe for the other steps
          </p>
        </div>
      </div>

      <div class="player-grid" id={`${id}-grid`} hidden={!showGrid} ref={gridRef} tabindex={0} role="region" aria-label={`Status tracker, every step, ${branch.label}`}>
        <table class="player-tracker">
          <thead>
            <tr>
              <th scope="col">Actor</th>
              <th scope="col" class={position === 0 ? 'is-current' : ''} aria-current={position === 0 ? 'step' : undefined}>
                Start
              </th>
              {branch.steps.map((step) => (
                <th scope="col" class={step.step === position ? 'is-current' : ''} aria-current={step.step === position ? 'step' : undefined}>
                  After step {step.step}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {branch.actors.map((actor) => (
              <tr>
                <th scope="row">{actor}</th>
                <td class={position === 0 ? 'is-current' : ''}>{branch.initialState[actor] ?? ''}</td>
                {branch.steps.map((step) => (
                  <td class={step.step === position ? 'is-current' : ''}>{step.state[actor] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="player-grid-cue muted" hidden={!showGrid} aria-hidden="true">
        {columnName} is highlighted; scroll sideways for the other steps.
      </p>
      <p class="muted player-keys">
        Keys when the player has focus: <kbd>k</kbd> or <kbd>Space</kbd> play/pause, <kbd>←</kbd> <kbd>→</kbd> step, <kbd>Home</kbd> restart,{' '}
        <kbd>End</kbd> last step.
      </p>
    </section>
  );
}
