/**
 * The page's single progress store, over the browser's localStorage (or memory
 * when storage is unavailable), kept in sync with other open tabs through the
 * `storage` event. Created lazily on first use, so pages that never ask for
 * progress never touch storage.
 */
import { browserStorage, createProgressStore, type ProgressStore } from '../lib/progress/store.ts';

let store: ProgressStore | undefined;

/** The shared progress store of this page. */
export function progress(): ProgressStore {
  if (!store) {
    const created = createProgressStore({ storage: browserStorage() });
    window.addEventListener('storage', (event) => {
      if (event.storageArea === null || event.key === null || event.key.startsWith('knet:')) {
        created.handleStorageEvent(event.key, event.newValue);
      }
    });
    store = created;
  }
  return store;
}
