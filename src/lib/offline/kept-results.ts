/**
 * When progress is worth keeping, so the page asks the browser to keep this site's storage
 * (`navigator.storage.persist()`): once the learner has finished a mode or graded a review card.
 * Pure: reads a stored progress record (or the store's state, which has the same shape). Kept apart from
 * `storage-advice.ts`, and small, because every page carries it.
 */

/**
 * How many kept results `record` holds: completed modes (`"done": true` under `lessons`, where only mode
 * records carry `done`) plus review cards with a saved schedule (a grade) plus graded drills
 * (`review.drills`); 0 for odd shapes.
 */
export function keptResults(record: unknown): number {
  const { lessons, cards, review } = (record ?? {}) as { lessons?: unknown; cards?: unknown; review?: { drills?: unknown } };
  const count = (value: unknown) => (Object(value) === value ? Object.keys(value as object).length : 0);
  return (JSON.stringify(lessons ?? 0).match(/"done":true/g)?.length ?? 0) + count(cards) + count(Object(review) === review ? review?.drills : undefined);
}

/**
 * True when a save from `before` to `after` is the kind worth asking the browser to keep: it completed a
 * mode or graded a card. A visit, a preference or a page load never asks.
 */
export function savedSomethingWorthKeeping(before: unknown, after: unknown): boolean {
  return keptResults(after) > keptResults(before);
}
