import { describe, expect, it } from 'vitest';
import { answerSummary, answerVerdict, draftsReducer, verdictsFor, withAnswers } from './answer-form.ts';
import type { AnswerResult } from './task-results.ts';

const result = (over: Partial<AnswerResult>): AnswerResult => ({ id: 'q', choices: null, answered: true, right: false, ...over });

describe('the question form', () => {
  it('keeps the drafts picked or typed, and takes the saved answers when they arrive', () => {
    let drafts = draftsReducer({}, { id: 'ipam', value: 'bridge' });
    drafts = draftsReducer(drafts, { id: 'ipam', value: 'host-local' });
    expect(draftsReducer(drafts, { id: 'ipam', value: 'host-local' })).toBe(drafts);
    expect(drafts).toEqual({ ipam: 'host-local' });
    expect(draftsReducer({ last: 'bridge' }, { load: { ipam: 'host-local' } })).toEqual({ last: 'bridge', ipam: 'host-local' });
  });

  it('hands the checker each asking task with its checked answers, and the other tasks as they are', () => {
    const tasks = [{ id: 'a' }, { id: 'b', ask: [{ id: 'q' }] }];
    const out = withAnswers(tasks, (id) => (id === 'b' ? { q: 'portmap' } : { q: 'never' }));
    expect(out[0]).toBe(tasks[0]);
    expect(out[1]).toEqual({ id: 'b', ask: [{ id: 'q' }], answers: { q: 'portmap' } });
  });

  it('says for each question whether it is right for the current cluster, unanswered, or not answerable', () => {
    expect(answerVerdict(result({ right: true }))).toBe('✓ Right for the current cluster.');
    expect(answerVerdict(result({}))).toBe('✗ Not right for the current cluster.');
    expect(answerVerdict(result({ answered: false }))).toBe('Not answered yet.');
    expect(answerVerdict(result({ error: 'containerd on node-3 loads no network' }))).toBe('This cannot be answered on the current cluster: containerd on node-3 loads no network.');
    expect(answerVerdict(undefined)).toBe('');
  });

  it('sums up a check in one sentence, naming the questions that are not right', () => {
    expect(answerSummary([result({ right: true }), result({ right: true })])).toBe('2 of 2 answers right.');
    expect(answerSummary([result({ right: true }), result({})])).toBe('1 of 2 answers right: question 2 is not right.');
    expect(answerSummary([result({ answered: false }), result({ error: 'x' })])).toBe('0 of 2 answers right: question 1 is not answered; question 2 cannot be answered on the current cluster.');
    expect(answerSummary([result({})])).toBe('0 of 1 answer right: question 1 is not right.');
  });

  it('gives no verdict until the results were checked with the saved answers (the first view has none)', () => {
    const questions = [{ id: 'a' }, { id: 'b' }];
    const unchecked = [result({ answered: false }), result({ answered: false })];
    expect(verdictsFor(questions, unchecked, { a: 'host-local', b: 'portmap' })).toBe(false);
    expect(verdictsFor(questions, [result({ right: true }), result({})], { a: 'host-local', b: 'portmap' })).toBe(true);
    expect(verdictsFor(questions, [result({ right: true }), result({ answered: false })], { a: 'host-local', b: ' ' })).toBe(true);
    expect(verdictsFor(questions, unchecked, undefined)).toBe(false);
    expect(verdictsFor(questions, undefined, {})).toBe(false);
  });
});
