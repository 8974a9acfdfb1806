/**
 * The one list of resource kinds kubectl knows, and how a command-line argument names one of them
 * (cli-runtime resource.Builder mappingFor: `pods`, `pod`, `po`, `Pod`, `deployments.apps`,
 * `deployments.v1.apps`). Adding a kind is adding its KindDef here; custom resources join from the
 * stored objects (and their CustomResourceDefinitions) at lookup time.
 */
import type { ClusterState } from '../state.ts';
import { deployments, replicasets } from './workloads.ts';
import type { AnyKind } from './kind.ts';
import { namespaces, nodes } from './cluster-scope.ts';
import { networkpolicies } from './network-policies.ts';
import { daemonsets } from './daemonsets.ts';
import { statefulsets } from './statefulsets.ts';
import { events } from './events.ts';
import { pods } from './pods.ts';
import { endpoints, endpointslices, services } from './services.ts';
import { customKinds, STORED_KINDS } from './stored.ts';
import { GATEWAY_KINDS, kindInstalled } from './gateway.ts';
import { ingressclasses, ingresses } from './ingress.ts';

/** Every built-in kind, in the order `kubectl get all` and discovery list them. */
export const BUILTIN_KINDS: readonly AnyKind[] = [pods, services, endpoints, endpointslices, networkpolicies, ingresses, ingressclasses, nodes, namespaces, daemonsets, deployments, replicasets, statefulsets, events, ...STORED_KINDS, ...GATEWAY_KINDS];

/** Built-in kinds plus a kind for every custom resource type the cluster stores. */
export function allKinds(state: ClusterState): AnyKind[] {
  // The Gateway API kinds exist only where their CRDs are installed (cluster option gatewayChannel).
  const channel = state.model.l7?.gatewayChannel;
  const kinds = BUILTIN_KINDS.filter((k) => kindInstalled(k, channel));
  return [...kinds, ...customKinds(state)];
}

/** The kinds of the `all` category (`kubectl get all`). */
export function allCategory(): AnyKind[] {
  return BUILTIN_KINDS.filter((k) => k.inAll);
}

function names(k: AnyKind): string[] {
  return [k.plural, k.singular, k.kind.toLowerCase(), ...k.shortNames];
}

/** The kind an argument such as `svc`, `Pod`, `deploy.apps` or `networkpolicies.v1.networking.k8s.io` names; null when none. */
export function resolveResource(state: ClusterState, arg: string): AnyKind | null {
  const lower = arg.toLowerCase();
  const kinds = allKinds(state);
  const parts = lower.split('.');
  const resource = parts[0] ?? '';
  if (parts.length >= 3) {
    const version = parts[1];
    const group = parts.slice(2).join('.');
    const exact = kinds.find((k) => k.version === version && k.group === group && names(k).includes(resource));
    if (exact) return exact;
  }
  const group = parts.slice(1).join('.');
  return kinds.find((k) => (parts.length === 1 || k.group === group) && names(k).includes(resource)) ?? null;
}

/** The resource part of an argument, as kubectl names it in "the server doesn't have a resource type" errors. */
export function resourcePart(arg: string): string {
  const dot = arg.indexOf('.');
  return dot < 0 ? arg : arg.slice(0, dot);
}

/** The kind of an API object (`kind` and the group of its apiVersion). */
export function kindFor(state: ClusterState, kind: string, group: string): AnyKind | undefined {
  return allKinds(state).find((k) => k.kind === kind && k.group === group);
}

/** The kind whose `kind.group` prefix (as apply prints `configmap/x created`) is `prefix`. */
export function kindByPrefix(state: ClusterState, prefix: string): AnyKind | undefined {
  return allKinds(state).find((k) => (k.group ? `${k.kind.toLowerCase()}.${k.group}` : k.kind.toLowerCase()) === prefix);
}
