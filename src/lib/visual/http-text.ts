/** The step-through player's words for an HTTP trace (lesson.yaml `kind: http`), used at build time only. */
import type { OutcomeWords } from './player-text.ts';

/** How an HTTP request ends, in the player's caption. */
export const HTTP_WORDS: OutcomeWords = { ok: 'the request succeeds', failed: 'the request fails', endedOk: 'The response came back.', endedFailed: 'The request failed.' };

/** "198.51.100.7 sends GET http://www.shop.example/api/items" (with the Host header when it differs from the URL's host). */
export function httpSummary(from: string, method: string, url: string, host?: string): string {
  const client = from.startsWith('external:') ? `${from.slice('external:'.length)} (outside the cluster)` : from.startsWith('node:') ? `node ${from.slice(5)}` : from;
  const urlHost = /^http:\/\/([^/:]+)/.exec(url)?.[1];
  return `${client} sends ${method} ${url}${host && host !== urlHost ? ` with Host: ${host}` : ''}`;
}
