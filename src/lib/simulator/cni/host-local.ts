/**
 * The host-local IPAM plugin, line for line with containernetworking/plugins `plugins/ipam/host-local`:
 * range canonicalisation (`backend/allocator/range.go` Canonicalize: gateway defaults to .1, rangeStart to .1 —
 * skipped as the gateway by the iterator — and rangeEnd to the last address before broadcast), the loosely
 * round-robin iterator that starts after `last_reserved_ip.<range id>` (`backend/allocator/allocator.go` GetIter/Next),
 * the exhaustion error, and the disk store (`backend/disk/backend.go`: one file per IP holding
 * "<container id>\r\n<ifname>", `last_reserved_ip.N`, a `lock` file). A store is plain data; allocate/release
 * return a new store and never mutate their input.
 */
import { intToIp, ipToInt, parseCidr } from '../ipam.ts';
import type { Cidr } from '../ipam.ts';
import type { RangeConf } from './conflist.ts';

/** A range after Canonicalize: every bound filled, addresses as integers. */
export interface CanonicalRange {
  subnet: Cidr;
  rangeStart: number;
  rangeEnd: number;
  gateway: number;
}

/** What a reservation file holds (disk backend: container ID, then the interface name). */
export interface Reservation {
  containerId: string;
  ifname: string;
}

/** host-local's state directory for one network: reservations by IP and `last_reserved_ip.<range id>`. */
export interface HostLocalStore {
  /** IP → who holds it (one file per IP). */
  reservations: Record<string, Reservation>;
  /** Range-set index → last reserved IP (files `last_reserved_ip.0`, …). */
  lastReserved: Record<string, string>;
}

/** An empty store. */
export function emptyStore(): HostLocalStore {
  return { reservations: {}, lastReserved: {} };
}

/** Canonicalises one range as range.go does; returns its error text when it is unusable. */
export function canonicalizeRange(r: RangeConf): CanonicalRange | string {
  const subnet = parseCidr(r.subnet);
  if (!subnet || !r.subnet.includes('/')) return `invalid CIDR address: ${r.subnet}`;
  if (subnet.prefix > 30) return `Network ${subnet.text} too small to allocate from`;
  const written = ipToInt(r.subnet.split('/')[0] ?? '');
  if (written !== subnet.base) return `Network has host bits set. For a subnet mask of length ${subnet.prefix} the network address is ${intToIp(subnet.base)}`;
  const inside = (n: number) => n >= subnet.base && n < subnet.base + subnet.size;
  const parse = (text: string | undefined): number | null | string => {
    if (text === undefined) return null;
    const n = ipToInt(text);
    return n === null ? `IP ${text} not v4 nor v6` : n;
  };
  const gw = parse(r.gateway);
  if (typeof gw === 'string') return gw;
  const start = parse(r.rangeStart);
  if (typeof start === 'string') return start;
  if (start !== null && !inside(start)) return `RangeStart ${r.rangeStart} not in network ${subnet.text}`;
  const end = parse(r.rangeEnd);
  if (typeof end === 'string') return end;
  if (end !== null && !inside(end)) return `RangeEnd ${r.rangeEnd} not in network ${subnet.text}`;
  const rangeStart = start ?? subnet.base + 1;
  const rangeEnd = end ?? subnet.base + subnet.size - 2; // lastIP: the broadcast address minus one
  // Not checked upstream (its iterator would walk the whole address space); refused here so bad input cannot hang.
  if (rangeStart > rangeEnd) return `RangeStart ${intToIp(rangeStart)} is after RangeEnd ${intToIp(rangeEnd)}`;
  return {
    subnet,
    gateway: gw ?? subnet.base + 1,
    rangeStart,
    rangeEnd,
  };
}

/** range.go Range.String / range_set.go RangeSet.String: `start-end`, ranges joined by commas. */
export function rangeSetString(set: readonly CanonicalRange[]): string {
  return set.map((r) => `${intToIp(r.rangeStart)}-${intToIp(r.rangeEnd)}`).join(',');
}

const contains = (r: CanonicalRange, n: number) => n >= r.rangeStart && n <= r.rangeEnd;

/** Number of addresses the iterator can hand out in a range set (every address of each range but its gateway). */
export function capacity(set: readonly CanonicalRange[]): number {
  return set.reduce((sum, r) => sum + (r.rangeEnd - r.rangeStart + 1) - (contains(r, r.gateway) ? 1 : 0), 0);
}

/** Free addresses left in a range set, given a store. */
export function freeCount(set: readonly CanonicalRange[], store: HostLocalStore): number {
  const used = Object.keys(store.reservations)
    .map((ip) => ipToInt(ip))
    .filter((n): n is number => n !== null && set.some((r) => contains(r, n) && n !== r.gateway)).length;
  return capacity(set) - used;
}

/** The order in which allocator.go's RangeIter proposes addresses (gateways skipped), starting after `last`. */
export function candidateOrder(set: readonly CanonicalRange[], last: string | undefined): number[] {
  return [...candidates(set, last)];
}

/** allocator.go's RangeIter as a generator: each value is what one Next() returns. */
function* candidates(set: readonly CanonicalRange[], last: string | undefined): Generator<number> {
  const lastN = last === undefined ? null : ipToInt(last);
  let idx = 0;
  let cur: number | null = null;
  let startIP: number | null = null;
  if (lastN !== null) {
    const i = set.findIndex((r) => contains(r, lastN));
    if (i >= 0) {
      idx = i;
      cur = lastN;
    }
  }
  if (cur === null) startIP = set[0]?.rangeStart ?? null;
  // Next(), iteratively: advance, stop when back at startIP, skip gateways.
  for (;;) {
    const r = set[idx];
    if (!r) break;
    if (cur === null) {
      cur = r.rangeStart;
      startIP = cur;
      if (cur !== r.gateway) yield cur;
      continue;
    }
    let range = r;
    if (cur === range.rangeEnd) {
      idx = (idx + 1) % set.length;
      range = set[idx]!;
      cur = range.rangeStart;
    } else {
      cur += 1;
    }
    if (startIP === null) startIP = cur;
    else if (cur === startIP) break;
    if (cur !== range.gateway) yield cur;
  }
}

/** allocate()'s answer. */
export type AllocateResult =
  | { ok: true; ip: string; prefix: number; gateway: string; store: HostLocalStore }
  | { ok: false; error: string };

/**
 * IPAllocator.Get for one range set (no requested IP): refuses a second address for the same container and
 * interface, walks the iterator and reserves the first free address; on success last_reserved_ip.<rangeId> moves.
 */
export function allocate(set: readonly CanonicalRange[], store: HostLocalStore, containerId: string, ifname: string, rangeId = 0): AllocateResult {
  for (const [ip, who] of Object.entries(store.reservations)) {
    const n = ipToInt(ip);
    if (who.containerId === containerId && who.ifname === ifname && n !== null && set.some((r) => contains(r, n))) {
      return { ok: false, error: `${ip} has been allocated to ${containerId}, duplicate allocation is not allowed` };
    }
  }
  for (const n of candidates(set, store.lastReserved[String(rangeId)])) {
    const ip = intToIp(n);
    if (store.reservations[ip]) continue; // Reserve: O_EXCL create fails when the file exists
    const range = set.find((r) => contains(r, n))!;
    return {
      ok: true,
      ip,
      prefix: range.subnet.prefix,
      gateway: intToIp(range.gateway),
      store: { reservations: { ...store.reservations, [ip]: { containerId, ifname } }, lastReserved: { ...store.lastReserved, [String(rangeId)]: ip } },
    };
  }
  return { ok: false, error: `no IP addresses available in range set: ${rangeSetString(set)}` };
}

/** Reserves a given address (a pinned or already-known pod IP); false when another container holds it. */
export function reserve(store: HostLocalStore, ip: string, who: Reservation): { reserved: boolean; store: HostLocalStore } {
  const held = store.reservations[ip];
  if (held) return { reserved: held.containerId === who.containerId && held.ifname === who.ifname, store };
  return { reserved: true, store: { ...store, reservations: { ...store.reservations, [ip]: { ...who } } } };
}

/** IPAllocator.Release: removes every file of the container's interface; last_reserved_ip is left as it was. */
export function release(store: HostLocalStore, containerId: string, ifname: string): HostLocalStore {
  const reservations: Record<string, Reservation> = {};
  for (const [ip, who] of Object.entries(store.reservations)) if (!(who.containerId === containerId && who.ifname === ifname)) reservations[ip] = who;
  return { reservations, lastReserved: { ...store.lastReserved } };
}

/** The file names in `/var/lib/cni/networks/<network>` (`ls` order: byte order), with `lock`. */
export function storeFiles(store: HostLocalStore): string[] {
  const names = [...Object.keys(store.reservations), ...Object.keys(store.lastReserved).map((id) => `last_reserved_ip.${id}`), 'lock'];
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A reservation file's content (disk backend Reserve: `id + "\r\n" + ifname`). */
export function reservationFile(who: Reservation): string {
  return `${who.containerId}\r\n${who.ifname}`;
}
