/**
 * The course home's live parts: each written lesson shows which of its modes are done, "Continue where
 * you left off" links to the last place visited, and "What to do next" suggests the next step
 * (`lib/course/next-step.ts`). Kept current as progress changes in other tabs.
 */
import { lessonHref } from '../lib/course/course.ts';
import { modeInfo, type ModeSlug } from '../lib/course/modes.ts';
import { nextStep, type NextStepLesson } from '../lib/course/next-step.ts';
import { withProgress } from './with-progress.ts';

/** A link element with text, built without innerHTML. */
function link(href: string, text: string): HTMLAnchorElement {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.textContent = text;
  return anchor;
}

/** Fills in the home page's progress from the store and keeps it current. */
export function startHomePage(root: Document): void {
  const base = import.meta.env.BASE_URL;
  const cards = [...root.querySelectorAll<HTMLElement>('[data-lesson-card]')];
  const lessons = JSON.parse(root.getElementById('course-lessons')?.textContent ?? '[]') as NextStepLesson[];
  const titleOf = (slug: string) => lessons.find((lesson) => lesson.slug === slug)?.title ?? slug;
  const modeName = (mode: ModeSlug) => modeInfo(mode)?.name ?? mode;
  withProgress((store, { isModeDone, lessonProgress, resumeTarget }) => {
    const render = () => {
      const state = store.getState();
      for (const card of cards) {
        const slug = card.dataset.lessonCard ?? '';
        for (const modeLink of card.querySelectorAll<HTMLAnchorElement>('[data-map-mode]')) {
          const done = isModeDone(state, slug, modeLink.dataset.mapMode as ModeSlug);
          modeLink.classList.toggle('is-done', done);
          const mark = modeLink.querySelector<HTMLElement>('[data-map-done]');
          if (mark) mark.hidden = !done;
        }
        const line = card.querySelector<HTMLElement>('[data-lesson-progress]');
        if (!line) continue;
        const summary = lessonProgress(state, slug);
        line.hidden = summary.visited === 0 && summary.done === 0;
        line.textContent = `${summary.done} of ${summary.total} modes done (${summary.percent}%), ${summary.visited} visited`;
      }
      const resume = resumeTarget(state);
      const box = root.querySelector<HTMLElement>('[data-continue]');
      const continueLink = root.querySelector<HTMLAnchorElement>('[data-continue-link]');
      const label = root.querySelector<HTMLElement>('[data-continue-label]');
      const card = cards.find((candidate) => candidate.dataset.lessonCard === resume?.lesson);
      if (box && continueLink && label && resume && card) {
        continueLink.href = lessonHref(base, resume.lesson, resume.mode);
        label.textContent = `${card.dataset.lessonTitle ?? resume.lesson}: ${modeName(resume.mode)}`;
        box.hidden = false;
      }
      const next = root.querySelector<HTMLElement>('[data-next-step]');
      if (!next || lessons.length === 0) return;
      const step = nextStep(lessons, (lesson, mode) => isModeDone(state, lesson, mode), resume && card ? resume : null);
      if (step.kind === 'finished') {
        next.textContent = 'You have finished every lesson written so far. New lessons appear here as they are written.';
        return;
      }
      if (step.kind === 'continue' && resume && step.mode === resume.mode) {
        // The same place as "Continue where you left off": say what finishing it leads to instead.
        next.textContent = `Finish ${modeName(step.mode)}, then the other modes of the lesson you are taking.`;
        return;
      }
      const target = link(lessonHref(base, step.lesson, step.mode), `${titleOf(step.lesson)}: ${modeName(step.mode)}`);
      const lead = { start: 'Start with ', continue: 'Next in the lesson you are taking: ', 'next-lesson': 'Next lesson: ' }[step.kind];
      next.replaceChildren(lead, target, '.');
    };
    render();
    store.subscribe(render);
  });
}
