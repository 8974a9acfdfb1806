/**
 * What every mode page does once loaded: records the visit, the place to resume and the preferred
 * mode; shows done marks in the mode switcher (kept live as this and other tabs finish modes); marks
 * a read-to-end mode done when the learner reaches the end; adds copy buttons to code blocks.
 *
 * It works on the stored record through the small path (`lib/progress/lite.ts`), so a reading page
 * loads no progress store. The store is asked for instead when the small path cannot be used (no
 * storage, unreadable or old data: the store salvages it and says so), and once an island has brought
 * the store in, the marks follow the store.
 */
import { PROGRESS_KEY } from '../lib/progress/keys.ts';
import { liteDone, liteDoneModes, liteVisit } from '../lib/progress/lite.ts';
import type { ModeSlug } from '../lib/course/modes.ts';
import { addCopyButtons } from './copy-code.ts';
import { readProgress, saveProgress } from './lite-progress.ts';
import { whenProgressReady } from './progress-ready.ts';

/** Starts the page behaviour for the lesson article `article`. */
export function startLessonPage(article: HTMLElement | null): void {
  if (!article) return;
  addCopyButtons(article);
  const lesson = article.dataset.lesson ?? '';
  const mode = (article.dataset.mode ?? '') as ModeSlug;
  if (!lesson || !mode) return;
  const marks = [...document.querySelectorAll<HTMLElement>(`[data-mode-switcher][data-lesson="${lesson}"] [data-mode-done]`)];
  const render = (done: readonly string[]) => {
    for (const mark of marks) mark.hidden = !done.includes(mark.dataset.modeDone ?? '');
  };
  const renderStored = () => {
    const record = window.knetProgress ? undefined : readProgress();
    if (record) render(liteDoneModes(record, lesson));
  };
  // Once the full store is on the page (an island, or a fallback), the marks follow it.
  whenProgressReady((store, { isModeDone }) => {
    const follow = () => render(marks.map((mark) => mark.dataset.modeDone as ModeSlug).filter((done) => isModeDone(store.getState(), lesson, done)));
    follow();
    store.subscribe(follow);
  });

  saveProgress(
    (record, at) => liteVisit(record, lesson, mode, at),
    (store) => {
      store.markVisited(lesson, mode);
      store.setResume(lesson, mode);
      store.setPreference('preferredMode', mode);
    },
  );
  renderStored();
  window.addEventListener('storage', (event) => {
    if (event.key === PROGRESS_KEY || event.key === null) renderStored();
  });

  const end = article.querySelector<HTMLElement>('[data-end-of-content]');
  if (end && article.dataset.doneWhen === 'read-to-end' && 'IntersectionObserver' in window) {
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      saveProgress(
        (record, at) => liteDone(record, lesson, mode, at),
        (store) => store.markDone(lesson, mode),
      );
      renderStored();
      // A completed mode is progress worth keeping: ask the browser to keep the site's storage (no prompt where it
      // already decided; saves through the store ask in progress.ts).
      navigator.storage?.persist?.().catch(() => undefined);
    });
    observer.observe(end);
  }
}
