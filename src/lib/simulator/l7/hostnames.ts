/**
 * Hostname rules of the Gateway API (httproute_types.go `Hostnames` doc, gateway_types.go Listener `Hostname` doc,
 * v1.6.1): a wildcard `*.example.com` is a suffix match of one or more labels and never matches `example.com`;
 * a Listener and a Route hostname intersect when either matches the other. The same wildcard rule serves Ingress
 * hosts (networking/v1 IngressRule.Host: `*.foo.com` matches `bar.foo.com`, not `baz.bar.foo.com` — one label only).
 */

/** True when `pattern` (exact or `*.suffix`) matches the concrete `host` (Gateway API: any number of labels). */
export function hostMatches(pattern: string, host: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  if (!p.startsWith('*.')) return p === h;
  const suffix = p.slice(1); // ".example.com"
  return h.endsWith(suffix) && h.length > suffix.length;
}

/** Ingress host match (IngressRule.Host): a wildcard covers exactly one DNS label. */
export function ingressHostMatches(pattern: string, host: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  if (!p.startsWith('*.')) return p === h;
  const suffix = p.slice(1);
  if (!h.endsWith(suffix)) return false;
  const first = h.slice(0, h.length - suffix.length);
  return first.length > 0 && !first.includes('.');
}

/** The hostnames a Route serves under a Listener: the Route's that intersect the Listener's, narrowed to it. */
export function intersect(listener: string | undefined, route: readonly string[]): string[] {
  if (!listener) return [...route];
  if (route.length === 0) return [listener];
  const out: string[] = [];
  for (const r of route) {
    if (hostMatches(listener, r) || r.toLowerCase() === listener.toLowerCase()) out.push(r);
    else if (hostMatches(r, listener)) out.push(listener);
    else if (r.startsWith('*.') && listener.startsWith('*.') && hostMatches(r, listener.slice(2))) out.push(listener);
  }
  return out;
}

/** The Host header without its port, lower-cased (implementations MUST ignore the port when matching). */
export function requestHost(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}
