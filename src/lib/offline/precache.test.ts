import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cacheKeyForPath, isPrecached, manifestVersion, normaliseBase, precacheSummary, urlForFile } from './precache.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('what is precached', () => {
  it('keeps pages, islands, the search index, quiz keys and scenarios', () => {
    for (const path of [
      'index.html',
      '404.html',
      'lessons/dns-service-discovery/lab/index.html',
      '_astro/simulator.CuXTbsOc.js',
      'pagefind/pagefind.js',
      'pagefind/pagefind-worker.js',
      'pagefind/wasm.en.pagefind',
      'pagefind/index/en_1a2b.pf_index',
      'pagefind/fragment/en_3c4d.pf_fragment',
      'quiz-keys/network-policies.json',
      'scenarios/network-policies/allow.yaml',
      'favicon.svg',
    ])
      expect(isPrecached(path), path).toBe(true);
  });
  it('skips the sitemap, Pagefind’s unused UIs, dot files and the worker itself', () => {
    for (const path of ['sitemap-index.xml', 'sitemap-0.xml', 'pagefind/pagefind-ui.js', 'pagefind/pagefind-component-ui.css', 'pagefind/pagefind-highlight.js', '.DS_Store', 'sw.js'])
      expect(isPrecached(path), path).toBe(false);
  });
});

describe('URLs', () => {
  it('names a directory page by its slash URL, under the base path', () => {
    expect(urlForFile('index.html', '/')).toBe('/');
    expect(urlForFile('index.html', '/course')).toBe('/course/');
    expect(urlForFile('lessons/x/learn/index.html', '/course/')).toBe('/course/lessons/x/learn/');
    expect(urlForFile('404.html', '/')).toBe('/404.html');
    expect(urlForFile('_astro/a.js', 'course/')).toBe('/course/_astro/a.js');
  });
  it('normalises the base path', () => {
    expect(normaliseBase('')).toBe('/');
    expect(normaliseBase('/')).toBe('/');
    expect(normaliseBase('/course')).toBe('/course/');
    expect(normaliseBase('course/')).toBe('/course/');
  });
  it('treats /x/index.html and /x/ as one page', () => {
    expect(cacheKeyForPath('/course/lessons/x/learn/index.html')).toBe('/course/lessons/x/learn/');
    expect(cacheKeyForPath('/course/lessons/x/learn/')).toBe('/course/lessons/x/learn/');
    expect(cacheKeyForPath('/course/_astro/a.js')).toBe('/course/_astro/a.js');
  });
});

describe('the version', () => {
  const entries = [
    { url: '/a/', sha: '1111', bytes: 10 },
    { url: '/b.js', sha: '2222', bytes: 20 },
  ];
  it('does not depend on listing order', () => {
    expect(manifestVersion(entries, sha256)).toBe(manifestVersion([...entries].reverse(), sha256));
  });
  it('changes when any file changes, is added or is removed', () => {
    const version = manifestVersion(entries, sha256);
    expect(manifestVersion([entries[0]!, { ...entries[1]!, sha: '2223' }], sha256)).not.toBe(version);
    expect(manifestVersion([...entries, { url: '/c.css', sha: '3333', bytes: 1 }], sha256)).not.toBe(version);
    expect(manifestVersion([entries[0]!], sha256)).not.toBe(version);
  });
  it('prints files and sizes', () => {
    expect(precacheSummary([{ url: '/a', sha: '', bytes: 2048 }, { url: '/b', sha: '', bytes: 1024 }], 1024)).toBe('precache: 2 files, 3 KB (1 KB gzipped)');
  });
});
