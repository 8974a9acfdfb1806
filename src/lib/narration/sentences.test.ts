import { describe, expect, it } from 'vitest';
import { readingSeconds, splitSentences } from './sentences.ts';

describe('splitSentences', () => {
  it.each([
    [['One. Two! Three?'], ['One.', 'Two!', 'Three?']],
    [['Pod-a gets 10.244.0.5 from node-1. Then it calls pod-b.'], ['Pod-a gets 10.244.0.5 from node-1.', 'Then it calls pod-b.']],
    [['Use a tool, e.g. wget. It works.'], ['Use a tool, e.g. wget.', 'It works.']],
    [['It ends with no period'], ['It ends with no period']],
    [['A name like example.com stays whole. Next.'], ['A name like example.com stays whole.', 'Next.']],
  ])('splits %j', (input, expected) => {
    expect(splitSentences(input).map((sentence) => sentence.text)).toEqual(expected);
  });

  it('numbers sentences across paragraphs and records the paragraph', () => {
    const sentences = splitSentences(['A one. A two.', 'B one.']);
    expect(sentences.map((s) => [s.index, s.paragraph])).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
    ]);
  });
});

describe('readingSeconds', () => {
  it('is slower for longer sentences and faster at a higher rate', () => {
    const long = 'word '.repeat(40);
    expect(readingSeconds(long)).toBeCloseTo(15, 5);
    expect(readingSeconds(long, 2)).toBeCloseTo(7.5, 5);
    expect(readingSeconds('Hi.')).toBeGreaterThanOrEqual(1.2);
    expect(readingSeconds(long, Number.NaN)).toBeCloseTo(15, 5);
  });
});
