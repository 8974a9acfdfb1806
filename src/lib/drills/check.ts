/**
 * Checks a learner's answer to a drill on the simulator: the drill's cluster is built from its fixed manifests, the
 * answer is applied on top (`kubectl apply` semantics) or, for a name drill, used as the host to dial, and each check
 * runs through `connect` or `http`. Pure apart from building clusters; needs only the simulator core (no kubectl).
 */
import { createCluster, ManifestError } from '../simulator/core.ts';
import type { Cluster } from '../simulator/core.ts';
import type { DrillCheck, DrillInstance } from './types.ts';

/** The longest answer accepted, in characters (a drill's manifests are a few hundred). */
export const MAX_ANSWER_LENGTH = 20_000;

/** How one check went. */
export interface CheckOutcome {
  readonly label: string;
  readonly passed: boolean;
  /** The simulator's one-line reason (what happened to the connection or request). */
  readonly detail: string;
}

/** The result of checking an answer: outcomes per check, or why the answer could not be used. */
export type DrillCheckResult =
  | { readonly ok: true; readonly passed: boolean; readonly outcomes: readonly CheckOutcome[] }
  | { readonly ok: false; readonly error: string };

const HOST_RE = /^[a-z0-9]([a-z0-9-]{0,62})(\.[a-z0-9]([a-z0-9-]{0,62}))*\.?$/;

/** The drill's cluster with `manifests` applied on top (throws ManifestError). */
export function drillCluster(instance: DrillInstance, manifests: string): Cluster {
  const cluster = createCluster(instance.fixed, instance.options);
  if (manifests.trim() !== '') cluster.apply(manifests);
  return cluster;
}

function runCheck(cluster: Cluster, check: DrillCheck, answer: string): CheckOutcome {
  if (check.kind === 'connect') {
    const to = check.to.replace('{answer}', answer);
    const result = cluster.connect({ from: check.from, to, port: check.port });
    const rightService = check.service === undefined || result.target?.service === check.service;
    const passed = check.want === 'allowed' ? result.allowed && rightService : !result.allowed;
    const detail = result.allowed && !rightService ? `${result.reason} (but through ${result.target?.service ?? 'no Service'}, not ${check.service})` : result.reason;
    return { label: check.label, passed, detail };
  }
  const result = cluster.http({ from: check.from, url: check.url.replace('{answer}', answer), ...(check.headers && { headers: { ...check.headers } }) });
  const passed = result.status === check.want && (check.service === undefined || result.service === check.service);
  return { label: check.label, passed, detail: result.reason };
}

/** Check `answer` (edited manifests, or a host name) against the drill; never throws. */
export function checkDrill(instance: DrillInstance, answer: string): DrillCheckResult {
  if (typeof answer !== 'string') return { ok: false, error: 'There is no answer to check.' };
  if (answer.length > MAX_ANSWER_LENGTH) return { ok: false, error: `The answer is too long (${answer.length} characters; at most ${MAX_ANSWER_LENGTH}).` };
  try {
    let cluster: Cluster;
    let host = '';
    if (instance.answer === 'name') {
      host = answer.trim().toLowerCase();
      if (!HOST_RE.test(host) || host.length > 253) return { ok: false, error: `"${answer.trim().slice(0, 80)}" is not a DNS name: use letters, digits, dashes and dots, like name.namespace.` };
      cluster = drillCluster(instance, '');
    } else {
      if (answer.trim() === '') return { ok: false, error: 'The manifest is empty: write the object to apply.' };
      cluster = drillCluster(instance, answer);
    }
    const outcomes = instance.checks.map((check) => runCheck(cluster, check, host));
    return { ok: true, passed: outcomes.every((outcome) => outcome.passed), outcomes };
  } catch (error) {
    if (error instanceof ManifestError) return { ok: false, error: error.message };
    return { ok: false, error: 'The simulator could not use this answer.' };
  }
}
