/**
 * Merging two progress records: keep the better of each record.
 *
 * `mergeProgress` is a join: commutative, idempotent and associative, so two
 * tabs, an import and the stored value can be merged in any order. Every
 * output object has its keys sorted, so equal merges serialise identically.
 *
 * Rules, record by record (a record only in one input is copied):
 * - mode record: done wins over not done (doneAt = earliest); best score =
 *   the better score (`compareScores`); attempts = max; firstVisited =
 *   earliest; lastVisited = latest.
 * - question: best = the better score; attempts = max; the "last answer"
 *   (answeredAt, lastStatus, mode) comes from the later answeredAt.
 * - flashcard: the state reviewed later wins (`last_review` or `lastReview`,
 *   ISO string or epoch ms); then the one with more reviews (`reps`,
 *   `reviewCount` or `reviews`); then the larger canonical JSON text, only so
 *   the choice is deterministic.
 * - lab task: passed wins over failed; two passes keep the earliest time,
 *   two failures the latest.
 * - badge: union; earnedAt = earliest.
 * - drill: the schedule graded later wins (card, lastResult, at: latest `at`,
 *   then the card rule above); reviews = max.
 * - review learner id: the smaller id (either works; the rule only has to agree).
 * - resume point and each preference: last writer wins (latest `at`).
 * Ties on time are broken by comparing the values, so the rules never
 * depend on argument order.
 */
import type {
  BadgeRecord,
  CardState,
  DrillRecord,
  LabTaskRecord,
  LessonRecord,
  ModeRecord,
  PreferenceEntry,
  PreferenceKey,
  PreferenceValues,
  Preferences,
  ProgressState,
  QuestionRecord,
  ResumeRecord,
  ReviewState,
  Score,
} from './schema.ts';
import { MODE_SLUGS, type ModeSlug } from '../course/modes.ts';

/** Positive when score `a` is better than `b`: higher ratio, then more points at stake. */
export function compareScores(a: Score, b: Score): number {
  const cross = a.earned * b.total - b.earned * a.total;
  if (cross !== 0) return cross;
  if (a.total !== b.total) return a.total - b.total;
  return a.earned - b.earned;
}

/** The better of two optional scores. */
export function betterScore(a: Score | undefined, b: Score | undefined): Score | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareScores(a, b) >= 0 ? a : b;
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a <= b ? a : b;
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

/** JSON text with object keys sorted at every level (for deterministic tie-breaks). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Merge two mode records of the same lesson and mode. */
export function mergeModeRecord(a: ModeRecord, b: ModeRecord): ModeRecord {
  const firstVisited = earliest(a.firstVisited, b.firstVisited);
  const lastVisited = latest(a.lastVisited, b.lastVisited);
  const done = a.done || b.done;
  const doneAt = done ? earliest(a.done ? a.doneAt : undefined, b.done ? b.doneAt : undefined) : undefined;
  const best = betterScore(a.best, b.best);
  return {
    ...(firstVisited !== undefined && { firstVisited }),
    ...(lastVisited !== undefined && { lastVisited }),
    done,
    ...(doneAt !== undefined && { doneAt }),
    ...(best !== undefined && { best }),
    attempts: Math.max(a.attempts, b.attempts),
  };
}

/** Merge two records of the same question. */
export function mergeQuestionRecord(a: QuestionRecord, b: QuestionRecord): QuestionRecord {
  const lastKey = (q: QuestionRecord) => `${q.answeredAt}\u0000${q.lastStatus}\u0000${q.mode}`;
  const last = lastKey(a) >= lastKey(b) ? a : b;
  return {
    mode: last.mode,
    best: betterScore(a.best, b.best) ?? a.best,
    attempts: Math.max(a.attempts, b.attempts),
    lastStatus: last.lastStatus,
    answeredAt: last.answeredAt,
  };
}

function reviewTime(card: CardState): number {
  const value = card['last_review'] ?? card['lastReview'];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  return Number.NEGATIVE_INFINITY;
}

function reviewCount(card: CardState): number {
  for (const field of ['reps', 'reviewCount', 'reviews']) {
    const value = card[field];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return -1;
}

/** Merge two schedules of the same flashcard (see the module comment for the rule). */
export function mergeCardState(a: CardState, b: CardState): CardState {
  const timeA = reviewTime(a);
  const timeB = reviewTime(b);
  if (timeA !== timeB) return timeA > timeB ? a : b;
  const byCount = reviewCount(a) - reviewCount(b);
  if (byCount !== 0) return byCount > 0 ? a : b;
  return canonicalJson(a) >= canonicalJson(b) ? a : b;
}

/** Merge two schedules of the same drill template: the later graded attempt, the most reviews. */
export function mergeDrillRecord(a: DrillRecord, b: DrillRecord): DrillRecord {
  const later = a.at !== b.at ? (a.at > b.at ? a : b) : mergeCardState(a.card, b.card) === a.card ? a : b;
  const reviews = Math.max(a.reviews, b.reviews);
  return reviews === later.reviews ? later : { ...later, reviews };
}

/** Merge the review sections of two records. */
export function mergeReview(a: ReviewState, b: ReviewState): ReviewState {
  const learner = a.learner === undefined ? b.learner : b.learner === undefined || a.learner <= b.learner ? a.learner : b.learner;
  return { ...(learner !== undefined && { learner }), drills: mergeMaps(a.drills, b.drills, mergeDrillRecord) };
}

/** Merge two results of the same lab task. */
export function mergeLabTask(a: LabTaskRecord, b: LabTaskRecord): LabTaskRecord {
  if (a.passed !== b.passed) return a.passed ? a : b;
  const at = a.passed ? earliest(a.at, b.at) : latest(a.at, b.at);
  return { passed: a.passed, at: at ?? a.at };
}

/** Merge two awards of the same badge: the earliest. */
export function mergeBadge(a: BadgeRecord, b: BadgeRecord): BadgeRecord {
  return a.earnedAt <= b.earnedAt ? a : b;
}

/** The later of two resume points. */
export function mergeResume(a: ResumeRecord | null, b: ResumeRecord | null): ResumeRecord | null {
  if (a === null) return b;
  if (b === null) return a;
  const key = (r: ResumeRecord) => `${r.at}\u0000${r.lesson}\u0000${r.mode}`;
  return key(a) >= key(b) ? a : b;
}

function mergeEntry<T>(a: PreferenceEntry<T> | undefined, b: PreferenceEntry<T> | undefined): PreferenceEntry<T> | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return canonicalJson(a.value) >= canonicalJson(b.value) ? a : b;
}

/** Merge two sets of preferences, each preference last-writer-wins. */
export function mergePreferences(a: Preferences, b: Preferences): Preferences {
  const out: { -readonly [K in PreferenceKey]?: PreferenceEntry<PreferenceValues[K]> } = {};
  const narrationRate = mergeEntry(a.narrationRate, b.narrationRate);
  const preferredMode = mergeEntry(a.preferredMode, b.preferredMode);
  const theme = mergeEntry(a.theme, b.theme);
  const challengeTiming = mergeEntry(a.challengeTiming, b.challengeTiming);
  if (challengeTiming) out.challengeTiming = challengeTiming;
  if (narrationRate) out.narrationRate = narrationRate;
  if (preferredMode) out.preferredMode = preferredMode;
  if (theme) out.theme = theme;
  return out;
}

/** Union of two maps with sorted keys, merging values present in both. */
export function mergeMaps<T>(
  a: Readonly<Record<string, T>>,
  b: Readonly<Record<string, T>>,
  merge: (x: T, y: T) => T,
): Record<string, T> {
  const out: Record<string, T> = {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const x = Object.hasOwn(a, key) ? a[key] : undefined;
    const y = Object.hasOwn(b, key) ? b[key] : undefined;
    if (x !== undefined && y !== undefined) out[key] = merge(x, y);
    else if (x !== undefined) out[key] = x;
    else if (y !== undefined) out[key] = y;
  }
  return out;
}

/** Merge two lessons' mode records (modes in switcher order). */
export function mergeLessonRecord(a: LessonRecord, b: LessonRecord): LessonRecord {
  const out: { [mode in ModeSlug]?: ModeRecord } = {};
  for (const mode of MODE_SLUGS) {
    const x = a[mode];
    const y = b[mode];
    const merged = x && y ? mergeModeRecord(x, y) : (x ?? y);
    if (merged) out[mode] = merged;
  }
  return out;
}

/** Merge two progress records, keeping the better of each record (commutative, idempotent, associative). */
export function mergeProgress(a: ProgressState, b: ProgressState): ProgressState {
  return {
    version: 3,
    lessons: mergeMaps(a.lessons, b.lessons, mergeLessonRecord),
    questions: mergeMaps(a.questions, b.questions, (x, y) => mergeMaps(x, y, mergeQuestionRecord)),
    cards: mergeMaps(a.cards, b.cards, mergeCardState),
    labs: mergeMaps(a.labs, b.labs, (x, y) => mergeMaps(x, y, mergeLabTask)),
    badges: mergeMaps(a.badges, b.badges, mergeBadge),
    resume: mergeResume(a.resume, b.resume),
    review: mergeReview(a.review, b.review),
    preferences: mergePreferences(a.preferences, b.preferences),
  };
}
