/**
 * Backend references of HTTPRoute rules (httproute_types.go `BackendRefs` and HTTPBackendRef docs, shared_types.go
 * RouteReason*, v1.6.1): a ref is invalid when it names a kind other than a core Service (InvalidKind), a Service
 * that does not exist (BackendNotFound), or a Service in another namespace without a ReferenceGrant there that
 * allows HTTPRoutes from the route's namespace (RefNotPermitted). Requests routed to an invalid ref get 500; to a
 * Service without ready endpoints, 503 (SHOULD). Weights are proportions (weight / sum); the choice for the n-th
 * request is a smooth weighted round-robin (nginx's algorithm) started at a seeded offset: deterministic, and
 * exact over every full cycle of the weights (90/10 gives 9 and 1 in every 10 requests).
 */
import type { ClusterState } from '../state.ts';
import type { ServiceModel } from '../types.ts';
import { l7Model } from './model.ts';
import type { BackendRef, HttpRouteModel } from './model.ts';
import { GATEWAY_GROUP } from './validate.ts';

/** Whether one backendRef resolves, and why not. */
export type BackendVerdict = { ok: true; service: ServiceModel } | { ok: false; reason: 'InvalidKind' | 'BackendNotFound' | 'RefNotPermitted'; message: string };

/** True when a ReferenceGrant in `to.namespace` lets `fromKind` objects of `fromNs` refer to the Service `to.name`. */
export function grantAllows(state: ClusterState, fromKind: string, fromNs: string, to: { namespace: string; name: string; kind: string; group: string }): boolean {
  return l7Model(state).grants.some(
    (g) => g.namespace === to.namespace && g.from.some((f) => f.group === GATEWAY_GROUP && f.kind === fromKind && f.namespace === fromNs) && g.to.some((t) => t.group === to.group && t.kind === to.kind && (t.name === undefined || t.name === to.name)),
  );
}

/** Resolves one backendRef of a route. */
export function resolveBackend(state: ClusterState, route: HttpRouteModel, ref: BackendRef): BackendVerdict {
  if (ref.group !== '' || ref.kind !== 'Service') return { ok: false, reason: 'InvalidKind', message: `Unsupported backend kind ${ref.group ? `${ref.kind}.${ref.group}` : ref.kind}` };
  if (ref.namespace !== route.namespace && !grantAllows(state, 'HTTPRoute', route.namespace, { namespace: ref.namespace, name: ref.name, kind: 'Service', group: '' })) {
    return { ok: false, reason: 'RefNotPermitted', message: `Backend ref to Service ${ref.namespace}/${ref.name} not permitted by any ReferenceGrant` };
  }
  const service = state.services.get(`${ref.namespace}/${ref.name}`);
  if (!service) return { ok: false, reason: 'BackendNotFound', message: `Service ${ref.namespace}/${ref.name} not found` };
  return { ok: true, service };
}

/** The route's ResolvedRefs condition: the first unresolved ref's reason, else ResolvedRefs. */
export function resolvedRefs(state: ClusterState, route: HttpRouteModel): { status: 'True' | 'False'; reason: string; message: string } {
  for (const rule of route.rules) {
    for (const ref of rule.backendRefs) {
      const v = resolveBackend(state, route, ref);
      if (!v.ok) return { status: 'False', reason: v.reason, message: v.message };
    }
  }
  return { status: 'True', reason: 'ResolvedRefs', message: 'Resolved all the Object references for the Route' };
}

/** FNV-1a of a string: the seed of a weighted choice. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Largest weight sum whose smooth round-robin sequence is computed (and cached); larger sums use strided slots. */
const MAX_SEQUENCE = 10_000;
const sequences = new Map<string, number[]>();

/** nginx's smooth weighted round-robin order for one cycle of the weights (sum(weights) picks). */
function smoothSequence(weights: readonly number[], total: number): number[] {
  const key = weights.join(',');
  const hit = sequences.get(key);
  if (hit) return hit;
  const current = weights.map(() => 0);
  const out: number[] = [];
  for (let s = 0; s < total; s += 1) {
    let best = -1;
    for (let i = 0; i < weights.length; i += 1) {
      current[i] = (current[i] as number) + (weights[i] as number);
      if ((weights[i] as number) > 0 && (best < 0 || (current[i] as number) > (current[best] as number))) best = i;
    }
    current[best] = (current[best] as number) - total;
    out.push(best);
  }
  if (sequences.size > 64) sequences.clear();
  sequences.set(key, out);
  return out;
}

/**
 * The index (into `weights`) picked for the `n`-th request, or null when every weight is 0: smooth weighted
 * round-robin started at `seed mod sum` (for sums up to 10,000; above, the n-th of a strided walk over the
 * cumulative ranges — still exact over each full cycle).
 */
export function weightedPick(weights: readonly number[], n: number, seed: number): number | null {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  if (total <= MAX_SEQUENCE) {
    const seq = smoothSequence(weights, total);
    return seq[(seed + n) % total] as number;
  }
  const stride = total % 7919 === 0 ? 1 : 7919;
  const slot = (seed + n * stride) % total;
  let acc = 0;
  for (let i = 0; i < weights.length; i += 1) {
    acc += weights[i] as number;
    if (slot < acc) return i;
  }
  return weights.length - 1;
}
