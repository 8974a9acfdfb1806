/**
 * The one script every page runs on load (kept small: a reading page's whole budget is 5 KB): the theme
 * toggle, and on a lesson's mode page the visit, done marks, read-to-end and copy buttons.
 */
import { startLessonPage } from './lesson-page.ts';
import { theme } from './theme.ts';

theme.initToggle(document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]'));
startLessonPage(document.querySelector<HTMLElement>('article.lesson'));
