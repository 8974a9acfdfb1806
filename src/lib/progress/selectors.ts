/**
 * Pure read-only views of a progress record, for islands and pages.
 */
import { DEFAULT_MODE, MODE_SLUGS, type ModeSlug } from '../course/modes.ts';
import type { CardState, ModeRecord, PreferenceValues, ProgressState, QuestionRecord, ResumeRecord, Score } from './schema.ts';

/** Default preferences, used where none is stored. */
export const DEFAULT_PREFERENCES: Readonly<PreferenceValues> = { theme: 'system', narrationRate: 1, preferredMode: DEFAULT_MODE, challengeTiming: 'standard' };

/** One lesson's progress: modes visited and done out of nine. */
export interface LessonProgress {
  readonly visited: number;
  readonly done: number;
  readonly total: 9;
  /** Done modes as a whole percentage, 0–100. */
  readonly percent: number;
}

/** Progress over a list of lessons. */
export interface CourseProgress {
  readonly lessons: number;
  /** Lessons with at least one mode visited or done. */
  readonly started: number;
  /** Lessons with all nine modes done. */
  readonly completed: number;
  readonly modesDone: number;
  readonly modesTotal: number;
  /** Done modes over all modes, as a whole percentage, 0–100. */
  readonly percent: number;
}

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The record of one mode of one lesson, if any. */
export function modeRecord(state: ProgressState, lessonSlug: string, mode: ModeSlug): ModeRecord | undefined {
  return own(state.lessons, lessonSlug)?.[mode];
}

/** True when the mode of the lesson has been marked done. */
export function isModeDone(state: ProgressState, lessonSlug: string, mode: ModeSlug): boolean {
  return modeRecord(state, lessonSlug, mode)?.done === true;
}

/** True when the mode of the lesson has been visited (or done). */
export function isModeVisited(state: ProgressState, lessonSlug: string, mode: ModeSlug): boolean {
  const record = modeRecord(state, lessonSlug, mode);
  return record !== undefined && (record.done || record.firstVisited !== undefined || record.lastVisited !== undefined);
}

/** Visited and done counts of one lesson's nine modes. */
export function lessonProgress(state: ProgressState, lessonSlug: string): LessonProgress {
  let visited = 0;
  let done = 0;
  for (const mode of MODE_SLUGS) {
    if (isModeVisited(state, lessonSlug, mode)) visited += 1;
    if (isModeDone(state, lessonSlug, mode)) done += 1;
  }
  return { visited, done, total: 9, percent: Math.round((done / 9) * 100) };
}

/** Progress over `lessonSlugs` (duplicates counted once). */
export function courseProgress(state: ProgressState, lessonSlugs: readonly string[]): CourseProgress {
  const slugs = [...new Set(lessonSlugs)];
  let started = 0;
  let completed = 0;
  let modesDone = 0;
  for (const slug of slugs) {
    const lesson = lessonProgress(state, slug);
    if (lesson.visited > 0 || lesson.done > 0) started += 1;
    if (lesson.done === lesson.total) completed += 1;
    modesDone += lesson.done;
  }
  const modesTotal = slugs.length * MODE_SLUGS.length;
  return {
    lessons: slugs.length,
    started,
    completed,
    modesDone,
    modesTotal,
    percent: modesTotal === 0 ? 0 : Math.round((modesDone / modesTotal) * 100),
  };
}

/** Where to resume, or null when nothing was visited yet. */
export function resumeTarget(state: ProgressState): ResumeRecord | null {
  return state.resume;
}

/** The mode lessons should open in: the learner's preference or the default. */
export function preferredMode(state: ProgressState): ModeSlug {
  return state.preferences.preferredMode?.value ?? DEFAULT_PREFERENCES.preferredMode;
}

/** All preferences as plain values, defaults filled in. */
export function preferences(state: ProgressState): PreferenceValues {
  return {
    theme: state.preferences.theme?.value ?? DEFAULT_PREFERENCES.theme,
    narrationRate: state.preferences.narrationRate?.value ?? DEFAULT_PREFERENCES.narrationRate,
    preferredMode: preferredMode(state),
    challengeTiming: state.preferences.challengeTiming?.value ?? DEFAULT_PREFERENCES.challengeTiming,
  };
}

/** The saved result of one question, if any. */
export function questionResult(state: ProgressState, lessonSlug: string, questionId: string): QuestionRecord | undefined {
  const questions = own(state.questions, lessonSlug);
  return questions ? own(questions, questionId) : undefined;
}

/** Sum of the best per-question scores of one mode of a lesson, or undefined if none was answered. */
export function modeQuestionScore(state: ProgressState, lessonSlug: string, mode: ModeSlug): Score | undefined {
  const questions = own(state.questions, lessonSlug);
  if (!questions) return undefined;
  let earned = 0;
  let total = 0;
  for (const record of Object.values(questions)) {
    if (record.mode !== mode) continue;
    earned += record.best.earned;
    total += record.best.total;
  }
  return total > 0 ? { earned, total } : undefined;
}

/** True when the lab task has been passed. */
export function isLabTaskPassed(state: ProgressState, lessonSlug: string, taskId: string): boolean {
  const tasks = own(state.labs, lessonSlug);
  return (tasks ? own(tasks, taskId) : undefined)?.passed === true;
}

/** True when the badge has been earned. */
export function hasBadge(state: ProgressState, badgeId: string): boolean {
  return own(state.badges, badgeId) !== undefined;
}

/** The saved schedule of one flashcard, if any. */
export function cardState(state: ProgressState, cardKey: string): CardState | undefined {
  return own(state.cards, cardKey);
}
