/**
 * The one script every page runs on load (kept small: a reading page's whole budget is 5 KB): the theme
 * toggle, the `/` shortcut that opens search, and on a lesson's mode page the visit, done marks,
 * read-to-end and copy buttons.
 */
import { isTyping } from '../lib/search/typing.ts';
import { startLessonPage } from './lesson-page.ts';
import { theme } from './theme.ts';

// `/` opens search (the button's click wakes the search island, which then opens its dialog).
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target as HTMLElement | null)) return;
  const button = document.querySelector<HTMLButtonElement>('[data-search-button]');
  if (!button) return;
  event.preventDefault();
  button.click();
});

theme.initToggle(document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]'));
startLessonPage(document.querySelector<HTMLElement>('article.lesson'));
