/**
 * The L7 objects of a cluster, read from its stored objects (GatewayClass, Gateway, HTTPRoute, ReferenceGrant,
 * IngressClass, Ingress) into typed, defaulted records the evaluator works on. The manifests were validated and
 * defaulted on the way in (l7/manifest.ts), so the CRD defaults (PathPrefix `/`, weight 1, `from: Same`…) are there.
 * Memoised per ClusterState (states are immutable).
 */
import type { ClusterState } from '../state.ts';
import { compareStrings } from '../state.ts';
import type { LabelSelector, LabelSelectorRequirement, StoredObjectModel } from '../types.ts';
import { GATEWAY_GROUP } from './validate.ts';

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** A reference to a parent (a Gateway) in a route's `parentRefs`. */
export interface ParentRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
  /** The parentRef as written (defaulted), which route status echoes. */
  raw: Record<string, unknown>;
}

/** A `backendRefs` entry (a Service by default). */
export interface BackendRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  port?: number;
  weight: number;
}

/** A header or query parameter match. */
export interface ValueMatch {
  type: string;
  name: string;
  value: string;
}

/** One HTTPRouteMatch. */
export interface RouteMatch {
  path: { type: string; value: string };
  headers: ValueMatch[];
  queryParams: ValueMatch[];
  method?: string;
}

/** One HTTPRouteFilter: its type and the raw object. */
export interface RouteFilter {
  type: string;
  raw: Obj;
}

/** One HTTPRouteRule. */
export interface RouteRule {
  index: number;
  name?: string;
  matches: RouteMatch[];
  filters: RouteFilter[];
  backendRefs: BackendRef[];
}

/** An HTTPRoute. */
export interface HttpRouteModel {
  namespace: string;
  name: string;
  /** metadata.creationTimestamp as written ('' when the manifest has none: every such route is equally old). */
  created: string;
  parentRefs: ParentRef[];
  hostnames: string[];
  rules: RouteRule[];
  object: StoredObjectModel;
}

/** A Gateway listener. */
export interface ListenerModel {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  from: 'Same' | 'All' | 'Selector' | string;
  selector?: LabelSelector;
  /** allowedRoutes.kinds (empty: the kinds the protocol supports). */
  kinds: Array<{ group: string; kind: string }>;
}

/** A Gateway. */
export interface GatewayModel {
  namespace: string;
  name: string;
  className: string;
  listeners: ListenerModel[];
  object: StoredObjectModel;
}

/** A GatewayClass. */
export interface GatewayClassModel {
  name: string;
  controllerName: string;
  object: StoredObjectModel;
}

/** A ReferenceGrant. */
export interface ReferenceGrantModel {
  namespace: string;
  name: string;
  from: Array<{ group: string; kind: string; namespace: string }>;
  to: Array<{ group: string; kind: string; name?: string }>;
}

/** An Ingress backend: a Service port by number or name (resource backends are kept but not routed). */
export interface IngressBackendModel {
  service?: { name: string; port: number | string };
  resource?: { kind: string; name: string };
}

/** One path of an Ingress rule. */
export interface IngressPathModel {
  path: string;
  pathType: string;
  backend: IngressBackendModel;
}

/** An Ingress. */
export interface IngressModel {
  namespace: string;
  name: string;
  className?: string;
  defaultBackend?: IngressBackendModel;
  rules: Array<{ host?: string; paths: IngressPathModel[]; index: number }>;
  object: StoredObjectModel;
}

/** An IngressClass. */
export interface IngressClassModel {
  name: string;
  controller: string;
  isDefault: boolean;
  object: StoredObjectModel;
}

/** Every L7 object of a cluster. */
export interface L7Model {
  classes: GatewayClassModel[];
  gateways: GatewayModel[];
  routes: HttpRouteModel[];
  grants: ReferenceGrantModel[];
  ingressClasses: IngressClassModel[];
  ingresses: IngressModel[];
}

function selector(v: unknown): LabelSelector {
  const s = rec(v);
  const matchLabels: Record<string, string> = {};
  for (const [k, x] of Object.entries(rec(s.matchLabels))) matchLabels[k] = text(x);
  const matchExpressions = list(s.matchExpressions).map((e): LabelSelectorRequirement => ({ key: text(rec(e).key), operator: text(rec(e).operator) as LabelSelectorRequirement['operator'], values: list(rec(e).values).map(text) }));
  return { matchLabels, matchExpressions };
}

function valueMatches(v: unknown): ValueMatch[] {
  return list(v).map((m) => ({ type: text(rec(m).type) || 'Exact', name: text(rec(m).name), value: text(rec(m).value) }));
}

function backendRefs(v: unknown, routeNs: string): BackendRef[] {
  return list(v).map((b) => {
    const r = rec(b);
    const out: BackendRef = { group: text(r.group), kind: text(r.kind) || 'Service', namespace: text(r.namespace) || routeNs, name: text(r.name), weight: num(r.weight) ?? 1 };
    const port = num(r.port);
    if (port !== undefined) out.port = port;
    return out;
  });
}

function route(o: StoredObjectModel): HttpRouteModel {
  const spec = rec(o.raw.spec);
  return {
    namespace: o.namespace,
    name: o.name,
    created: text(rec(o.raw.metadata).creationTimestamp),
    parentRefs: list(spec.parentRefs).map((p) => {
      const r = rec(p);
      const out: ParentRef = { group: r.group === undefined ? GATEWAY_GROUP : text(r.group), kind: text(r.kind) || 'Gateway', namespace: text(r.namespace) || o.namespace, name: text(r.name), raw: r };
      if (text(r.sectionName)) out.sectionName = text(r.sectionName);
      const port = num(r.port);
      if (port !== undefined) out.port = port;
      return out;
    }),
    hostnames: list(spec.hostnames).map(text),
    rules: list(spec.rules).map((x, index) => {
      const r = rec(x);
      const matches = list(r.matches).length ? list(r.matches) : [{ path: { type: 'PathPrefix', value: '/' } }];
      const rule: RouteRule = {
        index,
        matches: matches.map((m) => {
          const mm = rec(m);
          const path = rec(mm.path);
          const out: RouteMatch = { path: { type: text(path.type) || 'PathPrefix', value: text(path.value) || '/' }, headers: valueMatches(mm.headers), queryParams: valueMatches(mm.queryParams) };
          if (text(mm.method)) out.method = text(mm.method);
          return out;
        }),
        filters: list(r.filters).map((f) => ({ type: text(rec(f).type), raw: rec(f) })),
        backendRefs: backendRefs(r.backendRefs, o.namespace),
      };
      if (text(r.name)) rule.name = text(r.name);
      return rule;
    }),
    object: o,
  };
}

function gateway(o: StoredObjectModel): GatewayModel {
  const spec = rec(o.raw.spec);
  return {
    namespace: o.namespace,
    name: o.name,
    className: text(spec.gatewayClassName),
    listeners: list(spec.listeners).map((l) => {
      const r = rec(l);
      const ns = rec(rec(r.allowedRoutes).namespaces);
      const out: ListenerModel = {
        name: text(r.name),
        port: num(r.port) ?? 0,
        protocol: text(r.protocol),
        from: text(ns.from) || 'Same',
        kinds: list(rec(r.allowedRoutes).kinds).map((k) => ({ group: rec(k).group === undefined ? GATEWAY_GROUP : text(rec(k).group), kind: text(rec(k).kind) })),
      };
      if (text(r.hostname)) out.hostname = text(r.hostname);
      if (ns.selector !== undefined) out.selector = selector(ns.selector);
      return out;
    }),
    object: o,
  };
}

function ingressBackend(v: unknown): IngressBackendModel | undefined {
  const b = rec(v);
  if (b.service) {
    const s = rec(b.service);
    const port = rec(s.port);
    return { service: { name: text(s.name), port: num(port.number) ?? text(port.name) } };
  }
  if (b.resource) return { resource: { kind: text(rec(b.resource).kind), name: text(rec(b.resource).name) } };
  return undefined;
}

const cache = new WeakMap<ClusterState, L7Model>();

/** The L7 objects of the cluster (sorted by namespace and name, as the API lists them). */
export function l7Model(state: ClusterState): L7Model {
  const hit = cache.get(state);
  if (hit) return hit;
  const of = (kind: string, group: string) =>
    (state.model.storedObjects ?? []).filter((o) => o.kind === kind && o.apiVersion.startsWith(`${group}/`)).sort((a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name));
  const model: L7Model = {
    classes: of('GatewayClass', GATEWAY_GROUP).map((o) => ({ name: o.name, controllerName: text(rec(o.raw.spec).controllerName), object: o })),
    gateways: of('Gateway', GATEWAY_GROUP).map(gateway),
    routes: of('HTTPRoute', GATEWAY_GROUP).map(route),
    grants: of('ReferenceGrant', GATEWAY_GROUP).map((o) => {
      const spec = rec(o.raw.spec);
      return {
        namespace: o.namespace,
        name: o.name,
        from: list(spec.from).map((f) => ({ group: text(rec(f).group), kind: text(rec(f).kind), namespace: text(rec(f).namespace) })),
        to: list(spec.to).map((t) => ({ group: text(rec(t).group), kind: text(rec(t).kind), ...(text(rec(t).name) ? { name: text(rec(t).name) } : {}) })),
      };
    }),
    ingressClasses: of('IngressClass', 'networking.k8s.io').map((o) => ({ name: o.name, controller: text(rec(o.raw.spec).controller), isDefault: o.annotations['ingressclass.kubernetes.io/is-default-class'] === 'true', object: o })),
    ingresses: of('Ingress', 'networking.k8s.io').map((o) => {
      const spec = rec(o.raw.spec);
      const out: IngressModel = {
        namespace: o.namespace,
        name: o.name,
        rules: list(spec.rules).map((r, index) => {
          const rr = rec(r);
          const host = text(rr.host);
          return { ...(host ? { host } : {}), index, paths: list(rec(rr.http).paths).map((p) => ({ path: text(rec(p).path), pathType: text(rec(p).pathType), backend: ingressBackend(rec(p).backend) ?? {} })) };
        }),
        object: o,
      };
      const cls = text(spec.ingressClassName) || o.annotations['kubernetes.io/ingress.class'];
      if (cls) out.className = cls;
      const def = ingressBackend(spec.defaultBackend);
      if (def) out.defaultBackend = def;
      return out;
    }),
  };
  cache.set(state, model);
  return model;
}
