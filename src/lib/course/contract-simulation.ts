/**
 * The lesson contract's checks that need the simulator: every scenario builds a cluster, every named
 * trace runs, every narration cue and StepLink lands on a step of its trace, every command shown on a
 * page names things that exist, every simulator-keyed question computes its key, and the lab's
 * reference solution passes every task while the starting scenario passes none. Run by the build (a
 * broken lesson fails it) and by the contract tests, with one problem per line naming the file.
 * Clusters are built once per scenario (memoised in the `LessonSimulation`).
 */
import { createCluster, dnsTrace, podLifecycleTrace, SettingsError, type Cluster, type ConnectResult, type DnsTraceResult, type HttpResult, type LifecycleResult } from '../simulator/index.ts';
import type { KubectlResult } from '../simulator/types.ts';
import { clusterOptions, type ClusterSettings } from './settings-schema.ts';
import { isDnsTrace, isHttpTrace, isLifecycleTrace } from './lesson-schema.ts';

/** What a named trace computes: a connection's verdict and trace, or a pod lifecycle's. */
export type LessonTraceResult = ConnectResult | LifecycleResult | DnsTraceResult | HttpResult;
import { resolveQuestion } from '../quiz/resolve.ts';
import { checkTasks, statusPhrase, type TaskResult } from '../lab/check-tasks.ts';
import { applySolution } from '../lab/solution.ts';
import { computeKey } from '../lab/answer-tasks.ts';
import type { LabSolution } from '../lab/lab-schema.ts';
import { placeCues } from '../narration/cues.ts';
import { splitSentences } from '../narration/sentences.ts';
import { paragraphs } from './course.ts';
import type { LessonPage, LessonSource } from './lesson-folder.ts';
import { stringAttribute, stringListAttribute } from './mdx-usage.ts';
import { terminalText } from '../terminal-order.ts';

/** A lesson's scenarios and traces, computed once. */
export interface LessonSimulation {
  /** A fresh cluster of a scenario (throws naming the scenario file when its manifests are invalid). */
  cluster(scenario: string): Cluster;
  /** The result of a named trace (throws naming lesson.yaml's field). */
  trace(name: string): LessonTraceResult;
  /** Runs a kubectl command (with or without the `kubectl` prefix) on a fresh cluster of the scenario. */
  kubectl(scenario: string, command: string): { stdout: string; stderr: string; exitCode: number };
}

/**
 * A scenario's cluster with its settings. A manifest problem names the scenario file; a settings problem
 * (unknown node, overlapping ranges) names the settings field under `settingsWhere` (e.g. `lesson.yaml: settings.x`).
 */
export function buildScenario(text: string, settings: ClusterSettings | undefined, scenarioFile: string, settingsWhere: string): Cluster {
  try {
    return createCluster(text, clusterOptions(settings));
  } catch (error) {
    if (error instanceof SettingsError) throw new Error(`${settingsWhere}.${error.field}: ${error.detail}.`);
    throw new Error(`${scenarioFile}: ${(error as Error).message}`);
  }
}

/** The simulation of one lesson: clusters and traces computed on first use and kept. */
export function simulateLesson(source: LessonSource): LessonSimulation {
  // The first build of each scenario is checked and remembered; a failure is kept and rethrown.
  const built = new Map<string, { ok: true } | { ok: false; error: Error }>();
  const traces = new Map<string, LessonTraceResult>();
  const build = (scenario: string) => {
    const text = source.scenarios[scenario];
    if (text === undefined) throw new Error(`${source.dir}/scenarios/${scenario}.yaml: file missing.`);
    return buildScenario(text, source.meta?.settings[scenario], `${source.dir}/scenarios/${scenario}.yaml`, `${source.dir}/lesson.yaml: settings.${scenario}`);
  };
  const simulation: LessonSimulation = {
    cluster(scenario) {
      const entry = built.get(scenario);
      if (entry && !entry.ok) throw entry.error;
      // Commands like `label` and `delete` change a cluster: every caller gets its own.
      try {
        const cluster = build(scenario);
        built.set(scenario, { ok: true });
        return cluster;
      } catch (error) {
        built.set(scenario, { ok: false, error: error as Error });
        throw error;
      }
    },
    trace(name) {
      const cached = traces.get(name);
      if (cached) return cached;
      const spec = source.meta?.traces[name];
      if (!spec) throw new Error(`${source.dir}/lesson.yaml: traces.${name}: no such trace.`);
      const cluster = simulation.cluster(spec.scenario);
      let result: LessonTraceResult;
      try {
        result = isHttpTrace(spec)
          ? cluster.http({ from: spec.from, url: spec.url, ...(spec.method ? { method: spec.method } : {}), ...(spec.headers ? { headers: spec.headers } : {}), ...(spec.request !== undefined ? { request: spec.request } : {}), ...(spec.proxy ? { proxy: spec.proxy } : {}) })
          : isDnsTrace(spec)
          ? dnsTrace(cluster.state, { from: spec.from, name: spec.name, ...(spec.type ? { type: spec.type } : {}) })
          : isLifecycleTrace(spec)
          ? podLifecycleTrace(cluster, { pod: spec.pod, action: spec.action, ...(spec.node ? { node: spec.node } : {}), ...(spec.image ? { image: spec.image } : {}) })
          : cluster.connect({ from: spec.from, to: spec.to, port: spec.port, protocol: spec.protocol, ...(spec.nodeRows ? { nodeRows: true } : {}), ...(spec.backend ? { backend: spec.backend } : {}), ...(spec.dnsQueries ? { dnsQueries: true } : {}) });
      } catch (error) {
        throw new Error(`${source.dir}/lesson.yaml: traces.${name}: the simulator could not run it: ${(error as Error).message}`);
      }
      if (!isLifecycleTrace(spec) && !isDnsTrace(spec) && !isHttpTrace(spec) && spec.backend !== undefined && 'target' in result) {
        // A hint kube-proxy could not follow (not a usable endpoint of that Service port) must not pass silently.
        const t = result.target;
        const hint = spec.backend.trim();
        const hit = t?.pod !== undefined && (t.pod === hint || t.pod.split('/')[1] === hint || t.podIP === hint);
        if (!t?.service) throw new Error(`${source.dir}/lesson.yaml: traces.${name}.backend: the connection does not go through a Service, so there is no backend to choose.`);
        if (!hit && t.pod !== undefined) throw new Error(`${source.dir}/lesson.yaml: traces.${name}.backend: "${hint}" is not a usable endpoint of Service ${t.service} on port ${spec.port} (kube-proxy chose ${t.pod}).`);
      }
      traces.set(name, result);
      return result;
    },
    kubectl(scenario, command) {
      return simulation.cluster(scenario).kubectl(command.trim().replace(/^kubectl\s+/, ''));
    },
  };
  return simulation;
}

/** The lab terminal's host outside the cluster (lab-commands.ts DEFAULT_EXTERNAL_CLIENT; lessons 5–8 use it too). */
const LAB_EXTERNAL_CLIENT = '198.51.100.7';

/**
 * Runs one of a lab's terminal commands (a solution's, a case's symptom) on `cluster`, as the lab's terminal would:
 * `curl …` without kubectl on the host outside the cluster, anything else as kubectl.
 */
export function runSolutionCommand(cluster: Cluster, command: string): KubectlResult {
  if (/^\s*curl(\s|$)/.test(command)) return cluster.external(LAB_EXTERNAL_CLIENT, command);
  return cluster.kubectl(command.trim().replace(/^kubectl\s+/, ''));
}

/** What a command printed that shows it names something that does not exist (a typo), or undefined. */
export function commandMistake(command: string, output: { stdout: string; stderr: string }): string | undefined {
  const stderr = output.stderr;
  const unknown = /^error: (unknown command|unknown flag|unknown shorthand flag|the server doesn't have a resource type)[^\n]*/m.exec(stderr);
  if (unknown) return unknown[0];
  if (/^\s*(kubectl\s+)?exec\b/.test(command)) {
    const missing = /^Error from server \(NotFound\)[^\n]*/m.exec(stderr);
    if (missing) return missing[0];
  }
  return undefined;
}

/** Runs `check`, turning a thrown error into a problem line. */
function attempt(problems: string[], check: () => void): void {
  try {
    check();
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
}

/** The expectation that fails, in words. */
function failing(result: TaskResult): string {
  return result.expectations
    .filter((expectation) => !expectation.passed)
    .map((e) => `${e.from} → ${e.to} ${e.protocol}/${e.port} should be ${e.expected ? 'allowed' : 'blocked'} but is ${e.actual ? 'allowed' : statusPhrase(e.status)} (${e.reason.replace(/\.$/, '')})`)
    .concat([...result.pods, ...result.nodes, ...result.dns, ...result.http, ...result.conditions].filter((check) => !check.passed).map((check) => `${check.subject} is ${check.actual}`))
    .concat((result.answers ?? []).filter((answer) => !answer.right).map((answer) => `question "${answer.id}" is ${answer.error ? `not answerable: ${answer.error}` : answer.answered ? 'answered wrong' : 'not answered'}`))
    .concat(result.keep ? [failing({ ...result, ...result.keep, keep: undefined, answers: undefined })].filter(Boolean).map((text) => `keep: ${text}`) : [])
    .join('; ');
}

type Check = (source: LessonSource, simulation: LessonSimulation) => string[];

/** Every scenario builds a cluster. */
const scenarios: Check = (source, simulation) => {
  const problems: string[] = [];
  for (const scenario of Object.keys(source.scenarios)) attempt(problems, () => void simulation.cluster(scenario));
  return problems;
};

/** Every named trace runs. */
const traces: Check = (source, simulation) => {
  const problems: string[] = [];
  for (const name of Object.keys(source.meta?.traces ?? {})) attempt(problems, () => void simulation.trace(name));
  return problems;
};

/** Every narration cue's phrase is in the transcript, and its phase is a step of its trace. */
const narration: Check = (source, simulation) => {
  const problems: string[] = [];
  const meta = source.meta;
  if (!meta || meta.narration.length === 0) return problems;
  attempt(problems, () => {
    const sentences = splitSentences(paragraphs(meta.transcript));
    const cues = meta.narration.map((cue, index) => {
      let position = 0;
      if (cue.phase !== 'start' && meta.traces[cue.trace]) {
        const steps = simulation.trace(cue.trace).steps.filter((step) => step.phase === cue.phase);
        const step = cue.which === 'last' ? steps.at(-1) : steps[0];
        if (!step) throw new Error(`${source.dir}/lesson.yaml: narration[${index}].phase: trace "${cue.trace}" has no ${cue.phase} step.`);
        position = step.step;
      }
      return { at: cue.at, trace: cue.trace, position };
    });
    try {
      placeCues(sentences, cues);
    } catch (error) {
      throw new Error(`${source.dir}/lesson.yaml: ${(error as Error).message}`);
    }
  });
  return problems;
};

/** Every StepLink lands on a step of its trace; every command on a page names things that exist. */
const pages: Check = (source, simulation) => {
  const problems: string[] = [];
  for (const page of Object.values(source.pages) as LessonPage[]) {
    for (const usage of page.usages) {
      const where = `${page.file}:${usage.line}: <${usage.name}>`;
      if (usage.name === 'StepLink') {
        const trace = stringAttribute(usage, 'trace');
        const phase = stringAttribute(usage, 'phase');
        if (!trace || !phase || !source.meta?.traces[trace]) continue; // reported by the static contract
        attempt(problems, () => {
          const steps = simulation.trace(trace).steps;
          if (!steps.some((step) => step.phase === phase)) {
            problems.push(`${where}: trace "${trace}" has no step in phase "${phase}" (its phases: ${[...new Set(steps.map((step) => step.phase))].join(', ')}).`);
          }
        });
      }
      if (usage.name === 'CommandCard' || usage.name === 'Terminal') {
        const scenario = stringAttribute(usage, 'scenario');
        if (!scenario || source.scenarios[scenario] === undefined) continue;
        const commands = usage.name === 'CommandCard' ? [stringAttribute(usage, 'command') ?? ''] : (stringListAttribute(usage, 'commands') ?? []);
        for (const command of commands.filter(Boolean)) {
          attempt(problems, () => {
            const mistake = commandMistake(command, simulation.kubectl(scenario, command));
            if (mistake) problems.push(`${where}: "${command}" on the ${scenario} scenario: ${mistake}`);
          });
        }
      }
    }
  }
  return problems;
};

/** Every question whose key the simulator computes (pick-output, simulator) computes it. */
const questions: Check = (source, simulation) => {
  const problems: string[] = [];
  source.questions.forEach((question, index) => {
    if (question.kind !== 'pick-output' && question.kind !== 'simulator') return;
    if (source.scenarios[question.scenario] === undefined) return; // reported by the static contract
    attempt(problems, () => {
      try {
        resolveQuestion(question, {
          kubectl: (scenario, command) => {
            const output = simulation.kubectl(scenario, command);
            const mistake = commandMistake(command, output);
            if (mistake) throw new Error(`command: "${command}": ${mistake}`);
            return terminalText(output);
          },
          connects: (scenario, connection) => simulation.cluster(scenario).connect(connection).allowed,
        });
      } catch (error) {
        throw new Error(`${source.dir}/questions.yaml: question "${question.id}" (#${index + 1}): ${(error as Error).message}`);
      }
    });
  });
  return problems;
};

/** A problem line for each question of `task` whose key the simulator cannot compute on `cluster` (`scenario` names it). */
function keyProblems(cluster: Cluster, task: { readonly ask?: ReadonlyArray<{ readonly id: string; readonly key: Parameters<typeof computeKey>[1] }> | undefined }, at: string, scenario: string): string[] {
  return (task.ask ?? []).flatMap((question, index) => {
    const key = computeKey(cluster, question.key);
    return key.ok ? [] : [`${at}.ask[${index}].key: the simulator cannot compute the answer to "${question.id}" on the ${scenario}: ${key.error}.`];
  });
}

/** The tasks with the solution's answers to their questions. */
const answered = <T extends { readonly id: string }>(tasks: readonly T[], solution: LabSolution | undefined) => tasks.map((task) => ({ ...task, answers: solution?.answers?.[task.id] }));

/** The cluster of `text` with `solution` applied (manifests, then terminal commands); throws naming the field. */
function solvedCluster(text: string, solution: LabSolution, settings: ClusterSettings | undefined, where: string): Cluster {
  let cluster: Cluster;
  try {
    cluster = createCluster(applySolution(text, solution), clusterOptions(settings));
  } catch (error) {
    throw new Error(`${where}: the solved manifests are invalid: ${(error as Error).message}`);
  }
  (solution.commands ?? []).forEach((command, index) => {
    const output = runSolutionCommand(cluster, command);
    if (output.exitCode !== 0) throw new Error(`${where}.commands[${index}]: "${command}" failed (exit ${output.exitCode}): ${(output.stderr || output.stdout).trim()}`);
  });
  return cluster;
}

/**
 * The lab's reference solution passes every task, and the starting scenario passes none. Tasks without their own
 * scenario share the lab's sandbox and its `solution`; a case (a task with `scenario:`) starts from its own scenario,
 * must fail its checks there, and its own `solution` must pass its checks and its `keep:` checks; its symptom
 * command must name things that exist.
 */
const lab: Check = (source) => {
  const problems: string[] = [];
  const labFile = source.lab;
  const dir = source.dir;
  if (!labFile) return problems;
  const shared = labFile.tasks.map((task, index) => ({ task, index })).filter(({ task }) => task.scenario === undefined);
  if (shared.length > 0 && labFile.solution && source.scenarios[labFile.scenario] !== undefined) {
    const scenarioFile = `${dir}/scenarios/${labFile.scenario}.yaml`;
    const solution = labFile.solution;
    attempt(problems, () => {
      const start = buildScenario(source.scenarios[labFile.scenario]!, labFile.settings, scenarioFile, `${dir}/lab.yaml: settings`);
      const keys = shared.flatMap(({ task, index }) => keyProblems(start, task, `${dir}/lab.yaml: tasks[${index}]`, `starting scenario (${labFile.scenario})`));
      problems.push(...keys);
      if (keys.length > 0) return;
      checkTasks(start, shared.map(({ task }) => task)).forEach((result, i) => {
        if (result.passed) {
          problems.push(`${dir}/lab.yaml: tasks[${shared[i]!.index}]: task "${result.id}" already passes in the starting scenario (${labFile.scenario}); every task must start unsolved, or the learner has nothing to do.`);
        }
      });
      const cluster = solvedCluster(source.scenarios[labFile.scenario]!, solution, labFile.settings, `${dir}/lab.yaml: solution`);
      checkTasks(cluster, answered(shared.map(({ task }) => task), solution)).forEach((result, i) => {
        if (!result.passed) problems.push(`${dir}/lab.yaml: solution: task "${result.id}" (tasks[${shared[i]!.index}]) does not pass with it: ${failing(result)}.`);
      });
    });
  }
  labFile.tasks.forEach((task, index) => {
    if (task.scenario === undefined || task.solution === undefined) return;
    const at = `${dir}/lab.yaml: tasks[${index}]`;
    const text = source.scenarios[task.scenario];
    if (text === undefined) return; // contract.ts names the missing file
    attempt(problems, () => {
      const start = buildScenario(text, task.settings, `${dir}/scenarios/${task.scenario}.yaml`, `${at}.settings`);
      const keys = keyProblems(start, task, at, `case's scenario (${task.scenario})`);
      problems.push(...keys);
      if (keys.length > 0) return;
      const [before] = checkTasks(start, [{ ...task, keep: undefined }]);
      if (before?.passed) problems.push(`${at}: task "${task.id}" already passes in its scenario (${task.scenario}); a case must start broken, or the learner has nothing to fix.`);
      if (task.symptom) {
        const output = runSolutionCommand(start, task.symptom.command);
        const mistake = commandMistake(task.symptom.command, output);
        if (mistake) problems.push(`${at}.symptom.command: "${task.symptom.command}": ${mistake}`);
      }
      const [after] = checkTasks(solvedCluster(text, task.solution!, task.settings, `${at}.solution`), answered([task], task.solution));
      if (after && !after.passed) problems.push(`${at}.solution: task "${task.id}" does not pass with it: ${failing(after)}.`);
    });
  });
  return problems;
};

/** The simulator checks of the lesson contract, by what they check (the contract tests run each as its own test). */
export const SIMULATION_CHECKS = { scenarios, traces, narration, pages, questions, lab } as const;

/** Every simulator problem of one lesson (empty when it is sound). */
export function checkLessonSimulation(source: LessonSource, simulation: LessonSimulation = simulateLesson(source)): string[] {
  return Object.values(SIMULATION_CHECKS).flatMap((check) => check(source, simulation));
}
