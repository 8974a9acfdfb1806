/**
 * How page scripts and the progress store find each other without loading it. Reading pages work on the
 * small path (`lib/progress/lite.ts`); the full store arrives only with an island. A page script that
 * needs the store asks for it (`needProgress`: the progress-notices island hydrates on that request and
 * creates it), and learns when it exists (`whenProgressReady`), whoever created it.
 */
import type { ProgressStore } from '../lib/progress/store.ts';
import type * as Selectors from '../lib/progress/selectors.ts';

/** Window event asking for the progress store (the progress-notices island hydrates on it). */
export const PROGRESS_NEEDED = 'knet:progress-needed';
/** Window event announcing that the store exists (`window.knetProgress` holds it). */
export const PROGRESS_READY = 'knet:progress-ready';

type Ready = { store: ProgressStore; selectors: typeof Selectors };
type Listener = (store: ProgressStore, selectors: typeof Selectors) => void;

declare global {
  interface Window {
    /** The page's progress store and its selectors, once created. */
    knetProgress?: Ready;
  }
}

/** Calls `listener` with the store once it exists on this page (at once when it already does). */
export function whenProgressReady(listener: Listener): void {
  const ready = window.knetProgress;
  if (ready) listener(ready.store, ready.selectors);
  else window.addEventListener(PROGRESS_READY, () => whenProgressReady(listener), { once: true });
}

/** Asks for the store and calls `use` with it once it exists. */
export function needProgress(use: Listener): void {
  whenProgressReady(use);
  if (!window.knetProgress) window.dispatchEvent(new Event(PROGRESS_NEEDED));
}

/** Announces the page's store (called once, by `progress.ts`). */
export function announceProgress(store: ProgressStore, selectors: typeof Selectors): void {
  window.knetProgress = { store, selectors };
  window.dispatchEvent(new Event(PROGRESS_READY));
}
