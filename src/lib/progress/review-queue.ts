/**
 * The course-wide review queue, computed from the progress record (nothing is copied): the flashcards of every
 * lesson the learner has started reviewing, cards for missed questions, and the broken-cluster drills of lessons the
 * learner has visited, each scheduled by FSRS. Items are interleaved across lessons (round robin, most overdue
 * lesson first), with due counts per lesson and a 7-day forecast. Pure.
 */
import { parseCardState } from '../flashcards/card-state.ts';
import type { ProgressState } from './schema.ts';

/** A lesson's reviewable material, as the page knows it at build time. */
export interface QueueLessonInput {
  readonly slug: string;
  readonly title: string;
  /** The lesson's authored flashcard ids. */
  readonly cardIds: readonly string[];
  /** The drill templates of this lesson. */
  readonly drillIds: readonly string[];
}

/** One thing to review. `due` is null for a card or drill never reviewed. */
export type QueueItem =
  | { readonly kind: 'card'; readonly lesson: string; readonly id: string; readonly key: string; readonly due: number | null }
  | { readonly kind: 'drill'; readonly lesson: string; readonly id: string; readonly due: number | null };

/** Due counts of one lesson. */
export interface LessonDue {
  readonly slug: string;
  readonly title: string;
  /** Reviewed items due now. */
  readonly due: number;
  /** Items never reviewed, offered now (within the per-lesson limit of new items). */
  readonly fresh: number;
}

/** One day of the forecast: its local date (YYYY-MM-DD) and how many scheduled items fall due that day. */
export interface ForecastDay {
  readonly date: string;
  readonly count: number;
}

/** The queue at one moment. */
export interface ReviewQueue {
  /** What to review now, interleaved across lessons: due items first, then new ones. */
  readonly items: readonly QueueItem[];
  /** Lessons with anything to review, in course order. */
  readonly lessons: readonly LessonDue[];
  /** Today (overdue included) and the next six days. */
  readonly forecast: readonly ForecastDay[];
}

/** Options of `buildReviewQueue`. */
export interface QueueOptions {
  /** Local time minus UTC, in minutes (e.g. 60 in CET; `-new Date().getTimezoneOffset()`), for the forecast's days. */
  readonly utcOffsetMinutes?: number;
  /** At most this many never-reviewed items per lesson (default 5), so a new lesson does not flood the queue. */
  readonly maxNewPerLesson?: number;
}

const DAY = 86_400_000;

/** The ids of cards for questions the learner missed in `lesson` (last answer not correct). */
export function missedCardIds(state: ProgressState, lesson: string): string[] {
  const questions = Object.hasOwn(state.questions, lesson) ? state.questions[lesson] : undefined;
  if (!questions) return [];
  return Object.entries(questions)
    .filter(([, record]) => record.lastStatus !== 'correct')
    .map(([id]) => `missed-${id}`);
}

/** True when the learner has visited or finished any mode of `lesson`. */
function lessonStarted(state: ProgressState, lesson: string): boolean {
  const modes = Object.hasOwn(state.lessons, lesson) ? state.lessons[lesson] : undefined;
  return modes !== undefined && Object.values(modes).some((record) => record !== undefined && (record.done || record.firstVisited !== undefined));
}

/** When the learner last reviewed anything of the lesson (epoch ms; -Infinity for never). */
function lastActivity(state: ProgressState, lesson: QueueLessonInput): number {
  let last = -Infinity;
  const prefix = `${lesson.slug}:`;
  for (const [key, raw] of Object.entries(state.cards)) {
    if (!key.startsWith(prefix)) continue;
    const reviewed = parseCardState(raw)?.lastReview;
    if (typeof reviewed === 'number' && reviewed > last) last = reviewed;
  }
  for (const id of lesson.drillIds) {
    const record = Object.hasOwn(state.review.drills, id) ? state.review.drills[id] : undefined;
    const at = record ? Date.parse(record.at) : NaN;
    if (Number.isFinite(at) && at > last) last = at;
  }
  return last;
}

/** The due time of a stored schedule: null for none or a never-reviewed one. */
function scheduledDue(raw: unknown): number | null {
  const parsed = parseCardState(raw);
  return parsed === null || parsed.state === 'new' ? null : parsed.due;
}

/** Every item of the course, with its due time (null: never reviewed). */
function allItems(state: ProgressState, lessons: readonly QueueLessonInput[]): QueueItem[][] {
  return lessons.map((lesson) => {
    const prefix = `${lesson.slug}:`;
    const missed = missedCardIds(state, lesson.slug);
    const startedCards = missed.length > 0 || Object.keys(state.cards).some((key) => key.startsWith(prefix));
    const items: QueueItem[] = [];
    if (startedCards) {
      for (const id of [...lesson.cardIds, ...missed.filter((id) => !lesson.cardIds.includes(id))]) {
        const key = `${prefix}${id}`;
        items.push({ kind: 'card', lesson: lesson.slug, id, key, due: scheduledDue(Object.hasOwn(state.cards, key) ? state.cards[key] : undefined) });
      }
    }
    const started = lessonStarted(state, lesson.slug);
    for (const id of lesson.drillIds) {
      const record = Object.hasOwn(state.review.drills, id) ? state.review.drills[id] : undefined;
      if (record) items.push({ kind: 'drill', lesson: lesson.slug, id, due: scheduledDue(record.card) });
      else if (started) items.push({ kind: 'drill', lesson: lesson.slug, id, due: null });
    }
    return items;
  });
}

/** Round robin over the lists, taking one from each in turn. */
function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let i = 0; i < longest; i += 1) for (const list of lists) if (i < list.length) out.push(list[i] as T);
  return out;
}

/** The local date (YYYY-MM-DD) of epoch ms `time` at `offset` minutes from UTC. */
function localDate(time: number, offset: number): string {
  return new Date(time + offset * 60_000).toISOString().slice(0, 10);
}

/** The review queue of `state` at `now` over the course's `lessons` (in course order). */
export function buildReviewQueue(state: ProgressState, lessons: readonly QueueLessonInput[], now: number, options: QueueOptions = {}): ReviewQueue {
  const offset = options.utcOffsetMinutes ?? 0;
  const maxNew = Math.max(0, options.maxNewPerLesson ?? 5);
  const perLesson = allItems(state, lessons);
  const dueLists: QueueItem[][] = [];
  const freshLists: QueueItem[][] = [];
  const summary: LessonDue[] = [];
  perLesson.forEach((items, index) => {
    const lesson = lessons[index] as QueueLessonInput;
    const due = items.filter((item) => item.due !== null && item.due <= now).sort((a, b) => (a.due as number) - (b.due as number));
    // Drills first among new items: one broken cluster is worth several cards, and there are few of them.
    const fresh = items.filter((item) => item.due === null).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'drill' ? -1 : 1)).slice(0, maxNew);
    dueLists.push(due);
    freshLists.push(fresh);
    if (due.length > 0 || fresh.length > 0) summary.push({ slug: lesson.slug, title: lesson.title, due: due.length, fresh: fresh.length });
  });
  // Each round starts with the lesson reviewed longest ago (then the most overdue), so rating an item hands the
  // next turn to another lesson: the queue stays interleaved as it is recomputed after every rating.
  const order = lessons
    .map((lesson, index) => ({ index, last: lastActivity(state, lesson), first: dueLists[index]?.[0]?.due ?? Infinity }))
    .sort((a, b) => a.last - b.last || a.first - b.first || a.index - b.index);
  const items = [...interleave(order.map(({ index }) => dueLists[index] as QueueItem[])), ...interleave(order.map(({ index }) => freshLists[index] as QueueItem[]))];

  const today = Math.floor((now + offset * 60_000) / DAY);
  const counts = new Array<number>(7).fill(0);
  for (const item of perLesson.flat()) {
    if (item.due === null) continue;
    const day = Math.max(0, Math.floor((item.due + offset * 60_000) / DAY) - today);
    if (day < 7) counts[day] = (counts[day] ?? 0) + 1;
  }
  const forecast = counts.map((count, day) => ({ date: localDate(now + day * DAY, offset), count }));
  return { items, lessons: summary, forecast };
}

/** "in 5 minutes", "in 3 hours", "in 2 days": how long until `ms` from now. */
export function describeWait(ms: number): string {
  const minutes = Math.round(ms / 60000);
  if (minutes < 1) return 'in less than a minute';
  if (minutes < 90) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `in ${hours} hours`;
  return `in ${Math.round(hours / 24)} days`;
}
