/** The client's ephemeral port for a connection, fixed per (pod, destination) so outputs never change between runs. */
import { fnv1a } from '../ipam.ts';
import { keyOf } from '../state.ts';
import type { PodModel } from '../types.ts';

/** An ephemeral port in Linux's default range 32768–60999 (net.ipv4.ip_local_port_range). */
export function ephemeralPort(pod: PodModel, ip: string, port: number): number {
  return 32768 + (fnv1a(`${keyOf(pod)}>${ip}:${port}`) % 28232);
}
