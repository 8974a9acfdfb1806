import { describe, expect, it } from 'vitest';
import { ruleForSet, setOutcome, type QuestionStanding } from './set-outcome.ts';

const MODE_SET_RULES = {
  visualize: ruleForSet('visual-quiz'),
  review: ruleForSet('quick-check'),
  try: ruleForSet('try'),
  challenge: ruleForSet('challenge'),
  why: ruleForSet('why-practice'),
};

const standing = (answered: boolean, earned: number, total = 1): QuestionStanding => ({
  answered,
  correct: answered && earned === total,
  earned,
  total,
});

describe('setOutcome', () => {
  it.each([
    ['pass: all answered, 3 of 3', MODE_SET_RULES.visualize, [standing(true, 1), standing(true, 1), standing(true, 1)], true, true],
    ['pass: all answered, 2 of 3 is under 70%', MODE_SET_RULES.visualize, [standing(true, 1), standing(true, 1), standing(true, 0)], false, false],
    ['pass: 4 of 5 is over 70%', MODE_SET_RULES.review, [standing(true, 1), standing(true, 1), standing(true, 1), standing(true, 1), standing(true, 0)], true, false],
    ['pass: one unanswered', MODE_SET_RULES.review, [standing(true, 1), standing(false, 0)], false, false],
    ['answered: all answered, none right', MODE_SET_RULES.try, [standing(true, 0), standing(true, 0)], true, false],
    ['answered: one open', MODE_SET_RULES.challenge, [standing(true, 1), standing(false, 0)], false, false],
    ['empty set is never done', MODE_SET_RULES.why, [], false, false],
  ])('%s', (_label, rule, standings, done, allCorrect) => {
    const outcome = setOutcome(standings, rule);
    expect(outcome.done).toBe(done);
    expect(outcome.allCorrect).toBe(allCorrect);
  });

  it('gives unknown sets a rule that never marks the mode done', () => {
    expect(ruleForSet('explain').marksDone).toBe(false);
    expect(ruleForSet('quick-check').marksDone).toBe(true);
  });

  it('adds up scores with partial credit', () => {
    expect(setOutcome([standing(true, 0.5, 2), standing(true, 1.25, 2)], MODE_SET_RULES.try).score).toEqual({ earned: 1.75, total: 4 });
  });
});
