/**
 * kube-proxy's chain names, computed as upstream does (kubernetes/kubernetes):
 * - iptables (pkg/proxy/iptables/proxier.go portProtoHash / servicePortEndpointChainName): the first 16 characters of
 *   base32(sha256(servicePortName + lower-case protocol [+ endpoint "IP:port"])), after a prefix KUBE-SVC-, KUBE-SVL-,
 *   KUBE-EXT-, KUBE-FW- or KUBE-SEP-;
 * - nftables (pkg/proxy/nftables/proxier.go hashAndTruncate / servicePortChainNameBase): `<prefix>-<8 chars>-<name>`
 *   where name is `ns/svc/proto/portName` (the Service port's name, empty when unnamed) and the hash covers that
 *   whole readable name; endpoint chains append `__IP/port`.
 * Pure: SHA-256 is implemented here so the module runs in the browser too. The Service path (service-path.ts)
 * needs only these names and the rule probabilities, not the rule listings, which the terminal loads.
 */
import type { ProxyEndpoint, ProxyServicePort } from './service-ports.ts';

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 of a string's UTF-8 bytes (FIPS 180-4). */
export function sha256(text: string): Uint8Array {
  const msg = new TextEncoder().encode(text);
  const len = msg.length;
  const blocks = Math.ceil((len + 9) / 64);
  const buf = new Uint8Array(blocks * 64);
  buf.set(msg);
  buf[len] = 0x80;
  const bits = len * 8;
  const view = new DataView(buf.buffer);
  view.setUint32(buf.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(buf.length - 4, bits >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(b * 64 + i * 4);
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, bb, c, d, e, f, g, hh] = h as unknown as number[];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e! >>> 6) | (e! << 26)) ^ ((e! >>> 11) | (e! << 21)) ^ ((e! >>> 25) | (e! << 7));
      const ch = (e! & f!) ^ (~e! & g!);
      const t1 = (hh! + S1 + ch + K[i]! + w[i]!) >>> 0;
      const S0 = ((a! >>> 2) | (a! << 30)) ^ ((a! >>> 13) | (a! << 19)) ^ ((a! >>> 22) | (a! << 10));
      const maj = (a! & bb!) ^ (a! & c!) ^ (bb! & c!);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d! + t1) >>> 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0]! + a!) >>> 0;
    h[1] = (h[1]! + bb!) >>> 0;
    h[2] = (h[2]! + c!) >>> 0;
    h[3] = (h[3]! + d!) >>> 0;
    h[4] = (h[4]! + e!) >>> 0;
    h[5] = (h[5]! + f!) >>> 0;
    h[6] = (h[6]! + g!) >>> 0;
    h[7] = (h[7]! + hh!) >>> 0;
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(i * 4, h[i]!);
  return out;
}

/** RFC 4648 base32 (Go's base32.StdEncoding), padding left off: callers truncate anyway. */
export function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

const cache = new Map<string, string>();

/** base32(sha256(text)) truncated to n characters (memoised: names are recomputed on every sync). */
export function hashTruncate(text: string, n: number): string {
  const key = `${n}\u0000${text}`;
  let v = cache.get(key);
  if (v === undefined) {
    v = base32(sha256(text)).slice(0, n);
    if (cache.size > 50_000) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/** ServicePortName.String(): "ns/name" plus ":portName" when the port has a name (pkg/proxy/types.go). */
export function servicePortName(namespace: string, name: string, portName: string | undefined): string {
  return `${namespace}/${name}${portName ? `:${portName}` : ''}`;
}

/** The iptables chain prefixes of a Service port (pkg/proxy/iptables/proxier.go). */
export type IptablesServiceChainPrefix = 'KUBE-SVC-' | 'KUBE-SVL-' | 'KUBE-EXT-' | 'KUBE-FW-';

/** An iptables per-Service-port chain: prefix + portProtoHash(servicePortName, protocol). */
export function iptablesServiceChain(prefix: IptablesServiceChainPrefix, svcPortName: string, protocol: string): string {
  return prefix + hashTruncate(svcPortName + protocol.toLowerCase(), 16);
}

/** An iptables per-endpoint chain: KUBE-SEP- + hash of servicePortName + protocol + "IP:port". */
export function iptablesEndpointChain(svcPortName: string, protocol: string, endpoint: string): string {
  return 'KUBE-SEP-' + hashTruncate(svcPortName + protocol.toLowerCase() + endpoint, 16);
}

/** nftables' readable base of a Service port's chains: "ns/name/proto/portName" (servicePortChainNameBase; empty for an unnamed port). */
export function nftServicePortBase(namespace: string, name: string, protocol: string, portName: string | undefined): string {
  return `${namespace}/${name}/${protocol.toLowerCase()}/${portName ?? ''}`;
}

/** An nftables chain name: `<prefix>-<first 8 chars of base32(sha256(name))>-<name>` (hashAndTruncate). */
export function nftChain(prefix: 'service' | 'external' | 'local' | 'firewall' | 'endpoint', readable: string): string {
  return `${prefix}-${hashTruncate(readable, 8)}-${readable}`;
}

/** An nftables endpoint chain's readable name: base + "__" + IP + "/" + port (servicePortEndpointChainNameBase). */
export function nftEndpointBase(base: string, ip: string, port: number): string {
  return `${base}__${ip}/${port}`;
}

/** kube-proxy's probability for the i-th of n rules (computeProbability: "%0.10f" of 1/n). */
export function proxyProbability(n: number): string {
  return (1 / n).toFixed(10);
}

/** A probability as iptables-save prints it: stored as round(p·2³¹) (libxt_statistic parse), printed with %.11f. */
export function savedProbability(written: string): string {
  const stored = Math.round(0x80000000 * Number(written));
  return (stored / 0x80000000).toFixed(11);
}

/** Chain names of one Service port (servicePortChainNameBase + prefixes). */
export function nftServiceChains(sp: ProxyServicePort): { base: string; service: string; external: string; local: string; firewall: string; endpoint: (ep: ProxyEndpoint) => string; affinity: (ep: ProxyEndpoint) => string } {
  const base = nftServicePortBase(sp.svc.namespace, sp.svc.name, sp.protocol, sp.port.name);
  return {
    base,
    service: nftChain('service', base),
    external: nftChain('external', base),
    local: nftChain('local', base),
    firewall: nftChain('firewall', base),
    endpoint: (ep) => nftChain('endpoint', nftEndpointBase(base, ep.ip, ep.port)),
    affinity: (ep) => nftChain('endpoint', nftEndpointBase(base, ep.ip, ep.port)).replace(/^endpoint-/, 'affinity-'),
  };
}
