import { describe, it, expect } from 'vitest';
import { allocateHashed, allocateLowest, cidrContains, cidrContainsCidr, intToIp, ipToInt, normalizeCidr, nthSubnet, parseCidr, safeHash } from './ipam.ts';

describe('ipam', () => {
  it.each([
    ['10.0.0.5/24', '10.0.0.0/24'],
    ['10.244.1.7/16', '10.244.0.0/16'],
    ['192.168.1.1', '192.168.1.1/32'],
    [' 0.0.0.0/0 ', '0.0.0.0/0'],
    ['255.255.255.255/31', '255.255.255.254/31'],
    ['10.0.0.0/33', null],
    ['10.0.0/8', null],
    ['256.0.0.0/8', null],
    ['01.0.0.0/8', null],
    ['abc', null],
    ['10.0.0.0/-1', null],
  ])('normalizeCidr(%j) = %j', (input, expected) => {
    expect(normalizeCidr(input)).toBe(expected);
  });

  it.each([
    ['10.244.0.0/16', '10.244.255.255', true],
    ['10.244.0.0/16', '10.245.0.0', false],
    ['10.0.0.0/8', '9.255.255.255', false],
    ['0.0.0.0/0', '203.0.113.9', true],
    ['10.0.1.0/24', '10.0.1.0', true],
    ['bad', '10.0.0.1', false],
    ['10.0.0.0/8', 'bad', false],
  ])('cidrContains(%s, %s) = %s', (cidr, ip, expected) => {
    expect(cidrContains(cidr, ip)).toBe(expected);
  });

  it.each([
    ['10.0.0.0/8', '10.1.0.0/16', true],
    ['10.1.0.0/16', '10.0.0.0/8', false],
    ['10.0.0.0/24', '10.0.1.0/24', false],
  ])('cidrContainsCidr(%s, %s) = %s', (o, i, e) => {
    expect(cidrContainsCidr(o, i)).toBe(e);
  });

  it('round-trips addresses and parses block sizes', () => {
    expect(intToIp(ipToInt('10.96.0.10') ?? 0)).toBe('10.96.0.10');
    expect(parseCidr('10.96.0.0/12')).toMatchObject({ prefix: 12, size: 1 << 20, text: '10.96.0.0/12' });
    expect(nthSubnet(parseCidr('10.244.0.0/16')!, 24, 3)).toBe('10.244.3.0/24');
    expect(nthSubnet(parseCidr('10.244.0.0/16')!, 24, 256)).toBeNull();
  });

  it('allocates deterministically and skips reserved addresses', () => {
    const block = parseCidr('10.244.1.0/24')!;
    const reserved = new Set([block.base + 1, block.base + 2]);
    expect(allocateLowest(block, 2, reserved)).toBe('10.244.1.3');
    expect(allocateLowest(block, 2, reserved)).toBe('10.244.1.4');
    const a = allocateHashed(parseCidr('10.96.0.0/12')!, 'default/web', new Set());
    const b = allocateHashed(parseCidr('10.96.0.0/12')!, 'default/web', new Set());
    expect(a).toBe(b);
    const full = parseCidr('10.0.0.0/30')!;
    const r = new Set<number>();
    expect([allocateHashed(full, 'x', r), allocateHashed(full, 'y', r), allocateHashed(full, 'z', r)].filter((x) => x !== null)).toHaveLength(2);
  });

  it('derives stable kube-style hashes', () => {
    expect(safeHash('default/web', 10)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
    expect(safeHash('default/web', 10)).toBe(safeHash('default/web', 10));
    expect(safeHash('default/web', 10)).not.toBe(safeHash('default/api', 10));
  });
});
