/**
 * Ingress and IngressClass (networking.k8s.io/v1): the tables of printers.go printIngress (NAME CLASS HOSTS ADDRESS
 * PORTS AGE; formatHosts, formatPorts, ingressLoadBalancerStatusStringer clipping the address to 16 bytes outside
 * -o wide) and printIngressClass (NAME CONTROLLER PARAMETERS AGE), and describe.go describeIngressV1 /
 * describeIngressClassV1. The address is what the simulated Ingress controller writes into status (l7/status.ts).
 */
import { FIXED_AGE } from '../kubectl-format.ts';
import type { ClusterState } from '../state.ts';
import { withStatus } from '../l7/status.ts';
import type { EndpointSliceModel } from '../types.ts';
import { endpointSlices } from '../services.ts';
import { DescribeWriter, describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './describe-writer.ts';
import { defineKind } from './kind.ts';
import { formatEndpointSlices } from './services.ts';
import { storedEntries, storedObject } from './stored.ts';
import type { StoredEntryValue } from './stored.ts';

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function ingressObject(state: ClusterState, v: StoredEntryValue): Obj {
  return withStatus(state, v.object, storedObject(v.object));
}

/** printers.go formatHosts: up to 3 hosts, then `+ N more...`; `*` when no rule names a host. */
export function formatHosts(rules: unknown[]): string {
  const out: string[] = [];
  const max = 3;
  let more = false;
  for (const r of rules) {
    if (out.length === max) more = true;
    const host = text(rec(r).host);
    if (!more && host) out.push(host);
  }
  if (out.length === 0) return '*';
  const ret = out.join(',');
  return more ? `${ret} + ${rules.length - max} more...` : ret;
}

/** ingressLoadBalancerStatusStringer: the sorted set of IPs and hostnames, clipped to 16 bytes unless wide. */
export function ingressAddress(object: Obj, wide: boolean): string {
  const set = new Set<string>();
  for (const i of list(rec(rec(object.status).loadBalancer).ingress)) {
    if (text(rec(i).ip)) set.add(text(rec(i).ip));
    if (text(rec(i).hostname)) set.add(text(rec(i).hostname));
  }
  const r = [...set].sort().join(',');
  return !wide && r.length > 16 ? `${r.slice(0, 13)}...` : r;
}

function serviceBackend(state: ClusterState, ns: string, backend: Obj): string {
  const s = rec(backend.service);
  if (backend.service) {
    const port = rec(s.port);
    const sb = `${text(s.name)}:${port.number !== undefined ? text(port.number) : text(port.name)}`;
    const svc = state.services.get(`${ns}/${text(s.name)}`);
    if (!svc) return `${sb} (<error: services "${text(s.name)}" not found>)`;
    const sp = svc.ports.find((p) => (typeof port.number === 'number' && port.number === p.port) || (text(port.name) !== '' && text(port.name) === p.name));
    const slices: EndpointSliceModel[] = endpointSlices(state, svc);
    return `${sb} (${formatEndpointSlices(slices, sp?.name ?? '')})`;
  }
  if (backend.resource) {
    const r = rec(backend.resource);
    return `APIGroup: ${text(r.apiGroup) || '<none>'}, Kind: ${text(r.kind)}, Name: ${text(r.name)}`;
  }
  return '';
}

/** `kubectl describe ingress` (describe.go describeIngressV1). */
function describeIngress(state: ClusterState, v: StoredEntryValue): string {
  const o = ingressObject(state, v);
  const spec = rec(o.spec);
  const w = new DescribeWriter();
  w.write(0, `Name:\t${v.object.name}\n`);
  printLabelsMultiline(w, 'Labels', v.object.labels);
  w.write(0, `Namespace:\t${v.object.namespace}\n`);
  w.write(0, `Address:\t${ingressAddress(o, true)}\n`);
  w.write(0, `Ingress Class:\t${text(spec.ingressClassName) || '<none>'}\n`);
  const def = spec.defaultBackend ? serviceBackend(state, v.object.namespace, rec(spec.defaultBackend)) : '<default>';
  w.write(0, `Default backend:\t${def}\n`);
  const tls = list(spec.tls);
  if (tls.length) {
    w.write(0, 'TLS:\n');
    for (const t of tls.map(rec)) w.write(1, text(t.secretName) ? `${text(t.secretName)} terminates ${list(t.hosts).map(text).join(',')}\n` : `SNI routes ${list(t.hosts).map(text).join(',')}\n`);
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let count = 0;
  for (const r of list(spec.rules).map(rec)) {
    if (!r.http) continue;
    count++;
    w.write(1, `${text(r.host) || '*'}\t\n`);
    for (const p of list(rec(r.http).paths).map(rec)) w.write(2, `\t${text(p.path)} \t${serviceBackend(state, v.object.namespace, rec(p.backend))}\n`);
  }
  if (count === 0) w.write(1, `*\t*\t${def}\n`);
  printAnnotationsMultiline(w, 'Annotations', v.object.annotations);
  describeEvents(w, []);
  return w.toString();
}

/** `kubectl describe ingressclass` (describe.go describeIngressClassV1). */
function describeIngressClass(v: StoredEntryValue): string {
  const spec = rec(v.object.raw.spec);
  const w = new DescribeWriter();
  w.write(0, `Name:\t${v.object.name}\n`);
  printLabelsMultiline(w, 'Labels', v.object.labels);
  printAnnotationsMultiline(w, 'Annotations', v.object.annotations);
  w.write(0, `Controller:\t${text(spec.controller)}\n`);
  if (spec.parameters) {
    const p = rec(spec.parameters);
    w.write(0, 'Parameters:\n');
    if (p.apiGroup !== undefined) w.write(1, `APIGroup:\t${text(p.apiGroup)}\n`);
    w.write(1, `Kind:\t${text(p.kind)}\n`);
    w.write(1, `Name:\t${text(p.name)}\n`);
  }
  describeEvents(w, []);
  return w.toString();
}

/** Ingresses (networking.k8s.io/v1). */
export const ingresses = defineKind<StoredEntryValue>({
  kind: 'Ingress',
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'ingresses',
  singular: 'ingress',
  shortNames: ['ing'],
  namespaced: true,
  source: 'stored',
  list: (state) => storedEntries(state, 'Ingress', 'networking.k8s.io'),
  object: (e, state) => ingressObject(state, e.value),
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'CLASS', cell: (e) => text(rec(e.value.object.raw.spec).ingressClassName) || '<none>' },
    { header: 'HOSTS', cell: (e) => formatHosts(list(rec(e.value.object.raw.spec).rules)) },
    { header: 'ADDRESS', cell: (e, state) => ingressAddress(ingressObject(state, e.value), false) },
    { header: 'PORTS', cell: (e) => (list(rec(e.value.object.raw.spec).tls).length ? '80, 443' : '80') },
    { header: 'AGE', cell: () => FIXED_AGE },
  ],
  describe: (e, state) => describeIngress(state, e.value),
});

/** IngressClasses (networking.k8s.io/v1, cluster-scoped). */
export const ingressclasses = defineKind<StoredEntryValue>({
  kind: 'IngressClass',
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'ingressclasses',
  singular: 'ingressclass',
  shortNames: [],
  namespaced: false,
  source: 'stored',
  list: (state) => storedEntries(state, 'IngressClass', 'networking.k8s.io'),
  object: (e) => storedObject(e.value.object),
  columns: [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'CONTROLLER', cell: (e) => text(rec(e.value.object.raw.spec).controller) },
    {
      header: 'PARAMETERS',
      cell: (e) => {
        const p = rec(rec(e.value.object.raw.spec).parameters);
        if (!text(p.kind)) return '<none>';
        return `${text(p.kind)}${p.apiGroup ? `.${text(p.apiGroup)}` : ''}/${text(p.name)}`;
      },
    },
    { header: 'AGE', cell: () => FIXED_AGE },
  ],
  describe: (e) => describeIngressClass(e.value),
});
