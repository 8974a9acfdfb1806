import { describe, expect, it } from 'vitest';
import { initialSearch, searchReducer, searchStatus, type SearchState } from './search.ts';
import { isTyping } from './typing.ts';

const result = (url: string) => ({ url, title: 'Lesson: Learn', excerptHtml: 'a <mark>pod</mark>' });
const run = (...actions: Parameters<typeof searchReducer>[1][]): SearchState => actions.reduce(searchReducer, initialSearch);

describe('searchReducer', () => {
  it('shows the results of the query typed last, even when an older answer arrives later', () => {
    const state = run(
      { type: 'open' },
      { type: 'type', query: 'po' },
      { type: 'type', query: 'pod' },
      { type: 'results', query: 'pod', results: [result('/a/')] },
      { type: 'results', query: 'po', results: [result('/b/'), result('/c/')] },
    );
    expect(state.results.map((r) => r.url)).toEqual(['/a/']);
    expect(searchStatus(state)).toBe('1 result for "pod".');
  });

  it('says when nothing matches, and clears for a blank query', () => {
    const none = run({ type: 'type', query: 'zzz' }, { type: 'results', query: 'zzz', results: [] });
    expect(searchStatus(none)).toBe('No results for "zzz".');
    const blank = searchReducer(none, { type: 'type', query: '  ' });
    expect(blank.results).toEqual([]);
    expect(searchStatus(blank)).toBe('');
  });

  it('says how many pages matched when it shows only the best of them', () => {
    const state = run({ type: 'type', query: 'default' }, { type: 'results', query: 'default', results: [result('/a/'), result('/b/')], total: 68 });
    expect(searchStatus(state)).toBe('68 results for "default"; the best 2 are shown: add a word to narrow them.');
  });

  it('reports an index that cannot load', () => {
    const state = run({ type: 'type', query: 'dns' }, { type: 'failed', query: 'dns', error: 'HTTP 404' });
    expect(searchStatus(state)).toBe('Search is not available: HTTP 404.');
  });

  it('opens and closes', () => {
    expect(run({ type: 'open' }).open).toBe(true);
    expect(run({ type: 'open' }, { type: 'close' }).open).toBe(false);
  });
});

describe('isTyping', () => {
  it.each([
    [{ tagName: 'INPUT' }, true],
    [{ tagName: 'TEXTAREA' }, true],
    [{ tagName: 'DIV', isContentEditable: true }, true],
    [{ tagName: 'BUTTON' }, false],
    [null, false],
  ])('%o → %s', (target, expected) => {
    expect(isTyping(target)).toBe(expected);
  });
});
