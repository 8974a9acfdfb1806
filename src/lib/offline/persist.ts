/**
 * When progress is worth keeping, so the page asks the browser to keep this site's storage
 * (`navigator.storage.persist()`): once the learner has finished a mode or graded a review card.
 * Pure: reads a stored progress record (or the store's state, which has the same shape).
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

/** What the progress page says about this browser's storage. */
export interface StorageAdvice {
  /** `persistent`: the browser keeps it; `best-effort`: it may clear it under storage pressure; `unknown`: no Storage API. */
  readonly mode: 'persistent' | 'best-effort' | 'unknown';
  /** True when the learner should keep an exported copy. */
  readonly remindExport: boolean;
  /** True when the browser is Safari (or another WebKit browser), which deletes script-written storage after seven days of use without a visit. */
  readonly sevenDayRule: boolean;
}

/**
 * Is this a WebKit browser with Intelligent Tracking Prevention's seven-day cap on script-writable storage
 * (https://webkit.org/blog/10218/full-third-party-cookie-blocking-and-more/)? Safari on macOS, and every
 * browser on iOS and iPadOS (all use WebKit); Chromium and Firefox on desktop do not.
 */
export function hasSevenDayRule(userAgent: string): boolean {
  if (/\b(?:iPhone|iPad|iPod)\b/.test(userAgent)) return true;
  return /AppleWebKit\//.test(userAgent) && /Safari\//.test(userAgent) && !/(?:Chrome|Chromium|CriOS|Edg|OPR|Firefox|FxiOS|Android)/.test(userAgent);
}

/**
 * The advice for a browser: `persisted` from `navigator.storage.persisted()` (undefined without the API).
 * Persistent storage is exempt from eviction under storage pressure (https://webkit.org/blog/14403/updates-to-storage-policy/),
 * but WebKit does not say it lifts the seven-day rule, so Safari learners are always reminded to export.
 */
export function storageAdvice(persisted: boolean | undefined, userAgent: string): StorageAdvice {
  const sevenDayRule = hasSevenDayRule(userAgent);
  const mode = persisted === undefined ? 'unknown' : persisted ? 'persistent' : 'best-effort';
  return { mode, sevenDayRule, remindExport: sevenDayRule || mode !== 'persistent' };
}
