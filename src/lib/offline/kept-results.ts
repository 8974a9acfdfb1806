/**
 * When progress is worth keeping, so the page asks the browser to keep this site's storage
 * (`navigator.storage.persist()`): once the learner has finished a mode or graded a review card.
 * Pure: reads a stored progress record (or the store's state, which has the same shape). Kept apart from
 * `storage-advice.ts` because every page carries this one.
 */

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** How many kept results `record` holds: completed modes plus review cards with a saved schedule (a grade); 0 for odd shapes. */
export function keptResults(record: unknown): number {
  if (!isObject(record)) return 0;
  const cards = record['cards'];
  let count = isObject(cards) ? Object.keys(cards).length : 0;
  const lessons = record['lessons'];
  if (!isObject(lessons)) return count;
  for (const modes of Object.values(lessons)) {
    if (!isObject(modes)) continue;
    for (const mode of Object.values(modes)) if (isObject(mode) && mode['done'] === true) count += 1;
  }
  return count;
}

/**
 * True when a save from `before` to `after` is the kind worth asking the browser to keep: it completed a
 * mode or graded a card. A visit, a preference or a page load never asks.
 */
export function savedSomethingWorthKeeping(before: unknown, after: unknown): boolean {
  return keptResults(after) > keptResults(before);
}

