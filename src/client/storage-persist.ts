/**
 * Asks the browser to keep this site's storage (`navigator.storage.persist()`) the first time a save
 * completes a mode or grades a review card on this page; never on page load, at most once per page,
 * and not when storage is already persistent.
 */
import { savedSomethingWorthKeeping } from '../lib/offline/kept-results.ts';

let asked = false;

/** Called after each progress save with the record before and after it. */
export function persistAfterSave(before: unknown, after: unknown): void {
  if (asked || !savedSomethingWorthKeeping(before, after)) return;
  const storage = navigator.storage;
  if (!storage?.persist || !storage.persisted) return;
  asked = true;
  void storage
    .persisted()
    .then((already) => (already ? true : storage.persist()))
    .then((granted) => window.dispatchEvent(new CustomEvent('knet:storage-persist', { detail: granted })))
    .catch(() => undefined);
}
