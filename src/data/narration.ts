/**
 * Build-time data of Listen mode: a lesson's transcript split into sentences, and for each cue of
 * lesson.yaml's `narration` the trace step the diagram shows, resolved against the simulator's trace
 * (computed once per lesson). The page carries the first cue's diagram; `/narration/<lesson>.json`
 * carries them all, fetched when the learner reaches for the player.
 */
import { getLesson, getLessons } from './course.ts';
import { paragraphs } from '../lib/course/course.ts';
import { splitSentences } from '../lib/narration/sentences.ts';
import { placeCues, type PlacedCue } from '../lib/narration/cues.ts';
import { flowDiagramInput, lessonTrace } from './simulation.ts';
import { isDnsTrace, isHttpTrace, isLifecycleTrace } from '../lib/course/lesson-schema.ts';
import { compactDiagram, DIAGRAM_LAYOUTS, layoutFlowDiagram } from '../lib/visual/flow-diagram.ts';
import type { NarrationDiagram } from '../components/islands/ReadAlong.tsx';
import type { Sentence } from '../lib/narration/sentences.ts';

/** A lesson's narration: its sentences, every cued trace's diagram by name, and the cues placed on sentences. */
export interface Narration {
  sentences: Sentence[];
  diagrams: Record<string, NarrationDiagram>;
  cues: PlacedCue[];
}

const cache = new Map<string, Promise<Narration>>();

/** Path (under the site's base) of the JSON file holding every cued diagram of a lesson. */
export function narrationDataPath(slug: string): string {
  return `narration/${slug}.json`;
}

/** Slugs of the lessons that have a narration with cues. */
export async function narratedLessons(): Promise<string[]> {
  return (await getLessons()).filter((lesson) => lesson.meta.narration.length > 0).map((lesson) => lesson.slug);
}

/** The narration of a lesson (computed once). */
export function narrationDiagrams(slug: string): Promise<Narration> {
  let narration = cache.get(slug);
  if (!narration) {
    narration = buildNarration(slug);
    cache.set(slug, narration);
  }
  return narration;
}

async function buildNarration(slug: string): Promise<Narration> {
  const lesson = await getLesson(slug);
  const sentences = splitSentences(paragraphs(lesson.meta.transcript));
  // The diagram follows the narration: each cue names a trace phase, resolved here to a step of the simulator's trace.
  const traceNames = [...new Set(lesson.meta.narration.map((cue) => cue.trace))];
  type Traced = Omit<NarrationDiagram, 'steps'> & { steps: (NarrationDiagram['steps'][number] & { phase: string })[] };
  const diagrams: Record<string, Traced> = Object.fromEntries(
    await Promise.all(
      traceNames.map(async (name) => {
        const { spec, result } = await lessonTrace(slug, name);
        if (isLifecycleTrace(spec) || isDnsTrace(spec) || isHttpTrace(spec)) {
          // A lifecycle, DNS or HTTP trace has no flow diagram: the figure shows its tracker rows (pod phase, kubelet,
          // runtime, plugins, IPAM; the client, each query sent and the answer; or the request's hops and status).
          const steps = result.steps.map((step) => ({ step: step.step, action: step.action, result: step.result, phase: step.phase, state: step.state }));
          return [name, { label: spec.label ?? name, rows: { names: result.actors, initial: result.initialState }, steps }] as const;
        }
        const input = await flowDiagramInput(slug, name);
        const diagrams = compactDiagram({ wide: layoutFlowDiagram(input, DIAGRAM_LAYOUTS.wide), narrow: layoutFlowDiagram(input, DIAGRAM_LAYOUTS.narrow) });
        const steps = result.steps.map((step) => ({ step: step.step, action: step.action, result: step.result, phase: step.phase }));
        return [name, { label: spec.label ?? name, diagrams, steps }] as const;
      }),
    ),
  );
  let cues: PlacedCue[];
  try {
    cues = placeCues(
      sentences,
      lesson.meta.narration.map((cue, index) => {
        const steps = diagrams[cue.trace]?.steps;
        if (!steps) throw new Error(`narration[${index}].trace: no trace "${cue.trace}" under traces.`);
        const matching = steps.filter((step) => step.phase === cue.phase);
        const step = cue.which === 'last' ? matching.at(-1) : matching[0];
        if (cue.phase !== 'start' && !step) throw new Error(`narration[${index}].phase: trace "${cue.trace}" has no ${cue.phase} step.`);
        return { at: cue.at, trace: cue.trace, position: step?.step ?? 0 };
      }),
    );
  } catch (error) {
    throw new Error(`content/lessons/${slug}/lesson.yaml: ${(error as Error).message}`);
  }
  return { sentences, diagrams, cues };
}
