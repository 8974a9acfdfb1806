/**
 * Seeds and a small deterministic random generator for drills: a drill's seed is a hash of the learner id, the
 * template and how often the learner has been graded on it, so each review gets a new variant and tests can pin one.
 * Pure; no Math.random.
 */

/** FNV-1a (32-bit) of the parts joined by NUL: a stable seed from strings and numbers. */
export function drillSeed(...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  const text = parts.map(String).join('\u0000');
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A seeded generator of numbers in [0, 1) (mulberry32). */
export interface Random {
  /** The next number in [0, 1). */
  next(): number;
  /** One element of `options` (which must not be empty). */
  pick<T>(options: readonly T[]): T;
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
  /** `count` different elements of `options`, in a random order. */
  sample<T>(options: readonly T[], count: number): T[];
}

/** The generator for `seed` (same seed, same sequence). */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T,>(options: readonly T[]): T => {
    if (options.length === 0) throw new Error('pick from an empty list');
    return options[int(0, options.length - 1)] as T;
  };
  const sample = <T,>(options: readonly T[], count: number): T[] => {
    const pool = [...options];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(int(0, pool.length - 1), 1)[0] as T);
    return out;
  };
  return { next, pick, int, sample };
}

/**
 * A plausible typo of `word` that is a different, valid label value: one letter dropped, or two neighbours swapped.
 * Never returns `word` itself.
 */
export function typo(word: string, random: Random): string {
  const candidates = new Set<string>();
  for (let i = 1; i < word.length - 1; i += 1) candidates.add(word.slice(0, i) + word.slice(i + 1));
  for (let i = 1; i < word.length - 1; i += 1) {
    if (word[i] !== word[i + 1]) candidates.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  candidates.delete(word);
  const valid = [...candidates].filter((candidate) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(candidate));
  return valid.length > 0 ? random.pick(valid) : `${word}x`;
}
