/**
 * Small IPv4 CIDR helpers for grading `cidr` questions. Private to the quiz
 * module on purpose: the simulator keeps its own network code.
 */

/** A parsed IPv4 CIDR: the address as written (uint32) and the prefix length. */
export interface Cidr {
  /** The address part as an unsigned 32-bit integer, host bits possibly set. */
  address: number;
  /** The prefix length, 0–32. */
  prefix: number;
}

/** The outcome of parsing: a CIDR, or a learner-facing reason it is malformed. */
export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; error: string };

const MAX_INPUT = 100;

/** Parses dotted-quad IPv4 (`10.244.001.0` allowed: leading zeros are dropped), or null. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Formats an unsigned 32-bit integer as dotted-quad IPv4. */
export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** The netmask of a prefix length as an unsigned 32-bit integer. */
export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** The network a CIDR denotes: its address with the host bits cleared. */
export function networkOf(cidr: Cidr): Cidr {
  return { address: (cidr.address & maskOf(cidr.prefix)) >>> 0, prefix: cidr.prefix };
}

/** True when the CIDR's address has host bits set (so it is an address, not a network). */
export function hasHostBits(cidr: Cidr): boolean {
  return networkOf(cidr).address !== cidr.address;
}

/** Formats a CIDR canonically, e.g. `10.244.1.0/24`. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.address)}/${cidr.prefix}`;
}

/**
 * Parses IPv4 CIDR notation. Whitespace anywhere is ignored and leading zeros in
 * octets and the prefix are dropped; a missing prefix or bad octet is an error.
 */
export function parseCidr(text: string): CidrParse {
  if (text.length > MAX_INPUT) return { ok: false, error: 'That is too long to be a CIDR block.' };
  const compact = text.replace(/\s+/g, '');
  if (compact === '') return { ok: false, error: 'Enter a CIDR block, e.g. 10.0.0.0/16.' };
  const slash = compact.split('/');
  if (slash.length === 1) {
    return { ok: false, error: `Add a prefix length to "${compact}", e.g. ${compact}/24.` };
  }
  if (slash.length !== 2) return { ok: false, error: `"${compact}" has more than one "/".` };
  const [addressText = '', prefixText = ''] = slash;
  const address = parseIpv4(addressText);
  if (address === null) {
    return { ok: false, error: `"${addressText}" is not an IPv4 address (four numbers 0–255 separated by dots).` };
  }
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > 32) {
    return { ok: false, error: `"/${prefixText}" is not a prefix length; use /0 to /32.` };
  }
  return { ok: true, cidr: { address, prefix: Number(prefixText) } };
}
