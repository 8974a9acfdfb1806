/**
 * Course structure, as pure data: the cross-lesson checks that make a broken
 * course fail the build with a message naming the file and the field, the course
 * map (written and coming-soon lessons), and the navigation (ordering,
 * previous/next) every page derives from the same lesson list. One lesson's own
 * checks are in `lesson-folder.ts`, `contract.ts` and `contract-simulation.ts`.
 */
import { MODE_SLUGS, type ModeSlug } from './modes.ts';
import type { LessonMeta } from './lesson-schema.ts';
import type { Outline } from './outline-schema.ts';

/** A lesson as the site sees it: its folder slug and validated metadata. */
export interface CourseLesson {
  /** Folder name under `content/lessons/`, used in URLs. */
  slug: string;
  /** The validated `lesson.yaml`. */
  meta: LessonMeta;
}

/** One entry of the course map: a written lesson, or a planned one from the outline ("coming soon"). */
export type CourseMapEntry<T extends CourseLesson = CourseLesson> =
  | { readonly status: 'ready'; readonly order: number; readonly slug: string; readonly lesson: T }
  | { readonly status: 'coming-soon'; readonly order: number; readonly slug: string; readonly title: string; readonly summary: string };

/**
 * Every problem across the course, each naming the file and the field: lesson positions (unique, and
 * the outline's position for a lesson it lists), prerequisites naming known lessons. `root` is the
 * content root holding course.yaml and lessons/ (messages name files under it).
 */
export function checkCourse(lessons: readonly CourseLesson[], outline: Outline | undefined, root = 'content'): string[] {
  const problems: string[] = [];
  const lessonsDir = `${root}/lessons`;
  const planned = new Map((outline?.lessons ?? []).map((entry, index) => [entry.slug, index + 1]));
  const plannedAt = new Map((outline?.lessons ?? []).map((entry, index) => [index + 1, entry.slug]));
  const known = new Set([...lessons.map((lesson) => lesson.slug), ...planned.keys()]);
  const byOrder = new Map<number, string>();
  for (const lesson of sortLessons(lessons)) {
    const where = `${lessonsDir}/${lesson.slug}/lesson.yaml`;
    const { order } = lesson.meta;
    const clash = byOrder.get(order);
    if (clash) problems.push(`${where}: order: ${order} is already used by lesson "${clash}"; each lesson needs its own position.`);
    byOrder.set(order, lesson.slug);
    const position = planned.get(lesson.slug);
    if (position !== undefined && position !== order) {
      problems.push(`${where}: order: ${order}, but ${root}/course.yaml lists "${lesson.slug}" as lesson ${position}; make them agree.`);
    }
    const reserved = plannedAt.get(order);
    if (position === undefined && reserved !== undefined) {
      problems.push(`${where}: order: ${order} is lesson "${reserved}" in ${root}/course.yaml; pick a free position or add this lesson to the outline.`);
    }
    lesson.meta.prerequisites.forEach((slug, index) => {
      if (!known.has(slug)) problems.push(`${where}: prerequisites[${index}]: unknown lesson "${slug}".`);
      if (slug === lesson.slug) problems.push(`${where}: prerequisites[${index}]: a lesson cannot require itself.`);
    });
  }
  return problems;
}

/** The course map: the outline's lessons in order (written ones with their metadata), then written lessons the outline does not list. */
export function courseMap<T extends CourseLesson>(lessons: readonly T[], outline: Outline | undefined): CourseMapEntry<T>[] {
  const bySlug = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
  const entries: CourseMapEntry<T>[] = (outline?.lessons ?? []).map((entry, index) => {
    const lesson = bySlug.get(entry.slug);
    return lesson
      ? { status: 'ready', order: lesson.meta.order, slug: entry.slug, lesson }
      : { status: 'coming-soon', order: index + 1, slug: entry.slug, title: entry.title, summary: entry.summary };
  });
  const listed = new Set(entries.map((entry) => entry.slug));
  for (const lesson of lessons) if (!listed.has(lesson.slug)) entries.push({ status: 'ready', order: lesson.meta.order, slug: lesson.slug, lesson });
  return entries.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

/** Lessons in course order (by `order`, then slug for stability). */
export function sortLessons<T extends CourseLesson>(lessons: readonly T[]): T[] {
  return [...lessons].sort((a, b) => a.meta.order - b.meta.order || a.slug.localeCompare(b.slug));
}

/** The lessons before and after `slug` in course order (undefined at either end). */
export function lessonNeighbours<T extends CourseLesson>(
  lessons: readonly T[],
  slug: string,
): { previous: T | undefined; next: T | undefined } {
  const ordered = sortLessons(lessons);
  const index = ordered.findIndex((lesson) => lesson.slug === slug);
  if (index < 0) return { previous: undefined, next: undefined };
  return { previous: ordered[index - 1], next: ordered[index + 1] };
}

/** Total estimated minutes of a lesson across all nine modes. */
export function totalMinutes(meta: Pick<LessonMeta, 'minutes'>): number {
  return MODE_SLUGS.reduce((sum, mode: ModeSlug) => sum + meta.minutes[mode], 0);
}

/** Joins the site's base path and a path inside the site, keeping exactly one slash between them and a trailing slash. */
export function withBase(base: string, path: string): string {
  const trimmedBase = base.endsWith('/') ? base : `${base}/`;
  const trimmedPath = path.replace(/^\/+/, '');
  const joined = `${trimmedBase}${trimmedPath}`;
  return joined.endsWith('/') || /\.[a-z0-9]+$/i.test(joined) || joined.includes('#') ? joined : `${joined}/`;
}

/** The URL of a lesson (its resume page) or of one of its modes, under `base`. */
export function lessonHref(base: string, slug: string, mode?: ModeSlug): string {
  return withBase(base, mode ? `lessons/${slug}/${mode}/` : `lessons/${slug}/`);
}

/** Splits prose into paragraphs (blank-line separated), trimmed, without empties. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}
