/**
 * The small path to the progress record, for reading pages (Learn, Why, Deep dive), which must stay
 * under 5 KB of script until the learner interacts: it records a visit (first and last visit, the
 * place to resume, the preferred mode), marks a mode done, and reads which modes are done, straight
 * on the stored JSON, without the store's validation, salvage and migrations.
 *
 * It only works on a record the full store would accept unchanged where it writes: version 3, with the
 * lesson's mode record absent or valid. Anything else (no storage, unreadable JSON, another version, a
 * damaged record) is `undefined`, and the page loads the full store instead, which salvages, backs up
 * and tells the learner. Everything it does not touch is written back exactly as read. For each
 * operation the result decodes to what the store itself would write (lite.test.ts checks this).
 * Pure functions over text; the page does the storage calls.
 */
import { PROGRESS_VERSION } from './keys.ts';

/** A parsed version-3 record (only the parts this module touches are checked). */
export type LiteRecord = Record<string, unknown> & { readonly version: typeof PROGRESS_VERSION };

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MODE_FIELDS = ['firstVisited', 'lastVisited', 'done', 'doneAt', 'best', 'attempts'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
const isTime = (value: unknown): boolean => value === undefined || (typeof value === 'string' && TIME.test(value) && new Date(value).toISOString() === value);

/** True for an absent mode record, or one the store keeps exactly as it is. */
function isCleanModeRecord(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isObject(value) || Object.keys(value).some((key) => !MODE_FIELDS.includes(key))) return false;
  const { done, doneAt, attempts, best } = value;
  if (typeof done !== 'boolean' || !Number.isInteger(attempts) || (attempts as number) < 0 || (attempts as number) > 1e9) return false;
  if (!isTime(value['firstVisited']) || !isTime(value['lastVisited']) || !isTime(doneAt) || (!done && doneAt !== undefined)) return false;
  if (best === undefined) return true;
  if (!isObject(best) || Object.keys(best).length !== 2) return false;
  const { earned, total } = best;
  return typeof earned === 'number' && typeof total === 'number' && earned >= 0 && total > 0 && earned <= total && total <= 1e6;
}

/** The stored text as a record this module may work on, or undefined (use the full store). `null` text is a fresh record. */
export function liteDecode(raw: string | null): LiteRecord | undefined {
  if (raw === null) {
    return { version: PROGRESS_VERSION, lessons: {}, questions: {}, cards: {}, labs: {}, badges: {}, resume: null, review: { drills: {} }, preferences: {} };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObject(value) || value['version'] !== PROGRESS_VERSION || !isObject(value['lessons']) || !isObject(value['preferences'])) return undefined;
  return value as LiteRecord;
}

/** The mode record of a lesson, when the record and it are clean; `false` when this module must not touch them. */
function modeRecord(record: LiteRecord, lesson: string, mode: string): Record<string, unknown> | undefined | false {
  if (lesson === '__proto__' || mode === '__proto__') return false;
  const lessons = record['lessons'] as Record<string, unknown>;
  const modes = Object.hasOwn(lessons, lesson) ? lessons[lesson] : undefined;
  if (modes !== undefined && !isObject(modes)) return false;
  const value = modes !== undefined && Object.hasOwn(modes, mode) ? modes[mode] : undefined;
  return isCleanModeRecord(value) ? (value as Record<string, unknown> | undefined) : false;
}

function withModeRecord(record: LiteRecord, lesson: string, mode: string, next: Record<string, unknown>): LiteRecord {
  const lessons = record['lessons'] as Record<string, Record<string, unknown> | undefined>;
  return { ...record, lessons: { ...lessons, [lesson]: { ...(lessons[lesson] ?? {}), [mode]: next } } };
}

/**
 * A visit to `mode` of `lesson` at time `at` (an ISO string): what the store's `markVisited`,
 * `setResume` and `setPreference('preferredMode')` write. Undefined when the record must go through the store.
 */
export function liteVisit(record: LiteRecord, lesson: string, mode: string, at: string): LiteRecord | undefined {
  const current = modeRecord(record, lesson, mode);
  if (current === false) return undefined;
  const visited = { ...(current ?? { done: false, attempts: 0 }), firstVisited: current?.['firstVisited'] ?? at, lastVisited: at };
  return litePreference({ ...withModeRecord(record, lesson, mode, visited), resume: { lesson, mode, at } }, 'preferredMode', mode, at);
}

/** `mode` of `lesson` done at `at`, as the store's `markDone` writes it (the first time done is kept). */
export function liteDone(record: LiteRecord, lesson: string, mode: string, at: string): LiteRecord | undefined {
  const current = modeRecord(record, lesson, mode);
  if (current === false) return undefined;
  if (current?.['done'] === true) {
    const doneAt = current['doneAt'];
    return typeof doneAt === 'string' && doneAt <= at ? record : withModeRecord(record, lesson, mode, { ...current, doneAt: at });
  }
  return withModeRecord(record, lesson, mode, { ...(current ?? { attempts: 0 }), done: true, doneAt: at });
}

/** The modes of `lesson` that are done, as far as this record says (damaged entries count as not done). */
export function liteDoneModes(record: LiteRecord, lesson: string): string[] {
  const lessons = record['lessons'] as Record<string, unknown>;
  const modes = Object.hasOwn(lessons, lesson) ? lessons[lesson] : undefined;
  if (!isObject(modes)) return [];
  return Object.keys(modes).filter((mode) => mode !== '__proto__' && isObject(modes[mode]) && (modes[mode] as Record<string, unknown>)['done'] === true);
}

/** A preference set at `at`, as the store's `setPreference` writes it (last writer wins). */
export function litePreference(record: LiteRecord, key: 'theme' | 'preferredMode', value: string, at: string): LiteRecord {
  return { ...record, preferences: { ...(record['preferences'] as Record<string, unknown>), [key]: { value, at } } };
}

/** The saved theme (`light` or `dark`) in stored text, if any; never throws. */
export function liteTheme(raw: string | null): 'light' | 'dark' | undefined {
  try {
    const theme = (JSON.parse(raw ?? 'null') as { preferences?: { theme?: { value?: unknown } } } | null)?.preferences?.theme?.value;
    return theme === 'light' || theme === 'dark' ? theme : undefined;
  } catch {
    return undefined;
  }
}
