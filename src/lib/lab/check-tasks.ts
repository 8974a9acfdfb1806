/**
 * Checking the lab's guided tasks against a cluster: every expected connection is attempted with the
 * simulator's `connect`, every expected pod and node state is read from the cluster's model (what
 * `kubectl get pods -o wide` and `kubectl get nodes` show), every expected name lookup is resolved as the pod's
 * resolver would (search list, ndots, CoreDNS), and each is compared with what the task expects; a task's
 * questions (`ask:`) are checked against the learner's answers with keys computed on the same cluster
 * (answer-tasks.ts). Pure: a cluster and tasks in, results out (their types and wording live in task-results.ts).
 */
import type { Cluster, ConnectStatus } from '../simulator/core.ts';
import type { CheckGroupResult, ExpectationResult, StateCheckResult, TaskResult } from './task-results.ts';
import { cidrContains } from '../simulator/ipam.ts';
import { nodeIsReady } from '../simulator/cni/pod-network.ts';
import { checkDnsExpectation } from '../simulator/core.ts';
import type { LabConditionCheck, LabDnsCheck, LabExpectation, LabHttpCheck, LabNodeCheck, LabPodCheck } from './lab-schema.ts';
import { checkConditionExpectation, checkHttpExpectation } from './check-l7.ts';
import { checkAnswers, type AskQuestion } from './answer-tasks.ts';

export { allPassed, statusPhrase, taskAnnouncements } from './task-results.ts';
export type { AnswerResult, CheckGroupResult, ExpectationResult, StateCheckResult, TaskResult } from './task-results.ts';

/** What checkTasks needs of a task. */
export interface CheckableTask {
  /** The task's id. */
  readonly id: string;
  /** The connections it expects. */
  readonly expect: readonly LabExpectation[];
  /** The pod states it expects (none when omitted). */
  readonly pods?: readonly LabPodCheck[];
  /** The node states it expects (none when omitted). */
  readonly nodes?: readonly LabNodeCheck[];
  /** The name lookups it expects (none when omitted). */
  readonly dns?: readonly LabDnsCheck[];
  /** The HTTP requests it expects (none when omitted). */
  readonly http?: readonly LabHttpCheck[];
  /** The Gateway API statuses it expects (none when omitted). */
  readonly conditions?: readonly LabConditionCheck[];
  /** Base expectations that must still hold (a case's `keep:`). */
  readonly keep?: CheckGroup | undefined;
  /** The questions it asks (`ask:`), answered right only with a key computed on the cluster. */
  readonly ask?: readonly AskQuestion[] | undefined;
  /** The learner's answers to them, by question id (none: unanswered). */
  readonly answers?: Readonly<Record<string, string>> | undefined;
}

/** A group of checks of any kind (a task's `keep:`). */
export interface CheckGroup {
  readonly expect?: readonly LabExpectation[];
  readonly pods?: readonly LabPodCheck[];
  readonly nodes?: readonly LabNodeCheck[];
  readonly dns?: readonly LabDnsCheck[];
  readonly http?: readonly LabHttpCheck[];
  readonly conditions?: readonly LabConditionCheck[];
}

const splitRef = (ref: string): [string, string] => {
  const slash = ref.indexOf('/');
  return slash < 0 ? ['default', ref] : [ref.slice(0, slash), ref.slice(slash + 1)];
};

/** Checks one pod's state on `cluster`: phase, readiness, address, or absence. */
export function checkPod(cluster: Cluster, check: LabPodCheck): StateCheckResult {
  const [namespace, name] = splitRef(check.pod);
  const subject = `pod ${namespace}/${name}`;
  const pod = cluster.model.pods.find((p) => p.namespace === namespace && p.name === name);
  if (!pod) return { subject, passed: check.exists === false, actual: 'not found' };
  if (check.exists === false) return { subject, passed: false, actual: `still exists (${pod.phase})` };
  // kubectl's STATUS column shows ContainerCreating for a bound pod whose sandbox is not up yet.
  const status = pod.phase === 'Pending' && pod.nodeName !== '' ? 'Pending (ContainerCreating)' : pod.phase;
  const actual = `${status}, ${pod.ready ? 'ready' : 'not ready'}, ${pod.ip === '' ? 'no IP' : pod.ip}`;
  const passed =
    (check.phase === undefined || pod.phase === check.phase) &&
    (check.ready === undefined || pod.ready === check.ready) &&
    (check.ip === undefined || pod.ip === check.ip) &&
    (check.ipIn === undefined || (pod.ip !== '' && cidrContains(check.ipIn, pod.ip)));
  return { subject, passed, actual };
}

/** Checks one node's Ready condition on `cluster`. */
export function checkNode(cluster: Cluster, check: LabNodeCheck): StateCheckResult {
  const node = cluster.model.nodes.find((n) => n.name === check.node);
  const subject = `node ${check.node}`;
  if (!node) return { subject, passed: false, actual: 'not found' };
  const ready = nodeIsReady(node);
  return { subject, passed: ready === check.ready, actual: ready ? 'Ready' : 'NotReady' };
}

/** Checks one name lookup on `cluster`: what the pod's resolver gets, against what the task asks for. */
export function checkDns(cluster: Cluster, check: LabDnsCheck): StateCheckResult {
  const from = check.from.includes('/') ? check.from : `default/${check.from}`;
  const subject = `${check.resolve}${check.type && check.type !== 'A' ? ` (${check.type})` : ''} from ${from}`;
  try {
    const result = checkDnsExpectation(cluster.state, { ...check, from });
    const answer = result.records.length ? result.records.join(', ') : 'no answer';
    return { subject, passed: result.passed, actual: `${answer} after ${result.queries} quer${result.queries === 1 ? 'y' : 'ies'}` };
  } catch (error) {
    return { subject, passed: false, actual: `not checkable: ${error instanceof Error ? error.message : String(error)}` };
  }
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

/** Checks one group of checks on `cluster`. */
export function checkGroup(cluster: Cluster, group: CheckGroup): CheckGroupResult {
  return {
    expectations: (group.expect ?? []).map((expectation) => checkExpectation(cluster, expectation)),
    pods: (group.pods ?? []).map((check) => checkPod(cluster, check)),
    nodes: (group.nodes ?? []).map((check) => checkNode(cluster, check)),
    dns: (group.dns ?? []).map((check) => checkDns(cluster, check)),
    http: (group.http ?? []).map((check) => checkHttpExpectation(cluster, check)),
    conditions: (group.conditions ?? []).map((check) => checkConditionExpectation(cluster, check)),
  };
}

/** Every check of a group, flattened. */
const allChecks = (group: CheckGroupResult) => [...group.expectations, ...group.pods, ...group.nodes, ...group.dns, ...group.http, ...group.conditions];

/**
 * Checks every task on `cluster`: a task passes when it has checks or questions, all its checks and `keep:` checks
 * hold, and every question is answered right for this cluster.
 */
export function checkTasks(cluster: Cluster, tasks: readonly CheckableTask[]): TaskResult[] {
  return tasks.map((task) => {
    const own = checkGroup(cluster, task);
    const keep = task.keep ? checkGroup(cluster, task.keep) : undefined;
    const answers = task.ask?.length ? checkAnswers(cluster, task.ask, task.answers) : undefined;
    const all = allChecks(own);
    const passed =
      all.length + (answers?.length ?? 0) > 0 &&
      all.every((e) => e.passed) &&
      (keep === undefined || allChecks(keep).every((e) => e.passed)) &&
      (answers ?? []).every((answer) => answer.right);
    return { id: task.id, passed, ...own, ...(keep ? { keep } : {}), ...(answers ? { answers } : {}) };
  });
}
