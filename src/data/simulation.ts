/**
 * Build-time access to the simulator for lesson pages: clusters built from a
 * lesson's scenario files, named traces from lesson.yaml (computed once per
 * lesson and shared by every page), and terminal sessions. Every table, tracker
 * and terminal output on a page comes from here, never from hand-typed text.
 */
import type { Cluster, ConnectResult } from '../lib/simulator/index.ts';
import type { OutputChunk } from '../lib/simulator/types.ts';
import { isDnsTrace, isHttpTrace, isLifecycleTrace, type TraceSpec } from '../lib/course/lesson-schema.ts';
import type { LessonTraceResult } from '../lib/course/contract-simulation.ts';
import { lessonBySlug, lessonLab, lessonSimulation, ROOT, scenarioText } from './course.ts';
import { buildScenario } from '../lib/course/contract-simulation.ts';
import { clusterOptions, type ClusterSettings } from '../lib/course/settings-schema.ts';
import { labNetworkFrom, type LabNetwork } from '../lib/lab/lab-state.ts';
import type { FlowDiagramInput } from '../lib/visual/flow-diagram.ts';
import { placeInterfaceId, placeInterfaces } from '../lib/simulator/datapath/places.ts';

/**
 * Whether a trace's diagram and player show the datapath (the nodes' interfaces, the route at each step): a
 * connection trace with node rows whose packet crosses the pod network without a Service in the way.
 */
export function isDatapathTrace(spec: TraceSpec, result: LessonTraceResult): boolean {
  if (isLifecycleTrace(spec) || isDnsTrace(spec) || isHttpTrace(spec) || !spec.nodeRows) return false;
  const steps = (result as ConnectResult).steps;
  return steps.some((step) => step.place) && !steps.some((step) => step.phase === 'service');
}

/** One command run in a terminal, with what it printed. */
export interface TerminalEntry {
  /** The command as typed. */
  command: string;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
  /** The exit code. */
  exitCode: number;
  /** Both streams in terminal order, when stderr came first (simulator/output.ts). */
  chunks?: readonly OutputChunk[];
}

/** A trace named in lesson.yaml, with its spec and the simulator's result. */
export interface NamedTrace {
  /** The trace's name in lesson.yaml (used in anchors). */
  name: string;
  /** What was connected (or which pod was created or deleted). */
  spec: TraceSpec;
  /** The simulator's answer. */
  result: LessonTraceResult;
}

/** A fresh cluster for a lesson's scenario; a build error names the file when its manifests are invalid. */
export function scenarioCluster(lesson: string, scenario: string): Cluster {
  return lessonSimulation(lesson).cluster(scenario);
}

/** The settings the lab of a lesson starts with (lab.yaml's `settings` over the defaults). */
export function labNetwork(lesson: string): LabNetwork {
  return labNetworkFrom(clusterOptions(lessonLab(lesson).settings));
}

/** A fresh cluster of a lesson's lab: its starting scenario with lab.yaml's settings. */
export function labCluster(lesson: string): Cluster {
  const lab = lessonLab(lesson);
  return buildScenario(scenarioText(lesson, lab.scenario), lab.settings, `${ROOT}/lessons/${lesson}/scenarios/${lab.scenario}.yaml`, `${ROOT}/lessons/${lesson}/lab.yaml: settings`);
}

/** A fresh cluster of a lab case: the task's own scenario with the task's settings. */
export function labTaskCluster(lesson: string, scenario: string, settings: ClusterSettings | undefined): Cluster {
  return buildScenario(scenarioText(lesson, scenario), settings, `${ROOT}/lessons/${lesson}/scenarios/${scenario}.yaml`, `${ROOT}/lessons/${lesson}/lab.yaml: tasks.settings`);
}

/** Runs `commands` in order on a fresh cluster of the scenario, as a learner would type them. */
export function runTerminal(lesson: string, scenario: string, commands: readonly string[]): TerminalEntry[] {
  const cluster = scenarioCluster(lesson, scenario);
  return commands.map((command) => {
    const typed = command.trim().replace(/^kubectl\s+/, '');
    const { stdout, stderr, exitCode, chunks } = cluster.kubectl(typed);
    return { command: command.trim(), stdout, stderr, exitCode, ...(chunks && { chunks }) };
  });
}

/** The trace `name` of a lesson, computed by the simulator; a build error names lesson.yaml's field when missing. */
export async function lessonTrace(lesson: string, name: string): Promise<NamedTrace> {
  const spec = lessonBySlug(lesson).meta.traces[name];
  if (!spec) {
    throw new Error(`${ROOT}/lessons/${lesson}/lesson.yaml: traces.${name}: no such trace (a component asked for it).`);
  }
  return { name, spec, result: lessonSimulation(lesson).trace(name) };
}

/** The flow diagram's input for a named trace: the scenario's nodes and declared pods, and the trace's steps. */
export async function flowDiagramInput(lesson: string, name: string): Promise<FlowDiagramInput> {
  const { spec, result: traced } = await lessonTrace(lesson, name);
  if (isLifecycleTrace(spec)) {
    throw new Error(`${ROOT}/lessons/${lesson}/lesson.yaml: traces.${name}: a lifecycle trace has no flow diagram (the step-through player shows its tracker; the Listen diagram follows connection traces).`);
  }
  if (isDnsTrace(spec)) {
    throw new Error(`${ROOT}/lessons/${lesson}/lesson.yaml: traces.${name}: a DNS trace has no flow diagram (the step-through player shows its queries and tracker; the Listen diagram follows connection traces).`);
  }
  if (isHttpTrace(spec)) {
    throw new Error(`${ROOT}/lessons/${lesson}/lesson.yaml: traces.${name}: an HTTP trace has no flow diagram (the step-through player and the Listen figure show its tracker rows).`);
  }
  const result = traced as ConnectResult; // a connection spec always computes a ConnectResult
  const cluster = scenarioCluster(lesson, spec.scenario);
  const pods = cluster.model.pods.filter((pod) => !pod.implicit);
  const datapath = isDatapathTrace(spec, result);
  return {
    nodes: cluster.model.nodes.map((node) => ({ name: node.name, podCIDR: node.podCIDR })),
    pods: pods.map((pod) => ({
      key: `${pod.namespace}/${pod.name}`,
      name: pod.name,
      node: pod.nodeName,
      ip: pod.ip,
      labels: Object.entries(pod.labels)
        .map(([key, value]) => `${key}=${value}`)
        .join(','),
      ready: pod.ready,
    })),
    source: result.source,
    destination: result.target?.pod ?? (spec.to.includes('/') ? spec.to : undefined),
    steps: result.steps.map(({ step, actor, action, phase, outcome, place }) => ({ step, actor, action, phase, outcome, ...(datapath ? { iface: placeInterfaceId(place) } : {}) })),
    ...(datapath ? { interfaces: placeInterfaces(cluster.state, result.steps.map((s) => s.place)) } : {}),
  };
}
