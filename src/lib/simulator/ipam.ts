/** IPv4 and CIDR arithmetic plus deterministic helpers (hashing, address allocation). */

/** A parsed IPv4 CIDR block. */
export interface Cidr {
  /** Network address as an unsigned 32-bit integer (host bits cleared). */
  base: number;
  prefix: number;
  /** Number of addresses in the block. */
  size: number;
  /** Canonical text, e.g. '10.244.0.0/16'. */
  text: string;
}

const OCTET = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

/** Parses a dotted-quad IPv4 address into an unsigned 32-bit integer, or null. */
export function ipToInt(ip: string): number | null {
  if (typeof ip !== 'string') return null;
  const parts = ip.trim().split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!OCTET.test(p)) return null;
    n = n * 256 + Number(p);
  }
  return n >>> 0;
}

/** Formats an unsigned 32-bit integer as a dotted-quad IPv4 address. */
export function intToIp(n: number): string {
  const v = n >>> 0;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** True when the text is a valid IPv4 address. */
export function isIPv4(ip: string): boolean {
  return ipToInt(ip) !== null;
}

/** Loose syntactic IPv6 CIDR check (IPv6 blocks are accepted but never match: the simulated cluster is IPv4-only). */
export function isIPv6Cidr(text: string): boolean {
  const m = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(text.trim());
  return m !== null && m[1] !== undefined && m[1].includes(':') && Number(m[2]) <= 128;
}

/** Parses an IPv4 CIDR ('10.0.0.0/8'; a bare address counts as /32); returns null when invalid. */
export function parseCidr(cidr: string): Cidr | null {
  if (typeof cidr !== 'string') return null;
  const text = cidr.trim();
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? '32' : text.slice(slash + 1);
  if (!/^(3[0-2]|[12]?[0-9])$/.test(prefixText)) return null;
  const ip = ipToInt(addr);
  if (ip === null) return null;
  const prefix = Number(prefixText);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const base = (ip & mask) >>> 0;
  return { base, prefix, size: 2 ** (32 - prefix), text: `${intToIp(base)}/${prefix}` };
}

/** Canonical form of a CIDR (host bits cleared, e.g. '10.0.0.5/24' → '10.0.0.0/24'), or null when invalid. */
export function normalizeCidr(cidr: string): string | null {
  return parseCidr(cidr)?.text ?? null;
}

/** True when the IPv4 address lies inside the CIDR block (false for invalid input). */
export function cidrContains(cidr: string | Cidr, ip: string | number): boolean {
  const block = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  const n = typeof ip === 'number' ? ip >>> 0 : ipToInt(ip);
  if (block === null || n === null) return false;
  return n >= block.base && n < block.base + block.size;
}

/** True when `inner` is entirely inside `outer`. */
export function cidrContainsCidr(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (o === null || i === null) return false;
  return i.prefix >= o.prefix && i.base >= o.base && i.base + i.size <= o.base + o.size;
}

/** Returns the n-th subnet of the given prefix inside a block, or null when out of range. */
export function nthSubnet(block: Cidr, prefix: number, n: number): string | null {
  if (prefix < block.prefix || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  const count = block.size / size;
  if (n < 0 || n >= count) return null;
  return `${intToIp(block.base + n * size)}/${prefix}`;
}

/** 32-bit FNV-1a hash of a string (deterministic, used for names and addresses). */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Deterministic kube-style random-looking string of `length` characters derived from `text`. */
export function safeHash(text: string, length: number): string {
  let out = '';
  let round = 0;
  while (out.length < length) {
    let h = fnv1a(`${round}:${text}`);
    for (let i = 0; i < 5 && out.length < length; i++) {
      out += SAFE_ALPHABET[h % SAFE_ALPHABET.length] ?? 'b';
      h = Math.floor(h / SAFE_ALPHABET.length);
    }
    round++;
  }
  return out;
}

/**
 * Picks a free address in a block, starting at a hash-derived offset and probing linearly.
 * `reserved` holds integers that must not be used; returns null when the block is full.
 */
export function allocateHashed(block: Cidr, key: string, reserved: Set<number>, skipEdges = true): string | null {
  const first = skipEdges ? 1 : 0;
  const usable = block.size - (skipEdges ? 2 : 0);
  if (usable <= 0) return null;
  const start = fnv1a(key) % usable;
  for (let i = 0; i < usable; i++) {
    const n = block.base + first + ((start + i) % usable);
    if (!reserved.has(n)) {
      reserved.add(n);
      return intToIp(n);
    }
  }
  return null;
}

/** Picks the lowest free address of a block at or above `offset` (host-local IPAM style); null when full. */
export function allocateLowest(block: Cidr, offset: number, reserved: Set<number>): string | null {
  for (let i = offset; i < block.size - 1; i++) {
    const n = block.base + i;
    if (!reserved.has(n)) {
      reserved.add(n);
      return intToIp(n);
    }
  }
  return null;
}
