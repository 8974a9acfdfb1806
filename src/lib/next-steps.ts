/**
 * Where a learner can go when they reach the end of a mode: the next mode of the lesson, the next
 * lesson (or the plain fact that it is not published yet), the review queue and their progress.
 * One rule for the end of every mode page and for the panel a finished question set shows.
 */
import { lessonHref, withBase } from './course/course.ts';
import { MODES, type ModeSlug } from './course/modes.ts';

/** One place to go next. */
export interface NextStep {
  label: string;
  href: string;
  /** A short remark, e.g. "(recall, ~8 min)". */
  note?: string | undefined;
}

/** What the page knows about where it is. */
export interface NextStepContext {
  base: string;
  lesson: { slug: string; minutes: Record<ModeSlug, number> };
  mode: ModeSlug;
  /** The next lesson in course order, if one is published. */
  nextLesson?: { slug: string; title: string } | undefined;
}

/** The places to go after `mode`, most useful first. */
export function nextSteps({ base, lesson, mode, nextLesson }: NextStepContext): NextStep[] {
  const index = MODES.findIndex((candidate) => candidate.slug === mode);
  const nextMode = MODES[index + 1];
  const steps: NextStep[] = [];
  if (nextMode) {
    steps.push({ label: `Next mode: ${nextMode.name}`, href: lessonHref(base, lesson.slug, nextMode.slug), note: `(${nextMode.style}, ~${lesson.minutes[nextMode.slug]} min)` });
  }
  if (nextLesson) steps.push({ label: `Next lesson: ${nextLesson.title}`, href: lessonHref(base, nextLesson.slug) });
  if (mode !== 'review') {
    steps.push({ label: 'Review the flashcards that are due', href: `${lessonHref(base, lesson.slug, 'review')}#flashcards`, note: '(spaced repetition, in Review mode)' });
  }
  steps.push({
    label: 'See your progress',
    href: withBase(base, 'progress/'),
    note: nextLesson || nextMode ? undefined : '(the next lesson is not published yet)',
  });
  return steps;
}
