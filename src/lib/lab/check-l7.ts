/**
 * Lab checks of lesson 8: HTTP requests sent with cluster.http (status, backend Service or pod, and the split of a
 * numbered series across Services) and Gateway API statuses read from the objects as `kubectl get -o yaml` prints
 * them (conditions of a GatewayClass, a Gateway or one of its listeners, an HTTPRoute's parent status; a listener's
 * attachedRoutes). Pure; never throws (a simulator failure is a failed check with its message).
 */
import type { Cluster } from '../simulator/index.ts';
import { kindFor } from '../simulator/kinds/registry.ts';
import type { LabConditionCheck, LabHttpCheck } from './lab-schema.ts';
import type { StateCheckResult } from './task-results.ts';
import { conditionSubject, httpSubject } from './l7-wants.ts';

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Checks one HTTP expectation (one request, or `requests` numbered 0..N-1). */
export function checkHttpExpectation(cluster: Cluster, check: LabHttpCheck): StateCheckResult {
  const subject = httpSubject(check);
  try {
    const n = check.requests ?? 1;
    const counts: Record<string, number> = {};
    const statuses = new Set<string>();
    const pods = new Set<string>();
    let passed = true;
    for (let i = 0; i < n; i += 1) {
      const r = cluster.http({ from: check.from, url: check.url, ...(check.method ? { method: check.method } : {}), ...(check.headers ? { headers: check.headers } : {}), request: i });
      const status = r.status === null ? (r.failure ?? 'no response') : String(r.status);
      statuses.add(status);
      if (r.pod) pods.add(r.pod);
      counts[r.service ?? 'none'] = (counts[r.service ?? 'none'] ?? 0) + 1;
      if (check.status !== undefined && r.status !== check.status) passed = false;
      if (check.service !== undefined && r.service !== check.service) passed = false;
      if (check.pod !== undefined && r.pod !== check.pod) passed = false;
    }
    if (check.services) {
      for (const [svc, want] of Object.entries(check.services)) if ((counts[svc] ?? 0) !== want) passed = false;
    }
    const spread = Object.entries(counts).map(([svc, c]) => (n > 1 ? `${svc === 'none' ? 'no backend' : svc} ×${c}` : svc === 'none' ? 'no backend' : svc)).join(', ');
    return { subject, passed, actual: `${[...statuses].join('/')} from ${spread}${pods.size === 1 && n === 1 ? ` (pod ${[...pods][0]})` : ''}` };
  } catch (error) {
    return { subject, passed: false, actual: `not checkable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function conditionText(conditions: unknown[], type: string): { status: string; reason: string } | null {
  const c = conditions.map(rec).find((x) => x.type === type);
  return c ? { status: String(c.status ?? ''), reason: String(c.reason ?? '') } : null;
}

/** Checks one Gateway API status expectation. */
export function checkConditionExpectation(cluster: Cluster, check: LabConditionCheck): StateCheckResult {
  const namespace = check.kind === 'GatewayClass' ? '' : (check.namespace ?? 'default');
  const subject = conditionSubject(check);
  const def = kindFor(cluster.state, check.kind, 'gateway.networking.k8s.io');
  const entry = def?.list(cluster.state).find((e) => e.namespace === namespace && e.name === check.name);
  if (!def || !entry) return { subject, passed: false, actual: 'not found' };
  const status = rec(rec(def.object(entry, cluster.state)).status);
  let conditions: unknown[] = list(status.conditions);
  let attached: number | undefined;
  if (check.kind === 'HTTPRoute') {
    const parents = list(status.parents).map(rec);
    const parent = check.parent ? parents.find((p) => `${String(rec(p.parentRef).namespace ?? namespace)}/${String(rec(p.parentRef).name)}` === check.parent) : parents[0];
    if (!parent) return { subject, passed: false, actual: 'no status from a Gateway controller (no parent of this route is a Gateway it owns)' };
    conditions = list(parent.conditions);
  }
  if (check.kind === 'Gateway' && check.listener) {
    const l = list(status.listeners).map(rec).find((x) => x.name === check.listener);
    if (!l) return { subject, passed: false, actual: 'no such listener in status' };
    conditions = list(l.conditions);
    attached = typeof l.attachedRoutes === 'number' ? l.attachedRoutes : undefined;
  }
  const parts: string[] = [];
  let passed = true;
  if (check.type) {
    const c = conditionText(conditions, check.type);
    parts.push(c ? `${check.type}=${c.status} (${c.reason})` : `no ${check.type} condition`);
    if (!c || (check.status !== undefined && c.status !== check.status) || (check.reason !== undefined && c.reason !== check.reason)) passed = false;
  }
  if (check.attachedRoutes !== undefined) {
    parts.push(`attachedRoutes ${attached ?? 'unset'}`);
    if (attached !== check.attachedRoutes) passed = false;
  }
  return { subject, passed, actual: parts.join(', ') };
}
