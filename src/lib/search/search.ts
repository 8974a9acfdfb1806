/**
 * The search dialog's state, as a reducer: closed or open, the query, and the results of the latest
 * query (a slower answer to an older query never replaces a newer one). The island renders it; the
 * Pagefind index is loaded by the island on the first search.
 */

/** One result, ready to show. */
export interface SearchResult {
  /** The page's URL (under the site's base path). */
  readonly url: string;
  /** "Lesson title: Mode". */
  readonly title: string;
  /** An extract around the match, as HTML from the index (matches in `<mark>`). */
  readonly excerptHtml: string;
}

/** The dialog's state. */
export interface SearchState {
  readonly open: boolean;
  readonly query: string;
  /** Which query the shown results answer (`undefined`: none yet). */
  readonly answered: string | undefined;
  readonly results: readonly SearchResult[];
  /** How many pages matched (more than `results` when only the best are shown). */
  readonly total: number;
  readonly status: 'idle' | 'searching' | 'done' | 'error';
  /** Set when the index could not be loaded. */
  readonly error?: string | undefined;
}

/** What can happen. */
export type SearchAction =
  | { readonly type: 'open' }
  | { readonly type: 'close' }
  | { readonly type: 'type'; readonly query: string }
  | { readonly type: 'results'; readonly query: string; readonly results: readonly SearchResult[]; readonly total?: number }
  | { readonly type: 'failed'; readonly query: string; readonly error: string };

/** The state before anything happened. */
export const initialSearch: SearchState = { open: false, query: '', answered: undefined, results: [], total: 0, status: 'idle' };

/** The next state. */
export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'open':
      return { ...state, open: true };
    case 'close':
      return { ...state, open: false };
    case 'type': {
      const blank = action.query.trim() === '';
      return { ...state, query: action.query, status: blank ? 'idle' : 'searching', ...(blank && { results: [], total: 0, answered: undefined }) };
    }
    case 'results':
      if (action.query !== state.query) return state; // an answer to an older query
      return {
        ...state,
        answered: action.query,
        results: action.results,
        total: Math.max(action.total ?? 0, action.results.length),
        status: 'done',
        error: undefined,
      };
    case 'failed':
      if (action.query !== state.query) return state;
      return { ...state, status: 'error', error: action.error };
  }
}

/** What the live region says about the state. */
export function searchStatus(state: SearchState): string {
  if (state.status === 'error') return `Search is not available: ${state.error ?? 'the index could not be loaded'}.`;
  if (state.status === 'searching') return 'Searching…';
  if (state.status !== 'done' || state.answered === undefined) return '';
  const shown = state.results.length;
  if (shown === 0) return `No results for "${state.answered}".`;
  const found = `${state.total} result${state.total === 1 ? '' : 's'} for "${state.answered}"`;
  return state.total > shown ? `${found}; the best ${shown} are shown: add a word to narrow them.` : `${found}.`;
}
