/**
 * host-local allocation, checked against containernetworking/plugins (commit 3d27709, April 2026):
 * - `plugins/ipam/host-local/backend/allocator/range.go` Canonicalize: gateway = network+1, rangeStart = network+1
 *   (skipped by the iterator because it is the gateway), rangeEnd = lastIP (broadcast − 1); Range.String `start-end`;
 * - `backend/allocator/allocator.go` GetIter/Next: start after last_reserved_ip, wrap to rangeStart, give up when the
 *   start is reached again; Get: `no IP addresses available in range set: %s`, duplicate allocation refused;
 * - `backend/disk/backend.go`: files named by IP holding `id\r\nifname`, `last_reserved_ip.N`, `lock`; Release leaves
 *   last_reserved_ip alone (ReleaseByID only deletes the IP files).
 */
import { describe, expect, it } from 'vitest';
import { allocate, candidateOrder, canonicalizeRange, capacity, emptyStore, freeCount, rangeSetString, release, reservationFile, reserve, storeFiles } from './host-local.ts';
import type { CanonicalRange, HostLocalStore } from './host-local.ts';
import { intToIp } from '../ipam.ts';

const range = (subnet: string, extra: Record<string, string> = {}): CanonicalRange => {
  const r = canonicalizeRange({ subnet, ...extra });
  if (typeof r === 'string') throw new Error(r);
  return r;
};

describe('host-local range canonicalisation (range.go)', () => {
  it('defaults a /24 to gateway .1, range .1–.254, so the range set prints 10.244.1.1-10.244.1.254', () => {
    const r = range('10.244.1.0/24');
    expect([intToIp(r.gateway), intToIp(r.rangeStart), intToIp(r.rangeEnd)]).toEqual(['10.244.1.1', '10.244.1.1', '10.244.1.254']);
    expect(rangeSetString([r])).toBe('10.244.1.1-10.244.1.254');
    expect(capacity([r])).toBe(253); // .2–.254
  });

  it('a /29 has five allocatable addresses (.2–.6) and prints 10.244.1.1-10.244.1.6', () => {
    const r = range('10.244.1.0/29');
    expect(rangeSetString([r])).toBe('10.244.1.1-10.244.1.6');
    expect(capacity([r])).toBe(5);
  });

  it('refuses what Canonicalize refuses, with its messages', () => {
    expect(canonicalizeRange({ subnet: '10.244.1.0/31' })).toBe('Network 10.244.1.0/31 too small to allocate from');
    expect(canonicalizeRange({ subnet: '10.244.1.5/24' })).toBe('Network has host bits set. For a subnet mask of length 24 the network address is 10.244.1.0');
    expect(canonicalizeRange({ subnet: '10.244.1.0/24', rangeStart: '10.244.2.1' })).toBe('RangeStart 10.244.2.1 not in network 10.244.1.0/24');
    expect(canonicalizeRange({ subnet: '10.244.1.0/24', rangeEnd: '10.244.2.1' })).toBe('RangeEnd 10.244.2.1 not in network 10.244.1.0/24');
  });
});

describe('host-local allocation (allocator.go)', () => {
  const r24 = [range('10.244.1.0/24')];
  const take = (set: CanonicalRange[], store: HostLocalStore, id: string) => {
    const res = allocate(set, store, id, 'eth0');
    if (!res.ok) throw new Error(res.error);
    return res;
  };

  it('a fresh store starts at rangeStart, skipping the gateway: .2, then .3 (round-robin from last_reserved_ip)', () => {
    const a = take(r24, emptyStore(), 'a');
    expect([a.ip, a.prefix, a.gateway]).toEqual(['10.244.1.2', 24, '10.244.1.1']);
    expect(a.store.lastReserved).toEqual({ '0': '10.244.1.2' });
    expect(take(r24, a.store, 'b').ip).toBe('10.244.1.3');
  });

  it('is not lowest-free: after .5 is released, the next address is still .6 (last_reserved_ip stays)', () => {
    let store = emptyStore();
    for (const id of ['a', 'b', 'c', 'd']) store = take(r24, store, id).store; // .2 … .5
    store = release(store, 'b', 'eth0'); // frees .3
    expect(store.lastReserved['0']).toBe('10.244.1.5');
    expect(Object.keys(store.reservations)).not.toContain('10.244.1.3');
    expect(take(r24, store, 'e').ip).toBe('10.244.1.6');
  });

  it('wraps from rangeEnd back to rangeStart, skipping the gateway and taken addresses', () => {
    const set = [range('10.244.1.0/29')]; // .2–.6
    let store = reserve(emptyStore(), '10.244.1.2', { containerId: 'x', ifname: 'eth0' }).store;
    store = { ...store, lastReserved: { '0': '10.244.1.6' } };
    expect(take(set, store, 'y').ip).toBe('10.244.1.3');
    expect(candidateOrder(set, '10.244.1.4').map(intToIp)).toEqual(['10.244.1.5', '10.244.1.6', '10.244.1.2', '10.244.1.3', '10.244.1.4']);
  });

  it('reports exhaustion with the range set, as host-local prints it', () => {
    const set = [range('10.244.1.0/29')];
    let store = emptyStore();
    for (const id of ['a', 'b', 'c', 'd', 'e']) store = take(set, store, id).store;
    expect(freeCount(set, store)).toBe(0);
    expect(allocate(set, store, 'f', 'eth0')).toEqual({ ok: false, error: 'no IP addresses available in range set: 10.244.1.1-10.244.1.6' });
  });

  it('refuses a second address for the same container and interface', () => {
    const a = take(r24, emptyStore(), 'abc');
    expect(allocate(r24, a.store, 'abc', 'eth0')).toEqual({ ok: false, error: '10.244.1.2 has been allocated to abc, duplicate allocation is not allowed' });
  });

  it('lays out the state directory as the disk backend writes it', () => {
    const a = take(r24, emptyStore(), 'abc');
    expect(storeFiles(a.store)).toEqual(['10.244.1.2', 'last_reserved_ip.0', 'lock']);
    expect(reservationFile(a.store.reservations['10.244.1.2']!)).toBe('abc\r\neth0');
  });

  it('never hangs on a range whose start is after its end', () => {
    expect(canonicalizeRange({ subnet: '10.244.1.0/24', rangeStart: '10.244.1.200', rangeEnd: '10.244.1.10' })).toMatch(/is after RangeEnd/);
  });
});

describe('the node\'s CNI files (node-files.ts)', () => {
  it('lists /etc/cni/net.d, /opt/cni/bin and the host-local state directory as the disk backend lays it out', async () => {
    const { createCluster } = await import('../index.ts');
    const { cniFiles } = await import('./node-files.ts');
    const c = createCluster('apiVersion: v1\nkind: Node\nmetadata: {name: node-1}\nspec: {podCIDR: 10.244.0.0/24}\n');
    const files = cniFiles(c.state.nodes.get('node-1')!.cni!);
    expect(files.get('/etc/cni/net.d')).toEqual({ kind: 'dir', entries: ['10-bridge.conflist'] });
    expect(files.get('/opt/cni/bin')).toEqual({ kind: 'dir', entries: ['bridge', 'host-local', 'loopback', 'portmap'] });
    // CoreDNS's two replicas hold .2 and .3; last_reserved_ip.0 is the highest in use.
    expect(files.get('/var/lib/cni/networks/cbr0')).toEqual({ kind: 'dir', entries: ['10.244.0.2', '10.244.0.3', 'last_reserved_ip.0', 'lock'] });
    expect(files.get('/var/lib/cni/networks/cbr0/last_reserved_ip.0')).toEqual({ kind: 'file', content: '10.244.0.3' });
    const held = files.get('/var/lib/cni/networks/cbr0/10.244.0.2');
    expect(held?.kind === 'file' && held.content).toMatch(/^[0-9a-f]{64}\r\neth0$/);
  });
});
