/**
 * How an in-pod client reaches a host: /etc/hosts first (localhost, the pod's own name), then an IP literal as is,
 * then the cluster DNS through connect() (search path and ndots:5, as glibc's and musl's getaddrinfo do), and what
 * the connection attempt ended as, in the terms a socket API reports: connected, refused (RST or ICMP unreachable),
 * timed out (nothing came back), or a name that did not resolve.
 */
import { keyOf } from '../state.ts';
import type { PodModel, Protocol, WireProtocol } from '../types.ts';
import { listenerOn } from '../workloads/listeners.ts';
import type { Listener } from '../workloads/listeners.ts';
import { ipToInt } from '../ipam.ts';
import { searchPath } from '../dns.ts';
import type { ExecContext } from './types.ts';

/** What a connection attempt ended as. */
export type Dial =
  | { kind: 'nxdomain'; name: string }
  | { kind: 'dns-timeout'; name: string }
  | { kind: 'refused'; ip: string }
  | { kind: 'timeout'; ip: string }
  | {
      kind: 'connected';
      /** The address dialled (ClusterIP, pod IP, 127.0.0.1 or an external IP). */
      ip: string;
      /** The pod that accepted the connection (after Service DNAT), when it is a pod. */
      pod?: PodModel;
      /** The port at that pod. */
      podPort: number;
      /** The process listening there (undefined for ICMP and for hosts outside the cluster). */
      listener?: Listener;
    };

/** The address /etc/hosts gives a name, or null when the name is not in the pod's /etc/hosts. */
export function hostsEntry(pod: PodModel, name: string): string | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n === 'localhost' || n === 'ip6-localhost' || n === 'ip6-loopback') return '127.0.0.1';
  const hostname = (pod.hostname ?? pod.name).toLowerCase();
  if (n === hostname) return pod.ip;
  if (pod.subdomain && n === `${hostname}.${pod.subdomain}.${pod.namespace}.svc.cluster.local`) return pod.ip;
  return null;
}

/** True for a dotted-quad IPv4 literal. */
export const isIPv4Literal = (s: string): boolean => ipToInt(s) !== null;

/** Opens a connection (or sends an echo request) from the pod to host:port. */
export function dial(ctx: ExecContext, host: string, port: number, protocol: WireProtocol): Dial {
  const { pod } = ctx;
  const fromHosts = hostsEntry(pod, host);
  const loopback = fromHosts !== null && fromHosts.startsWith('127.');
  const to = fromHosts !== null || host === pod.ip || /^127\./.test(host) ? keyOf(pod) : host;
  const shownIP = loopback || /^127\./.test(host) ? (/^127\./.test(host) ? host : '127.0.0.1') : fromHosts ?? undefined;
  const r = ctx.host.connect({ from: keyOf(pod), to, port: protocol === 'ICMP' ? undefined : port, protocol });
  const ip = shownIP ?? r.target?.ip ?? host;
  switch (r.status) {
    case 'nxdomain':
      return { kind: 'nxdomain', name: host };
    case 'dns-timeout':
      return { kind: 'dns-timeout', name: host };
    case 'refused':
      return { kind: 'refused', ip };
    case 'connected': {
      const target = r.target;
      const dst = target?.pod ? ctx.host.state().pods.get(target.pod) : undefined;
      const podPort = target?.targetPort ?? port;
      const out: Dial = { kind: 'connected', ip, podPort };
      if (dst) out.pod = dst;
      if (dst && protocol !== 'ICMP') {
        const l = listenerOn(dst, podPort, protocol as Protocol);
        if (l) out.listener = l;
      }
      return out;
    }
    default:
      // policy-denied, timeout and 'error' (e.g. an address nothing owns): nothing comes back.
      return { kind: 'timeout', ip };
  }
}

/**
 * How long getaddrinfo takes to give up when the DNS server never answers. glibc: RES_TIMEOUT 5 s × RES_DFLRETRY 2
 * attempts for each name it tries (resolv/resolv.h; A and AAAA go out together), and with ndots:5 a name with fewer
 * than 5 dots is tried with each of the 3 search domains and then as is. musl: one 5 s timeout for the whole
 * lookup of each name, retried within it (src/network/res_msend.c, TIMEOUT 5, ATTEMPTS 2).
 */
export function resolverGiveUpSeconds(name: string, namespace: string, libc: 'glibc' | 'musl'): number {
  const dots = (name.match(/\./g) ?? []).length;
  const names = name.endsWith('.') ? 1 : dots >= 5 ? 1 + searchPath(namespace).length : searchPath(namespace).length + 1;
  return libc === 'glibc' ? names * 5 * 2 : names * 5;
}
