/**
 * What the progress page tells the learner about this browser's storage: persistent or not, Safari's
 * seven-day rule, and whether to keep an exported copy. Pure.
 */

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
