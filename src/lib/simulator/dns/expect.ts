/**
 * A lab check on DNS (for lab.yaml `expect` entries such as `{ from: shop/frontend, resolve: db-1.db, type: A,
 * answer: [10.244.1.9] }`): resolves the name from the pod as its resolver would and compares what the task asks
 * for: the records (`answer`, order-free), their number (`count`), how many queries it took (`queries`), or just
 * that it resolves (`resolves: true|false`). Pure: the lab schema (lab-schema.ts) validates the fields and calls this.
 */
import type { ClusterState } from '../state.ts';
import { resolve } from './resolver.ts';
import type { QType } from './types.ts';

/** What a DNS check asks for. */
export interface DnsExpectation {
  /** The pod that resolves, `namespace/name`. */
  from: string;
  /** The name as the client gives it. */
  resolve: string;
  type?: QType;
  /** Whether the name must resolve (default true when no other field is given). */
  resolves?: boolean;
  /** The records' data (addresses, SRV/PTR/CNAME targets without the trailing dot), in any order. */
  answer?: string[];
  /** How many records. */
  count?: number;
  /** How many queries the resolver may send at most. */
  queries?: number;
}

/** A checked DNS expectation. */
export interface DnsCheck {
  passed: boolean;
  /** One sentence on what happened (the names tried with their rcodes, and the answer). */
  reason: string;
  /** The records' data the lookup returned. */
  records: string[];
  queries: number;
}

/** Checks one DNS expectation against the cluster state. */
export function checkDnsExpectation(state: ClusterState, e: DnsExpectation): DnsCheck {
  const pod = state.pods.get(e.from);
  if (!pod) return { passed: false, reason: `there is no pod ${e.from}`, records: [], queries: 0 };
  const type = e.type ?? 'A';
  const lookup = resolve(state, pod, e.resolve, type);
  const records = lookup.answer ? (lookup.response?.answer ?? []).filter((r) => type === 'A' || r.type === type).map((r) => r.data) : [];
  const addresses = type === 'A' ? (lookup.response?.answer ?? []).filter((r) => r.type === 'A').map((r) => r.data) : records;
  const tried = lookup.queries.map((q) => `${q.name} ${q.rcode === 'NOERROR' && !q.response.answer.length ? 'NODATA' : q.rcode}`).join(', ');
  const what = lookup.server.kind === 'unreachable' ? `no DNS server answered (${lookup.server.why})` : `${tried || 'no query'}${addresses.length ? ` → ${addresses.join(', ')}` : ''}`;
  const problems: string[] = [];
  const wantsResolve = e.resolves ?? (e.answer !== undefined || e.count !== undefined || e.queries !== undefined ? undefined : true);
  if (wantsResolve !== undefined && wantsResolve !== (lookup.answer !== null)) problems.push(wantsResolve ? 'the name must resolve' : 'the name must not resolve');
  if (e.answer && [...e.answer].map((x) => x.toLowerCase().replace(/\.$/, '')).sort().join(' ') !== [...addresses].sort().join(' ')) problems.push(`expected ${e.answer.join(', ')}`);
  if (e.count !== undefined && addresses.length !== e.count) problems.push(`expected ${e.count} record${e.count === 1 ? '' : 's'}, got ${addresses.length}`);
  if (e.queries !== undefined && lookup.queries.length > e.queries) problems.push(`expected at most ${e.queries} quer${e.queries === 1 ? 'y' : 'ies'}, took ${lookup.queries.length}`);
  return { passed: problems.length === 0, reason: `${e.resolve} (${type}) from ${e.from}: ${what}${problems.length ? `; ${problems.join('; ')}` : ''}.`, records: addresses, queries: lookup.queries.length };
}
