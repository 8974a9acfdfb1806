import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPatch, diffLines } from './scenario-patch.ts';

const DIR = new URL('../../../content/lessons/troubleshooting-connectivity/scenarios/', import.meta.url);
const read = (name: string) => readFileSync(new URL(`${name}.yaml`, DIR), 'utf8');

describe('scenario patches', () => {
  it('round-trips any pair of texts', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', '', '  - x', '---'), { maxLength: 30 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(lines, lines, (base, target) => {
        expect(applyPatch(base, diffLines(base, target))).toBe(target);
      }),
    );
  });

  it('keeps line endings exactly (a trailing newline, none, CRLF)', () => {
    for (const [base, target] of [['a\nb\n', 'a\nb'], ['a\nb', 'a\nb\n'], ['a\r\nb\r\n', 'a\r\nc\r\n'], ['', 'x'], ['x', '']]) {
      expect(applyPatch(base!, diffLines(base!, target!))).toBe(target);
    }
  });

  it("a case of lesson 9 is a few lines of edits of the lab's scenario", () => {
    const base = read('lab');
    for (const name of ['case-selector-typo', 'case-etp-local', 'case-wrong-namespace']) {
      const target = read(name);
      const patch = diffLines(base, target);
      expect(applyPatch(base, patch)).toBe(target);
      expect(JSON.stringify(patch).length).toBeLessThan(target.length / 5);
    }
  });

  it('a patch that does not fit its base never throws', () => {
    expect(applyPatch('a', [5, -3, 'x', 2])).toBe('a\nx');
  });
});
