/**
 * Course structure, as pure data: the checks that make a broken lesson fail the
 * build with a message naming the file and the field, and the navigation
 * (ordering, previous/next) every page derives from the same lesson list.
 */
import { MODE_SLUGS, type ModeSlug } from './modes.ts';
import type { LessonMeta } from './lesson-schema.ts';

/** A lesson as the site sees it: its folder slug and validated metadata. */
export interface CourseLesson {
  /** Folder name under `content/lessons/`, used in URLs. */
  slug: string;
  /** The validated `lesson.yaml`. */
  meta: LessonMeta;
}

/** The files found in one lesson folder, for the structural checks. */
export interface LessonFolder {
  /** Folder name under `content/lessons/`. */
  slug: string;
  /** Base names of the `.mdx` files in the folder, without extension. */
  mdxFiles: string[];
  /** Base names of the scenario files under `scenarios/`, without extension. */
  scenarios: string[];
  /** Whether `lesson.yaml` exists. */
  hasMetadata: boolean;
}

const LESSON_ROOT = 'content/lessons';

/** Every structural problem of the course, each naming the file and the field; empty when the course is sound. */
export function checkCourse(folders: LessonFolder[], lessons: CourseLesson[]): string[] {
  const problems: string[] = [];
  const known = new Set(lessons.map((lesson) => lesson.slug));
  const modeSet = new Set<string>(MODE_SLUGS);

  for (const folder of folders) {
    const where = `${LESSON_ROOT}/${folder.slug}`;
    if (!folder.hasMetadata) {
      problems.push(`${where}/lesson.yaml: file missing: every lesson folder needs its metadata (title, summary, order, …).`);
    }
    for (const file of folder.mdxFiles) {
      if (!modeSet.has(file)) {
        problems.push(
          `${where}/${file}.mdx: unknown mode "${file}": mode files must be named after one of the nine modes (${MODE_SLUGS.join(', ')}).`,
        );
      }
    }
    for (const mode of MODE_SLUGS) {
      if (!folder.mdxFiles.includes(mode)) {
        problems.push(`${where}/${mode}.mdx: file missing: every lesson has all nine modes, and mode "${mode}" has no page.`);
      }
    }
  }

  const byOrder = new Map<number, string>();
  for (const lesson of sortLessons(lessons)) {
    const where = `${LESSON_ROOT}/${lesson.slug}/lesson.yaml`;
    const clash = byOrder.get(lesson.meta.order);
    if (clash) {
      problems.push(`${where}: order: ${lesson.meta.order} is already used by lesson "${clash}"; each lesson needs its own position.`);
    }
    byOrder.set(lesson.meta.order, lesson.slug);
    lesson.meta.prerequisites.forEach((slug, index) => {
      if (!known.has(slug)) problems.push(`${where}: prerequisites[${index}]: unknown lesson "${slug}".`);
      if (slug === lesson.slug) problems.push(`${where}: prerequisites[${index}]: a lesson cannot require itself.`);
    });
    const folder = folders.find((candidate) => candidate.slug === lesson.slug);
    for (const [name, trace] of Object.entries(lesson.meta.traces)) {
      if (folder && !folder.scenarios.includes(trace.scenario)) {
        problems.push(
          `${where}: traces.${name}.scenario: no file scenarios/${trace.scenario}.yaml in the lesson folder.`,
        );
      }
    }
  }
  return problems;
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
