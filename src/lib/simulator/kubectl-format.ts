/**
 * kubectl output formatting: tab-aligned tables like kubectl's printers, object serialisation for
 * `-o yaml|json`, and `describe` text. AGE is always `5m` and creationTimestamp a fixed instant
 * (2025-01-01T00:00:00Z) so every render is deterministic.
 */
import { stringify } from 'yaml';
import { KUBE_DNS_IP, podTemplateHash } from './build.ts';
import { describePeer } from './network-policy.ts';
import { formatLabels, formatSelector, isEmptySelector } from './selectors.ts';
import { endpointSlices, formatServicePort, readyBackends, resolveTargetPort, selectedPods } from './services.ts';
import type { ClusterState } from './state.ts';
import { keyOf } from './state.ts';
import type { DeploymentModel, NamespaceModel, NetworkPolicyModel, NodeModel, PodModel, PolicyRuleModel, ServiceModel } from './types.ts';

/** The AGE every object shows. */
export const FIXED_AGE = '5m';
/** The creationTimestamp every object shows. */
export const FIXED_TIMESTAMP = '2025-01-01T00:00:00Z';
/** The same instant in describe's format. */
export const FIXED_DESCRIBE_TIME = 'Wed, 01 Jan 2025 00:00:00 +0000';
/** Kubernetes version nodes report. */
export const NODE_VERSION = 'v1.33.1';

/** Formats rows like kubectl's tabwriter: columns padded to the widest cell plus 3 spaces. */
export function formatTable(header: string[] | null, rows: string[][]): string {
  const all = header ? [header, ...rows] : rows;
  if (all.length === 0) return '';
  const cols = Math.max(...all.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < cols; c++) widths.push(Math.max(...all.map((r) => (r[c] ?? '').length)));
  return `${all
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd((widths[c] ?? 0) + 3)))
        .join('')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

function meta(o: { name: string; namespace?: string; labels: Record<string, string>; annotations: Record<string, string> }, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const m: Record<string, unknown> = { creationTimestamp: FIXED_TIMESTAMP, name: o.name };
  if (o.namespace !== undefined) m.namespace = o.namespace;
  if (Object.keys(o.labels).length) m.labels = { ...o.labels };
  if (Object.keys(o.annotations).length) m.annotations = { ...o.annotations };
  return { ...m, ...extra };
}

function selectorObject(s: { matchLabels: Record<string, string>; matchExpressions: Array<{ key: string; operator: string; values: string[] }> }): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (Object.keys(s.matchLabels).length) o.matchLabels = { ...s.matchLabels };
  if (s.matchExpressions.length) o.matchExpressions = s.matchExpressions.map((e) => (e.values.length ? { key: e.key, operator: e.operator, values: [...e.values] } : { key: e.key, operator: e.operator }));
  return o;
}

/** A pod as the API server would return it. */
export function podObject(p: PodModel): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  if (p.ownerDeployment) {
    const [, dname] = p.ownerDeployment.split('/');
    extra.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${dname}-${podTemplateHash({ namespace: p.namespace, name: dname ?? '' })}`, controller: true, blockOwnerDeletion: true }];
  }
  const spec: Record<string, unknown> = {
    containers: p.containers.map((c) => {
      const co: Record<string, unknown> = { image: c.image, name: c.name };
      if (c.ports.length) co.ports = c.ports.map((cp) => (cp.name ? { containerPort: cp.containerPort, name: cp.name, protocol: cp.protocol } : { containerPort: cp.containerPort, protocol: cp.protocol }));
      return co;
    }),
    dnsPolicy: 'ClusterFirst',
  };
  if (p.hostname) spec.hostname = p.hostname;
  if (p.nodeName) spec.nodeName = p.nodeName;
  if (p.subdomain) spec.subdomain = p.subdomain;
  const status: Record<string, unknown> = {
    conditions: [{ type: 'Ready', status: p.ready ? 'True' : 'False' }],
    phase: p.phase,
  };
  if (p.ip) {
    status.podIP = p.ip;
    status.podIPs = [{ ip: p.ip }];
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta(p, extra), spec, status };
}

/** A Service as the API server would return it. */
export function serviceObject(s: ServiceModel): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    clusterIP: s.clusterIP,
    clusterIPs: [s.clusterIP],
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports: s.ports.map((p) => {
      const o: Record<string, unknown> = {};
      if (p.name) o.name = p.name;
      if (p.nodePort !== undefined) o.nodePort = p.nodePort;
      o.port = p.port;
      o.protocol = p.protocol;
      o.targetPort = p.targetPort;
      return o;
    }),
  };
  if (s.selector) spec.selector = { ...s.selector };
  spec.sessionAffinity = 'None';
  spec.type = s.type;
  const status = s.type === 'LoadBalancer' && s.loadBalancerIPs.length ? { loadBalancer: { ingress: s.loadBalancerIPs.map((ip) => ({ ip })) } } : { loadBalancer: {} };
  return { apiVersion: 'v1', kind: 'Service', metadata: meta(s), spec, status };
}

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
    o.ports = r.ports.map((p) => {
      const po: Record<string, unknown> = {};
      if (p.endPort !== undefined) po.endPort = p.endPort;
      if (p.port !== undefined) po.port = p.port;
      po.protocol = p.protocol;
      return po;
    });
  }
  return o;
}

/** A NetworkPolicy as the API server would return it (defaults filled in). */
export function networkPolicyObject(n: NetworkPolicyModel): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  if (n.egress.length) spec.egress = n.egress.map((r) => ruleObject(r, 'to'));
  if (n.ingress.length) spec.ingress = n.ingress.map((r) => ruleObject(r, 'from'));
  spec.podSelector = selectorObject(n.podSelector);
  spec.policyTypes = [...n.policyTypes].sort((a, b) => (a === 'Ingress' ? -1 : b === 'Ingress' ? 1 : 0));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(n), spec };
}

/** A Node object. */
export function nodeObject(n: NodeModel): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(n),
    spec: { podCIDR: n.podCIDR, podCIDRs: [n.podCIDR] },
    status: {
      addresses: [
        { address: n.internalIP, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      conditions: [{ type: 'Ready', status: 'True' }],
      nodeInfo: { kubeletVersion: NODE_VERSION, containerRuntimeVersion: 'containerd://2.1.1', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0-60-generic' },
    },
  };
}

/** A Namespace object. */
export function namespaceObject(n: NamespaceModel): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: meta(n), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

/** A Deployment object. */
export function deploymentObject(d: DeploymentModel, state: ClusterState): Record<string, unknown> {
  const pods = state.model.pods.filter((p) => p.ownerDeployment === keyOf(d));
  const ready = pods.filter((p) => p.ready).length;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(d),
    spec: {
      replicas: d.replicas,
      selector: selectorObject(d.selector),
      template: {
        metadata: Object.keys(d.templateLabels).length ? { labels: { ...d.templateLabels } } : {},
        spec: { containers: d.containers.map((c) => ({ image: c.image, name: c.name, ...(c.ports.length ? { ports: c.ports.map((p) => ({ ...p })) } : {}) })) },
      },
    },
    status: { availableReplicas: ready, readyReplicas: ready, replicas: pods.length, updatedReplicas: pods.length },
  };
}

/** An Endpoints object (core/v1, deprecated in favour of EndpointSlices). */
export function endpointsObject(s: ServiceModel, state: ClusterState): Record<string, unknown> {
  const subsets = endpointSlices(state, s)
    .filter((sl) => sl.endpoints.length > 0)
    .map((sl) => {
      const o: Record<string, unknown> = {};
      const ready = sl.endpoints.filter((e) => e.ready);
      const notReady = sl.endpoints.filter((e) => !e.ready);
      const addr = (e: { ip: string; nodeName: string; pod: string }) => ({ ip: e.ip, nodeName: e.nodeName, targetRef: { kind: 'Pod', name: e.pod.split('/')[1], namespace: s.namespace } });
      if (ready.length) o.addresses = ready.map(addr);
      if (notReady.length) o.notReadyAddresses = notReady.map(addr);
      o.ports = sl.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol }));
      return o;
    });
  const md = meta({ name: s.name, namespace: s.namespace, labels: s.labels, annotations: {} });
  return subsets.length ? { apiVersion: 'v1', kind: 'Endpoints', metadata: md, subsets } : { apiVersion: 'v1', kind: 'Endpoints', metadata: md };
}

/** EndpointSlice objects of a Service. */
export function endpointSliceObjects(s: ServiceModel, state: ClusterState): Array<Record<string, unknown>> {
  return endpointSlices(state, s).map((sl) => ({
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints: sl.endpoints.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready, serving: e.ready, terminating: false }, nodeName: e.nodeName, targetRef: { kind: 'Pod', name: e.pod.split('/')[1], namespace: s.namespace } })),
    kind: 'EndpointSlice',
    metadata: meta({ name: sl.name, namespace: s.namespace, labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': s.name }, annotations: {} }, { generateName: `${s.name}-`, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: s.name, controller: true, blockOwnerDeletion: true }] }),
    ports: sl.ports.map((p) => ({ ...(p.name ? { name: p.name } : { name: '' }), port: p.port, protocol: p.protocol })),
  }));
}

/** Serialises objects like `-o yaml` / `-o json` (a List when more than one or when listing). */
export function serialize(objects: Array<Record<string, unknown>>, asList: boolean, format: 'yaml' | 'json'): string {
  const value = asList ? { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } } : objects[0];
  if (format === 'json') return `${JSON.stringify(value, null, 4)}\n`;
  return stringify(value, { lineWidth: 0 });
}

function block(width: number, pairs: Array<[string, string | string[]]>, indent = ''): string {
  const lines: string[] = [];
  for (const [k, v] of pairs) {
    const label = `${indent}${k}:`;
    const values = Array.isArray(v) ? (v.length ? v : ['<none>']) : [v];
    lines.push(`${label.padEnd(width)}${values[0] ?? ''}`.trimEnd());
    for (const extra of values.slice(1)) lines.push(`${''.padEnd(width)}${extra}`);
  }
  return lines.join('\n');
}

function labelLines(labels: Record<string, string>): string[] {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`);
}

/** `kubectl describe pod` text. */
export function describePod(p: PodModel, state: ClusterState): string {
  const node = state.nodes.get(p.nodeName);
  const out: string[] = [];
  out.push(
    block(18, [
      ['Name', p.name],
      ['Namespace', p.namespace],
      ['Priority', '0'],
      ['Service Account', 'default'],
      ['Node', node ? `${node.name}/${node.internalIP}` : '<none>'],
      ['Start Time', FIXED_DESCRIBE_TIME],
      ['Labels', labelLines(p.labels)],
      ['Annotations', labelLines(p.annotations)],
      ['Status', p.phase],
      ['IP', p.ip || ''],
    ]),
  );
  out.push(p.ip ? `IPs:\n  IP:  ${p.ip}` : 'IPs:  <none>');
  if (p.ownerDeployment) {
    const d = p.ownerDeployment.split('/')[1] ?? '';
    out.push(`Controlled By:  ReplicaSet/${d}-${podTemplateHash({ namespace: p.namespace, name: d })}`);
  }
  out.push('Containers:');
  for (const c of p.containers) {
    const ports = c.ports.map((cp) => `${cp.containerPort}/${cp.protocol}${cp.name ? ` (${cp.name})` : ''}`);
    out.push(`  ${c.name}:`);
    out.push(
      block(20, [
        ['Image', c.image],
        [c.ports.length > 1 ? 'Ports' : 'Port', ports.length ? ports.join(', ') : '<none>'],
        ['Host Port', c.ports.length ? c.ports.map((cp) => `0/${cp.protocol}`).join(', ') : '<none>'],
        ['State', p.phase === 'Running' ? 'Running' : 'Waiting'],
        ['Ready', p.ready ? 'True' : 'False'],
        ['Restart Count', '0'],
        ['Environment', '<none>'],
      ], '    '),
    );
  }
  out.push('Conditions:');
  out.push(formatTable(['  Type', 'Status'], [['  PodScheduled', p.nodeName ? 'True' : 'False'], ['  Initialized', p.phase === 'Running' ? 'True' : 'False'], ['  ContainersReady', p.ready ? 'True' : 'False'], ['  Ready', p.ready ? 'True' : 'False']]).trimEnd());
  out.push(block(29, [['QoS Class', 'BestEffort'], ['Node-Selectors', '<none>'], ['Tolerations', '<none>'], ['Events', '<none>']]));
  return `${out.join('\n')}\n`;
}

/** `kubectl describe service` text. */
export function describeService(s: ServiceModel, state: ClusterState): string {
  const pairs: Array<[string, string | string[]]> = [
    ['Name', s.name],
    ['Namespace', s.namespace],
    ['Labels', labelLines(s.labels)],
    ['Annotations', labelLines(s.annotations)],
    ['Selector', s.selector ? formatLabels(s.selector) : '<none>'],
    ['Type', s.type],
    ['IP Family Policy', 'SingleStack'],
    ['IP Families', 'IPv4'],
    ['IP', s.clusterIP],
    ['IPs', s.clusterIP],
  ];
  if (s.type === 'LoadBalancer') pairs.push(['LoadBalancer Ingress', s.loadBalancerIPs.join(', ') || '<pending>']);
  for (const p of s.ports) {
    pairs.push(['Port', `${p.name ?? '<unset>'}  ${p.port}/${p.protocol}`]);
    pairs.push(['TargetPort', `${String(p.targetPort)}/${p.protocol}`]);
    if (p.nodePort !== undefined) pairs.push(['NodePort', `${p.name ?? '<unset>'}  ${p.nodePort}/${p.protocol}`]);
    const eps = selectedPods(state, s)
      .filter((pod) => pod.ready)
      .map((pod) => {
        const t = resolveTargetPort(p, pod);
        return t === null ? '' : `${pod.ip}:${t}`;
      })
      .filter((x) => x !== '');
    pairs.push(['Endpoints', eps.join(',')]);
  }
  if (s.ports.length === 0) pairs.push(['Endpoints', '<none>']);
  pairs.push(['Session Affinity', 'None'], ['Internal Traffic Policy', 'Cluster'], ['Events', '<none>']);
  return `${block(26, pairs)}\n`;
}

function describeRules(rules: PolicyRuleModel[], dir: 'ingress' | 'egress'): string[] {
  const lines: string[] = [];
  const peerWord = dir === 'ingress' ? 'From' : 'To';
  rules.forEach((r, i) => {
    if (i > 0) lines.push('    ----------');
    if (r.ports.length === 0) lines.push('    To Port: <any> (traffic allowed to all ports)');
    else for (const p of r.ports) lines.push(`    To Port: ${p.port === undefined ? '<any>' : String(p.port)}${p.endPort !== undefined ? `-${p.endPort}` : ''}/${p.protocol}`);
    if (r.peers === null) {
      lines.push(`    ${peerWord}: <any> (traffic not restricted by ${dir === 'ingress' ? 'source' : 'destination'})`);
    } else {
      for (const peer of r.peers) {
        lines.push(`    ${peerWord}:`);
        if (peer.ipBlock) {
          lines.push('      IPBlock:');
          lines.push(`        CIDR: ${peer.ipBlock.cidr}`);
          lines.push(`        Except: ${peer.ipBlock.except.join(', ')}`.trimEnd());
        }
        if (peer.namespaceSelector) lines.push(`      NamespaceSelector: ${formatSelector(peer.namespaceSelector)}`);
        if (peer.podSelector) lines.push(`      PodSelector: ${formatSelector(peer.podSelector)}`);
      }
    }
  });
  return lines;
}

/** `kubectl describe networkpolicy` text (the layout of kubectl's describer). */
export function describeNetworkPolicy(n: NetworkPolicyModel): string {
  const out: string[] = [
    block(14, [
      ['Name', n.name],
      ['Namespace', n.namespace],
      ['Created on', '2025-01-01 00:00:00 +0000 UTC'],
      ['Labels', labelLines(n.labels)],
      ['Annotations', labelLines(n.annotations)],
    ]),
    'Spec:',
    isEmptySelector(n.podSelector) ? '  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)' : `  PodSelector:     ${formatSelector(n.podSelector)}`,
  ];
  if (n.policyTypes.includes('Ingress')) {
    out.push('  Allowing ingress traffic:');
    if (n.ingress.length === 0) out.push('    <none> (Selected pods are isolated for ingress connectivity)');
    else out.push(...describeRules(n.ingress, 'ingress'));
  } else out.push('  Not affecting ingress traffic');
  if (n.policyTypes.includes('Egress')) {
    out.push('  Allowing egress traffic:');
    if (n.egress.length === 0) out.push('    <none> (Selected pods are isolated for egress connectivity)');
    else out.push(...describeRules(n.egress, 'egress'));
  } else out.push('  Not affecting egress traffic');
  out.push(`  Policy Types: ${[...n.policyTypes].sort((a, b) => (a === 'Ingress' ? -1 : b === 'Ingress' ? 1 : 0)).join(', ')}`);
  return `${out.join('\n')}\n`;
}

/** Short description of a policy peer (re-exported for lesson texts). */
export { describePeer };

/** ENDPOINTS column of `kubectl get endpoints` (at most 3 shown, then "+ N more..."). */
export function endpointsColumn(s: ServiceModel, state: ClusterState): string {
  const items: string[] = [];
  for (const sp of s.ports) for (const b of readyBackends(state, s, sp)) items.push(`${b.pod.ip}:${b.port}`);
  const unique = [...new Set(items)];
  if (unique.length === 0) return '<none>';
  if (unique.length <= 3) return unique.join(',');
  return `${unique.slice(0, 3).join(',')} + ${unique.length - 3} more...`;
}

/** PORT(S) column of `kubectl get svc`. */
export function portsColumn(s: ServiceModel): string {
  return s.ports.length ? s.ports.map(formatServicePort).join(',') : '<none>';
}

/** EXTERNAL-IP column of `kubectl get svc`. */
export function externalIPColumn(s: ServiceModel): string {
  if (s.type !== 'LoadBalancer') return '<none>';
  return s.loadBalancerIPs.join(',') || '<pending>';
}

/** The nameserver shown by nslookup and dig. */
export const DNS_SERVER = KUBE_DNS_IP;
