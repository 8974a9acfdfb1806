/**
 * HTTPRoute match selection (httproute_types.go v1.6.1, `Hostnames` and `Matches` docs): among the routes attached
 * to the listener a request arrived on, those whose hostnames match its Host, ordered by the most characters in a
 * matching non-wildcard hostname, then in a matching hostname; then, across all their rules' matches: Exact path
 * before PathPrefix, longer prefix first, a method match, more header matches, more query matches; then the
 * oldest route (creationTimestamp), then `{namespace}/{name}` alphabetically, then the first rule and match in
 * list order. The first match (in that order) the request satisfies wins; none → 404. Path prefixes match whole
 * path elements (`/abc` matches `/abc` and `/abc/def`, not `/abcd`), a trailing `/` in the prefix is ignored.
 */
import { compareStrings } from '../state.ts';
import { hostMatches } from './hostnames.ts';
import type { HttpRouteModel, RouteMatch, RouteRule, ValueMatch } from './model.ts';

/** One request as the proxy sees it. */
export interface L7Request {
  method: string;
  /** Host header without port, lower case. */
  host: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters in order (name, value). */
  query: Array<[string, string]>;
  /** Header names lower-cased. */
  headers: Array<[string, string]>;
}

/** The match that won, and where it is. */
export interface MatchResult {
  route: HttpRouteModel;
  rule: RouteRule;
  match: RouteMatch;
  matchIndex: number;
  /** The route hostname that matched the Host ('' when the route serves the listener's hostnames). */
  hostname: string;
  /** Why this match beat the others, for the trace (e.g. `PathPrefix /api (longest prefix)`). */
  why: string;
}

/** True when `prefix` matches `path` element-wise. */
export function prefixMatches(prefix: string, path: string): boolean {
  const p = prefix.length > 1 && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (p === '/' || p === '') return true;
  return path === p || path.startsWith(`${p}/`);
}

function valueOk(list: ReadonlyArray<[string, string]>, m: ValueMatch, caseInsensitiveName: boolean): boolean {
  const name = caseInsensitiveName ? m.name.toLowerCase() : m.name;
  // The first value of a repeated header or query parameter is the one matched (the spec leaves repeats to implementations for headers; query: "only the first").
  const found = list.find(([k]) => (caseInsensitiveName ? k.toLowerCase() : k) === name);
  return found !== undefined && found[1] === m.value;
}

/** True when the request satisfies every condition of the match. */
export function matchSatisfied(m: RouteMatch, req: L7Request): boolean {
  if (m.path.type === 'Exact' ? req.path !== m.path.value : !prefixMatches(m.path.value, req.path)) return false;
  if (m.method && m.method !== req.method) return false;
  if (!m.headers.every((h) => valueOk(req.headers, h, true))) return false;
  return m.queryParams.every((q) => valueOk(req.query, q, false));
}

/** The best matching hostname of a route for the host: [non-wildcard chars, any chars]; null when none matches. */
function hostScore(hostnames: readonly string[], host: string): { exact: number; any: number; hostname: string } | null {
  if (hostnames.length === 0) return { exact: 0, any: 0, hostname: '' };
  let best: { exact: number; any: number; hostname: string } | null = null;
  for (const h of hostnames) {
    if (!hostMatches(h, host)) continue;
    const score = { exact: h.startsWith('*.') ? 0 : h.length, any: h.length, hostname: h };
    if (!best || score.exact > best.exact || (score.exact === best.exact && score.any > best.any)) best = score;
  }
  return best;
}

interface Candidate {
  route: HttpRouteModel;
  rule: RouteRule;
  match: RouteMatch;
  matchIndex: number;
  host: { exact: number; any: number; hostname: string };
}

function order(a: Candidate, b: Candidate): number {
  return (
    b.host.exact - a.host.exact ||
    b.host.any - a.host.any ||
    (a.match.path.type === 'Exact' ? 0 : 1) - (b.match.path.type === 'Exact' ? 0 : 1) ||
    b.match.path.value.length - a.match.path.value.length ||
    (b.match.method ? 1 : 0) - (a.match.method ? 1 : 0) ||
    b.match.headers.length - a.match.headers.length ||
    b.match.queryParams.length - a.match.queryParams.length ||
    // An empty creationTimestamp (none in the manifest) sorts as equally old.
    compareStrings(a.route.created, b.route.created) ||
    compareStrings(`${a.route.namespace}/${a.route.name}`, `${b.route.namespace}/${b.route.name}`) ||
    a.rule.index - b.rule.index ||
    a.matchIndex - b.matchIndex
  );
}

/** Every match of the routes (with the hostnames each serves on the listener), in precedence order, that the Host selects. */
export function candidates(routes: ReadonlyArray<{ route: HttpRouteModel; hostnames: string[] }>, host: string): Candidate[] {
  const out: Candidate[] = [];
  for (const { route, hostnames } of routes) {
    const score = hostScore(hostnames, host);
    if (!score) continue;
    for (const rule of route.rules) rule.matches.forEach((match, matchIndex) => out.push({ route, rule, match, matchIndex, host: score }));
  }
  return out.sort(order);
}

/** The winning match for a request among the routes attached to its listener, or null (404). */
export function selectMatch(routes: ReadonlyArray<{ route: HttpRouteModel; hostnames: string[] }>, req: L7Request): MatchResult | null {
  const list = candidates(routes, req.host);
  const win = list.find((c) => matchSatisfied(c.match, req));
  if (!win) return null;
  const desc = `${win.match.path.type} ${win.match.path.value}`;
  const others = list.filter((c) => c !== win && matchSatisfied(c.match, req));
  const why = others.length === 0 ? `${desc} (the only match)` : win.match.path.type === 'Exact' ? `${desc} (an exact path beats prefixes)` : others.every((o) => o.match.path.value.length < win.match.path.value.length) ? `${desc} (longest prefix)` : `${desc} (first by the precedence rules)`;
  return { route: win.route, rule: win.rule, match: win.match, matchIndex: win.matchIndex, hostname: win.host.hostname, why };
}
