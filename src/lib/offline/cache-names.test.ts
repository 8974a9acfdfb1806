import { describe, expect, it } from 'vitest';
import { cachesToDelete, liveClientVersions, META_CACHE, precacheName, versionOfCache } from './cache-names.ts';

describe('cache names', () => {
  it('round-trips a version and ignores caches that are not precaches', () => {
    expect(versionOfCache(precacheName('abc123'))).toBe('abc123');
    expect(versionOfCache(META_CACHE)).toBeUndefined();
    expect(versionOfCache('knet-precache-')).toBeUndefined();
    expect(versionOfCache('someone-elses-cache')).toBeUndefined();
  });
});

describe('which old caches go', () => {
  const names = [precacheName('v1'), precacheName('v2'), precacheName('v3'), META_CACHE, 'other-site'];
  it('keeps the current version and every version an open page uses', () => {
    expect(cachesToDelete(names, 'v3', ['v1'])).toEqual([precacheName('v2')]);
  });
  it('deletes every other precache once no page uses it, and never the metadata or foreign caches', () => {
    expect(cachesToDelete(names, 'v3', [])).toEqual([precacheName('v1'), precacheName('v2')]);
  });
});

describe('the open pages’ versions', () => {
  it('forgets closed pages and gives unmapped open pages the fallback', () => {
    expect(liveClientVersions({ a: 'v1', b: 'v2', gone: 'v0' }, ['a', 'b', 'new'], 'v2')).toEqual({ a: 'v1', b: 'v2', new: 'v2' });
  });
  it('is not fooled by inherited keys', () => {
    expect(liveClientVersions({}, ['constructor'], 'v1')).toEqual({ constructor: 'v1' });
  });
});
