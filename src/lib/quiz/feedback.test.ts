import { describe, expect, it } from 'vitest';
import { grade, type Answer } from './grade.ts';
import { splitQuestion, type ResolvedQuestion } from './resolve.ts';
import { resolvedFixture } from './test-fixtures.ts';
import { feedbackFor, keepRightParts, wrongReason } from './feedback.ts';

const open = (question: ResolvedQuestion) => splitQuestion(question, '').public;
const check = (question: ResolvedQuestion, answer: unknown) => grade(question, answer as Answer);
const going = { attemptsLeft: 2, finished: false };
const over = { attemptsLeft: 0, finished: true };

describe('feedbackFor', () => {
  it('says a correct answer once: the outcome and the points, nothing repeated', () => {
    const question = resolvedFixture('fill-blanks');
    const feedback = feedbackFor(open(question), check(question, { blanks: { kind: 'Service', type: 'ClusterIP' } }), over);
    expect(feedback).toEqual({ tone: 'correct', headline: 'Correct: 2 of 2 points.', reason: '', wrongParts: [] });
    const words = `${feedback.headline} ${feedback.reason} ${feedback.wrongParts.join(' ')}`;
    expect(words.match(/correct/gi)).toHaveLength(1);
  });

  it('gives a wrong answer the attempts left and one line on what is wrong, not the answer', () => {
    const question = resolvedFixture('fill-blanks');
    const feedback = feedbackFor(open(question), check(question, { blanks: { kind: 'Service', type: 'NodePort' } }), going);
    expect(feedback.headline).toBe('Partly right: 1 of 2 points. 2 attempts left.');
    expect(feedback.reason).toBe('Blank 2 does not fit.');
    expect(feedback.reason).not.toContain('ClusterIP');
    expect(feedback.wrongParts).toEqual([]);
  });

  it('lists the wrong parts once the question is over', () => {
    const question = resolvedFixture('fill-blanks');
    const feedback = feedbackFor(open(question), check(question, { blanks: { kind: 'Pod', type: 'Pod' } }), over);
    expect(feedback.headline).toBe('Not quite: 0 of 2 points.');
    expect(feedback.wrongParts).toHaveLength(2);
  });

  it('says an incomplete answer used no attempt', () => {
    const question = resolvedFixture('single');
    expect(feedbackFor(open(question), check(question, {}), going)).toMatchObject({ tone: 'invalid', headline: 'Incomplete: Choose one of the options. That did not use an attempt.' });
  });
});

describe('wrongReason', () => {
  it('gives the hint for a wrong choice', () => {
    const question = resolvedFixture('single', { hint: 'Look at the NODE column.' });
    expect(wrongReason(open(question), check(question, { optionId: 'a' }))).toBe('Hint: Look at the NODE column.');
  });

  it('names the out-of-place positions of an ordering', () => {
    const question = resolvedFixture('ordering');
    const ids = question.kind === 'ordering' ? question.items.map((item) => item.id) : [];
    const swapped = [ids[1], ids[0], ...ids.slice(2)];
    expect(wrongReason(open(question), check(question, { order: swapped }))).toBe('The steps in positions 1 and 2 are out of place.');
  });

  it('counts wrong options without naming them', () => {
    const question = resolvedFixture('multiple');
    expect(wrongReason(open(question), check(question, { optionIds: ['a'] }))).toBe('1 option of 4 is marked wrongly.');
  });

  it('passes on a specific CIDR message', () => {
    const question = resolvedFixture('cidr');
    const result = check(question, { value: '10.244.1.7/24' });
    expect(wrongReason(open(question), result)).toMatch(/host bits set/);
  });
});

describe('keepRightParts', () => {
  it('keeps the blanks that fit and empties the others', () => {
    const question = resolvedFixture('fill-blanks');
    const answer = { blanks: { kind: 'Service', type: 'NodePort' } };
    expect(keepRightParts(open(question), answer, check(question, answer))).toEqual({ blanks: { kind: 'Service' } });
  });

  it('keeps an order to rearrange, and clears a one-part choice', () => {
    const ordering = resolvedFixture('ordering');
    const order = { order: ordering.kind === 'ordering' ? ordering.items.map((item) => item.id).reverse() : [] };
    expect(keepRightParts(open(ordering), order, check(ordering, order))).toEqual(order);
    const single = resolvedFixture('single');
    expect(keepRightParts(open(single), { optionId: 'a' }, check(single, { optionId: 'a' }))).toEqual({ optionId: '' });
  });
});
