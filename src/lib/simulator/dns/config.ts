/**
 * Where CoreDNS's configuration comes from: the kube-system/coredns ConfigMap's `Corefile` key when the cluster
 * has that ConfigMap (applied or edited by the learner), else kubeadm's default Corefile. A Corefile CoreDNS
 * cannot load leaves the previous configuration running (the `reload` plugin logs the error and keeps serving):
 * the simulator keeps the default then and reports the error.
 */
import type { ClusterState } from '../state.ts';
import { DEFAULT_COREDNS_CONFIG, DEFAULT_COREFILE, parseCorefile } from './corefile.ts';
import type { CoreDnsConfig, CorefileError } from './corefile.ts';

/** CoreDNS's effective configuration and the Corefile text it came from. */
export interface CoreDnsSetup {
  config: CoreDnsConfig;
  corefile: string;
  /** Set when the ConfigMap's Corefile could not be loaded. */
  error?: CorefileError;
}

const cache = new WeakMap<ClusterState, CoreDnsSetup>();

/** The Corefile text of the kube-system/coredns ConfigMap, or null when the cluster has none. */
export function configMapCorefile(state: ClusterState): string | null {
  const cm = state.model.storedObjects.find((o) => o.kind === 'ConfigMap' && o.namespace === 'kube-system' && o.name === 'coredns');
  if (!cm) return null;
  const data = (cm.raw.data ?? {}) as Record<string, unknown>;
  return typeof data.Corefile === 'string' ? data.Corefile : '';
}

/** CoreDNS's configuration in this cluster state. */
export function corednsSetup(state: ClusterState): CoreDnsSetup {
  const hit = cache.get(state);
  if (hit) return hit;
  const text = configMapCorefile(state);
  let setup: CoreDnsSetup;
  if (text === null) setup = { config: DEFAULT_COREDNS_CONFIG, corefile: DEFAULT_COREFILE };
  else {
    const parsed = parseCorefile(text);
    setup = 'message' in parsed ? { config: DEFAULT_COREDNS_CONFIG, corefile: text, error: parsed } : { config: parsed, corefile: text };
  }
  cache.set(state, setup);
  return setup;
}
