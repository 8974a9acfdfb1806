/**
 * Names of the service worker's caches and which of them may go: one precache per build version, and
 * one small metadata cache that remembers which open page was served by which version.
 */

const PRECACHE_PREFIX = 'knet-precache-';

/** The Cache Storage name of a version's precache. */
export function precacheName(version: string): string {
  return `${PRECACHE_PREFIX}${version}`;
}

/** The version a cache name belongs to, or undefined for caches that are not a precache of this site. */
export function versionOfCache(name: string): string | undefined {
  return name.startsWith(PRECACHE_PREFIX) && name.length > PRECACHE_PREFIX.length ? name.slice(PRECACHE_PREFIX.length) : undefined;
}

/** The metadata cache (not versioned: a new worker reads what the old one wrote). */
export const META_CACHE = 'knet-offline-meta';

/**
 * The precaches that may be deleted: every version other than `current` that no open page still uses
 * (`inUse`: the versions that served the documents of the pages open now). Other sites' caches are never touched.
 */
export function cachesToDelete(cacheNames: readonly string[], current: string, inUse: Iterable<string>): string[] {
  const keep = new Set([current, ...inUse]);
  return cacheNames.filter((name) => {
    const version = versionOfCache(name);
    return version !== undefined && !keep.has(version);
  });
}

/**
 * The client → version map with only the pages still open (`liveIds`); clients that were never mapped
 * (pages loaded from the network before any worker controlled them) get `fallback`.
 */
export function liveClientVersions(map: Readonly<Record<string, string>>, liveIds: readonly string[], fallback: string): Record<string, string> {
  const next: Record<string, string> = {};
  for (const id of liveIds) next[id] = Object.hasOwn(map, id) ? map[id]! : fallback;
  return next;
}
