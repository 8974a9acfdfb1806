/**
 * cluster.http(): one HTTP request from a client (`external:<IP>`, `node:<name>` or `ns/pod`) to a URL, through the
 * cluster's L7 entry points. The TCP legs reuse connect(): client → address (for an external client: the external
 * DNS of cluster option upstreamDns, the load balancer and the NodePort of lesson 5, connect-external.ts) → the
 * proxy pod that accepted the connection; then proxy pod → backend endpoint, with NetworkPolicy judged as for any
 * pod (the proxy pod is the source). Between them the proxy does what its controller configured: a Gateway's
 * listener (port, hostname), the attached HTTPRoutes' precedence (matching.ts), filters, weighted backendRefs and
 * their validity (backends.ts); an Ingress controller's host and path rules (ingress.ts). Status codes: 404 when no
 * route matches, 500 for an invalid backendRef, 503 for a backend without ready endpoints, for a backend port the
 * Service lacks, and when the proxy cannot connect to the endpoint (this last one implementation-specific; Envoy
 * answers 503). The result's `steps` are a trace like connect's. Stateless: the n-th request (`request`) is
 * deterministic.
 */
import type { Verdict } from '../verdict.ts';
import { connect as runConnect } from '../connect.ts';
import { ipToInt } from '../ipam.ts';
import { serve } from '../exec/http-server.ts';
import type { HttpResponse, ServerReply } from '../exec/http-server.ts';
import type { ClusterState } from '../state.ts';
import { keyOf } from '../state.ts';
import { TraceBuilder } from '../trace.ts';
import type { ConnectResult, PodModel, ServiceModel, TraceStep } from '../types.ts';
import { readyBackends } from '../services.ts';
import { listenerOn } from '../workloads/listeners.ts';
import { listenerVerdicts, ownedClass, routesOn } from './attachment.ts';
import { resolveBackend, seedOf, weightedPick } from './backends.ts';
import { listenerBinding, proxyOf } from './dataplane.ts';
import type { ListenerBinding } from './dataplane.ts';
import { hostMatches, requestHost } from './hostnames.ts';
import { matchIngress } from './ingress.ts';
import { selectMatch } from './matching.ts';
import type { L7Request } from './matching.ts';
import { l7Model } from './model.ts';
import type { GatewayModel, ListenerModel, RouteFilter } from './model.ts';

/** Input of cluster.http(). */
export interface HttpRequestInput {
  /** `external:<IP>`, `node:<name>` or `ns/pod`. */
  from: string;
  /** `http://host[:port]/path?query` (host: a name or an address). */
  url: string;
  /** Default GET. */
  method?: string;
  /** Request headers; `Host` overrides the URL's host. */
  headers?: Record<string, string>;
  /** The entry point the request must go through: a Gateway (`ns/name`) or an IngressClass; the request fails if it lands elsewhere. */
  via?: { gateway: string } | { ingressClass: string };
  /** Which request of a series it is (0, the default, is the first): weighted choices and endpoints rotate with it. */
  request?: number;
  /** The proxy pod kube-proxy sends the connection to (`ns/name`, a name or an IP), as connect()'s `backend` hint. */
  proxy?: string;
}

/** How the request ended when no HTTP response came back. */
export type HttpFailure = 'bad-request' | 'nxdomain' | 'dns-timeout' | 'refused' | 'timeout' | 'wrong-entry';

/** Result of cluster.http(). */
export interface HttpResult {
  /** True when a response with a status below 400 came back (what a trace player calls success). */
  allowed: boolean;
  /** The HTTP status the client receives; null when no response came back (see `failure`) or the backend's reply is not modelled. */
  status: number | null;
  failure?: HttpFailure;
  /** The backend Service (`ns/name`) the request was routed to, or null. */
  service: string | null;
  /** The backend pod (`ns/name`) that answered, or null. */
  pod: string | null;
  /** The HTTPRoute (`ns/name`, with `#rule` index) or Ingress (`ingress:ns/name`) that matched, or null. */
  route: string | null;
  /** The entry point: `gateway:ns/name`, `ingress-class:name`, or null (the URL reached a pod directly). */
  entry: string | null;
  /** One-line summary. */
  reason: string;
  steps: TraceStep[];
  actors: string[];
  initialState: Record<string, string>;
  /** The response as the client receives it (absent when none, or not modelled). */
  response?: HttpResponse;
  /** How it ended as the client sees it (verdict.ts: ok, http-404/500/503, or the connection's failure). */
  verdict?: Verdict;
  /** Index into `steps` of the first step that failed; absent when none did. */
  failingStep?: number;
}

interface Url {
  scheme: string;
  host: string;
  port: number;
  path: string;
  query: string;
}

function parseUrl(raw: string): Url | null {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/?#]*)([^?#]*)(\?[^#]*)?/.exec(raw.trim());
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const hp = /^([^:]+)(?::(\d+))?$/.exec((m[2] ?? '').replace(/^.*@/, ''));
  if (!hp || !hp[1]) return null;
  const port = hp[2] ? Number(hp[2]) : scheme === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) return null;
  return { scheme, host: hp[1].toLowerCase(), port, path: m[3] || '/', query: m[4] ?? '' };
}

function parseQuery(q: string): Array<[string, string]> {
  if (!q || q === '?') return [];
  return q.slice(1).split('&').filter(Boolean).map((kv) => {
    const eq = kv.indexOf('=');
    const dec = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    return eq < 0 ? [dec(kv), ''] : [dec(kv.slice(0, eq)), dec(kv.slice(eq + 1))];
  });
}

/** Rows of the HTTP trace, in display order. */
export const HTTP_ROWS = { client: 'client', dns: 'external DNS', lb: 'load balancer', proxy: 'gateway proxy', routes: 'route table', service: 'Service/endpoints', backend: 'backend pod', http: 'HTTP' } as const;

/** The proxy's own responses (no backend involved), as Envoy-based proxies send them: implementation-specific. */
function proxyResponse(status: number, reason: string, body = '', extra: Array<[string, string]> = []): HttpResponse {
  return { kind: 'http', version: 'HTTP/1.1', status, reason, headers: [...extra, ['content-length', String(new TextEncoder().encode(body).length)], ...(body ? ([['content-type', 'text/plain']] as Array<[string, string]>) : []), ['date', 'Wed, 01 Jan 2025 00:00:00 GMT'], ['server', 'envoy']], body };
}

/** Sends one HTTP request (see the module header). */
export function evaluateHttp(state: ClusterState, input: HttpRequestInput): HttpResult {
  const tb = new TraceBuilder();
  const n = Math.max(0, Math.floor(input.request ?? 0));
  const from = typeof input.from === 'string' ? input.from.trim() : '';
  const method = (input.method ?? 'GET').toUpperCase();
  const headers: Array<[string, string]> = Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]);
  const out = (status: number | null, reason: string, extra: Partial<HttpResult> = {}): HttpResult => {
    // The HTTP row (method, Host, path, then the status line) is the tracker's last.
    const at = tb.actors.indexOf(HTTP_ROWS.http);
    if (at >= 0) tb.actors.push(...tb.actors.splice(at, 1));
    tb.finish();
    return { allowed: status !== null && status < 400, status, service: null, pod: null, route: null, entry: null, reason, steps: tb.steps, actors: tb.actors, initialState: tb.initialState, ...extra };
  };
  const url = parseUrl(typeof input.url === 'string' ? input.url : '');
  const client = from.startsWith('external:') ? `client (${from.slice('external:'.length)})` : from;
  tb.track(client, 'Idle');
  if (!url) {
    tb.add({ actor: client, action: 'Reads the URL', details: `"${String(input.url)}" is not an http://host[:port]/path URL.`, result: 'Bad URL', outcome: 'error', phase: 'l7' });
    return out(null, `Bad URL "${String(input.url)}".`, { failure: 'bad-request' });
  }
  if (url.scheme !== 'http') {
    tb.add({ actor: client, action: 'Starts TLS', details: 'TLS is not simulated: the simulated listeners speak plain HTTP.', result: 'TLS not simulated', outcome: 'error', phase: 'l7' });
    return out(null, 'TLS is not simulated.', { failure: 'bad-request' });
  }
  const hostHeader = headers.find(([k]) => k === 'host')?.[1] ?? (url.port === 80 ? url.host : `${url.host}:${url.port}`);
  const req: L7Request = { method, host: requestHost(hostHeader), path: url.path, query: parseQuery(url.query), headers: [['host', hostHeader], ...headers.filter(([k]) => k !== 'host')] };
  const httpLine = `${method} ${url.path}${url.query}, Host ${hostHeader}`;
  tb.track(HTTP_ROWS.http, '–');

  // 1. Name → address. Pods and nodes resolve through connect() (cluster DNS); an external client asks the external DNS.
  let to = url.host;
  const external = from.startsWith('external:');
  if (external && ipToInt(url.host) === null) {
    const records = state.model.network.upstreamDns?.records ?? {};
    const ips = records[url.host];
    tb.track(HTTP_ROWS.dns, 'Idle');
    if (!ips || ips.length === 0) {
      tb.add({ actor: HTTP_ROWS.dns, action: `Looks up ${url.host}`, details: `The client's resolver (outside the cluster) has no A record for ${url.host}: NXDOMAIN.`, result: 'NXDOMAIN', outcome: 'error', phase: 'dns', set: { [HTTP_ROWS.dns]: `${url.host}: NXDOMAIN`, [client]: 'Could not resolve host' } });
      return out(null, `Could not resolve host: ${url.host}`, { failure: 'nxdomain' });
    }
    to = ips[0] as string;
    tb.add({ actor: HTTP_ROWS.dns, action: `Looks up ${url.host}`, details: `DNS outside the cluster (the zone its owner publishes; here cluster option upstreamDns.records) answers ${url.host} A ${ips.join(', ')}. The cluster's CoreDNS is not involved.`, result: `${url.host} → ${to}`, phase: 'dns', set: { [HTTP_ROWS.dns]: `${url.host} → ${to}`, [client]: `Resolved ${to}` } });
  }

  // 2. TCP to the address: lesson 5's path (load balancer → NodePort → a pod), or a pod's own connection.
  const leg1 = runConnect(state, { from, to, port: url.port, connection: n, ...(input.proxy ? { backend: input.proxy } : {}) });
  if (leg1.status !== 'connected' || !leg1.target?.pod) {
    const failure: HttpFailure = leg1.status === 'nxdomain' ? 'nxdomain' : leg1.status === 'dns-timeout' ? 'dns-timeout' : leg1.status === 'refused' ? 'refused' : leg1.status === 'error' ? 'bad-request' : 'timeout';
    tb.add({ actor: client, action: `Connects to ${to}:${url.port}`, details: leg1.reason, result: failure === 'refused' ? 'Connection refused' : failure === 'timeout' ? 'No answer (timed out)' : leg1.reason, outcome: leg1.status === 'policy-denied' ? 'denied' : 'error', phase: 'routing', set: { [client]: failure === 'refused' ? 'Connection refused' : 'Timed out' } });
    return out(null, leg1.reason, { failure });
  }
  const proxyPod = state.pods.get(leg1.target.pod) as PodModel;
  const lbStep = leg1.steps.find((s) => s.actor === 'cloud load balancer');
  const lbText = lbStep ? lbStep.result.replace(/^Forwarded to /, '→ ') : '';
  if (lbText) tb.track(HTTP_ROWS.lb, `${to} → nodes :${leg1.steps.find((s) => s.actor === 'cloud load balancer')?.packet?.dstPort ?? ''}`);
  const seen = leg1.seenSource ?? '';
  tb.add({
    actor: client,
    action: `Opens a TCP connection to ${to}:${url.port}`,
    details: `${leg1.target.service ? `${to}:${url.port} is Service ${leg1.target.service}${lbStep ? ` (its load balancer forwards to a node's nodePort: ${lbStep.result.replace(/^Forwarded to /, '')})` : ''}; ` : ''}kube-proxy sends the connection to pod ${leg1.target.pod} (${leg1.target.podIP}:${leg1.target.targetPort ?? url.port})${seen ? `, which sees it come from ${seen}${external && seen !== from.slice(9) ? ' (masqueraded: externalTrafficPolicy Cluster)' : ''}` : ''}. The full packet path is lesson 5's connect trace.`,
    result: `Connected to ${proxyPod.name}`,
    phase: 'routing',
    set: { [client]: `TCP to ${to}:${url.port}`, ...(lbText ? { [HTTP_ROWS.lb]: `Sent ${lbText}` } : {}) },
  });

  const entry = proxyOf(proxyPod);
  if (input.via && (!entry || ('gateway' in input.via) !== ('gateway' in entry) || ('gateway' in input.via ? (entry as { gateway: string }).gateway !== input.via.gateway : (entry as { ingressClass: string }).ingressClass !== input.via.ingressClass))) {
    const wanted = 'gateway' in input.via ? `Gateway ${input.via.gateway}` : `IngressClass ${input.via.ingressClass}`;
    tb.add({ actor: client, action: 'Checks the entry point', details: `The request reached pod ${keyOf(proxyPod)}, which is not a proxy of ${wanted}.`, result: 'Wrong entry point', outcome: 'error', phase: 'l7' });
    return out(null, `${to}:${url.port} does not lead to ${wanted}.`, { failure: 'wrong-entry' });
  }
  if (!entry) {
    // No proxy: the URL reached an application pod directly (a Service or a pod address).
    const reply = serveFrom(proxyPod, leg1.target.targetPort ?? url.port, req, seen);
    tb.track(HTTP_ROWS.backend, 'Listening');
    return respond(tb, out, client, reply, { service: leg1.target.service ?? null, pod: keyOf(proxyPod), route: null, entry: null }, proxyPod.name, 'the application');
  }
  tb.track(HTTP_ROWS.proxy, 'Listening');
  tb.track(HTTP_ROWS.routes, '–');
  tb.add({ actor: HTTP_ROWS.proxy, action: `Proxy ${proxyPod.name} reads the request`, details: `Pod ${keyOf(proxyPod)} (${proxyPod.ip}) is a proxy of ${'gateway' in entry ? `Gateway ${entry.gateway}` : `IngressClass ${entry.ingressClass}`} (label ${'gateway' in entry ? 'gateway.networking.k8s.io/gateway-name' : 'example.net/ingress-class'}; how a controller deploys its data plane is implementation-specific). It accepts the connection${seen ? ` from ${seen}` : ''} and reads ${method} ${url.path}${url.query} with Host: ${hostHeader}.`, result: 'Request received', phase: 'l7', set: { [HTTP_ROWS.proxy]: `Connection from ${seen || 'the client'}`, [HTTP_ROWS.http]: httpLine, [client]: 'Waiting' } });

  // The packet reached the pod on targetPort (kube-proxy DNATs the ClusterIP, load-balancer IP and nodePort alike).
  const podPort = leg1.target.targetPort ?? url.port;
  if ('gateway' in entry) {
    const gw = l7Model(state).gateways.find((g) => `${g.namespace}/${g.name}` === entry.gateway);
    if (!gw || !ownedClass(state, gw.className)) {
      tb.add({ actor: HTTP_ROWS.proxy, action: 'Has no configuration', details: gw ? `No controller of this cluster implements GatewayClass ${gw.className}, so nothing programmed this proxy.` : `Gateway ${entry.gateway} does not exist, so nothing programmed this proxy.`, result: 'Not configured', outcome: 'error', phase: 'l7' });
      return respond(tb, out, client, proxyResponse(404, 'Not Found'), { service: null, pod: null, route: null, entry: `gateway:${entry.gateway}` }, proxyPod.name, 'the proxy');
    }
    return viaGateway(state, tb, out, client, gw, proxyPod, listenerBinding(state, gw, proxyPod, podPort, leg1.target), req, n);
  }
  const match = matchIngress(state, entry.ingressClass, req.host, req.path);
  if (!match) {
    tb.add({ actor: HTTP_ROWS.routes, action: 'Finds no Ingress rule', details: `No Ingress of class ${entry.ingressClass} has a rule for Host ${req.host} and path ${req.path}, and none has a defaultBackend: the controller's own default backend answers 404 (implementation-specific).`, result: 'No rule matches', outcome: 'error', phase: 'l7', set: { [HTTP_ROWS.routes]: 'No match' } });
    return respond(tb, out, client, proxyResponse(404, 'Not Found'), { service: null, pod: null, route: null, entry: `ingress-class:${entry.ingressClass}` }, proxyPod.name, 'the proxy');
  }
  const ingKey = `${match.ingress.namespace}/${match.ingress.name}`;
  tb.add({ actor: HTTP_ROWS.routes, action: `Ingress ${ingKey} matches`, details: `${match.via === 'rule' ? `Rule ${match.ruleIndex} path ${match.pathIndex}: ${match.why}` : match.why}.`, result: match.why, phase: 'l7', set: { [HTTP_ROWS.routes]: `${ingKey}: ${match.why}` } });
  const base = { route: `ingress:${ingKey}`, entry: `ingress-class:${entry.ingressClass}` };
  const svcRef = match.backend.service;
  if (!svcRef) {
    tb.add({ actor: HTTP_ROWS.routes, action: 'Resource backend', details: 'The path names a resource backend, which the simulator does not route.', result: 'Not modelled', outcome: 'error', phase: 'l7' });
    return out(null, 'Resource backends are not simulated.', { ...base });
  }
  const svc = state.services.get(`${match.ingress.namespace}/${svcRef.name}`);
  const sp = svc?.ports.find((p) => (typeof svcRef.port === 'number' ? p.port === svcRef.port : p.name === svcRef.port));
  return toBackend(state, tb, out, client, proxyPod, svc, sp?.port, `${match.ingress.namespace}/${svcRef.name}`, req, n, seedOf(ingKey), { ...base, service: svc ? keyOf(svc) : null });
}

type Out = (status: number | null, reason: string, extra?: Partial<HttpResult>) => HttpResult;

function serveFrom(pod: PodModel, port: number, req: L7Request, clientAddr: string): ServerReply {
  if (req.method !== 'GET' && req.method !== 'HEAD') return { kind: 'unknown', why: `what ${pod.name} answers to ${req.method} is not modelled` };
  const host = req.headers.find(([k]) => k === 'host')?.[1] ?? req.host;
  return serve(listenerOn(pod, port, 'TCP'), pod, { method: req.method, path: req.path + (req.query.length ? `?${req.query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''), host, close: false }, clientAddr);
}

function respond(tb: TraceBuilder, out: Out, client: string, reply: ServerReply, ids: Pick<HttpResult, 'service' | 'pod' | 'route' | 'entry'>, who: string, what: string): HttpResult {
  if (reply.kind !== 'http') {
    const why = reply.kind === 'closed' ? 'closes the connection without a reply' : reply.why;
    tb.add({ actor: client, action: 'Waits for the response', details: `${who} ${why}.`, result: reply.kind === 'closed' ? 'Empty reply' : 'Reply not modelled', outcome: 'error', phase: 'response', set: { [client]: reply.kind === 'closed' ? 'Empty reply' : 'Connected' } });
    return out(null, `${who}: ${why}`, ids);
  }
  const line = `${reply.version} ${reply.status} ${reply.reason}`;
  tb.add({ actor: client, action: `Receives ${reply.status} ${reply.reason}`, details: `${what === 'the proxy' ? `The proxy (${who}) answers itself` : `${who} answers`}: ${line}.`, result: `${reply.status} received`, outcome: reply.status >= 500 ? 'error' : 'ok', phase: 'response', set: { [client]: `${reply.status} received`, [HTTP_ROWS.http]: line } });
  return out(reply.status, `${line} from ${who}.`, { ...ids, response: reply });
}

/** Picks the listener of a Gateway for the port and Host: the most specific matching hostname (exact, longest wildcard, none). */
export function selectListener(gw: GatewayModel, port: number, host: string): { listener: ListenerModel | null; onPort: ListenerModel[] } {
  const valid = new Set(listenerVerdicts(gw).filter((v) => v.problem === null).map((v) => v.listener));
  const onPort = gw.listeners.filter((l) => valid.has(l) && l.port === port && l.protocol === 'HTTP');
  let best: ListenerModel | null = null;
  const score = (l: ListenerModel) => (!l.hostname ? 0 : l.hostname.startsWith('*.') ? l.hostname.length : 10_000 + l.hostname.length);
  for (const l of onPort) if ((!l.hostname || hostMatches(l.hostname, host)) && (!best || score(l) > score(best))) best = l;
  return { listener: best, onPort };
}

function viaGateway(state: ClusterState, tb: TraceBuilder, out: Out, client: string, gw: GatewayModel, proxyPod: PodModel, binding: ListenerBinding, req: L7Request, n: number): HttpResult {
  const gwKey = `${gw.namespace}/${gw.name}`;
  const entry = `gateway:${gwKey}`;
  const port = binding.listenerPort;
  const bound = binding.service ? `The connection arrived on pod port ${binding.podPort}, where the proxy binds the listeners of port ${port} (Service ${binding.service} maps port ${port} to targetPort ${binding.podPort}). ` : '';
  const { listener, onPort } = selectListener(gw, port, req.host);
  if (!listener) {
    tb.add({ actor: HTTP_ROWS.proxy, action: 'Finds no listener', details: `${bound}${onPort.length ? `Gateway ${gwKey} has ${onPort.map((l) => `listener ${l.name} (${l.hostname ?? 'any host'})`).join(', ')} on port ${port}, and none matches Host ${req.host}: 404.` : `Gateway ${gwKey} has no HTTP listener on port ${port}.`}`, result: 'No listener', outcome: 'error', phase: 'l7', set: { [HTTP_ROWS.proxy]: `No listener for ${req.host}` } });
    return respond(tb, out, client, proxyResponse(404, 'Not Found'), { service: null, pod: null, route: null, entry }, proxyPod.name, 'the proxy');
  }
  tb.add({ actor: HTTP_ROWS.proxy, action: `Listener ${listener.name} matches`, details: `${bound}Listener ${listener.name} of Gateway ${gwKey}: port ${listener.port}, protocol HTTP, hostname ${listener.hostname ?? '(any)'}${listener.hostname ? ` matches Host ${req.host}${listener.hostname.startsWith('*.') ? ' (a wildcard is a suffix match and never matches the bare domain)' : ''}` : ''}.`, result: `Listener ${listener.name}`, phase: 'l7', set: { [HTTP_ROWS.proxy]: `Listener ${listener.name} matched (${listener.port}, ${listener.hostname ?? 'any host'})` } });
  const routes = routesOn(state, gw, listener);
  const match = selectMatch(routes, req);
  if (!match) {
    const names = routes.map((r) => `${r.route.namespace}/${r.route.name}`);
    tb.add({ actor: HTTP_ROWS.routes, action: 'Finds no matching rule', details: `${names.length ? `Routes attached to listener ${listener.name}: ${names.join(', ')}; none has a hostname and rule that match Host ${req.host} and path ${req.path}.` : `No HTTPRoute is attached to listener ${listener.name} (a route that is not Accepted serves nothing).`} When no rule matches, the Gateway MUST answer 404 (httproute_types.go).`, result: 'No match → 404', outcome: 'error', phase: 'l7', set: { [HTTP_ROWS.routes]: names.length ? 'No rule matches' : 'No routes attached' } });
    return respond(tb, out, client, proxyResponse(404, 'Not Found'), { service: null, pod: null, route: null, entry }, proxyPod.name, 'the proxy');
  }
  const routeKey = `${match.route.namespace}/${match.route.name}`;
  const ruleLabel = match.rule.name ? `rule ${match.rule.name}` : `rule ${match.rule.index}`;
  tb.add({ actor: HTTP_ROWS.routes, action: `HTTPRoute ${routeKey} ${ruleLabel} matches`, details: `Among the routes attached to listener ${listener.name}${match.hostname ? ` with hostname ${match.hostname}` : ''}, the match ${match.why} wins.`, result: `${ruleLabel}: ${match.why}`, phase: 'l7', set: { [HTTP_ROWS.routes]: `${match.route.name} ${ruleLabel}: ${match.why}` } });
  const ids = { route: `${routeKey}#${match.rule.index}`, entry };

  // Filters that answer or change the request.
  let forwarded = req;
  for (const f of match.rule.filters) {
    if (f.type === 'RequestRedirect') {
      const reply = redirect(f, req, match.match.path);
      tb.add({ actor: HTTP_ROWS.proxy, action: 'RequestRedirect filter', details: `The rule's RequestRedirect filter answers ${reply.status} with Location ${reply.headers.find(([k]) => k === 'location')?.[1] ?? ''}; no backend is involved.`, result: `${reply.status} redirect`, phase: 'l7' });
      return respond(tb, out, client, reply, { service: null, pod: null, ...ids }, proxyPod.name, 'the proxy');
    }
    forwarded = applyFilter(f, forwarded, match.match.path);
  }
  if (forwarded !== req) tb.add({ actor: HTTP_ROWS.proxy, action: 'Applies the rule filters', details: `Filters ${match.rule.filters.map((f) => f.type).join(', ')}: the request goes on as ${forwarded.method} ${forwarded.path}, Host ${forwarded.headers.find(([k]) => k === 'host')?.[1] ?? forwarded.host}.`, result: 'Request rewritten', phase: 'l7', set: { [HTTP_ROWS.http]: `${forwarded.method} ${forwarded.path}, Host ${forwarded.headers.find(([k]) => k === 'host')?.[1] ?? forwarded.host}` } });

  const refs = match.rule.backendRefs;
  const seed = seedOf(`${routeKey}#${match.rule.index}`);
  const pick = weightedPick(refs.map((r) => r.weight), n, seed);
  if (pick === null) {
    tb.add({ actor: HTTP_ROWS.routes, action: 'Has no backend to send to', details: refs.length ? 'Every backendRef of the rule has weight 0: no traffic is forwarded, so the request gets 500.' : 'The rule has no backendRefs and no filter that answers: 500.', result: '500', outcome: 'error', phase: 'l7' });
    return respond(tb, out, client, proxyResponse(500, 'Internal Server Error'), { service: null, pod: null, ...ids }, proxyPod.name, 'the proxy');
  }
  const ref = refs[pick] as (typeof refs)[number];
  const total = refs.reduce((a, r) => a + r.weight, 0);
  const refKey = `${ref.namespace}/${ref.name}`;
  const verdict = resolveBackend(state, match.route, ref);
  const share = refs.length > 1 ? ` (weight ${ref.weight} of ${total}; request ${n} of the seeded weighted round-robin)` : '';
  if (!verdict.ok) {
    tb.add({ actor: HTTP_ROWS.routes, action: `backendRef ${refKey} is invalid`, details: `${verdict.message} (ResolvedRefs=False, reason ${verdict.reason})${share}. Requests routed to an invalid backendRef MUST get 500.`, result: `${verdict.reason} → 500`, outcome: 'error', phase: 'l7', set: { [HTTP_ROWS.routes]: `${ref.name}: ${verdict.reason}` } });
    return respond(tb, out, client, proxyResponse(500, 'Internal Server Error'), { service: null, pod: null, ...ids }, proxyPod.name, 'the proxy');
  }
  tb.add({ actor: HTTP_ROWS.routes, action: `Chooses backend ${refKey}`, details: `backendRef Service ${refKey} port ${ref.port ?? '(none)'}${share}.`, result: `${ref.name}${refs.length > 1 ? ` (${ref.weight}/${total})` : ''}`, phase: 'l7', set: { [HTTP_ROWS.routes]: `${ref.name} chosen${refs.length > 1 ? ` (weight ${ref.weight} of ${total})` : ''}` } });
  return toBackend(state, tb, out, client, proxyPod, verdict.service, ref.port, refKey, forwarded, n, seed, { ...ids, service: refKey });
}

function toBackend(state: ClusterState, tb: TraceBuilder, out: Out, client: string, proxyPod: PodModel, svc: ServiceModel | undefined, port: number | undefined, svcKey: string, req: L7Request, n: number, seed: number, ids: Pick<HttpResult, 'service' | 'route' | 'entry'>): HttpResult {
  tb.track(HTTP_ROWS.service, '–');
  const unavailable = (why: string, row: string): HttpResult => {
    tb.add({ actor: HTTP_ROWS.service, action: 'Finds no endpoint to use', details: `${why} Implementations SHOULD answer 503 (httproute_types.go BackendRefs).`, result: '503', outcome: 'error', phase: 'service', set: { [HTTP_ROWS.service]: row } });
    return respond(tb, out, client, proxyResponse(503, 'Service Unavailable', 'no healthy upstream'), { ...ids, pod: null }, proxyPod.name, 'the proxy');
  };
  if (!svc) return unavailable(`Service ${svcKey} does not exist.`, `${svcKey}: not found`);
  const sp = svc.ports.find((p) => p.port === port);
  if (!sp) return unavailable(`Service ${svcKey} has no port ${port ?? '(none)'} (its ports: ${svc.ports.map((p) => p.port).join(', ')}); the proxy has no endpoints for it (what a controller does here is implementation-specific).`, `${svcKey}: no port ${port}`);
  const backends = readyBackends(state, svc, sp);
  if (backends.length === 0) return unavailable(`Service ${svcKey} has no ready endpoints.`, `${svcKey}: 0 ready endpoints`);
  const b = backends[(n + (seed % backends.length)) % backends.length] as (typeof backends)[number];
  tb.track(HTTP_ROWS.backend, 'Listening');
  const leg2: ConnectResult = runConnect(state, { from: keyOf(proxyPod), to: b.pod.ip, port: b.port });
  // "egress: Allowed (not isolated); ingress: Allowed (allowed by "allow-gateway" rule 1)"
  const policy = leg2.steps.filter((s) => s.phase === 'policy').map((s) => `${/^Egress/.test(s.action) ? 'egress' : /^Ingress/.test(s.action) ? 'ingress' : s.action}: ${s.result}`).join('; ');
  tb.add({ actor: HTTP_ROWS.service, action: `Endpoint ${b.pod.name} (${b.pod.ip}:${b.port})`, details: `The proxy sends to the endpoints of ${svcKey} directly (${backends.length} ready: ${backends.map((x) => `${x.pod.ip}:${x.port}`).join(', ')}; not through the ClusterIP), here ${b.pod.ip}:${b.port}.`, result: `${b.pod.ip}:${b.port}`, phase: 'service', set: { [HTTP_ROWS.service]: `${svcKey} → ${b.pod.ip}:${b.port}` } });
  if (leg2.status !== 'connected') {
    tb.add({ actor: HTTP_ROWS.proxy, action: `Connects to ${b.pod.ip}:${b.port}`, details: `${leg2.reason}${policy ? ` (${policy})` : ''} The proxy pod is an ordinary pod to NetworkPolicy. It gives up and answers 503 (the status is implementation-specific; Envoy's text is "upstream connect error or disconnect/reset before headers").`, result: leg2.status === 'policy-denied' ? 'Dropped by policy' : 'Cannot connect', outcome: leg2.status === 'policy-denied' ? 'denied' : 'error', phase: 'policy', set: { [HTTP_ROWS.proxy]: `Connect to ${b.pod.ip}:${b.port} failed`, [HTTP_ROWS.backend]: 'Nothing received' } });
    return respond(tb, out, client, proxyResponse(503, 'Service Unavailable', 'upstream connect error or disconnect/reset before headers. reset reason: connection timeout'), { ...ids, pod: null }, proxyPod.name, 'the proxy');
  }
  tb.add({ actor: HTTP_ROWS.proxy, action: `Connects to ${b.pod.ip}:${b.port}`, details: `From ${proxyPod.ip} to ${keyOf(b.pod)}${policy ? `: ${policy}` : ''}. The proxy forwards ${req.method} ${req.path}.`, result: 'Connected', phase: 'delivery', set: { [HTTP_ROWS.proxy]: `Connects ${b.pod.ip}:${b.port}${policy ? ` (${policy})` : ''}`, [HTTP_ROWS.backend]: `Request received (${b.pod.name})` } });
  const reply = serveFrom(b.pod, b.port, req, `${proxyPod.ip}:${40000 + (n % 20000)}`);
  if (reply.kind === 'http') {
    tb.add({ actor: HTTP_ROWS.backend, action: `${b.pod.name} answers ${reply.status}`, details: `${keyOf(b.pod)} answers ${reply.version} ${reply.status} ${reply.reason}; the proxy forwards the response to the client.`, result: `${reply.status} sent`, phase: 'response', set: { [HTTP_ROWS.backend]: `${reply.status} sent`, [HTTP_ROWS.proxy]: `${reply.status} forwarded` } });
  }
  return respond(tb, out, client, reply, { ...ids, pod: keyOf(b.pod) }, b.pod.name, 'the backend');
}

function redirect(f: RouteFilter, req: L7Request, path: { type: string; value: string }): HttpResponse {
  const r = (f.raw.requestRedirect ?? {}) as Record<string, unknown>;
  const code = typeof r.statusCode === 'number' ? r.statusCode : 302;
  const scheme = typeof r.scheme === 'string' ? r.scheme : 'http';
  const host = typeof r.hostname === 'string' ? r.hostname : req.host;
  const port = typeof r.port === 'number' ? r.port : undefined;
  const p = rewritePath((r.path ?? null) as Record<string, unknown> | null, req.path, path);
  const defaultPort = scheme === 'https' ? 443 : 80;
  const location = `${scheme}://${host}${port !== undefined && port !== defaultPort ? `:${port}` : ''}${p}`;
  const reason = code === 301 ? 'Moved Permanently' : code === 302 ? 'Found' : code === 303 ? 'See Other' : code === 307 ? 'Temporary Redirect' : 'Permanent Redirect';
  return proxyResponse(code, reason, '', [['location', location]]);
}

function rewritePath(p: Record<string, unknown> | null, current: string, match: { type: string; value: string }): string {
  if (!p) return current;
  if (p.type === 'ReplaceFullPath' && typeof p.replaceFullPath === 'string') return p.replaceFullPath;
  if (p.type === 'ReplacePrefixMatch' && typeof p.replacePrefixMatch === 'string' && match.type === 'PathPrefix') {
    const prefix = match.value.length > 1 && match.value.endsWith('/') ? match.value.slice(0, -1) : match.value;
    const rest = prefix === '/' ? current : current.slice(prefix.length);
    const replacement = p.replacePrefixMatch as string;
    const joined = replacement.endsWith('/') && rest.startsWith('/') ? replacement + rest.slice(1) : replacement + rest;
    return joined === '' ? '/' : joined.startsWith('/') ? joined : `/${joined}`;
  }
  return current;
}

function applyFilter(f: RouteFilter, req: L7Request, match: { type: string; value: string }): L7Request {
  if (f.type === 'URLRewrite') {
    const r = (f.raw.urlRewrite ?? {}) as Record<string, unknown>;
    const host = typeof r.hostname === 'string' ? r.hostname : null;
    const path = rewritePath((r.path ?? null) as Record<string, unknown> | null, req.path, match);
    return { ...req, path, ...(host ? { host, headers: req.headers.map(([k, v]): [string, string] => (k === 'host' ? [k, host] : [k, v])) } : {}) };
  }
  if (f.type === 'RequestHeaderModifier') {
    const r = (f.raw.requestHeaderModifier ?? {}) as Record<string, unknown>;
    const pairs = (v: unknown) => (Array.isArray(v) ? v : []).map((h) => [String((h as Record<string, unknown>).name ?? '').toLowerCase(), String((h as Record<string, unknown>).value ?? '')] as [string, string]);
    const remove = new Set((Array.isArray(r.remove) ? r.remove : []).map((x) => String(x).toLowerCase()));
    const set = pairs(r.set);
    let headers = req.headers.filter(([k]) => !remove.has(k) && !set.some(([s]) => s === k));
    headers = [...headers, ...set, ...pairs(r.add)];
    const host = headers.find(([k]) => k === 'host')?.[1];
    return { ...req, headers, host: host ? requestHost(host) : req.host };
  }
  return req;
}
