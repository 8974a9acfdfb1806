/**
 * NetworkPolicies (networking.k8s.io/v1): the table of printers.go printNetworkPolicy and the text of
 * describe.go describeNetworkPolicy / printNetworkPolicySpecIngressFrom / printNetworkPolicySpecEgressTo,
 * including `To Port Range: 32000-32768/TCP` for endPort, `To Port: <nil>/UDP` for a port entry without a
 * port (the describer prints a nil *IntOrString with %s), and policyTypes in the order stored.
 */
import { FIXED_AGE, FIXED_GO_TIME, meta, selectorObject } from '../kubectl-format.ts';
import { formatSelector, isEmptySelector } from '../selectors.ts';
import { sortByKey } from '../state.ts';
import type { NetworkPolicyModel, PolicyRuleModel } from '../types.ts';
import { DescribeWriter, printAnnotationsMultiline, printLabelsMultiline } from './describe-writer.ts';
import { defineKind } from './kind.ts';

function ruleObject(r: PolicyRuleModel, peerField: 'from' | 'to'): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (r.peers) {
    o[peerField] = r.peers.map((p) => {
      const po: Record<string, unknown> = {};
      if (p.ipBlock) po.ipBlock = p.ipBlock.except.length ? { cidr: p.ipBlock.cidr, except: [...p.ipBlock.except] } : { cidr: p.ipBlock.cidr };
      if (p.namespaceSelector) po.namespaceSelector = selectorObject(p.namespaceSelector);
      if (p.podSelector) po.podSelector = selectorObject(p.podSelector);
      return po;
    });
  }
  if (r.ports.length) {
    o.ports = r.ports.map((p) => ({ ...(p.endPort !== undefined ? { endPort: p.endPort } : {}), ...(p.port !== undefined ? { port: p.port } : {}), protocol: p.protocol }));
  }
  return o;
}

/** A NetworkPolicy as the API server returns it (policyTypes as resolved, in the stored order). */
export function networkPolicyObject(n: NetworkPolicyModel): Record<string, unknown> {
  const spec: Record<string, unknown> = { podSelector: selectorObject(n.podSelector), policyTypes: [...n.policyTypes] };
  if (n.egress.length) spec.egress = n.egress.map((r) => ruleObject(r, 'to'));
  if (n.ingress.length) spec.ingress = n.ingress.map((r) => ruleObject(r, 'from'));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(n), spec };
}

function printRules(w: DescribeWriter, rules: PolicyRuleModel[], dir: 'ingress' | 'egress'): void {
  const indent = '    ';
  if (rules.length === 0) {
    w.write(0, `${indent}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
    return;
  }
  const peerWord = dir === 'ingress' ? 'From' : 'To';
  rules.forEach((r, i) => {
    if (r.ports.length === 0) w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    else {
      for (const p of r.ports) {
        const port = p.port === undefined ? '<nil>' : String(p.port);
        if (p.endPort === undefined) w.write(0, `${indent}To Port: ${port}/${p.protocol}\n`);
        else w.write(0, `${indent}To Port Range: ${port}-${p.endPort}/${p.protocol}\n`);
      }
    }
    if (r.peers === null || r.peers.length === 0) {
      w.write(0, `${indent}${peerWord}: <any> (traffic not restricted by ${dir === 'ingress' ? 'source' : 'destination'})\n`);
    } else {
      for (const peer of r.peers) {
        w.write(0, `${indent}${peerWord}:\n`);
        if (peer.podSelector && peer.namespaceSelector) {
          w.write(1, `${indent}NamespaceSelector: ${formatSelector(peer.namespaceSelector)}\n`);
          w.write(1, `${indent}PodSelector: ${formatSelector(peer.podSelector)}\n`);
        } else if (peer.podSelector) {
          w.write(1, `${indent}PodSelector: ${formatSelector(peer.podSelector)}\n`);
        } else if (peer.namespaceSelector) {
          w.write(1, `${indent}NamespaceSelector: ${formatSelector(peer.namespaceSelector)}\n`);
        } else if (peer.ipBlock) {
          w.write(1, `${indent}IPBlock:\n`);
          w.write(2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
          w.write(2, `${indent}Except: ${peer.ipBlock.except.join(', ')}\n`);
        }
      }
    }
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

/** `kubectl describe networkpolicy` (describe.go describeNetworkPolicy). */
export function describeNetworkPolicy(n: NetworkPolicyModel): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${n.name}\n`);
  w.write(0, `Namespace:\t${n.namespace}\n`);
  w.write(0, `Created on:\t${FIXED_GO_TIME}\n`);
  printLabelsMultiline(w, 'Labels', n.labels);
  printAnnotationsMultiline(w, 'Annotations', n.annotations);
  w.write(0, 'Spec:\n');
  w.write(1, 'PodSelector: ');
  if (isEmptySelector(n.podSelector)) w.write(2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  else w.write(2, `${formatSelector(n.podSelector)}\n`);
  if (n.policyTypes.includes('Ingress')) {
    w.write(1, 'Allowing ingress traffic:\n');
    printRules(w, n.ingress, 'ingress');
  } else w.write(1, 'Not affecting ingress traffic\n');
  if (n.policyTypes.includes('Egress')) {
    w.write(1, 'Allowing egress traffic:\n');
    printRules(w, n.egress, 'egress');
  } else w.write(1, 'Not affecting egress traffic\n');
  w.write(1, `Policy Types: ${n.policyTypes.join(', ') || '<none>'}\n`);
  return w.toString();
}

/** NetworkPolicies (networking.k8s.io/v1). */
export const networkpolicies = defineKind<NetworkPolicyModel>({
  kind: 'NetworkPolicy',
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'networkpolicies',
  singular: 'networkpolicy',
  shortNames: ['netpol'],
  namespaced: true,
  source: 'model',
  list: (state) => sortByKey(state.model.networkPolicies).map((n) => ({ namespace: n.namespace, name: n.name, labels: n.labels, value: n })),
  object: (e) => networkPolicyObject(e.value),
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'POD-SELECTOR', cell: (e) => formatSelector(e.value.podSelector) },
    { header: 'AGE', cell: () => FIXED_AGE },
  ],
  describe: (e) => describeNetworkPolicy(e.value),
});
