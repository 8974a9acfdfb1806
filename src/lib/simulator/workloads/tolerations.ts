/**
 * A pod's spec.tolerations as the API server holds them, and as `kubectl describe pod` prints them.
 * - The DaemonSet controller adds its own to each daemon pod with v1helper.AddOrUpdateTolerationInPodSpec
 *   (kubernetes/kubernetes pkg/apis/core/v1/helper/helpers.go): a toleration that MatchToleration-s one already there
 *   (same key, operator, value and effect) replaces it in place, unless they are equal; any other is appended.
 * - The DefaultTolerationSeconds admission plugin (plugin/pkg/admission/defaulttolerationseconds/admission.go) then
 *   appends `node.kubernetes.io/not-ready:NoExecute` and `node.kubernetes.io/unreachable:NoExecute`, operator
 *   Exists, tolerationSeconds 300, to a pod none of whose tolerations already covers that key (the key, or an empty
 *   key) with effect NoExecute (or an empty effect).
 * - kubectl pkg/describe/describe.go (v0.35.7) printTolerationsMultilineWithIndent: `<none>` when there are none,
 *   else one per line sorted by key (sort.Slice, an insertion sort, so stable, up to 12 elements), as
 *   `key[=value][:effect]`, then ` op=Exists` for Exists without a value (`op=Exists` alone when key and effect are
 *   both empty), then ` for <n>s` when tolerationSeconds is set.
 */
import type { TolerationModel } from '../types.ts';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** v1.Toleration.MatchToleration: same key, operator, value and effect (tolerationSeconds aside). */
function matchToleration(a: TolerationModel, b: TolerationModel): boolean {
  return (a.key ?? '') === (b.key ?? '') && a.operator === b.operator && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

function equalToleration(a: TolerationModel, b: TolerationModel): boolean {
  return matchToleration(a, b) && a.tolerationSeconds === b.tolerationSeconds;
}

/** v1helper.AddOrUpdateTolerationInPodSpec: `toleration` replaces the ones it matches in place, or is appended. */
export function addOrUpdateToleration(tolerations: readonly TolerationModel[], toleration: TolerationModel): TolerationModel[] {
  if (tolerations.some((t) => equalToleration(t, toleration))) return [...tolerations];
  let updated = false;
  const out = tolerations.map((t) => {
    if (!matchToleration(toleration, t)) return t;
    updated = true;
    return toleration;
  });
  if (!updated) out.push(toleration);
  return out;
}

/** What DefaultTolerationSeconds admits: the pod's tolerations plus the 300 s not-ready/unreachable ones it lacks. */
export function withDefaultTolerationSeconds(tolerations: readonly TolerationModel[]): TolerationModel[] {
  const covers = (key: string) => tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const out = [...tolerations];
  if (!covers(NOT_READY)) out.push({ key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  if (!covers(UNREACHABLE)) out.push({ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  return out;
}

/** One toleration as `kubectl describe` writes it. */
export function describeToleration(t: TolerationModel): string {
  let line = t.key ?? '';
  if (t.value) line += `=${t.value}`;
  if (t.effect) line += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) line += t.key || t.effect ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined) line += ` for ${t.tolerationSeconds}s`;
  return line;
}

/**
 * The `Tolerations:` block of `kubectl describe pod` (tab-separated for the describe writer), ending in a newline;
 * `title` is `  Tolerations` under a workload's Pod Template (describe.go DescribePodTemplate).
 */
export function describeTolerations(tolerations: readonly TolerationModel[], title = 'Tolerations'): string {
  if (tolerations.length === 0) return `${title}:\t<none>\n`;
  const sorted = [...tolerations].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  return sorted.map((t, i) => `${i === 0 ? `${title}:` : ''}\t${describeToleration(t)}\n`).join('');
}

/** A toleration as `kubectl get -o yaml` prints it (fields in the JSON encoder's sorted order). */
export function tolerationObject(t: TolerationModel): Record<string, unknown> {
  return { ...(t.effect ? { effect: t.effect } : {}), ...(t.key ? { key: t.key } : {}), operator: t.operator, ...(t.tolerationSeconds !== undefined ? { tolerationSeconds: t.tolerationSeconds } : {}), ...(t.value ? { value: t.value } : {}) };
}
