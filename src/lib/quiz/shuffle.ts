/**
 * Deterministic, seeded shuffling and stable ids for quiz questions.
 * Pure functions: the same seed string always gives the same order, on the
 * server at build time and in every browser.
 */

/** A 32-bit FNV-1a hash of a string (UTF-16 code units), as an unsigned integer. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The mulberry32 PRNG: a function returning floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher–Yates shuffle of a copy of `items`, driven by a PRNG seeded from `seed`. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const random = mulberry32(hashString(seed));
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = result[i] as T;
    result[i] = result[j] as T;
    result[j] = a;
  }
  return result;
}

/**
 * Shuffles `items` so the result is never in the original order (when at least
 * two items differ): reshuffles with derived seeds, then falls back to a rotation.
 */
export function derangedShuffle<T>(items: readonly T[], seed: string): T[] {
  const same = (order: readonly T[]): boolean => order.every((item, i) => item === items[i]);
  if (items.length < 2 || items.every((item) => item === items[0])) return [...items];
  for (let round = 0; round < 8; round += 1) {
    const order = seededShuffle(items, round === 0 ? seed : `${seed}#${round}`);
    if (!same(order)) return order;
  }
  return [...items.slice(1), ...items.slice(0, 1)];
}

/**
 * Ids for `texts` derived from their content (`<prefix>-<base36 hash>`), unique
 * within the list. They reveal nothing about the texts' positions.
 */
export function contentIds(prefix: string, salt: string, texts: readonly string[]): string[] {
  const used = new Set<string>();
  return texts.map((text) => {
    for (let round = 0; ; round += 1) {
      const id = `${prefix}-${hashString(`${salt}\u0000${round}\u0000${text}`).toString(36)}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  });
}
