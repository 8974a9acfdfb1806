import { describe, expect, it } from 'vitest';
import { cueAt, placeCues } from './cues.ts';
import { splitSentences } from './sentences.ts';

const sentences = splitSentences(['Pods get addresses. Then pod-a asks DNS.', 'The policy is checked. The reply comes back.']);

describe('placeCues', () => {
  it('places each cue on the sentence containing its phrase, ignoring case and spacing', () => {
    const placed = placeCues(sentences, [
      { at: 'asks  DNS', trace: 'allow', position: 1 },
      { at: 'the POLICY is', trace: 'allow', position: 3 },
    ]);
    expect(placed.map((cue) => cue.sentence)).toEqual([1, 2]);
  });

  it('names the phrase that is missing', () => {
    expect(() => placeCues(sentences, [{ at: 'no such words', trace: 'allow', position: 1 }])).toThrow(
      'narration[0].at: the phrase "no such words" is not in the transcript',
    );
  });

  it('refuses a cue placed before the previous one', () => {
    expect(() =>
      placeCues(sentences, [
        { at: 'reply comes back', trace: 'allow', position: 9 },
        { at: 'Pods get addresses', trace: 'allow', position: 0 },
      ]),
    ).toThrow('narration[1].at');
  });
});

describe('cueAt', () => {
  const placed = [
    { sentence: 1, trace: 'allow', position: 1 },
    { sentence: 3, trace: 'deny', position: 5 },
  ];
  it.each([
    [0, undefined],
    [1, 'allow'],
    [2, 'allow'],
    [3, 'deny'],
    [9, 'deny'],
  ])('at sentence %i the cue is %s', (sentence, trace) => {
    expect(cueAt(placed, sentence)?.trace).toBe(trace);
  });
});
