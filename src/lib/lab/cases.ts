/**
 * Troubleshooting cases in the lab: the words and rules around a task that starts from its own broken
 * scenario. The diagnosis choices (the answer, the other cases' answers and extra distractors, in an order fixed
 * by the task id), the answer as a hash (so the page does not print it), when a case passes (right diagnosis AND
 * checks AND keep), and the hint ladder's score. Pure and tiny: the lab island imports it on first load.
 */

/** A root cause as the lab shows it: layer, object and field. */
export interface RootCause {
  readonly layer: string;
  readonly object: string;
  readonly field: string;
}

/** What the method card calls each layer (lab-schema.ts's LAB_DIAGNOSIS_LAYERS). */
export const LAYER_NAMES: Readonly<Record<string, string>> = {
  client: 'Client pod',
  dns: 'Name (DNS)',
  service: 'Service',
  endpoints: 'EndpointSlice',
  pod: 'Backend pod',
  policy: 'NetworkPolicy',
  node: 'Node path',
  edge: 'Edge (Gateway or Ingress)',
};

/** The key that identifies a root cause (case and spacing of object and field do not matter). */
export function rootCauseKey(cause: RootCause): string {
  return [cause.layer, cause.object, cause.field].map((part) => part.trim().replace(/\s+/g, ' ').toLowerCase()).join('|');
}

/** A root cause in words: "NetworkPolicy layer: NetworkPolicy shop/backend-ingress, spec.ingress[0].from". */
export function rootCauseLabel(cause: RootCause): string {
  return `${LAYER_NAMES[cause.layer] ?? cause.layer}: ${cause.object}, ${cause.field}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: a stable, dependency-free string hash. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The hash the page carries instead of a case's answer (salted with the task id, so equal answers differ). */
export function answerHash(taskId: string, cause: RootCause): string {
  return fnv1a(`${taskId}\u0000${rootCauseKey(cause)}`);
}

/** One choice of a diagnosis radio group. */
export interface DiagnosisChoice {
  /** rootCauseKey of the choice (the radio's value). */
  readonly key: string;
  /** What the learner reads. */
  readonly label: string;
}

/** A task as diagnosisChoices needs it. */
export interface DiagnosableTask {
  readonly id: string;
  readonly diagnosis?: { readonly answer: RootCause; readonly choices?: readonly RootCause[] } | undefined;
}

/**
 * The choices of `task`'s diagnosis: its answer, the other tasks' answers and its extra distractors, each once,
 * ordered by a hash of the task id and the choice (the same order on every visit and build; different per task).
 */
export function diagnosisChoices(task: DiagnosableTask, tasks: readonly DiagnosableTask[]): DiagnosisChoice[] {
  if (!task.diagnosis) return [];
  const causes = [task.diagnosis.answer, ...tasks.filter((other) => other.id !== task.id).flatMap((other) => (other.diagnosis ? [other.diagnosis.answer] : [])), ...(task.diagnosis.choices ?? [])];
  const seen = new Map<string, DiagnosisChoice>();
  for (const cause of causes) {
    const key = rootCauseKey(cause);
    if (!seen.has(key)) seen.set(key, { key, label: rootCauseLabel(cause) });
  }
  return [...seen.values()].sort((a, b) => fnv1a(`${task.id}\u0000${a.key}`).localeCompare(fnv1a(`${task.id}\u0000${b.key}`)) || a.key.localeCompare(b.key));
}

/** True when the choice `key` is the answer whose hash is `hash` for task `taskId`. */
export function isRightDiagnosis(taskId: string, key: string, hash: string): boolean {
  return fnv1a(`${taskId}\u0000${key}`) === hash;
}

/** Where a case stands: which of its two parts (the cause named, the fix checked) hold. */
export interface CaseStatus {
  /** The diagnosis is right (true when the task asks none). */
  readonly diagnosed: boolean;
  /** Its checks and keep checks pass on the cluster. */
  readonly fixed: boolean;
  /** Both: the case passes. */
  readonly passed: boolean;
}

/** A case passes when its diagnosis is right (or it asks none) and its checks, keep included, pass. */
export function caseStatus(checksPass: boolean, hasDiagnosis: boolean, diagnosedRight: boolean): CaseStatus {
  const diagnosed = !hasDiagnosis || diagnosedRight;
  return { diagnosed, fixed: checksPass, passed: diagnosed && checksPass };
}

/**
 * The lab's score over its tasks: one point per passed task, half a point when the learner opened the last hint
 * of its ladder before passing (using hints never blocks a pass).
 */
export function labScore(tasks: ReadonlyArray<{ readonly id: string; readonly hints: number }>, passed: ReadonlySet<string>, hintsOpened: Readonly<Record<string, number>>): { points: number; max: number } {
  let points = 0;
  for (const task of tasks) {
    if (!passed.has(task.id)) continue;
    const usedLast = task.hints > 1 && (hintsOpened[task.id] ?? 0) >= task.hints;
    points += usedLast ? 0.5 : 1;
  }
  return { points, max: tasks.length };
}

/** A task as the lab's progress rules need it: its id and whether it is a case (has its own scenario). */
export interface ProgressTask {
  readonly id: string;
  /** True when the task starts from its own scenario. */
  readonly isCase: boolean;
}

/**
 * Whether each task passes as the lab shows it: a task checked on the sandbox now passes when its checks pass and
 * (for a case) its diagnosis is right; a task not checked now (a case whose scenario is not loaded) stands as the
 * learner's progress records it.
 */
export function taskStanding(tasks: readonly ProgressTask[], checked: ReadonlyMap<string, boolean>, recorded: ReadonlySet<string>): Map<string, boolean> {
  return new Map(tasks.map((task) => [task.id, checked.get(task.id) ?? recorded.has(task.id)]));
}

/**
 * When the Lab mode is done. Without cases, as always: every task passes on the sandbox at once. With cases
 * (each solved in its own scenario): every task has passed, now or before.
 */
export function labDone(tasks: readonly ProgressTask[], checked: ReadonlyMap<string, boolean>, recorded: ReadonlySet<string>): boolean {
  if (tasks.length === 0) return false;
  if (!tasks.some((task) => task.isCase)) return tasks.every((task) => checked.get(task.id) === true);
  return tasks.every((task) => checked.get(task.id) === true || recorded.has(task.id));
}

/** The tasks the sandbox checks now: the open case alone, or (no case open) every task that shares the sandbox. */
export function checkedTaskIds(tasks: readonly ProgressTask[], active: string | undefined): string[] {
  const open = active === undefined ? undefined : tasks.find((task) => task.id === active && task.isCase);
  return open ? [open.id] : tasks.filter((task) => !task.isCase).map((task) => task.id);
}
