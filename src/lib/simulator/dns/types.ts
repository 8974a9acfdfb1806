/** The data shapes of the DNS model: questions, resource records and responses (no logic). */

/** The query types the simulator answers, in the order tools list them. */
export const QTYPES = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME'] as const;

/** A query type the simulator answers. */
export type QType = (typeof QTYPES)[number];

/** Response codes that occur in the model (RFC 1035 §4.1.1; SERVFAIL when no plugin handles the zone). */
export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';

/** One resource record; names are lower case without the trailing dot. */
export interface ResourceRecord {
  name: string;
  ttl: number;
  type: QType | 'SOA';
  /** A/AAAA: the address; CNAME/PTR: the target name; SRV: the target name; SOA: the rdata text. */
  data: string;
  /** SRV fields (RFC 2782). */
  srv?: { priority: number; weight: number; port: number };
}

/** Who produced a response. */
export type DnsSource = 'kubernetes' | 'upstream';

/** One DNS response as a server sends it. */
export interface DnsResponse {
  qname: string;
  qtype: QType;
  rcode: Rcode;
  /** The AA bit: CoreDNS's kubernetes plugin is authoritative for its zones; a recursive upstream is not. */
  authoritative: boolean;
  answer: ResourceRecord[];
  /** The SOA of a negative answer (NXDOMAIN or NODATA). */
  authority: ResourceRecord[];
  /** The additional section (A records of in-zone SRV targets). */
  extra: ResourceRecord[];
  source: DnsSource;
  /** One sentence on why this is the answer, for traces. */
  why: string;
}

/** True for NOERROR with an empty answer (RFC 2308 §2.2 "NODATA"). */
export function isNoData(r: DnsResponse): boolean {
  return r.rcode === 'NOERROR' && r.answer.length === 0;
}
