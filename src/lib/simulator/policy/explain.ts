/**
 * Why one reachability cell is what it is: the verdict of the source's egress policies, of the destination's
 * ingress policies (none for a host outside the cluster), which policies select each side, which rule allowed
 * the connection or which isolation dropped it, and the section of the Kubernetes NetworkPolicy concept page
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/) that states the rule applied.
 * Its verdict always equals the grid's cell (reachability-grid.ts), which the tests check cell by cell.
 */
import { evaluateEgress, evaluateIngress, portLabel } from '../network-policy.ts';
import type { PolicyVerdict, RuleRef } from '../network-policy.ts';
import { canAnswer, canSend } from '../reachability.ts';
import { externalAllowed, isExternalColumn, isOutsideCluster } from '../reachability-grid.ts';
import type { ClusterState } from '../state.ts';
import { keyOf } from '../state.ts';
import type { PolicyPlugin, PolicyType, WireProtocol } from '../types.ts';

/** The concept page every explanation cites. */
export const CONCEPT_PAGE = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';

/** Sections of the concept page, by the rule they state. */
export const CONCEPT_SECTIONS = {
  prerequisites: { title: 'Prerequisites (the plugin enforces policies)', url: `${CONCEPT_PAGE}#prerequisites` },
  isolation: { title: 'The two sorts of pod isolation', url: `${CONCEPT_PAGE}#the-two-sorts-of-pod-isolation` },
  selectors: { title: 'Behavior of to and from selectors', url: `${CONCEPT_PAGE}#behavior-of-to-and-from-selectors` },
  ports: { title: 'Targeting a range of ports', url: `${CONCEPT_PAGE}#targeting-a-range-of-ports` },
  limits: { title: "What you can't do with network policies", url: `${CONCEPT_PAGE}#what-you-can-t-do-with-network-policies-at-least-not-yet` },
} as const;

/** A cited section of the concept page. */
export interface ConceptRef {
  readonly title: string;
  readonly url: string;
}

/** What one direction's policies decided. */
export interface DirectionExplanation {
  /** Egress (judged at the source) or Ingress (at the destination). */
  readonly direction: PolicyType;
  /** The pod judged, 'ns/name'. */
  readonly pod: string;
  /** True when this direction lets the connection through. */
  readonly allowed: boolean;
  /** True when a policy selecting the pod lists this direction. */
  readonly isolated: boolean;
  /** The policies that isolate the pod in this direction, 'ns/name'. */
  readonly policies: readonly string[];
  /** The rules that allow the connection (empty when not isolated or denied). */
  readonly allowedBy: readonly RuleRef[];
  /** The engine's sentence. */
  readonly text: string;
}

/** A part of a policy to highlight in the editor: a whole policy (its isolation) or one rule of it. */
export interface PolicyHighlight {
  /** 'ns/name' of the NetworkPolicy. */
  readonly policy: string;
  /** The direction of the rule (or of the isolation). */
  readonly direction: PolicyType;
  /** 1-based rule index under ingress/egress, or null for the whole policy. */
  readonly rule: number | null;
  /** Why it is highlighted. */
  readonly role: 'allowed' | 'isolates';
}

/** The whole explanation of one cell. */
export interface CellExplanation {
  /** Source pod, 'ns/name'. */
  readonly from: string;
  /** Destination: 'ns/name' or an IP outside the cluster. */
  readonly to: string;
  readonly port: number;
  readonly protocol: WireProtocol;
  /** The cell: allowed, denied by policy, refused (nothing listens) or unavailable (a pod not running). */
  readonly verdict: 'allowed' | 'denied' | 'refused' | 'unavailable';
  /** One sentence for the learner. */
  readonly summary: string;
  /** The source's egress verdict (null when the pod connects to itself or cannot send). */
  readonly egress: DirectionExplanation | null;
  /** The destination's ingress verdict (null for a host outside the cluster, a pod connecting to itself, or a pod that cannot send). */
  readonly ingress: DirectionExplanation | null;
  /** The policy plugin in force, and what it means here. */
  readonly plugin: PolicyPlugin;
  /** Policies and rules to highlight in the editor. */
  readonly highlights: readonly PolicyHighlight[];
  /** Sections of the concept page that state the rules applied. */
  readonly references: readonly ConceptRef[];
}

function direction(v: PolicyVerdict, pod: string): DirectionExplanation {
  return { direction: v.direction, pod, allowed: v.allowed, isolated: v.isolated, policies: v.isolatingPolicies, allowedBy: v.allowedBy, text: v.explanation };
}

function highlightsOf(d: DirectionExplanation | null): PolicyHighlight[] {
  if (!d || !d.isolated) return [];
  if (d.allowed) return d.allowedBy.map((r) => ({ policy: r.policy, direction: d.direction, rule: r.rule, role: 'allowed' as const }));
  return d.policies.map((policy) => ({ policy, direction: d.direction, rule: null, role: 'isolates' as const }));
}

/**
 * Explains the cell (from → to) on (port, protocol); null when `from` is not a pod or `to` is neither a pod
 * nor an IP address.
 */
export function explainCell(state: ClusterState, from: string, to: string, port: number, protocol: WireProtocol): CellExplanation | null {
  const src = state.pods.get(from);
  if (!src) return null;
  const external = isExternalColumn(to);
  const dst = external ? undefined : state.pods.get(to);
  if (!external && !dst) return null;
  const plugin = state.model.network.policyPlugin;
  const what = `${from} → ${to}, ${portLabel(port, protocol)}`;
  const base = { from, to, port, protocol, plugin };
  const refs: ConceptRef[] = [];
  const cite = (r: ConceptRef) => {
    if (!refs.includes(r)) refs.push(r);
  };
  if (plugin === 'none') cite(CONCEPT_SECTIONS.prerequisites);

  if (!canSend(src)) {
    return { ...base, verdict: 'unavailable', summary: `${what}: ${from} is ${src.phase}${src.ip ? '' : ' without an IP'}, so it sends nothing.`, egress: null, ingress: null, highlights: [], references: refs };
  }
  if (external && !isOutsideCluster(state, to)) {
    const allowed = externalAllowed(state, src, to, port, protocol);
    return { ...base, verdict: allowed ? 'allowed' : 'denied', summary: `${what}: ${to} is an address inside the cluster; see the terminal trace (connect) for the path.`, egress: null, ingress: null, highlights: [], references: refs };
  }
  if (dst && keyOf(dst) === keyOf(src)) {
    cite(CONCEPT_SECTIONS.limits);
    const ok = canAnswer(dst, port, protocol);
    return { ...base, verdict: ok ? 'allowed' : 'refused', summary: ok ? `${what}: allowed, a pod can always reach itself; policies are not consulted.` : `${what}: refused, nothing in ${from} listens on ${portLabel(port, protocol)}.`, egress: null, ingress: null, highlights: [], references: refs };
  }
  const eg = direction(evaluateEgress(state, src, dst ? { kind: 'pod', pod: dst } : { kind: 'ip', ip: to }, port, protocol), from);
  const ing = dst ? direction(evaluateIngress(state, dst, { kind: 'pod', pod: src }, port, protocol), to) : null;
  if (eg.isolated || ing?.isolated) cite(CONCEPT_SECTIONS.isolation);
  if (eg.allowedBy.length || ing?.allowedBy.length || (!eg.allowed && eg.isolated) || (ing && !ing.allowed && ing.isolated)) cite(CONCEPT_SECTIONS.selectors);
  const highlights = [...highlightsOf(eg), ...highlightsOf(ing)];
  const listening = dst ? canAnswer(dst, port, protocol) : true;
  const policyOk = eg.allowed && (ing?.allowed ?? true);
  let verdict: CellExplanation['verdict'];
  let summary: string;
  if (!policyOk) {
    verdict = 'denied';
    const at = !eg.allowed && ing && !ing.allowed ? `both ${from}'s egress and ${to}'s ingress isolation` : !eg.allowed ? `${from}'s egress isolation` : `${to}'s ingress isolation`;
    summary = `${what}: denied by ${at}; a connection needs the source's egress and the destination's ingress to allow it, and the packet is dropped silently (the client times out).`;
  } else if (!listening) {
    verdict = 'refused';
    summary = `${what}: the policies allow it, but nothing in ${to} listens on ${portLabel(port, protocol)}, so the connection is refused.`;
  } else {
    verdict = 'allowed';
    const how = [eg.isolated ? `egress by ${eg.allowedBy.map(ruleText).join(', ')}` : `${from} is not egress-isolated`, ing ? (ing.isolated ? `ingress by ${ing.allowedBy.map(ruleText).join(', ')}` : `${to} is not ingress-isolated`) : `${to} is outside the cluster (no ingress policy applies)`];
    summary = `${what}: allowed (${how.join('; ')}).${plugin === 'none' ? ' The policies are not enforced.' : ''}`;
  }
  return { ...base, verdict, summary, egress: eg, ingress: ing, highlights, references: refs };
}

/** 'policy "name" rule N'. */
export function ruleText(r: RuleRef): string {
  return `"${r.policy.split('/')[1] ?? r.policy}" rule ${r.rule}`;
}
