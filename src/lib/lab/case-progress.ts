/**
 * What the lab keeps per task beside the sandbox: the case the sandbox holds (`active`), and per task its
 * evidence log (the commands the learner ran while on it, with their exit codes), how many hints of its ladder are
 * open, the diagnosis picked and whether it was right, and the answers last checked to its questions (`ask:`;
 * records saved before questions existed have none). Saved under `knet:lab:<lesson>:cases` as JSON; read
 * defensively (anything malformed is dropped, lengths are capped, so hostile storage never hangs or throws).
 * Plain data, no DOM, no simulator.
 */
import type { LabStorage } from './persistence.ts';

/** Most commands kept in one task's evidence log (the oldest go first). */
export const MAX_EVIDENCE = 50;
/** Longest command kept in the log, in characters (longer ones are cut with "…"). */
export const MAX_EVIDENCE_COMMAND = 300;
/** Most tasks a record keeps. */
const MAX_TASKS = 100;

/** One command of an evidence log. */
export interface EvidenceEntry {
  /** The command as typed (cut to MAX_EVIDENCE_COMMAND). */
  readonly command: string;
  /** Its exit code (0: it succeeded). */
  readonly exitCode: number;
}

/** What the lab keeps of one task. */
export interface TaskProgress {
  /** The commands run while on the task, oldest first. */
  readonly evidence: readonly EvidenceEntry[];
  /** How many hints of its ladder are open (0 to 3). */
  readonly hints: number;
  /** The diagnosis choice picked last (its key), if any. */
  readonly diagnosis?: string | undefined;
  /** Whether that pick was right. */
  readonly diagnosedRight?: boolean | undefined;
  /** The answers last checked to the task's questions, by question id (checked again on every change). */
  readonly answers?: Readonly<Record<string, string>> | undefined;
}

/** The lab's per-task record. */
export interface CaseProgress {
  /** The task whose scenario the sandbox holds (undefined: the lab's shared scenario). */
  readonly active?: string | undefined;
  /** Per task id. */
  readonly tasks: Readonly<Record<string, TaskProgress>>;
}

/** An empty record. */
export const NO_CASE_PROGRESS: CaseProgress = { tasks: {} };

const EMPTY_TASK: TaskProgress = { evidence: [], hints: 0 };

/** The storage key of a lesson's per-task record. */
export function caseProgressKey(lesson: string): string {
  return `knet:lab:${lesson}:cases`;
}

/** One task's record (empty when none). */
export function taskProgress(progress: CaseProgress, id: string): TaskProgress {
  return progress.tasks[id] ?? EMPTY_TASK;
}

const withTask = (progress: CaseProgress, id: string, change: (task: TaskProgress) => TaskProgress): CaseProgress => ({
  ...progress,
  tasks: { ...progress.tasks, [id]: change(taskProgress(progress, id)) },
});

const cut = (command: string): string => {
  const flat = command.replace(/[\r\n]+/g, ' ').trim();
  return flat.length > MAX_EVIDENCE_COMMAND ? `${flat.slice(0, MAX_EVIDENCE_COMMAND - 1)}…` : flat;
};

/** `progress` with `command` appended to task `id`'s evidence log (capped; blank commands are not evidence). */
export function addEvidence(progress: CaseProgress, id: string, command: string, exitCode: number): CaseProgress {
  const entry = { command: cut(command), exitCode: Number.isInteger(exitCode) ? exitCode : 1 };
  if (entry.command === '') return progress;
  return withTask(progress, id, (task) => ({ ...task, evidence: [...task.evidence, entry].slice(-MAX_EVIDENCE) }));
}

/** `progress` with one more hint of task `id`'s ladder open (never more than `total`). */
export function openHint(progress: CaseProgress, id: string, total: number): CaseProgress {
  return withTask(progress, id, (task) => ({ ...task, hints: Math.min(total, task.hints + 1) }));
}

/** `progress` with the diagnosis `key` picked for task `id`, and whether it was right. */
export function pickDiagnosis(progress: CaseProgress, id: string, key: string, right: boolean): CaseProgress {
  return withTask(progress, id, (task) => ({ ...task, diagnosis: key.slice(0, MAX_EVIDENCE_COMMAND), diagnosedRight: right }));
}

/** Most answers kept per task (a task asks at most 3 questions). */
const MAX_ANSWERS = 10;

/** Well-formed answers only: string values under short ids, each cut to MAX_EVIDENCE_COMMAND characters. */
function cleanAnswers(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0].length <= 100)
    .slice(0, MAX_ANSWERS)
    .map(([id, answer]) => [id, answer.slice(0, MAX_EVIDENCE_COMMAND)]);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** `progress` with `answers` (by question id) as task `id`'s checked answers. */
export function setAnswers(progress: CaseProgress, id: string, answers: Readonly<Record<string, string>>): CaseProgress {
  const clean = cleanAnswers(answers);
  return withTask(progress, id, (task) => ({ ...task, answers: clean }));
}

/** `progress` with the sandbox holding task `id`'s scenario (undefined: the shared one). */
export function setActive(progress: CaseProgress, id: string | undefined): CaseProgress {
  return { ...progress, active: id };
}

/** Reads a record (already JSON-parsed), keeping only well-formed parts; never throws. */
export function parseCaseProgress(value: unknown): CaseProgress {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return NO_CASE_PROGRESS;
  const record = value as { active?: unknown; tasks?: unknown };
  const tasks: Record<string, TaskProgress> = {};
  if (typeof record.tasks === 'object' && record.tasks !== null && !Array.isArray(record.tasks)) {
    for (const [id, raw] of Object.entries(record.tasks as Record<string, unknown>).slice(0, MAX_TASKS)) {
      if (typeof raw !== 'object' || raw === null || id.length > 100) continue;
      const t = raw as { evidence?: unknown; hints?: unknown; diagnosis?: unknown; diagnosedRight?: unknown; answers?: unknown };
      const evidence = Array.isArray(t.evidence)
        ? t.evidence
            .slice(-MAX_EVIDENCE)
            .filter((e): e is { command: string; exitCode: number } => typeof e === 'object' && e !== null && typeof (e as { command?: unknown }).command === 'string' && Number.isInteger((e as { exitCode?: unknown }).exitCode))
            .map((e) => ({ command: cut(e.command), exitCode: e.exitCode }))
        : [];
      const hints = typeof t.hints === 'number' && Number.isInteger(t.hints) ? Math.max(0, Math.min(3, t.hints)) : 0;
      tasks[id] = {
        evidence,
        hints,
        ...(typeof t.diagnosis === 'string' ? { diagnosis: t.diagnosis.slice(0, MAX_EVIDENCE_COMMAND) } : {}),
        ...(typeof t.diagnosedRight === 'boolean' ? { diagnosedRight: t.diagnosedRight } : {}),
      };
      const answers = cleanAnswers(t.answers);
      if (answers) tasks[id] = { ...tasks[id], answers };
    }
  }
  return { ...(typeof record.active === 'string' && record.active.length <= 100 ? { active: record.active } : {}), tasks };
}

/** The lesson's saved record (empty when none, unreadable, or storage is missing). */
export function loadCaseProgress(storage: LabStorage | null, lesson: string): CaseProgress {
  try {
    const raw = storage?.getItem(caseProgressKey(lesson));
    if (raw === null || raw === undefined || raw.length > 2_000_000) return NO_CASE_PROGRESS;
    return parseCaseProgress(JSON.parse(raw));
  } catch {
    return NO_CASE_PROGRESS;
  }
}

/** Saves the record; false when storage is missing or refuses (the lab keeps it in memory). */
export function saveCaseProgress(storage: LabStorage | null, lesson: string, progress: CaseProgress): boolean {
  if (!storage) return false;
  try {
    storage.setItem(caseProgressKey(lesson), JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}
