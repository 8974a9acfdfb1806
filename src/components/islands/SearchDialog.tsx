/**
 * Search across every lesson and mode: a header button (shortcut `/`, wired by the site script) opens a
 * dialog; the first query loads Pagefind's script and index from `<base>pagefind/`, built with the site.
 * The island hydrates only when the learner reaches for it, so pages pay nothing until then: the dialog and
 * its styles are not in the page's HTML, they come with the island. State lives in `lib/search/search.ts`;
 * this renders it.
 */
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import dialogStylesUrl from './search-dialog.css?url';
import { initialSearch, searchReducer, searchStatus, type SearchResult } from '../../lib/search/search.ts';

interface Props {
  /** The site's base path, e.g. "/" or "/course/". */
  base: string;
}

interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  options(options: { baseUrl: string }): Promise<void>;
  debouncedSearch(query: string, options?: object, debounceMs?: number): Promise<{ results: PagefindResult[] } | null>;
}

let pagefind: Promise<Pagefind> | undefined;
let dialogStyles: Promise<unknown> | undefined;

/** Adds the dialog's stylesheet to the page (once) and resolves when it has loaded, or failed to. */
function loadDialogStyles(): Promise<unknown> {
  dialogStyles ??= new Promise((resolve) => {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: dialogStylesUrl });
    link.addEventListener('load', resolve);
    link.addEventListener('error', resolve);
    document.head.append(link);
  });
  return dialogStyles;
}

/** Loads Pagefind from the built site (only on the first search). */
function loadPagefind(base: string): Promise<Pagefind> {
  pagefind ??= (import(/* @vite-ignore */ `${base}pagefind/pagefind.js`) as Promise<Pagefind>).then(async (module) => {
    await module.options({ baseUrl: base });
    return module;
  });
  pagefind.catch(() => {
    pagefind = undefined;
  });
  return pagefind;
}

/** The search button and dialog. */
export default function SearchDialog({ base }: Props) {
  const [state, dispatch] = useReducer(searchReducer, initialSearch);
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  // The dialog renders once its styles have loaded: never in the server-rendered HTML, never unstyled.
  const [styled, setStyled] = useState(false);

  useEffect(() => {
    let current = true;
    void loadDialogStyles().then(() => current && setStyled(true));
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (state.open && !element.open) {
      element.showModal();
      input.current?.focus();
      input.current?.select();
    } else if (!state.open && element.open) element.close();
  }, [state.open, styled]);

  useEffect(() => {
    const query = state.query.trim();
    if (query === '') return;
    let current = true;
    loadPagefind(base)
      .then((engine) => engine.debouncedSearch(query, {}, 150))
      .then(async (search) => {
        if (!search || !current) return;
        const results: SearchResult[] = await Promise.all(
          search.results.slice(0, 10).map(async (result) => {
            const data = await result.data();
            return { url: data.url, title: data.meta.title ?? data.url, excerptHtml: data.excerpt };
          }),
        );
        if (current) dispatch({ type: 'results', query: state.query, results, total: search.results.length });
      })
      .catch((error: unknown) => dispatch({ type: 'failed', query: state.query, error: error instanceof Error ? error.message : String(error) }));
    return () => {
      current = false;
    };
  }, [state.query]);

  return (
    <>
      <button type="button" class="search-button" data-search-button aria-keyshortcuts="/" aria-haspopup="dialog" onClick={() => dispatch({ type: 'open' })}>
        <span>Search</span> <kbd aria-hidden="true">/</kbd>
      </button>
      {styled && (
        <dialog
          class="search-dialog"
          ref={dialog}
          aria-labelledby="search-title"
          onClose={() => dispatch({ type: 'close' })}
          onKeyDown={(event) => {
            // Escape closes at once, even from the search field (which would first only clear itself).
            if (event.key === 'Escape') {
              event.preventDefault();
              dispatch({ type: 'close' });
            }
          }}
        >
          <div class="search-head">
            <h2 id="search-title">Search the course</h2>
            <button type="button" onClick={() => dispatch({ type: 'close' })}>
              Close
            </button>
          </div>
          <form role="search" onSubmit={(event) => event.preventDefault()}>
            <label for="search-query">Words to find in every lesson and mode</label>
            <input
              id="search-query"
              ref={input}
              type="search"
              autocomplete="off"
              value={state.query}
              onInput={(event) => dispatch({ type: 'type', query: (event.target as HTMLInputElement).value })}
            />
          </form>
          <p class="search-status" role="status">
            {searchStatus(state)}
          </p>
          {state.results.length > 0 && (
            <ol class="search-results" aria-label="Search results">
              {state.results.map((result) => (
                <li key={result.url}>
                  <a href={result.url}>{result.title}</a>
                  <p dangerouslySetInnerHTML={{ __html: result.excerptHtml }} />
                </li>
              ))}
            </ol>
          )}
        </dialog>
      )}
    </>
  );
}
