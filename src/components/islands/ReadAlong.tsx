/**
 * Listen mode's narrated read-along. Speaks the transcript sentence by sentence
 * with the browser's speech synthesis, highlighting the sentence being spoken.
 * Where the browser has no voice (or the learner turns the voice off), the same
 * read-along advances on a timer, or sentence by sentence by hand.
 * State: the current sentence, playing or not, rate (a saved preference), voice on/off.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { readingSeconds, type Sentence } from '../../lib/narration/sentences.ts';
import { progress } from '../../client/progress.ts';
import { preferences } from '../../lib/progress/selectors.ts';
import { cueAt, type PlacedCue } from '../../lib/narration/cues.ts';
import { FlowFigure, type FlowDiagrams } from './FlowDiagramSvg.tsx';

/**
 * A trace's picture and step captions, for the figure that follows the narration: a connection trace's flow
 * diagram, or a lifecycle or DNS trace's tracker rows (each actor's state after the step; there is no flow diagram).
 */
export interface NarrationDiagram {
  label: string;
  /** The flow diagram at both sizes (connection traces). */
  diagrams?: FlowDiagrams;
  /** The tracker's rows in order, and their state before the first step (lifecycle and DNS traces). */
  rows?: { names: string[]; initial: Record<string, string> };
  steps: { step: number; action: string; result: string; state?: Record<string, string> }[];
}

interface Props {
  /** The lesson this narration belongs to (for progress). */
  lesson: string;
  /** The transcript's sentences, in order. */
  sentences: Sentence[];
  /** Diagrams by trace name, for the cues: on the page, those of the first cue's trace. */
  diagrams?: Record<string, NarrationDiagram>;
  /** JSON file with every cue's diagram, fetched when the learner first reaches for the narration. */
  othersUrl?: string | undefined;
  /** Where the diagram moves, by sentence. */
  cues?: PlacedCue[];
}

const RATES = [0.75, 1, 1.25, 1.5, 2];

/** A lifecycle or DNS trace's tracker at the cue's step: each row's state, the ones the step changed marked. */
function LifecycleRows({ rows, steps, position }: { rows: NonNullable<NarrationDiagram['rows']>; steps: NarrationDiagram['steps']; position: number }) {
  const now = position > 0 ? (steps[position - 1]?.state ?? rows.initial) : rows.initial;
  const before = position > 1 ? (steps[position - 2]?.state ?? rows.initial) : rows.initial;
  return (
    <table class="player-tracker-now">
      <thead>
        <tr>
          <th class="is-current" scope="col">
            {position > 0 ? `Status after step ${position}` : 'Status at the start'}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.names.map((name) => {
          const changed = position > 0 && now[name] !== before[name];
          return (
            <tr class={changed ? 'is-changed' : undefined}>
              <th scope="row">{name}</th>
              <td>
                {now[name] ?? '–'}
                {changed && <span class="visually-hidden"> (changed)</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function paragraphsOf(sentences: Sentence[]): Sentence[][] {
  const groups: Sentence[][] = [];
  for (const sentence of sentences) {
    const last = groups.at(-1);
    if (last && last[0]?.paragraph === sentence.paragraph) last.push(sentence);
    else groups.push([sentence]);
  }
  return groups;
}

function speechEngine(): SpeechSynthesis | undefined {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : undefined;
}

/** The read-along player. */
export default function ReadAlong({ lesson, sentences, diagrams: onPage = {}, cues = [], othersUrl }: Props) {
  const [current, setCurrent] = useState(0);
  const [diagrams, setDiagrams] = useState(onPage);
  const loading = useRef(false);
  /** Fetches the other cues' diagrams (once; again after a failure, when the figure keeps the last one it has). */
  const loadOthers = () => {
    if (!othersUrl || loading.current) return;
    loading.current = true;
    fetch(othersUrl)
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<Record<string, NarrationDiagram>>;
      })
      .then((others) => setDiagrams((now) => ({ ...now, ...others })))
      .catch(() => {
        loading.current = false;
      });
  };
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(1);
  const [hasVoice, setHasVoice] = useState(false);
  const [useVoice, setUseVoice] = useState(true);
  const [finished, setFinished] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const listRef = useRef<HTMLDivElement>(null);
  // Controls stay disabled until the island is live, so an early click on Play is not lost.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  useEffect(() => {
    setRate(preferences(progress().getState()).narrationRate);
    const engine = speechEngine();
    if (!engine) return;
    const check = () => setHasVoice(engine.getVoices().length > 0);
    check();
    engine.addEventListener?.('voiceschanged', check);
    return () => engine.removeEventListener?.('voiceschanged', check);
  }, []);

  const voiceActive = hasVoice && useVoice;

  const stop = () => {
    window.clearTimeout(timer.current);
    speechEngine()?.cancel();
  };

  const advance = (from: number) => {
    if (from + 1 >= sentences.length) {
      setPlaying(false);
      setFinished(true);
      progress().markDone(lesson, 'listen');
      return;
    }
    setCurrent(from + 1);
  };

  useEffect(() => {
    if (!playing) return undefined;
    const sentence = sentences[current];
    if (!sentence) return undefined;
    const engine = speechEngine();
    if (voiceActive && engine) {
      // An utterance cancelled by pause, a jump or a speed change may still report its end: ignore it then.
      let cancelled = false;
      const utterance = new SpeechSynthesisUtterance(sentence.text);
      utterance.rate = rate;
      utterance.onend = () => {
        if (!cancelled) advance(current);
      };
      engine.cancel();
      engine.speak(utterance);
      return () => {
        cancelled = true;
        stop();
      };
    } else {
      timer.current = window.setTimeout(() => advance(current), readingSeconds(sentence.text, rate) * 1000);
    }
    return stop;
  }, [playing, current, rate, voiceActive]);

  // The sentence being read stays in view once reading has moved on; waking up never scrolls the page
  // (it would pull a keyboard user away from where they are), and reduced motion scrolls without animation.
  const moved = useRef(false);
  useEffect(() => {
    const element = listRef.current?.querySelector<HTMLElement>(`[data-sentence="${current}"]`);
    if (moved.current) {
      const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      element?.scrollIntoView?.({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
    }
    moved.current = true;
    document.dispatchEvent(new CustomEvent('knet:narration', { detail: { sentence: current, total: sentences.length } }));
  }, [current]);

  const toggle = () => {
    if (playing) {
      stop();
      setPlaying(false);
    } else {
      if (finished) {
        setCurrent(0);
        setFinished(false);
      }
      setPlaying(true);
    }
  };

  const go = (index: number) => {
    stop();
    setCurrent(Math.max(0, Math.min(sentences.length - 1, index)));
    if (index >= sentences.length - 1) {
      setFinished(true);
      progress().markDone(lesson, 'listen');
    }
  };

  const changeRate = (value: number) => {
    setRate(value);
    progress().setPreference('narrationRate', value);
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.target instanceof HTMLSelectElement || event.target instanceof HTMLInputElement) return;
    if (event.key === 'k' || (event.key === ' ' && !(event.target instanceof HTMLButtonElement))) {
      event.preventDefault();
      toggle();
    } else if (event.key === 'j' || event.key === 'ArrowLeft') {
      go(current - 1);
    } else if (event.key === 'l' || event.key === 'ArrowRight') {
      go(current + 1);
    }
  };

  // The cue of this sentence, or while its diagram is still loading, the last cue before it that has one.
  const cue = cueAt(cues.filter((candidate) => diagrams[candidate.trace]), current) ?? cues[0];
  const shown = cue ? diagrams[cue.trace] : undefined;
  const shownStep = cue && shown ? shown.steps[cue.position - 1] : undefined;

  return (
    <div class="read-along" onKeyDown={onKey} onPointerEnter={loadOthers} onFocusIn={loadOthers} onTouchStart={loadOthers}>
      <div class="read-along-controls" role="group" aria-label="Narration controls">
        <button type="button" class="button-primary" onClick={toggle} aria-pressed={playing} disabled={!ready}>
          {playing ? 'Pause' : finished ? 'Play again' : 'Play'}
        </button>
        <button type="button" onClick={() => go(current - 1)} disabled={!ready || current === 0}>
          Previous sentence
        </button>
        <button type="button" onClick={() => go(current + 1)} disabled={!ready || current >= sentences.length - 1}>
          Next sentence
        </button>
        <label>
          Speed{' '}
          <select value={String(rate)} disabled={!ready} onChange={(event) => changeRate(Number((event.target as HTMLSelectElement).value))}>
            {RATES.map((value) => (
              <option value={String(value)}>{value}×</option>
            ))}
          </select>
        </label>
        {hasVoice && (
          <label>
            <input type="checkbox" checked={useVoice} onChange={(event) => setUseVoice((event.target as HTMLInputElement).checked)} /> Voice
          </label>
        )}
      </div>
      <p class="read-along-status" role="status" aria-live="polite">
        {finished
          ? 'Narration finished. Listen mode is done.'
          : `Sentence ${current + 1} of ${sentences.length}${voiceActive ? '' : hasVoice ? ' (voice off: advancing on a timer)' : ' (no voice in this browser: advancing on a timer)'}`}
      </p>
      {cue && shown && (
        <figure class="read-along-diagram">
          {shown.diagrams ? (
            <FlowFigure
              diagrams={shown.diagrams}
              idPrefix={`narration-${cue.trace}`}
              title={`Process flow, ${shown.label}`}
              description={shown.steps.map((step) => `Step ${step.step}: ${step.action}, ${step.result}.`).join(' ')}
              current={cue.position}
            />
          ) : shown.rows ? (
            <LifecycleRows rows={shown.rows} steps={shown.steps} position={cue.position} />
          ) : null}
          <figcaption>
            {shown.label}: {shownStep ? `step ${shownStep.step}, ${shownStep.action} (${shownStep.result})` : 'before the first step'}
          </figcaption>
        </figure>
      )}
      <div class="read-along-text" ref={listRef} aria-label="Transcript" role="region">
        {paragraphsOf(sentences).map((paragraph) => (
          <p>
            {paragraph.map((sentence) => (
              <>
                <span
                  data-sentence={sentence.index}
                  class={sentence.index === current ? 'sentence current' : 'sentence'}
                  aria-current={sentence.index === current ? 'true' : undefined}
                  onClick={() => go(sentence.index)}
                >
                  {sentence.text}
                </span>{' '}
              </>
            ))}
          </p>
        ))}
      </div>
    </div>
  );
}
