/** Indexed, read-only view of a ClusterModel (lookups by name, IP and namespace) shared by every engine. */
import type { ClusterModel, NamespaceModel, NetworkPolicyModel, NodeModel, PodModel, ServiceModel, DeploymentModel } from './types.ts';

/** A ClusterModel plus lookup tables; build it with indexModel() and never mutate it. */
export interface ClusterState {
  model: ClusterModel;
  namespaces: Map<string, NamespaceModel>;
  nodes: Map<string, NodeModel>;
  /** Pods by 'ns/name'. */
  pods: Map<string, PodModel>;
  /** Pods by IP (only pods that have an IP). */
  podsByIP: Map<string, PodModel>;
  /** Services by 'ns/name'. */
  services: Map<string, ServiceModel>;
  /** Services by ClusterIP (headless services excluded). */
  servicesByIP: Map<string, ServiceModel>;
  deployments: Map<string, DeploymentModel>;
  /** NetworkPolicies grouped by namespace (a policy only selects pods of its own namespace). */
  policiesByNamespace: Map<string, NetworkPolicyModel[]>;
  nodesByIP: Map<string, NodeModel>;
}

/** 'ns/name' key of a namespaced object. */
export function keyOf(o: { namespace: string; name: string }): string {
  return `${o.namespace}/${o.name}`;
}

/** Compares two strings in code-point order (locale-independent, deterministic). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts namespaced objects by namespace then name. */
export function sortByKey<T extends { namespace: string; name: string }>(items: readonly T[]): T[] {
  return [...items].sort((x, y) => compareStrings(x.namespace, y.namespace) || compareStrings(x.name, y.name));
}

/** Builds the lookup tables for a model. */
export function indexModel(model: ClusterModel): ClusterState {
  const state: ClusterState = {
    model,
    namespaces: new Map(model.namespaces.map((n) => [n.name, n])),
    nodes: new Map(model.nodes.map((n) => [n.name, n])),
    pods: new Map(model.pods.map((p) => [keyOf(p), p])),
    podsByIP: new Map(),
    services: new Map(model.services.map((s) => [keyOf(s), s])),
    servicesByIP: new Map(),
    deployments: new Map(model.deployments.map((d) => [keyOf(d), d])),
    policiesByNamespace: new Map(),
    nodesByIP: new Map(model.nodes.map((n) => [n.internalIP, n])),
  };
  for (const p of model.pods) if (p.ip && !state.podsByIP.has(p.ip)) state.podsByIP.set(p.ip, p);
  for (const s of model.services) if (!s.headless && s.clusterIP) state.servicesByIP.set(s.clusterIP, s);
  for (const np of model.networkPolicies) {
    const list = state.policiesByNamespace.get(np.namespace);
    if (list) list.push(np);
    else state.policiesByNamespace.set(np.namespace, [np]);
  }
  return state;
}
