/**
 * Checking the lab's guided tasks against a cluster: every expected connection is attempted with the
 * simulator's `connect`, and compared with what the task expects. Pure: a cluster and tasks in, results out.
 * Also the sentences the lab announces when a task starts or stops passing.
 */
import type { Cluster, ConnectStatus } from '../simulator/index.ts';
import type { LabExpectation } from './lab-schema.ts';

/** What checkTasks needs of a task. */
export interface CheckableTask {
  /** The task's id. */
  readonly id: string;
  /** The connections it expects. */
  readonly expect: readonly LabExpectation[];
}

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

/** One task, checked. */
export interface TaskResult {
  /** The task's id. */
  readonly id: string;
  /** True when every expectation holds. */
  readonly passed: boolean;
  /** Each expectation, in the task's order. */
  readonly expectations: readonly ExpectationResult[];
}

/** Checks one expectation on `cluster` (never throws: a simulator failure is a failed check with its message). */
export function checkExpectation(cluster: Cluster, expectation: LabExpectation): ExpectationResult {
  const { from, to, port, protocol, allowed: expected } = expectation;
  let actual = false;
  let status: ConnectStatus = 'error';
  let reason: string;
  try {
    const result = cluster.connect({ from, to, port, protocol });
    actual = result.allowed;
    status = result.status;
    reason = result.reason;
  } catch (error) {
    reason = `the simulator could not check this connection: ${error instanceof Error ? error.message : String(error)}`;
  }
  return { from, to, port, protocol, expected, actual, passed: actual === expected, status, reason };
}

/** Checks every task on `cluster`. */
export function checkTasks(cluster: Cluster, tasks: readonly CheckableTask[]): TaskResult[] {
  return tasks.map((task) => {
    const expectations = task.expect.map((expectation) => checkExpectation(cluster, expectation));
    return { id: task.id, passed: expectations.length > 0 && expectations.every((e) => e.passed), expectations };
  });
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
