/**
 * The simulator's Ingress controller (networking.k8s.io/v1; https://kubernetes.io/docs/concepts/services-networking/ingress/):
 * an Ingress is served when its `ingressClassName` (or, without one, the IngressClass annotated
 * `ingressclass.kubernetes.io/is-default-class: "true"`) names an IngressClass whose `controller` the cluster runs
 * (cluster option ingressControllers). Rules: `host` exact or a `*.` wildcard covering one DNS label; no host matches
 * every request. Host precedence (exact, then wildcard, then host-less rules) is the controller's, as in
 * ingress-nginx's server blocks; within a host, the longest matching path wins and Exact beats Prefix at equal
 * length (the Ingress docs' "Multiple matches"). Prefix is element-wise; ImplementationSpecific is treated as Prefix
 * here (it is up to the IngressClass). No matching path: the Ingress's `defaultBackend`, else 404 from the controller.
 */
import type { ClusterState } from '../state.ts';
import { SIM_INGRESS_CONTROLLER } from './attachment.ts';
import { ingressHostMatches } from './hostnames.ts';
import { prefixMatches } from './matching.ts';
import { l7Model } from './model.ts';
import type { IngressBackendModel, IngressClassModel, IngressModel } from './model.ts';

/** The controllers the cluster runs for Ingress (cluster option ingressControllers). */
export function ingressControllers(state: ClusterState): readonly string[] {
  return state.model.l7?.ingressControllers ?? [SIM_INGRESS_CONTROLLER];
}

/** The IngressClass that serves an Ingress, when a controller of this cluster implements it. */
export function ingressClassOf(state: ClusterState, ing: IngressModel): IngressClassModel | undefined {
  const classes = l7Model(state).ingressClasses;
  const cls = ing.className ? classes.find((c) => c.name === ing.className) : classes.find((c) => c.isDefault);
  return cls && ingressControllers(state).includes(cls.controller) ? cls : undefined;
}

/** The Ingress path (or default backend) a request selects. */
export interface IngressMatch {
  ingress: IngressModel;
  backend: IngressBackendModel;
  /** 'rule' for a path match, 'default' for spec.defaultBackend. */
  via: 'rule' | 'default';
  ruleIndex?: number;
  pathIndex?: number;
  why: string;
}

/** Selects the Ingress backend for host and path among the Ingresses of one class; null: the controller's 404. */
export function matchIngress(state: ClusterState, className: string, host: string, path: string): IngressMatch | null {
  const ingresses = l7Model(state).ingresses.filter((i) => ingressClassOf(state, i)?.name === className);
  const levels: Array<(h: string | undefined) => boolean> = [(h) => !!h && !h.startsWith('*.') && ingressHostMatches(h, host), (h) => !!h && h.startsWith('*.') && ingressHostMatches(h, host), (h) => !h];
  for (const level of levels) {
    const rules = ingresses.flatMap((ingress) => ingress.rules.filter((r) => level(r.host)).map((rule) => ({ ingress, rule })));
    if (rules.length === 0) continue;
    let best: IngressMatch | null = null;
    let bestLen = -1;
    let bestExact = false;
    for (const { ingress, rule } of rules) {
      rule.paths.forEach((p, pathIndex) => {
        const exact = p.pathType === 'Exact';
        const ok = exact ? p.path === path : prefixMatches(p.path || '/', path);
        if (!ok) return;
        const len = (p.path || '/').replace(/(.)\/$/, '$1').length;
        if (len > bestLen || (len === bestLen && exact && !bestExact)) {
          bestLen = len;
          bestExact = exact;
          best = { ingress, backend: p.backend, via: 'rule', ruleIndex: rule.index, pathIndex, why: `${p.pathType} ${p.path || '/'}${exact ? '' : ' (longest matching path)'}` };
        }
      });
    }
    if (best) return best;
    const withDefault = ingresses.find((i) => i.defaultBackend);
    if (withDefault?.defaultBackend) return { ingress: withDefault, backend: withDefault.defaultBackend, via: 'default', why: 'no path matches: spec.defaultBackend' };
    return null;
  }
  const withDefault = ingresses.find((i) => i.defaultBackend);
  return withDefault?.defaultBackend ? { ingress: withDefault, backend: withDefault.defaultBackend, via: 'default', why: 'no rule matches the host: spec.defaultBackend' } : null;
}
