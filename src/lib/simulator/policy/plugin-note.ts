/** What the lab says about the policy plugin in force (kept apart from explain.ts, which loads only on demand). */
import type { PolicyPlugin } from '../types.ts';

const PLUGIN_NOTE: Record<PolicyPlugin, string> = {
  calico: 'Policies are enforced (Calico-like plugin: ipBlock matches any address, pod IPs included).',
  cilium: 'Policies are enforced (Cilium-like plugin: ipBlock never matches pods or nodes).',
  none: 'The network plugin does not enforce NetworkPolicy: the policies are stored, and nothing applies them.',
};

/** Sentences saying which plugin is in force, what it does with policies and when it judges Service traffic. */
export function pluginNote(plugin: PolicyPlugin, afterDnat = true): string {
  if (plugin === 'none') return PLUGIN_NOTE[plugin];
  return `${PLUGIN_NOTE[plugin]} Egress to a Service is judged ${afterDnat ? 'after DNAT: on the chosen pod and its targetPort' : 'before DNAT: on the ClusterIP and the Service port'} (policyAfterDnat: ${afterDnat}).`;
}

