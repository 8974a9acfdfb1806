/**
 * What every mode page does once loaded: records the visit, the place to resume
 * and the preferred mode; shows done marks in the mode switcher (kept live as
 * other tabs finish modes); marks reading modes done when the learner reaches
 * the end; adds copy buttons to code blocks.
 */
import { isModeSlug, type ModeSlug } from '../lib/course/modes.ts';
import { isModeDone } from '../lib/progress/selectors.ts';
import { addCopyButtons } from './copy-code.ts';
import { progress } from './progress.ts';

/** Modes that are done when read to the end. */
const READ_TO_END: readonly ModeSlug[] = ['learn', 'deep'];

/** Starts the page behaviour for the lesson article `article`. */
export function startLessonPage(article: HTMLElement | null): void {
  if (!article) return;
  const lesson = article.dataset.lesson ?? '';
  const mode = article.dataset.mode;
  addCopyButtons(article);
  if (!lesson || !isModeSlug(mode)) return;

  const store = progress();
  store.markVisited(lesson, mode);
  store.setResume(lesson, mode);
  store.setPreference('preferredMode', mode);

  const marks = [...document.querySelectorAll<HTMLElement>(`[data-mode-switcher][data-lesson="${lesson}"] [data-mode-done]`)];
  const renderMarks = () => {
    const state = store.getState();
    for (const mark of marks) {
      const markMode = mark.dataset.modeDone;
      mark.hidden = !(isModeSlug(markMode) && isModeDone(state, lesson, markMode));
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
}
