/** Loads the progress store on demand, so page scripts stay small: the store arrives after first paint. */
import type { ProgressStore } from '../lib/progress/store.ts';

type ProgressModule = typeof import('./progress.ts');

let loading: Promise<ProgressModule> | undefined;

/** Runs `use` with the page's progress store (and its selectors) once it has loaded. */
export function withProgress(use: (store: ProgressStore, module: ProgressModule) => void): void {
  loading ??= import('./progress.ts');
  void loading.then((module) => use(module.progress(), module));
}
