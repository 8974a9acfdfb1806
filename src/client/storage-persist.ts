/**
 * Asks the browser to keep this site's storage (`navigator.storage.persist()`) the first time a save
 * through the progress store completes a mode or grades a review card on this page: never on page load,
 * at most once per page. (Reading pages, which save without the store, ask when read to the end:
 * lesson-page.ts. Asking again where the browser already decided changes nothing and shows nothing.)
 */
import { savedSomethingWorthKeeping } from '../lib/offline/kept-results.ts';

let asked = false;

/** Called after each progress save with the record before and after it. */
export function persistAfterSave(before: unknown, after: unknown): void {
  if (asked || !savedSomethingWorthKeeping(before, after)) return;
  asked = true;
  navigator.storage?.persist?.().catch(() => undefined);
}
