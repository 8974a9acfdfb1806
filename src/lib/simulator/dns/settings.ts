/** Checks of the `upstreamDns` cluster setting (SettingsError names the field, so a lesson's build error points at it). */
import { SettingsError } from '../cluster-settings.ts';
import { ipToInt } from '../ipam.ts';
import type { UpstreamDnsSettings } from '../types.ts';
import { DEFAULT_UPSTREAM_SERVER } from './upstream.ts';

const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/** Validates and normalises upstreamDns: an IPv4 server; records of multi-label names (lower case, no trailing dot) to IPv4 lists. */
export function checkUpstreamDns(raw: { server?: string; records?: Record<string, string[]> }): UpstreamDnsSettings {
  const server = raw.server ?? DEFAULT_UPSTREAM_SERVER;
  if (ipToInt(server) === null) throw new SettingsError('upstreamDns.server', `"${server}" is not an IPv4 address such as ${DEFAULT_UPSTREAM_SERVER}`);
  const records: Record<string, string[]> = {};
  for (const [name, ips] of Object.entries(raw.records ?? {})) {
    const n = name.toLowerCase().replace(/\.$/, '');
    if (!NAME.test(n)) throw new SettingsError(`upstreamDns.records.${name}`, `"${name}" is not a DNS name with at least two labels, such as api.payments.example`);
    if (n === 'cluster.local' || n.endsWith('.cluster.local')) throw new SettingsError(`upstreamDns.records.${name}`, `${name} is inside the cluster domain, which CoreDNS answers itself`);
    if (!Array.isArray(ips) || ips.length === 0) throw new SettingsError(`upstreamDns.records.${name}`, 'needs a list of at least one IPv4 address');
    ips.forEach((ip, i) => {
      if (typeof ip !== 'string' || ipToInt(ip) === null) throw new SettingsError(`upstreamDns.records.${name}[${i}]`, `"${String(ip)}" is not an IPv4 address`);
    });
    records[n] = [...ips];
  }
  return { server, records };
}
