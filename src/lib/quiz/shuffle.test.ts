import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contentIds, derangedShuffle, hashString, mulberry32, seededShuffle } from './shuffle.ts';

describe('hashString / mulberry32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('FNV-1a of %j', (text, hash) => {
    expect(hashString(text)).toBe(hash);
  });

  it('is deterministic and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 100; i += 1) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe('seededShuffle', () => {
  it('is a permutation, deterministic per seed, and leaves the input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.string(), (items, seed) => {
        const copy = [...items];
        const out = seededShuffle(items, seed);
        expect(items).toEqual(copy);
        expect([...out].sort()).toEqual([...items].sort());
        expect(seededShuffle(items, seed)).toEqual(out);
      }),
    );
  });

  it('gives different orders for different seeds', () => {
    const items = Array.from({ length: 8 }, (_, i) => i);
    expect(new Set(['a', 'b', 'c', 'd', 'e'].map((s) => seededShuffle(items, s).join())).size).toBeGreaterThan(1);
  });
});

describe('derangedShuffle', () => {
  it.each([[['a', 'b']], [['a', 'b', 'c']], [['x', 'y', 'z', 'w']]])('never returns %j in its original order', (items) => {
    for (let i = 0; i < 200; i += 1) expect(derangedShuffle(items, `seed-${i}`)).not.toEqual(items);
  });

  it.each([[[]], [['a']], [['a', 'a']]])('returns %j unchanged when it cannot differ', (items) => {
    expect(derangedShuffle(items, 's')).toEqual(items);
  });
});

describe('contentIds', () => {
  it('derives unique, stable ids from content, independent of position', () => {
    const ids = contentIds('item', 'q', ['a', 'b', 'c']);
    expect(new Set(ids).size).toBe(3);
    expect(contentIds('item', 'q', ['c', 'a'])).toEqual([ids[2], ids[0]]);
    expect(ids.every((id) => /^item-[0-9a-z]+$/.test(id))).toBe(true);
  });

  it('stays unique for repeated texts', () => {
    expect(new Set(contentIds('x', 'q', ['same', 'same'])).size).toBe(2);
  });
});
