/**
 * Route attachment and Gateway acceptance, as a Gateway API controller computes them (gateway_types.go,
 * shared_types.go, httproute_types.go at v1.6.1): which GatewayClasses the simulator's controllers own, each
 * listener's validity, and for every HTTPRoute parentRef the listeners it attaches to — parentRef `sectionName`
 * and `port`, `allowedRoutes` (namespaces `from` Same by default / All / Selector, and route kinds), and the
 * hostname intersection — with the Route's `Accepted` reason when it attaches to none. `ResolvedRefs` comes
 * from backends.ts. Memoised per ClusterState.
 */
import { matchesSelector } from '../selectors.ts';
import type { ClusterState } from '../state.ts';
import { intersect } from './hostnames.ts';
import { l7Model } from './model.ts';
import type { GatewayClassModel, GatewayModel, HttpRouteModel, ListenerModel, ParentRef } from './model.ts';
import { GATEWAY_GROUP } from './validate.ts';

/** The controllerName of the simulator's own Gateway controller (the default of cluster option gatewayControllers). */
export const SIM_GATEWAY_CONTROLLER = 'example.net/sim-gateway-controller';
/** The controller of the simulator's own Ingress controller (the default of cluster option ingressControllers). */
export const SIM_INGRESS_CONTROLLER = 'example.net/sim-ingress-controller';
/** The label (GEP-1762) that links a Gateway's data plane (its proxy pods and LoadBalancer Service) to it. */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
/** The simulator's label that links an Ingress controller's pods and Service to an IngressClass (implementation-specific). */
export const INGRESS_CLASS_LABEL = 'example.net/ingress-class';

/** The route kinds a listener protocol supports in the simulator's controller. */
const PROTOCOL_KINDS: Record<string, string[]> = { HTTP: ['HTTPRoute'], HTTPS: ['HTTPRoute'] };

/** Why a listener is not usable (null: accepted). */
export interface ListenerVerdict {
  listener: ListenerModel;
  /** Null when accepted; else the Accepted=False / ResolvedRefs=False reason. */
  problem: null | { condition: 'Accepted' | 'ResolvedRefs'; reason: 'UnsupportedProtocol' | 'InvalidRouteKinds'; message: string };
  supportedKinds: Array<{ group: string; kind: string }>;
}

/** One parentRef of a route, resolved. */
export interface ParentAttachment {
  ref: ParentRef;
  /** The Gateway, when it exists and a simulated controller owns its class (else no status is written for it). */
  gateway: GatewayModel;
  /** Listeners the route is attached to (empty: not accepted). */
  listeners: ListenerModel[];
  accepted: { status: 'True' | 'False'; reason: string; message: string };
}

/** The controllers the cluster runs (cluster option gatewayControllers; default: the simulator's). */
export function gatewayControllers(state: ClusterState): readonly string[] {
  return state.model.l7?.gatewayControllers ?? [SIM_GATEWAY_CONTROLLER];
}

/** The GatewayClass if a controller of this cluster owns it. */
export function ownedClass(state: ClusterState, className: string): GatewayClassModel | undefined {
  const cls = l7Model(state).classes.find((c) => c.name === className);
  return cls && gatewayControllers(state).includes(cls.controllerName) ? cls : undefined;
}

/** Validity of each listener of a Gateway. */
export function listenerVerdicts(gw: GatewayModel): ListenerVerdict[] {
  return gw.listeners.map((l) => {
    const supported = PROTOCOL_KINDS[l.protocol];
    if (!supported) return { listener: l, problem: { condition: 'Accepted', reason: 'UnsupportedProtocol', message: `Protocol ${l.protocol} is not supported by this controller` }, supportedKinds: [] };
    const wanted = l.kinds.length ? l.kinds : supported.map((kind) => ({ group: GATEWAY_GROUP, kind }));
    const ok = wanted.filter((k) => k.group === GATEWAY_GROUP && supported.includes(k.kind));
    if (ok.length < wanted.length) return { listener: l, problem: { condition: 'ResolvedRefs', reason: 'InvalidRouteKinds', message: 'Listener allows route kinds this controller does not support' }, supportedKinds: ok };
    return { listener: l, problem: null, supportedKinds: ok };
  });
}

function namespaceAllowed(state: ClusterState, gw: GatewayModel, l: ListenerModel, routeNs: string): boolean {
  if (l.from === 'All') return true;
  if (l.from === 'Same') return routeNs === gw.namespace;
  if (l.from === 'Selector') return !!l.selector && matchesSelector(l.selector, state.namespaces.get(routeNs)?.labels ?? {});
  return false;
}

function kindAllowed(v: ListenerVerdict): boolean {
  return v.supportedKinds.some((k) => k.kind === 'HTTPRoute');
}

/** Resolves one parentRef: null when it names no Gateway a simulated controller owns. */
export function attachParent(state: ClusterState, route: HttpRouteModel, ref: ParentRef): ParentAttachment | null {
  if (ref.group !== GATEWAY_GROUP || ref.kind !== 'Gateway') return null;
  const gw = l7Model(state).gateways.find((g) => g.namespace === ref.namespace && g.name === ref.name);
  if (!gw || !ownedClass(state, gw.className)) return null;
  const verdicts = listenerVerdicts(gw).filter((v) => v.problem === null || v.problem.condition === 'ResolvedRefs');
  const base = { ref, gateway: gw };
  const named = verdicts.filter((v) => (ref.sectionName === undefined || v.listener.name === ref.sectionName) && (ref.port === undefined || v.listener.port === ref.port));
  if (named.length === 0) return { ...base, listeners: [], accepted: { status: 'False', reason: 'NoMatchingParent', message: ref.sectionName !== undefined ? `No listener named ${ref.sectionName}${ref.port !== undefined ? ` on port ${ref.port}` : ''}` : `No listener on port ${ref.port}` } };
  const allowed = named.filter((v) => kindAllowed(v) && namespaceAllowed(state, gw, v.listener, route.namespace));
  if (allowed.length === 0) return { ...base, listeners: [], accepted: { status: 'False', reason: 'NotAllowedByListeners', message: `No listener of Gateway ${gw.namespace}/${gw.name} allows routes from namespace ${route.namespace}` } };
  const hosts = allowed.filter((v) => !v.listener.hostname || route.hostnames.length === 0 || intersect(v.listener.hostname, route.hostnames).length > 0);
  if (hosts.length === 0) return { ...base, listeners: [], accepted: { status: 'False', reason: 'NoMatchingListenerHostname', message: 'No hostname of the route intersects a listener hostname' } };
  const unsupported = route.rules.some((r) => r.matches.some((m) => m.path.type === 'RegularExpression' || m.headers.some((h) => h.type === 'RegularExpression') || m.queryParams.some((q) => q.type === 'RegularExpression')));
  if (unsupported) return { ...base, listeners: [], accepted: { status: 'False', reason: 'UnsupportedValue', message: 'RegularExpression matches (implementation-specific) are not supported by this controller' } };
  return { ...base, listeners: hosts.map((v) => v.listener), accepted: { status: 'True', reason: 'Accepted', message: 'Route is accepted' } };
}

/** Every parentRef of every route that names a Gateway of a simulated controller, resolved. */
export function attachments(state: ClusterState): Array<{ route: HttpRouteModel; parents: ParentAttachment[] }> {
  const hit = cache.get(state);
  if (hit) return hit;
  const out = l7Model(state).routes.map((route) => ({ route, parents: route.parentRefs.map((ref) => attachParent(state, route, ref)).filter((p): p is ParentAttachment => p !== null) }));
  cache.set(state, out);
  return out;
}
const cache = new WeakMap<ClusterState, Array<{ route: HttpRouteModel; parents: ParentAttachment[] }>>();

/** The routes attached to one listener of a Gateway, with the hostnames they serve there. */
export function routesOn(state: ClusterState, gw: GatewayModel, listener: ListenerModel): Array<{ route: HttpRouteModel; hostnames: string[] }> {
  const out: Array<{ route: HttpRouteModel; hostnames: string[] }> = [];
  for (const { route, parents } of attachments(state)) {
    if (parents.some((p) => p.gateway === gw && p.listeners.includes(listener))) out.push({ route, hostnames: intersect(listener.hostname, route.hostnames) });
  }
  return out;
}
