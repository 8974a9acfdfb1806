import { describe, expect, it } from 'vitest';
import { formatCidr, formatIpv4, hasHostBits, maskOf, networkOf, parseCidr, parseIpv4 } from './cidr.ts';

describe('parseIpv4 / formatIpv4', () => {
  it.each([
    ['10.244.1.0', 0x0af40100],
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['010.001.000.009', 0x0a010009],
    ['256.0.0.1', null],
    ['1.2.3', null],
    ['1.2.3.4.5', null],
    ['1.2.3.-4', null],
    ['1.2.3.0x4', null],
    ['1..3.4', null],
    ['1.2.3.1000', null],
  ])('%s → %s', (text, value) => {
    expect(parseIpv4(text)).toBe(value);
    if (value !== null) expect(formatIpv4(value)).toBe(text.split('.').map(Number).join('.'));
  });
});

describe('parseCidr', () => {
  it.each([
    ['10.244.1.0/24', '10.244.1.0/24', false],
    ['  10.244.1.0 / 24 ', '10.244.1.0/24', false],
    ['010.244.001.000/024', '10.244.1.0/24', false],
    ['10.244.1.5/24', '10.244.1.5/24', true],
    ['0.0.0.0/0', '0.0.0.0/0', false],
    ['1.2.3.4/32', '1.2.3.4/32', false],
    ['1.2.3.4/0', '1.2.3.4/0', true],
  ])('%j → %s (host bits: %s)', (text, canonical, hostBits) => {
    const parsed = parseCidr(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(formatCidr(parsed.cidr)).toBe(canonical);
    expect(hasHostBits(parsed.cidr)).toBe(hostBits);
  });

  it.each([
    ['', /Enter a CIDR/],
    ['10.244.1.0', /Add a prefix length/],
    ['10.244.1.0/24/8', /more than one/],
    ['10.244.1/24', /not an IPv4 address/],
    ['10.244.1.0/33', /\/0 to \/32/],
    ['10.244.1.0/', /not a prefix length/],
    ['10.244.1.0/-1', /not a prefix length/],
    ['1'.repeat(200), /too long/],
  ])('rejects %j', (text, error) => {
    const parsed = parseCidr(text);
    expect(parsed.ok ? '' : parsed.error).toMatch(error);
  });
});

describe('networkOf / maskOf', () => {
  it.each([
    [0, 0x00000000],
    [8, 0xff000000],
    [24, 0xffffff00],
    [31, 0xfffffffe],
    [32, 0xffffffff],
  ])('mask of /%i', (prefix, mask) => {
    expect(maskOf(prefix)).toBe(mask);
  });

  it.each([
    ['10.244.1.5/24', '10.244.1.0/24'],
    ['10.244.1.5/16', '10.244.0.0/16'],
    ['192.168.255.255/17', '192.168.128.0/17'],
    ['255.255.255.255/1', '128.0.0.0/1'],
  ])('%s is in network %s', (text, network) => {
    const parsed = parseCidr(text);
    expect(parsed.ok && formatCidr(networkOf(parsed.cidr))).toBe(network);
  });
});
