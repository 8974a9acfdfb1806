/**
 * `kubectl logs`: kubectl v1.35's argument handling, pod and container choice and error texts (kubernetes/kubectl
 * pkg/cmd/logs/logs.go Complete and Validate, pkg/polymorphichelpers/logsforobject.go logsForObjectWithClient,
 * attachablepodforobject.go / helpers.go GetFirstPod). What a container writes is not modelled: the simulator
 * knows no program's log, so it prints none and says so (a `[simulator]` note, as for any output it cannot know).
 * That includes CoreDNS's `log` plugin: its lines carry the client's port, the query ID, message sizes and the
 * duration (plugin/log/log.go CommonLogFormat), none of which the simulator knows. Stateless.
 */
import { corednsSetup } from './dns/config.ts';
import { err, isOut, last, NAMESPACE_FLAGS, parseFlags } from './kubectl-args.ts';
import type { Out } from './kubectl-args.ts';
import type { KubectlHost } from './kubectl.ts';
import { resolveResource } from './kinds/registry.ts';
import { kindPrefix, notFoundMessage } from './kinds/kind.ts';
import { matchesSelector } from './selectors.ts';
import type { ClusterState } from './state.ts';
import type { PodModel } from './types.ts';

const USAGE = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

const LOGS_FLAGS = [
  ...NAMESPACE_FLAGS,
  { long: 'container', short: 'c', value: true },
  { long: 'follow', short: 'f', value: false },
  { long: 'previous', short: 'p', value: false },
  { long: 'timestamps', value: false },
  { long: 'tail', value: true },
  { long: 'since', value: true },
  { long: 'selector', short: 'l', value: true },
];

/** True when the pod is a CoreDNS replica whose Corefile (the kube-system/coredns ConfigMap) enables `log`. */
function corednsLogs(state: ClusterState, pod: PodModel): boolean {
  return pod.namespace === 'kube-system' && pod.labels['k8s-app'] === 'kube-dns' && corednsSetup(state).config.log;
}

/** The note that stands for a container's log. */
function logNote(state: ClusterState, pod: PodModel, container: string, image: string): string {
  if (corednsLogs(state, pod)) return `[simulator] CoreDNS logs every query here (the Corefile has \`log\`), but its lines are not modelled: each carries the client's port, the query ID, message sizes and the duration, which the simulator does not know.\n`;
  return `[simulator] the log of container ${container} in pod ${pod.name} is not modelled: the simulator does not know what ${image} writes.\n`;
}

/** Runs `kubectl logs` (tokens after the verb). */
export function cmdLogs(host: KubectlHost, tokens: string[]): Out {
  const p = parseFlags('logs', tokens, LOGS_FLAGS);
  if (isOut(p)) return p;
  const state = host.state();
  const ns = last(p, 'namespace') || 'default';
  const selector = last(p, 'selector');
  let containerArg = last(p, 'container');
  if (p.args.length === 0 && selector === undefined) return err(USAGE);
  if (p.args.length === 1 && selector !== undefined) return err("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples");
  if (p.args.length > 2) return err(USAGE);
  if (p.args.length === 2) {
    if (containerArg !== undefined) return err('error: only one of -c or an inline [CONTAINER] arg is allowed');
    containerArg = p.args[1];
  }
  const tail = last(p, 'tail');
  if (tail !== undefined && /^-?\d+$/.test(tail) && Number(tail) < -1) return err('error: --tail must be greater than or equal to -1');
  let pods: PodModel[];
  let stderr = '';
  if (selector !== undefined) return err('[simulator] kubectl logs -l is not simulated here; name the pod (kubectl logs POD)');
  {
    const arg = p.args[0] as string;
    const slash = arg.indexOf('/');
    const split = slash < 0 ? null : { type: arg.slice(0, slash), name: arg.slice(slash + 1) };
    if (split === null) {
      const pod = state.pods.get(`${ns}/${arg}`);
      // logs.go Complete: a NotFound from the Builder is wrapped, so CheckErr prints it as a plain error.
      if (!pod) return err(`error: error from server (NotFound): pods "${arg}" not found in namespace "${ns}"`);
      pods = [pod];
    } else {
      const def = resolveResource(state, split.type);
      if (!def) return err(`error: the server doesn't have a resource type "${split.type}"`);
      if (def.kind === 'Pod') {
        const pod = state.pods.get(`${ns}/${split.name}`);
        if (!pod) return err(`error: error from server (NotFound): pods "${split.name}" not found in namespace "${ns}"`);
        pods = [pod];
      } else {
        const entry = def.list(state).find((e) => e.namespace === ns && e.name === split.name);
        if (!entry) return err(`error: error from server (NotFound): ${notFoundMessage(def, split.name).replace(/^Error from server \(NotFound\): /, '')} in namespace "${ns}"`);
        const o = def.object(entry, state) as { spec?: { selector?: unknown } };
        const sel = o.spec?.selector as { matchLabels?: Record<string, string>; matchExpressions?: [] } | Record<string, string> | undefined;
        if (!sel || !['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Service'].includes(def.kind)) return err(`error: cannot get the logs from ${kindPrefix(def)}`);
        const selectorObj = 'matchLabels' in sel || 'matchExpressions' in sel ? { matchLabels: (sel.matchLabels as Record<string, string>) ?? {}, matchExpressions: (sel.matchExpressions as []) ?? [] } : { matchLabels: sel as Record<string, string>, matchExpressions: [] };
        const matching = state.model.pods.filter((x) => x.namespace === ns && matchesSelector(selectorObj, x.labels));
        if (matching.length === 0) return err(`[simulator] no pod of ${kindPrefix(def)}/${split.name} exists; kubectl would wait --pod-running-timeout (20s) for one and fail.`);
        // GetFirstPod: "Found %v pods, using pod/%v" when several match.
        const first = matching[0] as PodModel;
        if (matching.length > 1) stderr += `Found ${matching.length} pods, using pod/${first.name}\n`;
        pods = [first];
      }
    }
  }
  const pod = pods[0] as PodModel;
  let name = containerArg;
  if (name === undefined) {
    const annotated = pod.annotations['kubectl.kubernetes.io/default-container'];
    if (annotated && pod.containers.some((c) => c.name === annotated)) name = annotated;
    else {
      if (annotated) stderr += `Default container name "${annotated}" not found in pod ${pod.name}\n`;
      name = pod.containers[0]?.name ?? '';
      if (pod.containers.length > 1) stderr += `Defaulted container "${name}" out of: ${pod.containers.map((c) => c.name).join(', ')}\n`;
    }
  }
  const container = pod.containers.find((c) => c.name === name);
  if (!container) return err(`${stderr}error: container ${name} is not valid for pod ${pod.name}`);
  return { stdout: '', stderr: stderr + logNote(state, pod, container.name, container.image), exitCode: 1 };
}
