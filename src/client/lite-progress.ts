/**
 * Saving progress from page scripts: through the small path on the stored record when it can be used
 * and the full store is not on the page, else through the store (asked for, so it loads only then).
 */
import { PROGRESS_KEY } from '../lib/progress/keys.ts';
import { liteDecode, type LiteRecord } from '../lib/progress/lite.ts';
import type { ProgressStore } from '../lib/progress/store.ts';
import { needProgress } from './progress-ready.ts';

/** The stored record for the small path; undefined when storage or the record needs the full store. */
export function readProgress(): LiteRecord | undefined {
  try {
    return liteDecode(localStorage.getItem(PROGRESS_KEY));
  } catch {
    return undefined;
  }
}

/**
 * Applies `change` to the stored record (at the current time); when the store is on the page, or the
 * small path cannot be used or refuses, `viaStore` does it through the store instead.
 */
export function saveProgress(change: (record: LiteRecord, at: string) => LiteRecord | undefined, viaStore: (store: ProgressStore) => void): void {
  if (!window.knetProgress) {
    const record = readProgress();
    const next = record && change(record, new Date().toISOString());
    if (next) {
      try {
        if (next !== record) localStorage.setItem(PROGRESS_KEY, JSON.stringify(next));
        return;
      } catch {
        // storage refused the write: the store keeps it in memory and tells the learner
      }
    }
  }
  needProgress((store) => viaStore(store));
}
