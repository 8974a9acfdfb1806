/**
 * Services and what the control plane derives from them: core/v1 Endpoints (written by the endpoints
 * controller, deprecated since v1.33) and discovery.k8s.io/v1 EndpointSlices (endpointSlices() in
 * services.ts computes them; this file only prints them). Tables follow printers.go printService,
 * printEndpoints/formatEndpoints and printEndpointSlice/formatDiscoveryPorts/formatDiscoveryEndpoints;
 * describe texts follow describe.go describeService/formatEndpointSlices, describeEndpoints and
 * describeEndpointSliceV1.
 */
import { FIXED_AGE, meta } from '../kubectl-format.ts';
import { formatLabels } from '../selectors.ts';
import { endpointSlices } from '../services.ts';
import type { ClusterState } from '../state.ts';
import { sortByKey } from '../state.ts';
import type { EndpointModel, EndpointPortModel, EndpointSliceModel, ServiceModel, ServicePortModel } from '../types.ts';
import { externalNameServices } from '../dns/kubernetes-plugin.ts';
import { describeEvents, DescribeWriter, printAnnotationsMultiline, printLabelsMultiline } from './describe-writer.ts';
import { defineKind, sortEntries } from './kind.ts';
import type { Entry } from './kind.ts';

/**
 * The warning the API server sends with every v1 Endpoints request since v1.33 (KEP-4974), as built by
 * apiserver pkg/endpoints/deprecation WarningMessage: "%s %s is deprecated in v%d.%d+" + "; use %s %s".
 */
export const ENDPOINTS_DEPRECATION_WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';

const LOAD_BALANCER_WIDTH = 16;

/** EXTERNAL-IP of `kubectl get svc` (printers.go getServiceExternalIP; LoadBalancer ingress clipped to 16 characters unless wide). */
export function externalIPColumn(s: ServiceModel, wide: boolean): string {
  if (s.type !== 'LoadBalancer') return '<none>';
  let r = [...new Set(s.loadBalancerIPs)].sort().join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...`;
  return r || '<pending>';
}

/** PORT(S) of `kubectl get svc` (printers.go makePortString). */
export function portsColumn(s: { ports: readonly ServicePortModel[] }): string {
  return s.ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',') || '<none>';
}

/** A Service as the API server returns it (defaults filled in). */
export function serviceObject(s: ServiceModel): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    clusterIP: s.clusterIP,
    clusterIPs: [s.clusterIP],
    internalTrafficPolicy: s.internalTrafficPolicy ?? 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports: s.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}), port: p.port, protocol: p.protocol, targetPort: p.targetPort })),
    sessionAffinity: s.sessionAffinity ? 'ClientIP' : 'None',
    type: s.type,
  };
  if (s.sessionAffinity) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: s.sessionAffinity.timeoutSeconds } };
  if (s.externalIPs?.length) spec.externalIPs = [...s.externalIPs];
  if (s.publishNotReadyAddresses) spec.publishNotReadyAddresses = true;
  if (s.selector) spec.selector = { ...s.selector };
  if (s.type !== 'ClusterIP') spec.externalTrafficPolicy = s.externalTrafficPolicy ?? 'Cluster';
  if (s.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts = true;
  const status = s.type === 'LoadBalancer' && s.loadBalancerIPs.length ? { loadBalancer: { ingress: s.loadBalancerIPs.map((ip) => ({ ip, ipMode: 'VIP' })) } } : { loadBalancer: {} };
  return { apiVersion: 'v1', kind: 'Service', metadata: meta(s), spec, status };
}

function isReady(e: EndpointModel): boolean {
  return e.ready;
}

/** describe.go formatEndpointSlices: ready `ip:port` of the slice ports named like the Service port, at most 3 then `+ N more...`. */
export function formatEndpointSlices(slices: readonly EndpointSliceModel[], portName: string | null): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const sl of slices) {
    if (sl.ports.length === 0) {
      for (const e of sl.endpoints) {
        if (list.length === max) more = true;
        if (!isReady(e)) continue;
        if (!more) list.push(e.ip);
        count++;
      }
    } else {
      for (const port of sl.ports) {
        if (portName !== null && (port.name ?? '') !== portName) continue;
        for (const e of sl.endpoints) {
          if (list.length === max) more = true;
          if (!isReady(e)) continue;
          if (!more) list.push(`${e.ip}:${port.port}`);
          count++;
        }
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** The lines describe.go's describeService starts every Service with: name, namespace, labels, annotations, selector, type. */
function describeServiceHeader(s: Pick<ServiceModel, 'name' | 'namespace' | 'labels' | 'annotations'> & { selector: ServiceModel['selector'] | null }, type: string): DescribeWriter {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${s.name}\n`);
  w.write(0, `Namespace:\t${s.namespace}\n`);
  printLabelsMultiline(w, 'Labels', s.labels);
  printAnnotationsMultiline(w, 'Annotations', s.annotations);
  w.write(0, `Selector:\t${formatLabels(s.selector)}\n`);
  w.write(0, `Type:\t${type}\n`);
  return w;
}

/** `kubectl describe service` (describe.go describeService). */
export function describeService(s: ServiceModel, state: ClusterState): string {
  const slices = endpointSlices(state, s);
  const w = describeServiceHeader(s, s.type);
  w.write(0, 'IP Family Policy:\tSingleStack\n');
  w.write(0, 'IP Families:\tIPv4\n');
  w.write(0, `IP:\t${s.clusterIP}\n`);
  w.write(0, `IPs:\t${s.clusterIP}\n`);
  if (s.type === 'LoadBalancer' && s.loadBalancerIPs.length) w.write(0, `LoadBalancer Ingress:\t${s.loadBalancerIPs.map((ip) => `${ip} (VIP)`).join(', ')}\n`);
  for (const p of s.ports) {
    const name = p.name || '<unset>';
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol}\n`);
    w.write(0, `TargetPort:\t${p.targetPort}/${p.protocol}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}\n`);
  }
  // describe.go describeService: the spec's values (SetDefaults_Service fills sessionAffinity, the traffic policies).
  w.write(0, `Session Affinity:\t${s.sessionAffinity ? 'ClientIP' : 'None'}\n`);
  if (s.type !== 'ClusterIP') w.write(0, `External Traffic Policy:\t${s.externalTrafficPolicy ?? 'Cluster'}\n`);
  w.write(0, `Internal Traffic Policy:\t${s.internalTrafficPolicy ?? 'Cluster'}\n`);
  describeEvents(w, []);
  return w.toString();
}

/**
 * An ExternalName Service as kubectl shows it: a DNS alias kept as written (the simulator stores it; CoreDNS answers
 * its CNAME), with no ClusterIP, no endpoints and nothing for kube-proxy. SetDefaults_Service gives it
 * sessionAffinity None and no traffic policies or IP families.
 */
export interface ExternalNameRow {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  externalName: string;
  selector: Record<string, string> | null;
  ports: ServicePortModel[];
}

/** A row of `kubectl get svc`: a modelled Service or an ExternalName alias. */
export type ServiceRow = ServiceModel | ExternalNameRow;

function isExternalName(s: ServiceRow): s is ExternalNameRow {
  return 'externalName' in s;
}

/** The stored ExternalName Services, as rows (ports as written, protocol TCP and targetPort = port by default). */
function externalNameRows(state: ClusterState): ExternalNameRow[] {
  const stored = new Map(state.model.storedObjects.filter((o) => o.kind === 'Service').map((o) => [`${o.namespace}/${o.name}`, o]));
  return externalNameServices(state).map((svc) => {
    const o = stored.get(`${svc.namespace}/${svc.name}`)!;
    const spec = (o.raw.spec ?? {}) as Record<string, unknown>;
    const rawPorts = Array.isArray(spec.ports) ? (spec.ports as Array<Record<string, unknown>>) : [];
    const ports = rawPorts.map((p) => ({
      ...(typeof p.name === 'string' && p.name ? { name: p.name } : {}),
      port: Number(p.port),
      protocol: (typeof p.protocol === 'string' ? p.protocol : 'TCP') as ServicePortModel['protocol'],
      targetPort: (typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : Number(p.port)) as number | string,
    }));
    const selector = spec.selector && typeof spec.selector === 'object' ? (spec.selector as Record<string, string>) : null;
    return { name: o.name, namespace: o.namespace, labels: o.labels, annotations: o.annotations, externalName: String(spec.externalName), selector, ports };
  });
}

/** An ExternalName Service as the API server returns it. */
function externalNameObject(s: ExternalNameRow): Record<string, unknown> {
  const spec: Record<string, unknown> = { externalName: s.externalName, sessionAffinity: 'None', type: 'ExternalName' };
  if (s.ports.length) spec.ports = s.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol, targetPort: p.targetPort }));
  if (s.selector) spec.selector = { ...s.selector };
  return { apiVersion: 'v1', kind: 'Service', metadata: meta(s), spec, status: { loadBalancer: {} } };
}

/** `kubectl describe service` of an ExternalName Service (describe.go describeService: no IP families or ClusterIPs, `External Name:`). */
function describeExternalName(s: ExternalNameRow): string {
  const w = describeServiceHeader(s, 'ExternalName');
  w.write(0, 'IP Families:\t<none>\n');
  w.write(0, 'IP:\t\n');
  w.write(0, 'IPs:\t<none>\n');
  w.write(0, `External Name:\t${s.externalName}\n`);
  for (const p of s.ports) {
    const name = p.name || '<unset>';
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol}\n`);
    w.write(0, `TargetPort:\t${p.targetPort}/${p.protocol}\n`);
    w.write(0, 'Endpoints:\t\n');
  }
  w.write(0, 'Session Affinity:\tNone\n');
  describeEvents(w, []);
  return w.toString();
}

/** Services (core/v1). */
export const services = defineKind<ServiceRow>({
  kind: 'Service',
  group: '',
  version: 'v1',
  plural: 'services',
  singular: 'service',
  shortNames: ['svc'],
  namespaced: true,
  inAll: true,
  source: 'model',
  list: (state) => sortByKey<ServiceRow>([...state.model.services, ...externalNameRows(state)]).map((s) => ({ namespace: s.namespace, name: s.name, labels: s.labels, value: s })),
  object: (e) => (isExternalName(e.value) ? externalNameObject(e.value) : serviceObject(e.value)),
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'TYPE', cell: (e) => (isExternalName(e.value) ? 'ExternalName' : e.value.type) },
    { header: 'CLUSTER-IP', cell: (e) => (isExternalName(e.value) ? '<none>' : e.value.clusterIP || '<none>') },
    // printers.go getServiceExternalIP: an ExternalName Service shows its spec.externalName.
    { header: 'EXTERNAL-IP', cell: (e) => (isExternalName(e.value) ? e.value.externalName : externalIPColumn(e.value, false)) },
    { header: 'PORT(S)', cell: (e) => portsColumn(e.value) },
    { header: 'AGE', cell: () => FIXED_AGE },
    { header: 'SELECTOR', wide: true, cell: (e) => formatLabels(e.value.selector) },
  ],
  describe: (e, state) => (isExternalName(e.value) ? describeExternalName(e.value) : describeService(e.value, state)),
});

// ---------------------------------------------------------------------------------------------------------
// Endpoints (core/v1, deprecated)

/** One subset of an Endpoints object. */
interface Subset {
  addresses: EndpointModel[];
  notReadyAddresses: EndpointModel[];
  ports: EndpointPortModel[];
}

/** What the endpoints controller writes for a Service. */
export interface EndpointsView {
  service: ServiceModel;
  labels: Record<string, string>;
  subsets: Subset[];
}

const byIPString = (a: EndpointModel, b: EndpointModel): number => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);

function serviceLabels(s: ServiceModel): Record<string, string> {
  return s.headless ? { ...s.labels, 'service.kubernetes.io/headless': '' } : { ...s.labels };
}

/**
 * The Endpoints object of a Service, after the endpoints controller: one subset per set of resolved ports,
 * ready pods in `addresses`, not-ready ones in `notReadyAddresses` (terminating pods are left out), addresses
 * sorted by IP as text (LessEndpointAddress compares the IP strings).
 */
export function endpointsView(s: ServiceModel, state: ClusterState): EndpointsView {
  const subsets: Subset[] = [];
  for (const sl of endpointSlices(state, s)) {
    const live = sl.endpoints.filter((e) => !e.terminating);
    if (live.length === 0) continue;
    subsets.push({ addresses: live.filter((e) => e.ready).sort(byIPString), notReadyAddresses: live.filter((e) => !e.ready).sort(byIPString), ports: sl.ports });
  }
  return { service: s, labels: serviceLabels(s), subsets };
}

/** ENDPOINTS of `kubectl get endpoints` (printers.go formatEndpoints: ready addresses only, at most 3 then `+ N more...`). */
export function endpointsColumn(v: EndpointsView): string {
  if (v.subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of v.subsets) {
    if (ss.ports.length === 0) {
      count += ss.addresses.length;
      for (const a of ss.addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      count += ss.addresses.length;
      for (const a of ss.addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(`${a.ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function targetRef(e: EndpointModel): Record<string, unknown> {
  const [namespace, name] = e.pod.split('/');
  return { kind: 'Pod', name, namespace };
}

function endpointsObject(v: EndpointsView): Record<string, unknown> {
  const md = meta({ name: v.service.name, namespace: v.service.namespace, labels: v.labels, annotations: {} });
  const addr = (e: EndpointModel) => ({ ip: e.ip, nodeName: e.nodeName, targetRef: targetRef(e) });
  const subsets = v.subsets.map((ss) => ({
    ...(ss.addresses.length ? { addresses: ss.addresses.map(addr) } : {}),
    ...(ss.notReadyAddresses.length ? { notReadyAddresses: ss.notReadyAddresses.map(addr) } : {}),
    ...(ss.ports.length ? { ports: ss.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol })) } : {}),
  }));
  return subsets.length ? { apiVersion: 'v1', kind: 'Endpoints', metadata: md, subsets } : { apiVersion: 'v1', kind: 'Endpoints', metadata: md };
}

/** `kubectl describe endpoints` (describe.go describeEndpoints). */
function describeEndpoints(v: EndpointsView): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${v.service.name}\n`);
  w.write(0, `Namespace:\t${v.service.namespace}\n`);
  printLabelsMultiline(w, 'Labels', v.labels);
  printAnnotationsMultiline(w, 'Annotations', {});
  w.write(0, 'Subsets:\n');
  for (const ss of v.subsets) {
    w.write(1, `Addresses:\t${ss.addresses.map((a) => a.ip).join(',') || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${ss.notReadyAddresses.map((a) => a.ip).join(',') || '<none>'}\n`);
    if (ss.ports.length) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of ss.ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol}\n`);
    }
    w.write(0, '\n');
  }
  describeEvents(w, []);
  return w.toString();
}

/** True for Services the endpoints controller keeps an Endpoints object for (a selector), and default/kubernetes (the API server's). */
function hasEndpoints(s: ServiceModel): boolean {
  return s.selector !== null || (s.namespace === 'default' && s.name === 'kubernetes');
}

/** Endpoints (core/v1). */
export const endpoints = defineKind<EndpointsView>({
  kind: 'Endpoints',
  group: '',
  version: 'v1',
  plural: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
  source: 'derived',
  warning: ENDPOINTS_DEPRECATION_WARNING,
  list: (state) =>
    sortByKey(state.model.services)
      .filter(hasEndpoints)
      .map((s) => {
        const v = endpointsView(s, state);
        return { namespace: s.namespace, name: s.name, labels: v.labels, value: v };
      }),
  object: (e) => endpointsObject(e.value),
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'ENDPOINTS', cell: (e) => endpointsColumn(e.value) },
    { header: 'AGE', cell: () => FIXED_AGE },
  ],
  describe: (e) => describeEndpoints(e.value),
});

// ---------------------------------------------------------------------------------------------------------
// EndpointSlices (discovery.k8s.io/v1)

/** One EndpointSlice with the Service it belongs to. */
export interface SliceView {
  service: ServiceModel;
  slice: EndpointSliceModel;
  labels: Record<string, string>;
}

/** The slice labels the EndpointSlice controller sets (Service labels, service-name, managed-by, headless). */
function sliceLabels(s: ServiceModel): Record<string, string> {
  return { ...serviceLabels(s), 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': s.name };
}

/** printers.go listWithMoreString: at most 3 then `+ N more...`, `<unset>` when empty. */
function listWithMore(values: string[]): string {
  const max = 3;
  if (values.length > max) return `${values.slice(0, max).join(',')} + ${values.length - max} more...`;
  return values.join(',') || '<unset>';
}

/** PORTS of `kubectl get endpointslices` (formatDiscoveryPorts). */
export function slicePortsColumn(sl: EndpointSliceModel): string {
  return listWithMore(sl.ports.map((p) => String(p.port)));
}

/** ENDPOINTS of `kubectl get endpointslices` (formatDiscoveryEndpoints: every address, ready or not). */
export function sliceEndpointsColumn(sl: EndpointSliceModel): string {
  return listWithMore(sl.endpoints.map((e) => e.ip));
}

function hostnameOf(e: EndpointModel, s: ServiceModel, state: ClusterState): string | undefined {
  const pod = state.pods.get(e.pod);
  return pod?.hostname && pod.subdomain === s.name ? pod.hostname : undefined;
}

function sliceObject(v: SliceView, state: ClusterState): Record<string, unknown> {
  const s = v.service;
  return {
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    // An empty list is stored as nil (protobuf), so the API serves `null` (json tags without omitempty).
    endpoints: v.slice.endpoints.length === 0 ? null : v.slice.endpoints.map((e) => {
      const hostname = hostnameOf(e, s, state);
      return { addresses: [e.ip], conditions: { ready: e.ready, serving: e.serving, terminating: e.terminating }, ...(hostname ? { hostname } : {}), nodeName: e.nodeName, targetRef: targetRef(e) };
    }),
    kind: 'EndpointSlice',
    metadata: meta({ name: v.slice.name, namespace: s.namespace, labels: v.labels, annotations: {} }, { generateName: `${s.name}-`, ownerReferences: [{ apiVersion: 'v1', blockOwnerDeletion: true, controller: true, kind: 'Service', name: s.name }] }),
    ports: v.slice.ports.length === 0 ? null : v.slice.ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol })),
  };
}

/** `kubectl describe endpointslice` (describe.go describeEndpointSliceV1). */
function describeSlice(v: SliceView, state: ClusterState): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${v.slice.name}\n`);
  w.write(0, `Namespace:\t${v.service.namespace}\n`);
  printLabelsMultiline(w, 'Labels', v.labels);
  printAnnotationsMultiline(w, 'Annotations', {});
  w.write(0, 'AddressType:\tIPv4\n');
  if (v.slice.ports.length === 0) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of v.slice.ports) w.write(1, `${p.name || '<unset>'}\t${p.port}\t${p.protocol}\n`);
  }
  if (v.slice.endpoints.length === 0) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const e of v.slice.endpoints) {
      w.write(1, `- Addresses:\t${e.ip}\n`);
      w.write(2, 'Conditions:\n');
      w.write(3, `Ready:\t${e.ready}\n`);
      w.write(2, `Hostname:\t${hostnameOf(e, v.service, state) ?? '<unset>'}\n`);
      w.write(2, `TargetRef:\tPod/${e.pod.split('/')[1] ?? ''}\n`);
      w.write(2, `NodeName:\t${e.nodeName || '<unset>'}\n`);
      w.write(2, 'Zone:\t<unset>\n');
    }
  }
  describeEvents(w, []);
  return w.toString();
}

/** EndpointSlices (discovery.k8s.io/v1). */
export const endpointslices = defineKind<SliceView>({
  kind: 'EndpointSlice',
  group: 'discovery.k8s.io',
  version: 'v1',
  plural: 'endpointslices',
  singular: 'endpointslice',
  shortNames: [],
  namespaced: true,
  source: 'derived',
  list: (state) =>
    sortEntries(
      state.model.services.flatMap((s) => {
        const labels = sliceLabels(s);
        return endpointSlices(state, s).map((slice): Entry<SliceView> => ({ namespace: s.namespace, name: slice.name, labels, value: { service: s, slice, labels } }));
      }),
    ),
  object: (e, state) => sliceObject(e.value, state),
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'ADDRESSTYPE', cell: () => 'IPv4' },
    { header: 'PORTS', cell: (e) => slicePortsColumn(e.value.slice) },
    { header: 'ENDPOINTS', cell: (e) => sliceEndpointsColumn(e.value.slice) },
    { header: 'AGE', cell: () => FIXED_AGE },
  ],
  describe: (e, state) => describeSlice(e.value, state),
});
