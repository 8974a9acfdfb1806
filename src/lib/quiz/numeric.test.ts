import { describe, expect, it } from 'vitest';
import { parseNumericAnswer, unitForms } from './numeric.ts';

describe('parseNumericAnswer', () => {
  it.each([
    ['256', undefined, 256],
    [' 256 ', undefined, 256],
    ['1,024', undefined, 1024],
    ['1,234,567.5', undefined, 1234567.5],
    ['-3', undefined, -3],
    ['.5', undefined, 0.5],
    ['256 addresses', 'addresses', 256],
    ['256addresses', 'addresses', 256],
    ['1 address', 'addresses', 1],
    ['256   ADDRESSES', 'addresses', 256],
    ['50%', '%', 50],
    ['3 ms', 'ms', 3],
  ])('%j (unit %s) → %d', (input, unit, value) => {
    expect(parseNumericAnswer(input, unit)).toEqual({ ok: true, value });
  });

  it.each([
    ['', undefined, /Enter a number/],
    ['abc', undefined, /not a number/],
    ['256 bananas', 'addresses', /"bananas" is not the unit asked for; answer in addresses/],
    ['256 addresses', undefined, /without "addresses"/],
    ['1,02', undefined, /Could not read/],
    ['1.2.3', undefined, /Could not read/],
    ['12 34', undefined, /without "34"/],
    ['NaN', undefined, /not a number/],
    ['Infinity', undefined, /not a number/],
    ['0x10', undefined, /without|Could not read/],
    ['9'.repeat(500), undefined, /too long/],
  ])('%j (unit %s) is invalid', (input, unit, error) => {
    const parsed = parseNumericAnswer(input, unit);
    expect(parsed.ok ? '' : parsed.error).toMatch(error);
  });
});

describe('unitForms', () => {
  it.each([
    ['addresses', ['addresses', 'addressess', 'address', 'addresse']],
    ['IP', ['ip', 'ips']],
    ['hops', ['hops', 'hopss', 'hop']],
  ])('%s', (unit, forms) => {
    expect([...unitForms(unit)].sort()).toEqual([...forms].sort());
  });
});
