import { describe, expect, it } from 'vitest';
import { answerKeySchema, publicQuestionSchema } from './public-schema.ts';
import type { ResolveContext } from './resolve.ts';
import { answerKeyOf, partCount, resolveQuestion, resolveQuestions, revealAnswer, splitQuestion, toPublicQuestion } from './resolve.ts';
import { QUESTION_KINDS } from './schema.ts';
import { PODS_OUTPUT, RAW, fakeContext, parseOne, resolvedFixture } from './test-fixtures.ts';

describe('resolveQuestion', () => {
  it('adds the computed output of pick-output as an option with a content-derived id', () => {
    const q = resolvedFixture('pick-output');
    expect(q.options).toHaveLength(3);
    const correct = q.options.find((o) => o.id === q.correctOptionId);
    expect(correct?.text).toBe(PODS_OUTPUT);
    expect(q.correctOptionId).toMatch(/^out-[0-9a-z]+$/);
    expect(resolvedFixture('pick-output').correctOptionId).toBe(q.correctOptionId);
  });

  it.each([
    { name: 'distractor equal to the output', patch: { distractors: [`${PODS_OUTPUT}  \n\n`, 'x'] }, error: /distractors\[0\] is the real output of "kubectl get pods"/ },
    { name: 'empty output', patch: { command: 'kubectl get nothing' }, error: /prints nothing/ },
    { name: 'simulator failure', patch: { scenario: 'missing' }, error: /question "q-pick": running "kubectl get pods" in scenario "missing" failed: unknown command/ },
  ])('throws a clear error for $name', ({ patch, error }) => {
    expect(() => resolveQuestion(parseOne({ ...RAW['pick-output'], ...patch }), fakeContext)).toThrow(error);
  });

  it('computes the simulator key, assigning ids and the default protocol', () => {
    const q = resolvedFixture('simulator');
    expect(q.connections.map((c) => [c.id, c.protocol, c.succeeds])).toEqual([
      ['c1', 'TCP', true],
      ['c2', 'TCP', false],
      ['back', 'TCP', false],
    ]);
  });

  it('avoids generated connection ids that clash with authored ones', () => {
    const q = resolveQuestion(
      parseOne({ ...RAW.simulator, connections: [{ from: 'a/b', to: 'x', port: 1 }, { id: 'c1', from: 'a/b', to: 'x', port: 2 }] }),
      fakeContext,
    );
    expect(q.kind === 'simulator' && q.connections.map((c) => c.id)).toEqual(['c1-2', 'c1']);
  });

  it('passes protocol through to connects()', () => {
    const seen: string[] = [];
    const ctx: ResolveContext = { kubectl: () => '', connects: (_s, c) => (seen.push(c.protocol), true) };
    resolveQuestion(parseOne({ ...RAW.simulator, connections: [{ from: 'a/b', to: 'x', port: 53, protocol: 'UDP' }, { from: 'a/b', to: 'x', port: 80 }] }), ctx);
    expect(seen).toEqual(['UDP', 'TCP']);
  });

  it('resolveQuestions lists every failure', () => {
    const bad = parseOne({ ...RAW['pick-output'], scenario: 'missing' });
    const bad2 = parseOne({ ...RAW['pick-output'], id: 'q-pick-2', command: 'kubectl get nothing' });
    expect(() => resolveQuestions([bad, parseOne(RAW.single), bad2], fakeContext, 'lesson.yaml')).toThrow(
      /lesson\.yaml: question "q-pick".*\nlesson\.yaml: question "q-pick-2"/,
    );
  });
});

describe('toPublicQuestion / answerKeyOf', () => {
  const all = QUESTION_KINDS.map((kind) => resolvedFixture(kind));
  const secrets = ['correct', 'answer', 'answers', 'errorLines', 'explanation', 'commonMistakes', 'sampleAnswer', 'lineExplanations', 'checklist', 'succeeds', 'tolerance', 'correctOptionId', 'distractors'];

  it.each(all.map((q) => ({ kind: q.kind, q })))('$kind: public half holds no answers and validates', ({ q }) => {
    const pub = toPublicQuestion(q, 'seed');
    const json = JSON.stringify(pub);
    for (const secret of secrets) expect(json).not.toContain(`"${secret}"`);
    expect(publicQuestionSchema.parse(JSON.parse(json))).toEqual(pub);
    expect(pub.points).toBe(partCount(q));
  });

  it.each(all.map((q) => ({ kind: q.kind, q })))('$kind: key validates and survives JSON', ({ q }) => {
    const key = answerKeyOf(q);
    expect(answerKeySchema.parse(JSON.parse(JSON.stringify(key)))).toEqual(key);
    expect(key.explanation).toBe('Because.');
  });

  it('defaults attempts to null (unlimited) and honours points', () => {
    expect(toPublicQuestion(resolvedFixture('single'), 's').attempts).toBeNull();
    const pub = toPublicQuestion(resolvedFixture('multiple', { attempts: 2, points: 10 }), 's');
    expect([pub.attempts, pub.points]).toEqual([2, 10]);
  });

  it('omits absent optional fields instead of writing undefined', () => {
    expect(Object.keys(toPublicQuestion(resolvedFixture('true-false'), 's'))).toEqual(['id', 'set', 'prompt', 'attempts', 'points', 'kind']);
  });

  it('canonicalises the cidr answer', () => {
    const key = answerKeyOf(resolvedFixture('cidr', { answer: ' 010.244.001.000 /24' }));
    expect(key.kind === 'cidr' && key.answer).toBe('10.244.1.0/24');
  });
});

describe('shuffling in toPublicQuestion', () => {
  const order = (q: ReturnType<typeof toPublicQuestion>): string[] =>
    'options' in q ? q.options.map((o) => o.id) : 'items' in q ? q.items.map((i) => i.id) : [];

  it.each(['single', 'multiple', 'ordering', 'pick-output'] as const)('%s: same seed, same order; other seeds vary', (kind) => {
    const q = resolvedFixture(kind);
    expect(order(toPublicQuestion(q, 'learner-1'))).toEqual(order(toPublicQuestion(q, 'learner-1')));
    const orders = new Set(Array.from({ length: 30 }, (_, i) => order(toPublicQuestion(q, `seed-${i}`)).join(',')));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('never shows ordering items in the correct order', () => {
    for (const items of [['a', 'b', 'c'], ['a', 'b', 'c', 'd'], ['one', 'two', 'three', 'four', 'five']]) {
      const q = resolvedFixture('ordering', { items });
      const correct = q.kind === 'ordering' ? q.items.map((i) => i.id).join(',') : '';
      for (let i = 0; i < 300; i += 1) expect(order(toPublicQuestion(q, `s${i}`)).join(',')).not.toBe(correct);
    }
  });

  it('shuffles the fill-blanks bank deterministically and keeps blanks in template order', () => {
    const q = resolvedFixture('fill-blanks');
    const a = toPublicQuestion(q, 'x');
    expect(a).toEqual(toPublicQuestion(q, 'x'));
    expect(a.kind === 'fill-blanks' && [a.blanks, [...(a.bank ?? [])].sort()]).toEqual([[{ id: 'kind' }, { id: 'type' }], ['ClusterIP', 'Pod', 'Service']]);
  });
});

describe('revealAnswer', () => {
  it.each([
    { kind: 'single', expected: '**Answer:** NodePort' },
    { kind: 'multiple', expected: '- kube-proxy\n- CoreDNS' },
    { kind: 'true-false', expected: '**Answer:** False' },
    { kind: 'fill-blanks', expected: 'kind: Service\nspec:\n  type: ClusterIP' },
    { kind: 'ordering', expected: '1. DNS lookup\n2. Connect to ClusterIP\n3. kube-proxy rewrites\n4. Pod receives' },
    { kind: 'pick-output', expected: PODS_OUTPUT },
    { kind: 'find-error', expected: '**The error is on line 7.**\n\n```yaml\n    - port: "80"\n```\n\n- Line 7: port must be a number' },
    { kind: 'open', expected: '- mentions kube-proxy' },
    { kind: 'numeric', expected: '**Answer:** 256 addresses' },
    { kind: 'cidr', expected: '`10.244.1.0/24`' },
    { kind: 'simulator', expected: '`default/frontend` → `default/backend:443/TCP`: **blocked**' },
  ] as const)('$kind', ({ kind, expected }) => {
    const { public: pub, key } = splitQuestion(resolvedFixture(kind), 's');
    expect(revealAnswer(key, pub)).toContain(expected);
  });

  it('uses a longer fence when the output contains backticks', () => {
    const ctx: ResolveContext = { kubectl: () => 'a ``` b', connects: () => true };
    const { key } = splitQuestion(resolveQuestion(parseOne(RAW['pick-output']), ctx), 's');
    expect(revealAnswer(key)).toContain('````console\na ``` b\n````');
  });
});
