/**
 * The course home's live parts: each lesson card shows how many modes are done,
 * and "Continue where you left off" links to the last place visited.
 */
import { lessonHref } from '../lib/course/course.ts';
import { modeInfo } from '../lib/course/modes.ts';
import { withProgress } from './with-progress.ts';

/** Fills in the home page's progress from the store and keeps it current. */
export function startHomePage(root: Document): void {
  const cards = [...root.querySelectorAll<HTMLElement>('[data-lesson-card]')];
  withProgress((store, { lessonProgress, resumeTarget }) => {
    const render = () => {
      const state = store.getState();
      for (const card of cards) {
        const slug = card.dataset.lessonCard ?? '';
        const line = card.querySelector<HTMLElement>('[data-lesson-progress]');
        if (!line) continue;
        const summary = lessonProgress(state, slug);
        line.hidden = summary.visited === 0 && summary.done === 0;
        line.textContent = `${summary.done} of ${summary.total} modes done (${summary.percent}%), ${summary.visited} visited`;
      }
      const resume = resumeTarget(state);
      const box = root.querySelector<HTMLElement>('[data-continue]');
      const link = root.querySelector<HTMLAnchorElement>('[data-continue-link]');
      const label = root.querySelector<HTMLElement>('[data-continue-label]');
      const card = cards.find((candidate) => candidate.dataset.lessonCard === resume?.lesson);
      if (box && link && label && resume && card) {
        link.href = lessonHref(import.meta.env.BASE_URL, resume.lesson, resume.mode);
        const modeName = modeInfo(resume.mode)?.name ?? resume.mode;
        label.textContent = `${card.dataset.lessonTitle ?? resume.lesson}: ${modeName}`;
        box.hidden = false;
      }
    };
    render();
    store.subscribe(render);
  });
}
