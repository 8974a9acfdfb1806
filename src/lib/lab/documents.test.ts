import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAt, splitDocuments } from './documents.ts';

describe('splitDocuments', () => {
  it('splits at --- lines, keeping offsets and lines', () => {
    const text = '# head\na: 1\n---\nb: 2\n--- # c\nc: 3\n---';
    const chunks = splitDocuments(text)!;
    expect(chunks.map((c) => c.text)).toEqual(['# head\na: 1\n', '---\nb: 2\n', '--- # c\nc: 3\n', '---']);
    expect(chunks.map((c) => c.line)).toEqual([1, 3, 5, 7]);
    for (const c of chunks) expect(text.slice(c.offset, c.offset + c.text.length)).toBe(c.text);
  });

  it('does not split at ---x or indented markers', () => {
    expect(splitDocuments('a: 1\n---x: 2\n  ---\n')!.length).toBe(1);
  });

  it('refuses texts with directives or document-end markers', () => {
    expect(splitDocuments('%YAML 1.2\n---\na: 1')).toBeNull();
    expect(splitDocuments('a: 1\n...\n')).toBeNull();
  });

  it('always gives the text back when joined', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('---', '--- x', 'a: 1', '', '  b', '---\r', '#c'), { maxLength: 20 }), (lines) => {
        const text = lines.join('\n');
        expect(splitDocuments(text)!.map((c) => c.text).join('')).toBe(text);
      }),
    );
  });

  it('finds the line of an offset', () => {
    expect([0, 2, 3, 6].map((offset) => lineAt('ab\ncd\nef', offset))).toEqual([1, 1, 2, 3]);
  });
});
