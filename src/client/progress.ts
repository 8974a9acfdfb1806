/**
 * The page's single progress store, over the browser's localStorage (or memory
 * when storage is unavailable), kept in sync with other open tabs through the
 * `storage` event. Islands import this module directly; page scripts never
 * import it: they use the small path or ask for the store (`progress-ready.ts`),
 * and learn of it through `whenProgressReady`.
 */
import { browserStorage, createProgressStore, type ProgressStore } from '../lib/progress/store.ts';
import * as selectors from '../lib/progress/selectors.ts';
import { announceProgress } from './progress-ready.ts';
import { persistAfterSave } from './storage-persist.ts';

export { isModeDone, lessonProgress, resumeTarget } from '../lib/progress/selectors.ts';

let store: ProgressStore | undefined;

/** The shared progress store of this page. */
export function progress(): ProgressStore {
  if (!store) {
    const created = createProgressStore({ storage: browserStorage() });
    window.addEventListener('storage', (event) => {
      if (event.key === null || event.key.startsWith('knet:')) created.handleStorageEvent(event.key, event.newValue);
    });
    // A save that completes a mode or grades a card asks the browser to keep the site's storage.
    let before = created.getState();
    created.subscribe((after) => {
      persistAfterSave(before, after);
      before = after;
    });
    store = created;
    announceProgress(created, selectors);
  }
  return store;
}
