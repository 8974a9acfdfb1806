/**
 * The lab's task results and the words around them: what a checked task holds, whether all pass, what to
 * announce when one starts or stops passing, and how a connection ended. Kept apart from check-tasks.ts (which
 * runs the simulator) so the Lab island's first load can show results without loading the simulator.
 */
import type { ConnectStatus } from '../simulator/core.ts';
import type { LabExpectation } from './lab-schema.ts';

/** One expected connection, checked. */
export interface ExpectationResult {
  /** Client pod, as the task wrote it. */
  readonly from: string;
  /** Destination, as the task wrote it. */
  readonly to: string;
  /** Destination port. */
  readonly port: number;
  /** Transport protocol. */
  readonly protocol: LabExpectation['protocol'];
  /** Whether the task wants the connection to succeed. */
  readonly expected: boolean;
  /** Whether it succeeds in the cluster. */
  readonly actual: boolean;
  /** True when actual equals expected. */
  readonly passed: boolean;
  /** How the attempt ended (connected, policy-denied, timeout, …). */
  readonly status: ConnectStatus;
  /** The simulator's one-line explanation. */
  readonly reason: string;
}

/** One expected pod or node state, checked. */
export interface StateCheckResult {
  /** What was checked: `pod default/pod-d` or `node node-3`. */
  readonly subject: string;
  /** True when the cluster matches every field of the check. */
  readonly passed: boolean;
  /** What the cluster shows now, in kubectl's words ("Running, ready, 10.244.1.4", "not found", "NotReady"). */
  readonly actual: string;
}

/** One question of a task (`ask:`), checked against the learner's answer; it never carries the key. */
export interface AnswerResult {
  /** The question's id. */
  readonly id: string;
  /** The choices it offers (the node's plugins, by name), or null: the learner types the answer. */
  readonly choices: readonly string[] | null;
  /** True when an answer was given. */
  readonly answered: boolean;
  /** True when the answer is the key computed on this cluster. */
  readonly right: boolean;
  /** Why the simulator cannot compute the key on this cluster (the question cannot be answered now). */
  readonly error?: string;
}

/** One group of checks, checked (a task's own, or its `keep:` base expectations). */
export interface CheckGroupResult {
  /** Each expectation, in the task's order. */
  readonly expectations: readonly ExpectationResult[];
  /** Each pod check. */
  readonly pods: readonly StateCheckResult[];
  /** Each node check. */
  readonly nodes: readonly StateCheckResult[];
  /** Each name lookup check. */
  readonly dns: readonly StateCheckResult[];
  /** Each HTTP request check. */
  readonly http: readonly StateCheckResult[];
  /** Each Gateway API status check. */
  readonly conditions: readonly StateCheckResult[];
}

/** One task, checked. */
export interface TaskResult {
  /** The task's id. */
  readonly id: string;
  /** True when every expectation holds (its own checks and its `keep:` checks). */
  readonly passed: boolean;
  /** The `keep:` checks (base expectations that must still hold), when the task has them. */
  readonly keep?: CheckGroupResult | undefined;
  /** Each expectation, in the task's order. */
  readonly expectations: readonly ExpectationResult[];
  /** Each pod check, in the task's order. */
  readonly pods: readonly StateCheckResult[];
  /** Each node check, in the task's order. */
  readonly nodes: readonly StateCheckResult[];
  /** Each name lookup check, in the task's order. */
  readonly dns: readonly StateCheckResult[];
  /** Each HTTP request check, in the task's order. */
  readonly http: readonly StateCheckResult[];
  /** Each Gateway API status check, in the task's order. */
  readonly conditions: readonly StateCheckResult[];
  /** Each question (`ask:`), in the task's order, when the task asks some. */
  readonly answers?: readonly AnswerResult[] | undefined;
}

/** True when there is at least one task and every one passes. */
export function allPassed(results: readonly TaskResult[]): boolean {
  return results.length > 0 && results.every((result) => result.passed);
}

/**
 * What to announce after a re-check: "Task 2 passed: <title>." for each task that started passing,
 * "Task 2 no longer passes." for each that stopped, and a closing sentence when all pass.
 * Nothing when `previous` is null (the first check after loading is not news).
 */
export function taskAnnouncements(
  previous: readonly TaskResult[] | null,
  next: readonly TaskResult[],
  titles: ReadonlyArray<{ readonly id: string; readonly title: string }>,
): string[] {
  if (previous === null) return [];
  const before = new Map(previous.map((result) => [result.id, result.passed]));
  const messages: string[] = [];
  next.forEach((result, index) => {
    const was = before.get(result.id) ?? false;
    const title = titles.find((task) => task.id === result.id)?.title;
    if (result.passed && !was) messages.push(`Task ${index + 1} passed${title ? `: ${title}` : ''}.`);
    if (!result.passed && was) messages.push(`Task ${index + 1} no longer passes.`);
  });
  if (messages.length > 0 && allPassed(next) && !allPassed(previous)) messages.push('All tasks pass: the lab is done.');
  return messages;
}

/** A short phrase for how a connection ended, for the task list ("connected", "blocked by a policy", …). */
export function statusPhrase(status: ConnectStatus): string {
  switch (status) {
    case 'connected':
      return 'connected';
    case 'policy-denied':
      return 'blocked by a NetworkPolicy';
    case 'refused':
      return 'connection refused (nothing listens on the port)';
    case 'timeout':
      return 'timed out';
    case 'nxdomain':
      return 'name not found (NXDOMAIN)';
    case 'dns-timeout':
      return 'DNS lookup timed out';
    case 'error':
      return 'could not be attempted';
  }
}
