/**
 * What the course home suggests doing next, from the learner's progress: the next unfinished mode of
 * the lesson they were in, else the first lesson (in course order) not finished whose prerequisites are,
 * else that everything written so far is done. Pure: progress comes in as an `isDone` function.
 */
import { MODE_SLUGS, type ModeSlug } from './modes.ts';

/** A written lesson, as the suggestion needs it. */
export interface NextStepLesson {
  readonly slug: string;
  readonly title: string;
  readonly prerequisites: readonly string[];
}

/** The suggestion. */
export type NextStep =
  | { readonly kind: 'start' | 'continue' | 'next-lesson'; readonly lesson: string; readonly mode: ModeSlug }
  | { readonly kind: 'finished' };

/** The next step for a learner whose finished modes `isDone` tells, last seen at `resume` (lessons in course order). */
export function nextStep(
  lessons: readonly NextStepLesson[],
  isDone: (lesson: string, mode: ModeSlug) => boolean,
  resume: { lesson: string; mode: ModeSlug } | null,
): NextStep {
  const firstUndone = (lesson: string, from: ModeSlug = MODE_SLUGS[0]!): ModeSlug | undefined => {
    const start = MODE_SLUGS.indexOf(from);
    const order = [...MODE_SLUGS.slice(start), ...MODE_SLUGS.slice(0, start)];
    return order.find((mode) => !isDone(lesson, mode));
  };
  const complete = (lesson: string) => firstUndone(lesson) === undefined;
  const started = lessons.some((lesson) => MODE_SLUGS.some((mode) => isDone(lesson.slug, mode)));

  if (resume && lessons.some((lesson) => lesson.slug === resume.lesson)) {
    const mode = firstUndone(resume.lesson, resume.mode);
    if (mode) return { kind: 'continue', lesson: resume.lesson, mode };
  }
  const written = new Set(lessons.map((lesson) => lesson.slug));
  const next = lessons.find(
    (lesson) => !complete(lesson.slug) && lesson.prerequisites.every((slug) => !written.has(slug) || complete(slug)),
  ) ?? lessons.find((lesson) => !complete(lesson.slug));
  if (!next) return { kind: 'finished' };
  return { kind: started || resume ? 'next-lesson' : 'start', lesson: next.slug, mode: firstUndone(next.slug) ?? MODE_SLUGS[0]! };
}
