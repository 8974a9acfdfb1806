/**
 * What every mode page does once loaded: records the visit, the place to resume
 * and the preferred mode; shows done marks in the mode switcher (kept live as
 * other tabs finish modes); marks reading modes done when the learner reaches
 * the end; adds copy buttons to code blocks.
 */
import type { ModeSlug } from '../lib/course/modes.ts';
import { addCopyButtons } from './copy-code.ts';
import { withProgress } from './with-progress.ts';

/** Modes that are done when read to the end. */
const READ_TO_END: readonly ModeSlug[] = ['learn', 'deep'];

/** Starts the page behaviour for the lesson article `article`. */
export function startLessonPage(article: HTMLElement | null): void {
  if (!article) return;
  const lesson = article.dataset.lesson ?? '';
  addCopyButtons(article);
  // The switcher's links name the nine modes; reading them here keeps the mode list out of this script.
  const switcherModes = [...document.querySelectorAll<HTMLElement>('[data-mode-link]')].map((link) => link.dataset.modeLink);
  const isMode = (value: string | undefined): value is ModeSlug => value !== undefined && switcherModes.includes(value);
  const mode = article.dataset.mode;
  if (!lesson || !isMode(mode)) return;

  withProgress((store, { isModeDone }) => {
    store.markVisited(lesson, mode);
    store.setResume(lesson, mode);
    store.setPreference('preferredMode', mode);

    const marks = [...document.querySelectorAll<HTMLElement>(`[data-mode-switcher][data-lesson="${lesson}"] [data-mode-done]`)];
    const renderMarks = () => {
      const state = store.getState();
      for (const mark of marks) {
        const markMode = mark.dataset.modeDone;
        mark.hidden = !(isMode(markMode) && isModeDone(state, lesson, markMode));
      }
    };
    renderMarks();
    store.subscribe(renderMarks);

    const end = article.querySelector<HTMLElement>('[data-end-of-content]');
    if (end && READ_TO_END.includes(mode) && 'IntersectionObserver' in window) {
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          store.markDone(lesson, mode);
          observer.disconnect();
        }
      });
      observer.observe(end);
    }
  });
}
