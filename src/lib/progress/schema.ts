/**
 * The saved-progress record: its types, its validation and its migrations.
 * Pure: no storage access here (the store in `store.ts` does that).
 *
 * Stored data shape — one JSON value under the localStorage key
 * `knet:progress`, version 3. Times are ISO 8601 strings in UTC with
 * milliseconds (`Date#toISOString()`), so string order is time order.
 *
 *   {
 *     "version": 3,
 *     "lessons": {                        // lessonSlug → mode → record
 *       "<lesson>": { "<mode>": {
 *         "firstVisited"?: time, "lastVisited"?: time,
 *         "done": boolean, "doneAt"?: time,            // doneAt only when done
 *         "best"?: { "earned": number, "total": number },  // best whole-mode score
 *         "attempts": number                           // whole-mode scored attempts
 *       } } },
 *     "questions": {                      // lessonSlug → questionId → record
 *       "<lesson>": { "<questionId>": {
 *         "mode": mode, "best": { "earned", "total" }, "attempts": number,
 *         "lastStatus": "correct" | "partial" | "incorrect", "answeredAt": time
 *       } } },
 *     "cards": { "<cardKey>": { "due": string | number, ... } },  // opaque, owned by flashcards
 *     "labs": { "<lesson>": { "<taskId>": { "passed": boolean, "at": time } } },
 *     "badges": { "<badgeId>": { "earnedAt": time } },
 *     "resume": { "lesson": string, "mode": mode, "at": time } | null,
 *     "review": {                         // the course-wide review (v3)
 *       "learner"?: string,               // random id made on the first drill; seeds drills
 *       "drills": { "<templateId>": {     // one FSRS schedule per drill template
 *         "card": { "due": string | number, ... },      // opaque like "cards", owned by flashcards
 *         "reviews": number,                            // graded attempts (seeds the next drill)
 *         "lastResult": "passed" | "failed", "at": time // the last graded attempt
 *       } } },
 *     "preferences": {                    // each one a last-writer-wins register
 *       "theme"?: { "value": "light" | "dark" | "system", "at": time },
 *       "narrationRate"?: { "value": number /* 0.5–2 *\/, "at": time },
 *       "preferredMode"?: { "value": mode, "at": time },
 *       "challengeTiming"?: { "value": "standard" | "extended" | "untimed", "at": time }
 *     }
 *   }
 *
 * Validation is record by record ("salvage"): a record that fails its check
 * is dropped and named in `dropped`; every other record is kept. Times are
 * normalised to `toISOString()` form, so a decoded record is a fixed point.
 *
 * The course-wide review queue is these records, not a copy: every lesson's
 * flashcards ("cards", keyed `<lesson>:<card id>`), missed questions ("questions"
 * with lastStatus ≠ correct, whose cards are keyed `<lesson>:missed-<id>`) and
 * the drills ("review.drills").
 *
 * Migrations:
 * - v2 → v3 ("upgraded"): every v2 record is kept as it is; "review" is added
 *   empty. The store backs up the v2 text and writes v3, without a notice
 *   (nothing changed for the learner).
 * - v1 → v2 → v3. Version 1 was
 *   `{ version: 1, lessons: { [slug]: { visited: mode[], done: mode[], scores: { [mode]: percent } } }, theme?: string }`.
 *   Visited modes get firstVisited = lastVisited = the migration time (v1 kept
 *   no times); done modes get done = true, doneAt = the migration time; a
 *   percent score p becomes best = { earned: p, total: 100 } with attempts 1;
 *   a valid theme becomes the theme preference. Invalid entries are dropped
 *   and listed.
 * - v2 without "challengeTiming" (stored before the preference existed): decoded
 *   unchanged, every record kept; the preference reads as its default, "standard".
 *   The preference is an optional key, so this needs no version bump.
 * - Version > 3: decoded best-effort as v3 for this session only; the store
 *   never overwrites it.
 * - Anything else (not JSON, not an object, no known version): decoded
 *   best-effort as v3 so valid records survive; reported as corrupt.
 */
import { isModeSlug, MODE_SLUGS, type ModeSlug } from '../course/modes.ts';

// The key and version live in `keys.ts`, so the small reading-page path (`lite.ts`) can use them
// without this module.
import { PROGRESS_KEY, PROGRESS_VERSION } from './keys.ts';

export { PROGRESS_KEY, PROGRESS_VERSION };
/** Prefix of backup keys: `knet:progress:backup:<ISO time>`. */
export const BACKUP_KEY_PREFIX = 'knet:progress:backup:';

/** A score: `earned` out of `total` points (0 ≤ earned ≤ total, total > 0). */
export interface Score {
  readonly earned: number;
  readonly total: number;
}

/** What is saved about one mode of one lesson. */
export interface ModeRecord {
  readonly firstVisited?: string;
  readonly lastVisited?: string;
  readonly done: boolean;
  readonly doneAt?: string;
  readonly best?: Score;
  readonly attempts: number;
}

/** One lesson's mode records, keyed by mode slug. */
export type LessonRecord = { readonly [mode in ModeSlug]?: ModeRecord };

/** How the last answer to a question went. */
export type QuestionStatus = 'correct' | 'partial' | 'incorrect';

/** Every valid question status. */
export const QUESTION_STATUSES: readonly QuestionStatus[] = ['correct', 'partial', 'incorrect'];

/** What is saved about one question. */
export interface QuestionRecord {
  readonly mode: ModeSlug;
  readonly best: Score;
  readonly attempts: number;
  readonly lastStatus: QuestionStatus;
  readonly answeredAt: string;
}

/** A flashcard's schedule: opaque to this module apart from `due`. */
export interface CardState {
  readonly due: string | number;
  readonly [field: string]: unknown;
}

/** The result of one lab task. */
export interface LabTaskRecord {
  readonly passed: boolean;
  readonly at: string;
}

/** When a badge was earned. */
export interface BadgeRecord {
  readonly earnedAt: string;
}

/** The last place the learner was, to resume from. */
export interface ResumeRecord {
  readonly lesson: string;
  readonly mode: ModeSlug;
  readonly at: string;
}

/** The colour theme preference. */
export type Theme = 'light' | 'dark' | 'system';

/** Every valid theme. */
export const THEMES: readonly Theme[] = ['light', 'dark', 'system'];

/**
 * How the learner takes timed challenge problems (WCAG 2.2.1): the problem's own limit,
 * ten times as long, or no limit at all.
 */
export type ChallengeTiming = 'standard' | 'extended' | 'untimed';

/** Every valid challenge timing. */
export const CHALLENGE_TIMINGS: readonly ChallengeTiming[] = ['standard', 'extended', 'untimed'];

/** The learner's preferences, by name, as plain values. */
export interface PreferenceValues {
  theme: Theme;
  narrationRate: number;
  preferredMode: ModeSlug;
  challengeTiming: ChallengeTiming;
}

/** The name of one preference. */
export type PreferenceKey = keyof PreferenceValues;

/** Every preference name. */
export const PREFERENCE_KEYS: readonly PreferenceKey[] = ['theme', 'narrationRate', 'preferredMode', 'challengeTiming'];

/** Slowest and fastest allowed narration rate. */
export const NARRATION_RATE_RANGE = { min: 0.5, max: 2 } as const;

/** One stored preference: its value and when it was set. */
export interface PreferenceEntry<T> {
  readonly value: T;
  readonly at: string;
}

/** The stored preferences; an absent key means "use the default". */
export type Preferences = { readonly [K in PreferenceKey]?: PreferenceEntry<PreferenceValues[K]> };

/** How the last graded attempt at a drill went. */
export type DrillResult = 'passed' | 'failed';

/** Every valid drill result. */
export const DRILL_RESULTS: readonly DrillResult[] = ['passed', 'failed'];

/** What is saved about one drill template: its FSRS schedule and how often it was graded. */
export interface DrillRecord {
  readonly card: CardState;
  readonly reviews: number;
  readonly lastResult: DrillResult;
  readonly at: string;
}

/** The course-wide review's own records (the flashcards' schedules stay in `cards`). */
export interface ReviewState {
  /** A random id made on the first drill; with the template and review count it seeds each drill. */
  readonly learner?: string;
  readonly drills: Readonly<Record<string, DrillRecord>>;
}

/** The whole progress record (version 3), as stored and as held in memory. */
export interface ProgressState {
  readonly version: 3;
  readonly lessons: Readonly<Record<string, LessonRecord>>;
  readonly questions: Readonly<Record<string, Readonly<Record<string, QuestionRecord>>>>;
  readonly cards: Readonly<Record<string, CardState>>;
  readonly labs: Readonly<Record<string, Readonly<Record<string, LabTaskRecord>>>>;
  readonly badges: Readonly<Record<string, BadgeRecord>>;
  readonly resume: ResumeRecord | null;
  readonly review: ReviewState;
  readonly preferences: Preferences;
}

/** A fresh, empty progress record. */
export function emptyProgress(): ProgressState {
  return { version: 3, lessons: {}, questions: {}, cards: {}, labs: {}, badges: {}, resume: null, review: { drills: {} }, preferences: {} };
}

/** True when the record holds no progress and no preferences. */
export function isEmptyProgress(state: ProgressState): boolean {
  return (
    Object.keys(state.lessons).length === 0 &&
    Object.keys(state.questions).length === 0 &&
    Object.keys(state.cards).length === 0 &&
    Object.keys(state.labs).length === 0 &&
    Object.keys(state.badges).length === 0 &&
    state.resume === null &&
    state.review.learner === undefined &&
    Object.keys(state.review.drills).length === 0 &&
    Object.keys(state.preferences).length === 0
  );
}

// ---------------------------------------------------------------------------
// Leaf validators
//
// Hand-written, with no schema library: this module ships to the browser on
// every page, and a validation library would cost more than the whole
// page's script budget. Each `parse…` function checks one record with the
// helpers below and returns a fresh, normalised copy, or undefined.

const MAX_KEY_LENGTH = 200;
const MAX_COUNT = 1_000_000_000;
const MAX_POINTS = 1_000_000;
const MAX_CARD_JSON = 20_000;
const MAX_CARD_DEPTH = 16;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const CANONICAL_ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The canonical `toISOString()` form of an ISO 8601 time, or undefined if it is not one. */
export function normalizeTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 40 || !ISO_RE.test(value)) return undefined;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  return CANONICAL_ISO_RE.test(iso) ? iso : undefined;
}

/** True for a usable record key: 1–200 characters and not `__proto__`. */
export function isRecordKey(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_KEY_LENGTH && value !== '__proto__';
}

/** True for an object literal (what `JSON.parse` makes for `{…}`). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * True for any object that is not null or an array: the shape check of a
 * record. Looser than `isPlainObject` (any prototype is accepted, and fields
 * are read through it), as the record checks have always been.
 */
function isObjectLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a finite number with min ≤ value ≤ max. */
function isFiniteNumberInRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

/** True for a whole number of times (attempts): an integer from 0 to a billion. */
function isCount(value: unknown): value is number {
  return Number.isInteger(value) && isFiniteNumberInRange(value, 0, MAX_COUNT);
}

/** True when `value` is one of `options` (a string enum such as the themes). */
function isOneOf<T extends string>(options: readonly T[], value: unknown): value is T {
  return (options as readonly unknown[]).includes(value);
}

/**
 * An optional field: undefined when absent (undefined), the parsed value when
 * valid, null when present but invalid (which fails the whole record).
 */
function parseOptional<T>(value: unknown, parse: (value: unknown) => T | undefined): T | undefined | null {
  return value === undefined ? undefined : (parse(value) ?? null);
}

/** A valid score as a fresh object, or undefined. */
export function parseScore(value: unknown): Score | undefined {
  if (!isObjectLike(value)) return undefined;
  const { earned, total } = value;
  if (!isFiniteNumberInRange(earned, 0, MAX_POINTS) || !isFiniteNumberInRange(total, 0, MAX_POINTS)) return undefined;
  return total > 0 && earned <= total ? { earned, total } : undefined;
}

/** A valid mode record (times normalised, absent fields omitted), or undefined. */
export function parseModeRecord(value: unknown): ModeRecord | undefined {
  if (!isObjectLike(value)) return undefined;
  const firstVisited = parseOptional(value['firstVisited'], normalizeTime);
  const lastVisited = parseOptional(value['lastVisited'], normalizeTime);
  const { done = false, attempts = 0 } = value; // absent (undefined) means not done, no attempts
  const doneAt = parseOptional(value['doneAt'], normalizeTime);
  const best = parseOptional(value['best'], parseScore);
  if (firstVisited === null || lastVisited === null || typeof done !== 'boolean' || doneAt === null || best === null || !isCount(attempts)) {
    return undefined;
  }
  return {
    ...(firstVisited !== undefined && { firstVisited }),
    ...(lastVisited !== undefined && { lastVisited }),
    done,
    ...(done && doneAt !== undefined && { doneAt }),
    ...(best !== undefined && { best }),
    attempts,
  };
}

/** A valid question record, or undefined. */
export function parseQuestionRecord(value: unknown): QuestionRecord | undefined {
  if (!isObjectLike(value)) return undefined;
  const { mode, attempts, lastStatus } = value;
  const best = parseScore(value['best']);
  const answeredAt = normalizeTime(value['answeredAt']);
  if (!isModeSlug(mode) || best === undefined || !isCount(attempts) || !isOneOf(QUESTION_STATUSES, lastStatus) || answeredAt === undefined) {
    return undefined;
  }
  return { mode, best, attempts, lastStatus, answeredAt };
}

/** A valid lab task record, or undefined. */
export function parseLabTask(value: unknown): LabTaskRecord | undefined {
  if (!isObjectLike(value)) return undefined;
  const { passed } = value;
  const at = normalizeTime(value['at']);
  return typeof passed === 'boolean' && at !== undefined ? { passed, at } : undefined;
}

/** A valid badge record, or undefined. */
export function parseBadge(value: unknown): BadgeRecord | undefined {
  if (!isObjectLike(value)) return undefined;
  const earnedAt = normalizeTime(value['earnedAt']);
  return earnedAt !== undefined ? { earnedAt } : undefined;
}

/** A valid resume record, or undefined. */
export function parseResume(value: unknown): ResumeRecord | undefined {
  if (!isObjectLike(value)) return undefined;
  const { lesson, mode } = value;
  const at = normalizeTime(value['at']);
  return isRecordKey(lesson) && isModeSlug(mode) && at !== undefined ? { lesson, mode, at } : undefined;
}

/** A valid value for preference `key`, or undefined. */
export function parsePreferenceValue<K extends PreferenceKey>(key: K, value: unknown): PreferenceValues[K] | undefined {
  const valid =
    key === 'theme'
      ? isOneOf(THEMES, value)
      : key === 'narrationRate'
        ? isFiniteNumberInRange(value, NARRATION_RATE_RANGE.min, NARRATION_RATE_RANGE.max)
        : key === 'preferredMode'
          ? isModeSlug(value)
          : key === 'challengeTiming' && isOneOf(CHALLENGE_TIMINGS, value);
  return valid ? (value as PreferenceValues[K]) : undefined;
}

/** A valid stored preference entry for `key`, or undefined. */
export function parsePreferenceEntry<K extends PreferenceKey>(
  key: K,
  value: unknown,
): PreferenceEntry<PreferenceValues[K]> | undefined {
  if (!isPlainObject(value)) return undefined;
  const parsed = parsePreferenceValue(key, value['value']);
  const at = normalizeTime(value['at']);
  return parsed === undefined || at === undefined ? undefined : { value: parsed, at };
}

function jsonDepthWithin(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (depth <= 0) return false;
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return children.every((child) => jsonDepthWithin(child, depth - 1));
}

/**
 * A valid flashcard state, or undefined: a plain JSON object (at most 16
 * levels deep and 20 000 characters) whose `due` is a string or finite number.
 */
export function parseCardState(value: unknown): CardState | undefined {
  if (!isPlainObject(value)) return undefined;
  const due = value['due'];
  if (!(typeof due === 'string' || (typeof due === 'number' && Number.isFinite(due)))) return undefined;
  if (!jsonDepthWithin(value, MAX_CARD_DEPTH)) return undefined;
  try {
    const text = JSON.stringify(value);
    if (text.length > MAX_CARD_JSON) return undefined;
  } catch {
    return undefined;
  }
  return value as CardState;
}

const LEARNER_RE = /^[A-Za-z0-9-]{8,64}$/;

/** True for a learner id: 8–64 letters, digits or dashes. */
export function isLearnerId(value: unknown): value is string {
  return typeof value === 'string' && LEARNER_RE.test(value);
}

/** A valid drill record, or undefined. */
export function parseDrillRecord(value: unknown): DrillRecord | undefined {
  if (!isObjectLike(value)) return undefined;
  const card = parseCardState(value['card']);
  const { reviews, lastResult } = value;
  const at = normalizeTime(value['at']);
  if (card === undefined || !isCount(reviews) || !isOneOf(DRILL_RESULTS, lastResult) || at === undefined) return undefined;
  return { card, reviews, lastResult, at };
}

// ---------------------------------------------------------------------------
// Salvage and migration

/** The outcome of decoding a stored or imported value. */
export interface Decoded {
  /**
   * empty: nothing stored; ok: valid v3; upgraded: valid v2, every record
   * kept in v3; salvaged: v2/v3 with invalid records dropped; migrated: v1
   * converted; corrupt: unreadable or unknown shape, best-effort salvage;
   * newer: version > 3, best-effort salvage.
   */
  readonly status: 'empty' | 'ok' | 'upgraded' | 'salvaged' | 'migrated' | 'corrupt' | 'newer';
  readonly progress: ProgressState;
  /** Human-readable names of the records that were dropped. */
  readonly dropped: readonly string[];
  /** Lesson entries found in the input. */
  readonly lessonsFound: number;
  /** Lesson entries that survived (wholly or partly). */
  readonly lessonsKept: number;
  /** The version number found, when there was one. */
  readonly version?: number;
}

const quote = (key: string): string => JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}...` : key);

interface Salvage {
  progress: ProgressState;
  dropped: string[];
  lessonsFound: number;
  lessonsKept: number;
}

/** Keys of `value` in sorted order, so decoding is deterministic. */
function sortedKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).sort();
}

function salvageNested<T>(
  section: unknown,
  sectionLabel: string,
  outerLabel: (outer: string) => string,
  innerLabel: (outer: string, inner: string) => string,
  parse: (value: unknown) => T | undefined,
  dropped: string[],
): Record<string, Record<string, T>> {
  const out: Record<string, Record<string, T>> = {};
  if (section === undefined) return out;
  if (!isPlainObject(section)) {
    dropped.push(sectionLabel);
    return out;
  }
  for (const outer of sortedKeys(section)) {
    const inner = section[outer];
    if (!isRecordKey(outer) || !isPlainObject(inner)) {
      dropped.push(outerLabel(outer));
      continue;
    }
    const kept: Record<string, T> = {};
    for (const key of sortedKeys(inner)) {
      const parsed = isRecordKey(key) ? parse(inner[key]) : undefined;
      if (parsed === undefined) dropped.push(innerLabel(outer, key));
      else kept[key] = parsed;
    }
    out[outer] = kept;
  }
  return out;
}

function salvageFlat<T>(
  section: unknown,
  sectionLabel: string,
  label: (key: string) => string,
  parse: (value: unknown) => T | undefined,
  dropped: string[],
): Record<string, T> {
  const out: Record<string, T> = {};
  if (section === undefined) return out;
  if (!isPlainObject(section)) {
    dropped.push(sectionLabel);
    return out;
  }
  for (const key of sortedKeys(section)) {
    const parsed = isRecordKey(key) ? parse(section[key]) : undefined;
    if (parsed === undefined) dropped.push(label(key));
    else out[key] = parsed;
  }
  return out;
}

const KNOWN_V2_FIELDS = new Set(['version', 'lessons', 'questions', 'cards', 'labs', 'badges', 'resume', 'preferences']);
const KNOWN_V3_FIELDS = new Set([...KNOWN_V2_FIELDS, 'review']);

function salvageReview(raw: unknown, dropped: string[]): ReviewState {
  if (raw === undefined) return { drills: {} };
  if (!isPlainObject(raw)) {
    dropped.push('the review queue');
    return { drills: {} };
  }
  const learner = raw['learner'];
  if (learner !== undefined && !isLearnerId(learner)) dropped.push('the review learner id');
  const drills = salvageFlat(raw['drills'], 'the drill schedules', (key) => `drill ${quote(key)}`, parseDrillRecord, dropped);
  for (const key of sortedKeys(raw)) if (key !== 'learner' && key !== 'drills') dropped.push(`review field ${quote(key)}`);
  return { ...(isLearnerId(learner) && { learner }), drills };
}

/** Salvage a v2-or-later record; `known` lists the fields of its version (others are reported when asked). */
function salvageV2(input: Record<string, unknown>, reportUnknownFields: boolean, known: ReadonlySet<string> = KNOWN_V3_FIELDS): Salvage {
  const dropped: string[] = [];
  const rawLessons = input['lessons'];
  const lessons = salvageNested(
    rawLessons,
    'the list of lessons',
    (lesson) => `lesson ${quote(lesson)}`,
    (lesson, mode) => `lesson ${quote(lesson)}, mode ${quote(mode)}`,
    (value) => value, // checked below: the inner key must be a mode slug
    dropped,
  );
  const checkedLessons: Record<string, LessonRecord> = {};
  let lessonsKept = 0;
  for (const [lesson, modes] of Object.entries(lessons)) {
    const kept: { [mode in ModeSlug]?: ModeRecord } = {};
    for (const [mode, value] of Object.entries(modes)) {
      const parsed = isModeSlug(mode) ? parseModeRecord(value) : undefined;
      if (parsed === undefined || !isModeSlug(mode)) dropped.push(`lesson ${quote(lesson)}, mode ${quote(mode)}`);
      else kept[mode] = parsed;
    }
    checkedLessons[lesson] = kept;
    if (Object.keys(kept).length > 0 || Object.keys(modes).length === 0) lessonsKept += 1;
  }
  const lessonsFound = isPlainObject(rawLessons) ? Object.keys(rawLessons).length : 0;

  const questions = salvageNested(
    input['questions'],
    'the question results',
    (lesson) => `question results for lesson ${quote(lesson)}`,
    (lesson, id) => `question ${quote(id)} in lesson ${quote(lesson)}`,
    parseQuestionRecord,
    dropped,
  );
  const cards = salvageFlat(input['cards'], 'the flashcard schedules', (key) => `flashcard ${quote(key)}`, parseCardState, dropped);
  const labs = salvageNested(
    input['labs'],
    'the lab results',
    (lesson) => `lab results for lesson ${quote(lesson)}`,
    (lesson, task) => `lab task ${quote(task)} in lesson ${quote(lesson)}`,
    parseLabTask,
    dropped,
  );
  const badges = salvageFlat(input['badges'], 'the badges', (key) => `badge ${quote(key)}`, parseBadge, dropped);

  let resume: ResumeRecord | null = null;
  const rawResume = input['resume'];
  if (rawResume !== undefined && rawResume !== null) {
    const parsed = parseResume(rawResume);
    if (parsed === undefined) dropped.push('the place to resume from');
    else resume = parsed;
  }

  const preferences: { -readonly [K in PreferenceKey]?: PreferenceEntry<PreferenceValues[K]> } = {};
  const rawPreferences = input['preferences'];
  if (rawPreferences !== undefined) {
    if (!isPlainObject(rawPreferences)) dropped.push('the preferences');
    else {
      for (const key of sortedKeys(rawPreferences)) {
        if (key === 'theme') {
          const entry = parsePreferenceEntry('theme', rawPreferences[key]);
          if (entry) preferences.theme = entry;
          else dropped.push('preference "theme"');
        } else if (key === 'narrationRate') {
          const entry = parsePreferenceEntry('narrationRate', rawPreferences[key]);
          if (entry) preferences.narrationRate = entry;
          else dropped.push('preference "narrationRate"');
        } else if (key === 'preferredMode') {
          const entry = parsePreferenceEntry('preferredMode', rawPreferences[key]);
          if (entry) preferences.preferredMode = entry;
          else dropped.push('preference "preferredMode"');
        } else if (key === 'challengeTiming') {
          const entry = parsePreferenceEntry('challengeTiming', rawPreferences[key]);
          if (entry) preferences.challengeTiming = entry;
          else dropped.push('preference "challengeTiming"');
        } else dropped.push(`preference ${quote(key)}`);
      }
    }
  }

  const review = known.has('review') ? salvageReview(input['review'], dropped) : { drills: {} };

  if (reportUnknownFields) {
    for (const key of sortedKeys(input)) if (!known.has(key)) dropped.push(`unknown field ${quote(key)}`);
  }

  return {
    progress: { version: 3, lessons: checkedLessons, questions, cards, labs, badges, resume, review, preferences },
    dropped,
    lessonsFound,
    lessonsKept,
  };
}

function migrateV1(input: Record<string, unknown>, clock: TimeSource): Salvage {
  const now = typeof clock === 'string' ? clock : clock();
  const dropped: string[] = [];
  const lessons: Record<string, LessonRecord> = {};
  const rawLessons = input['lessons'];
  let lessonsFound = 0;
  if (rawLessons !== undefined && !isPlainObject(rawLessons)) dropped.push('the list of lessons');
  if (isPlainObject(rawLessons)) {
    lessonsFound = Object.keys(rawLessons).length;
    for (const lesson of sortedKeys(rawLessons)) {
      const entry = rawLessons[lesson];
      if (!isRecordKey(lesson) || !isPlainObject(entry)) {
        dropped.push(`lesson ${quote(lesson)}`);
        continue;
      }
      const modes: { [mode in ModeSlug]?: { -readonly [F in keyof ModeRecord]: ModeRecord[F] } } = {};
      const touch = (mode: ModeSlug) => (modes[mode] ??= { done: false, attempts: 0 });
      const modeList = (field: 'visited' | 'done'): ModeSlug[] => {
        const list = entry[field];
        if (list === undefined) return [];
        if (!Array.isArray(list)) {
          dropped.push(`lesson ${quote(lesson)}, ${field} list`);
          return [];
        }
        const valid: ModeSlug[] = [];
        for (const item of list as unknown[]) {
          if (isModeSlug(item)) valid.push(item);
          else dropped.push(`lesson ${quote(lesson)}, ${field} mode ${typeof item === 'string' ? quote(item) : String(typeof item)}`);
        }
        return valid;
      };
      for (const mode of modeList('visited')) {
        const record = touch(mode);
        record.firstVisited = now;
        record.lastVisited = now;
      }
      for (const mode of modeList('done')) {
        const record = touch(mode);
        record.done = true;
        record.doneAt = now;
      }
      const scores = entry['scores'];
      if (scores !== undefined && !isPlainObject(scores)) dropped.push(`lesson ${quote(lesson)}, scores`);
      if (isPlainObject(scores)) {
        for (const mode of sortedKeys(scores)) {
          const percent = scores[mode];
          if (isModeSlug(mode) && typeof percent === 'number' && Number.isFinite(percent) && percent >= 0 && percent <= 100) {
            const record = touch(mode);
            record.best = { earned: percent, total: 100 };
            record.attempts = 1;
          } else dropped.push(`lesson ${quote(lesson)}, score for mode ${quote(mode)}`);
        }
      }
      const ordered: { [mode in ModeSlug]?: ModeRecord } = {};
      for (const mode of MODE_SLUGS) {
        const record = modes[mode];
        if (record) ordered[mode] = record;
      }
      lessons[lesson] = ordered;
    }
  }
  const preferences: { theme?: PreferenceEntry<Theme> } = {};
  const theme = input['theme'];
  if (theme !== undefined) {
    const value = parsePreferenceValue('theme', theme);
    if (value === undefined) dropped.push('preference "theme"');
    else preferences.theme = { value, at: now };
  }
  return {
    progress: { ...emptyProgress(), lessons, preferences },
    dropped,
    lessonsFound,
    lessonsKept: Object.keys(lessons).length,
  };
}

/** The migration time: an ISO string, or a function called only if a migration needs it. */
export type TimeSource = string | (() => string);

/** Decode an already-parsed value (any JSON) into a v3 record, salvaging what is valid. */
export function decodeProgressValue(value: unknown, now: TimeSource): Decoded {
  if (!isPlainObject(value)) {
    return { status: 'corrupt', progress: emptyProgress(), dropped: [], lessonsFound: 0, lessonsKept: 0 };
  }
  const version = value['version'];
  if (version === 3) {
    const salvage = salvageV2(value, true);
    return { status: salvage.dropped.length > 0 ? 'salvaged' : 'ok', version, ...salvage };
  }
  if (version === 2) {
    // v2 → v3: the same records, and an empty review (a v2 "review" field is unknown, reported, not read).
    const salvage = salvageV2(value, true, KNOWN_V2_FIELDS);
    return { status: salvage.dropped.length > 0 ? 'salvaged' : 'upgraded', version, ...salvage };
  }
  if (version === 1) return { status: 'migrated', version, ...migrateV1(value, now) };
  if (typeof version === 'number' && Number.isInteger(version) && version > PROGRESS_VERSION) {
    return { status: 'newer', version, ...salvageV2(value, false) };
  }
  return {
    status: 'corrupt',
    ...(typeof version === 'number' && { version }),
    ...salvageV2(value, false),
  };
}

/** Decode stored text (`null` when the key is absent) into a v3 record; never throws. */
export function decodeProgressText(raw: string | null, now: TimeSource): Decoded {
  if (raw === null) return { status: 'empty', progress: emptyProgress(), dropped: [], lessonsFound: 0, lessonsKept: 0 };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { status: 'corrupt', progress: emptyProgress(), dropped: [], lessonsFound: 0, lessonsKept: 0 };
  }
  try {
    return decodeProgressValue(value, now);
  } catch {
    return { status: 'corrupt', progress: emptyProgress(), dropped: [], lessonsFound: 0, lessonsKept: 0 };
  }
}

/** The record as stored: compact JSON. */
export function serializeProgress(state: ProgressState): string {
  return JSON.stringify(state);
}
