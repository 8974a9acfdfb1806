/** The step-through player's words for a DNS trace (lesson.yaml `kind: dns`), used at build time only. */
import type { OutcomeWords } from './player-text.ts';

/** How a DNS lookup ends, in the player's caption. */
export const DNS_WORDS: OutcomeWords = { ok: 'the name resolves', failed: 'the name does not resolve', endedOk: 'The name resolved.', endedFailed: 'The lookup failed.' };

/** "frontend looks up backend.shop (SRV)" (namespace named when it is not "default"; the type when it is not A). */
export function dnsSummary(from: string, name: string, type?: string): string {
  const slash = from.indexOf('/');
  const namespace = slash < 0 ? 'default' : from.slice(0, slash);
  const pod = slash < 0 ? from : from.slice(slash + 1);
  return `${pod}${namespace === 'default' ? '' : ` (namespace ${namespace})`} looks up ${name}${type && type !== 'A' ? ` (${type})` : ''}`;
}
