/**
 * The DNS part of a connection trace, one step per query the pod's resolver sends (trace option `dnsQueries`):
 * each search-list candidate in the order the resolver tries it (dns/resolver.ts), who answers it (CoreDNS's
 * kubernetes plugin, or `forward` to the upstream), its rcode, and a running query count, so a lesson can show
 * why `backend` from another namespace costs four NXDOMAINs and a trailing dot costs one query.
 */
import type { ClusterState } from '../state.ts';
import type { ConnectStatus, PodModel } from '../types.ts';
import { resolve } from './resolver.ts';
import type { DnsLookup, DnsQuery, ResolverConfig } from './resolver.ts';
import type { QType } from './types.ts';
import { TraceBuilder as Builder } from '../trace.ts';
type TraceBuilder = Builder;
import { candidates, ndotsOf } from './resolver.ts';
import { upstreamSettings } from './upstream.ts';

/** The tracker row with the current query and its rcode. */
export const QUERY_ROW = 'Query';
/** The tracker row counting the queries sent so far. */
export const QUERIES_ROW = 'Queries';

/** The outcome of the DNS part of a connection. */
export type DnsStepOutcome = { ok: true; lookup: DnsLookup } | { ok: false; status: ConnectStatus; reason: string };

/** A query's result in a tracker cell, e.g. `backend.shop.svc.cluster.local → A 10.96.20.10 (TTL 30)`. */
export function queryCell(q: DnsQuery): string {
  const r = q.response;
  if (r.rcode !== 'NOERROR') return `${q.name || '.'} → ${r.rcode}`;
  if (!r.answer.length) return `${q.name} → NOERROR, no ${q.qtype} record (NODATA)`;
  const parts = r.answer.map((rr) => (rr.type === 'CNAME' ? `CNAME ${rr.data}` : `${rr.type} ${rr.data}`));
  return `${q.name} → ${parts.join(', ')} (TTL ${r.answer[0]?.ttl ?? 0})`;
}

/** Why the resolver tries the names in this order. */
export function orderReason(name: string, cfg: ResolverConfig): string {
  const ndots = ndotsOf(cfg);
  if (name.endsWith('.')) return `"${name}" ends with a dot, so it is absolute: one query, no search list`;
  const dots = (name.match(/\./g) ?? []).length;
  if (!cfg.searches.length) return `resolv.conf has no search list, so "${name}" is queried as is`;
  return dots >= ndots
    ? `"${name}" has ${dots} dot${dots === 1 ? '' : 's'} (≥ ndots ${ndots}), so it is tried as is first, then with each search domain`
    : `"${name}" has ${dots} dot${dots === 1 ? '' : 's'} (< ndots ${ndots}), so each search domain (${cfg.searches.join(', ')}) is tried before the name as is`;
}

/** Adds one step per DNS query of `name` (type `qtype`) from `src` to the trace. */
export function dnsQuerySteps(state: ClusterState, tb: TraceBuilder, src: PodModel, name: string, qtype: QType = 'A', giveUp = `busybox wget prints "bad address '${name}'"`): DnsStepOutcome {
  const who = src.name;
  const lookup = resolve(state, src, name, qtype);
  tb.track(QUERY_ROW, '–');
  tb.track(QUERIES_ROW, '0');
  const server = lookup.server;
  if (server.kind === 'unreachable') {
    tb.add({
      actor: who,
      action: `${who} asks DNS for "${name}"`,
      details: `${who} sends query 1 (UDP/53) for ${lookup.tried[0] ?? name} to ${server.ip || 'no nameserver'}. ${server.why} The resolver retries, then gives up.`,
      result: 'No answer',
      outcome: 'error',
      phase: 'dns',
      set: { [who]: 'DNS lookup timed out', DNS: 'Query never answered', [QUERY_ROW]: `${lookup.tried[0] ?? name} → no reply`, [QUERIES_ROW]: '1' },
    });
    return { ok: false, status: 'dns-timeout', reason: `DNS lookup of "${name}" timed out: ${server.why}` };
  }
  const n = lookup.queries.length;
  const total = candidates(name, lookup.resolver).length;
  lookup.queries.forEach((q, i) => {
    const r = q.response;
    const via = server.kind === 'upstream' ? `the upstream resolver ${server.ip} (the pod's nameserver)` : r.source === 'upstream' ? `CoreDNS (${server.pod} behind ${server.ip}), whose \`forward\` plugin sends it to the upstream ${upstreamSettings(state).server}` : `CoreDNS (${server.pod} behind ${server.ip}), kubernetes plugin`;
    const first = i === 0 ? ` ${orderReason(name, lookup.resolver)}.` : '';
    const last = i === n - 1;
    const positive = last && lookup.answer !== null;
    tb.add({
      actor: r.source === 'upstream' ? 'Upstream DNS' : 'CoreDNS',
      action: `Query ${i + 1}: ${q.name || '.'} ${q.qtype} → ${r.rcode === 'NOERROR' && !r.answer.length ? 'NODATA' : r.rcode}`,
      details: `${who}'s resolver sends query ${i + 1} of the search (UDP/53) for ${q.name || '.'} to ${via}.${first} ${r.why}.`,
      result: positive ? (qtype === 'A' ? `Resolved to ${lookup.answer?.ips[0] ?? lookup.answer?.cname ?? ''}` : `${r.answer.length} ${qtype} record${r.answer.length === 1 ? '' : 's'}`) : r.rcode === 'NOERROR' && !r.answer.length ? 'NODATA' : r.rcode,
      outcome: 'ok',
      phase: 'dns',
      set: {
        [who]: positive ? 'Name resolved' : `Resolving "${name}"`,
        DNS: positive ? `Answered ${qtype === 'A' ? (lookup.answer?.ips[0] ?? '') : `${r.answer.length} ${qtype}`}` : `Candidate ${i + 1} of ${total}`,
        [QUERY_ROW]: queryCell(q),
        [QUERIES_ROW]: String(i + 1),
      },
    });
  });
  if (!lookup.answer) {
    const reason = `DNS lookup of "${name}" failed: ${lookup.queries.map((q) => `${q.name || '.'} ${q.rcode === 'NOERROR' ? 'NODATA' : q.rcode}`).join(', ')} (${n} quer${n === 1 ? 'y' : 'ies'}).`;
    tb.add({ actor: who, action: `${who} gives up on "${name}"`, details: `Every name the resolver tried came back without ${qtype === 'A' ? 'an address' : `a ${qtype} record`}, so the lookup fails (${giveUp}).`, result: 'Name not resolved', outcome: 'error', phase: 'dns', set: { [who]: 'Name not resolved', DNS: 'NXDOMAIN', [QUERY_ROW]: '–' } });
    return { ok: false, status: 'nxdomain', reason };
  }
  return { ok: true, lookup };
}

/** What a DNS-only trace (lesson.yaml `kind: dns`) computes: the lookup, step by step. */
export interface DnsTraceResult {
  /** True when the name resolved (a record of the asked type came back). */
  allowed: boolean;
  reason: string;
  status: 'resolved' | 'nxdomain' | 'dns-timeout';
  /** 'ns/name' of the pod that resolves. */
  source: string;
  lookup: DnsLookup | null;
  steps: import('../types.ts').TraceStep[];
  actors: string[];
  initialState: Record<string, string>;
}

/** A DNS lookup of `name` from pod `from` ('ns/name') as a trace: the resolver's configuration, then one step per query. */
export function dnsTrace(state: ClusterState, request: { from: string; name: string; type?: QType }): DnsTraceResult {
  const tb = new Builder();
  const key = request.from.includes('/') ? request.from : `default/${request.from}`;
  const src = state.pods.get(key);
  if (!src) {
    tb.finish();
    return { allowed: false, reason: `Source pod not found: ${key}.`, status: 'dns-timeout', source: key, lookup: null, steps: tb.steps, actors: tb.actors, initialState: tb.initialState };
  }
  const type = request.type ?? 'A';
  tb.track(src.name, 'Idle');
  tb.track('DNS', 'Idle');
  const cfg = resolve(state, src, request.name, type).resolver;
  tb.add({
    actor: src.name,
    action: `${src.name} looks up "${request.name}" (${type})`,
    details: `The resolver reads /etc/resolv.conf: nameserver ${cfg.nameservers.join(', ') || 'none'}${cfg.searches.length ? `, search ${cfg.searches.join(' ')}` : ', no search list'}, ndots ${ndotsOf(cfg)}. ${orderReason(request.name, cfg)}.`,
    result: `${candidates(request.name, cfg).length} name${candidates(request.name, cfg).length === 1 ? '' : 's'} to try`,
    phase: 'dns',
    set: { [src.name]: `Resolving "${request.name}"`, DNS: 'Reading resolv.conf' },
  });
  const out = dnsQuerySteps(state, tb, src, request.name, type, 'the client reports that the name was not found');
  tb.finish();
  const base = { source: key, steps: tb.steps, actors: tb.actors, initialState: tb.initialState };
  if (!out.ok) return { ...base, allowed: false, reason: out.reason, status: out.status === 'dns-timeout' ? 'dns-timeout' : 'nxdomain', lookup: null };
  const r = out.lookup.response;
  return { ...base, allowed: true, reason: `${request.name} → ${out.lookup.answer?.fqdn}: ${r?.answer.map((rr) => `${rr.type} ${rr.data}`).join(', ')} (${out.lookup.queries.length} quer${out.lookup.queries.length === 1 ? 'y' : 'ies'}).`, status: 'resolved', lookup: out.lookup };
}
