/**
 * Build-time data of the Visualize step-through players: for one `<StepPlayer traces>` of a lesson,
 * every branch (a named trace of lesson.yaml with its steps, tracker and diagrams), computed once by
 * the simulator and shared by the page, which carries the first branch, and the player's JSON file
 * (`/players/<lesson>/<id>.json`), which carries the others and is fetched when the learner first
 * reaches for another branch. The tracker of every branch lists every actor of every branch, so no
 * row disappears when the learner flips the scenario.
 */
import { createHash } from 'node:crypto';
import type { PlayerBranch, PlayerBranchStub } from '../components/islands/StepPlayer.tsx';
import { flowDiagramInput, isDatapathTrace, lessonTrace, scenarioCluster } from './simulation.ts';
import { placeWords } from '../lib/simulator/datapath/places.ts';
import { getLessons } from './course.ts';
import { DIAGRAM_LAYOUTS, compactDiagram, layoutFlowDiagram, type FlowDiagramInput } from '../lib/visual/flow-diagram.ts';
import { completeTrackers, connectionSummary, lifecycleSummary, lifecycleWords } from '../lib/visual/player-text.ts';
import { isDnsTrace, isHttpTrace, isLifecycleTrace } from '../lib/course/lesson-schema.ts';
import { HTTP_WORDS, httpSummary } from '../lib/visual/http-text.ts';
import { DNS_WORDS, dnsSummary } from '../lib/visual/dns-text.ts';
import { stringListAttribute } from '../lib/course/mdx-usage.ts';
import type { ConnectResult } from '../lib/simulator/index.ts';

const cache = new Map<string, Promise<PlayerBranch[]>>();

/** The short, stable name of a player's data file: a hash of its trace list. */
export function playerDataName(traces: readonly string[]): string {
  return createHash('sha256').update(traces.join('\n')).digest('hex').slice(0, 12);
}

/** Path (under the site's base) of the JSON file holding a player's branches after the first. */
export function playerDataPath(slug: string, traces: readonly string[]): string {
  return `players/${slug}/${playerDataName(traces)}.json`;
}

/** What the branch switch needs of a branch whose data is not on the page. */
export function branchStub({ name, label, scenario, summary, allowed, steps }: PlayerBranch): PlayerBranchStub {
  return { name, label, scenario, summary, allowed, stepCount: steps.length };
}

/** Every player of every lesson page, as the lesson's slug and its trace list. */
export async function allPlayers(): Promise<{ slug: string; traces: string[] }[]> {
  return (await getLessons()).flatMap((lesson) =>
    Object.values(lesson.source.pages).flatMap((page) =>
      (page?.usages ?? []).filter((usage) => usage.name === 'StepPlayer').map((usage) => ({ slug: lesson.slug, traces: stringListAttribute(usage, 'traces') ?? [] })),
    ),
  );
}

/** The branches of one player, the first shown first (computed once per lesson and trace list). */
export function playerBranches(slug: string, traces: readonly string[]): Promise<PlayerBranch[]> {
  const key = `${slug}\n${traces.join('\n')}`;
  let branches = cache.get(key);
  if (!branches) {
    branches = buildBranches(slug, traces);
    cache.set(key, branches);
  }
  return branches;
}

async function buildBranches(slug: string, traces: readonly string[]): Promise<PlayerBranch[]> {
  const built = await Promise.all(
    traces.map(async (name) => {
      const { spec, result: traced } = await lessonTrace(slug, name);
      const steps = traced.steps.map(({ step, actor, action, details, result: outcome, outcome: kind, state }) => ({ step, actor, action, details, result: outcome, outcome: kind, state }));
      const cluster = scenarioCluster(slug, spec.scenario);
      const base = { name, label: spec.label ?? name, scenario: spec.scenario, allowed: traced.allowed, steps, actors: traced.actors, initialState: traced.initialState, cluster };
      // A DNS lookup: no packet path to draw; the process table lists each query, the tracker its answer.
      if (isDnsTrace(spec)) return { ...base, summary: dnsSummary(spec.from, spec.name, spec.type), words: DNS_WORDS };
      // An HTTP request: the tracker rows (client, DNS, load balancer, proxy, route table, endpoints, backend, HTTP) tell it.
      if (isHttpTrace(spec)) return { ...base, summary: httpSummary(spec.from, spec.method ?? 'GET', spec.url, spec.headers?.Host ?? spec.headers?.host), words: HTTP_WORDS };
      // A pod lifecycle: no packet path to draw; the process table and the tracker tell it.
      if (isLifecycleTrace(spec)) return { ...base, summary: lifecycleSummary(spec.action, spec.pod, spec.node), words: lifecycleWords(spec.action) };
      const result = traced as ConnectResult;
      const input: FlowDiagramInput = await flowDiagramInput(slug, name);
      // A trace that never reached its pod (the name did not resolve) still draws that pod as the one asked for.
      const namespace = spec.from.split('/')[0] ?? 'default';
      const asked = result.target?.dnsName ?? spec.to;
      const askedPod = cluster.model.pods.find((pod) => !pod.implicit && pod.namespace === namespace && pod.name === asked.split('.')[0]);
      const diagramInput = { ...input, destination: input.destination ?? (askedPod ? `${askedPod.namespace}/${askedPod.name}` : undefined) };
      return {
        ...base,
        ...(isDatapathTrace(spec, result) ? { places: result.steps.map((step) => (step.place ? placeWords(step.place) : null)) } : {}),
        summary: connectionSummary(spec.from, asked, spec.protocol, spec.port),
        diagrams: compactDiagram({ wide: layoutFlowDiagram(diagramInput, DIAGRAM_LAYOUTS.wide), narrow: layoutFlowDiagram(diagramInput, DIAGRAM_LAYOUTS.narrow) }),
      };
    }),
  );
  // Actors a branch never reaches keep their state from before the first step: a pod that is not
  // running says so (its phase), anything else takes its starting state from a branch that has it.
  return completeTrackers(built, (actor, trace) => {
    const pod = trace.cluster.model.pods.find((candidate) => !candidate.implicit && candidate.name === actor);
    if (pod && !pod.ready) return `${pod.phase}, not ready`;
    return built.find((other) => other.actors.includes(actor))?.initialState[actor] ?? '';
  }).map(({ cluster: _cluster, ...branch }) => branch);
}
