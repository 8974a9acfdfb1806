import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Answer, GradeResult, GradeStatus } from './grade.ts';
import { grade } from './grade.ts';
import type { ResolvedQuestion } from './resolve.ts';
import { splitQuestion } from './resolve.ts';
import type { QuestionKind } from './schema.ts';
import { QUESTION_KINDS } from './schema.ts';
import { resolvedFixture } from './test-fixtures.ts';

type Row = {
  name: string;
  kind: QuestionKind;
  patch?: Record<string, unknown>;
  answer: (q: ResolvedQuestion) => unknown;
  status: GradeStatus;
  earned: number;
  total: number;
  message?: RegExp;
};

const itemIds = (q: ResolvedQuestion): string[] => (q.kind === 'ordering' ? q.items.map((i) => i.id) : []);
const pickIds = (q: ResolvedQuestion): { right: string; wrong: string } =>
  q.kind === 'pick-output'
    ? { right: q.correctOptionId, wrong: q.options.find((o) => o.id !== q.correctOptionId)?.id ?? '' }
    : { right: '', wrong: '' };
const hostileRecord = JSON.parse('{"__proto__": "Service", "kind": "Service", "type": "ClusterIP"}') as unknown;

const rows: Row[] = [
  // single
  { name: 'single: right option', kind: 'single', answer: () => ({ optionId: 'b' }), status: 'correct', earned: 1, total: 1 },
  { name: 'single: wrong option', kind: 'single', answer: () => ({ optionId: 'a' }), status: 'incorrect', earned: 0, total: 1 },
  { name: 'single: nothing chosen', kind: 'single', answer: () => ({}), status: 'invalid', earned: 0, total: 1, message: /Choose one/ },
  { name: 'single: unknown option', kind: 'single', answer: () => ({ optionId: 'zz' }), status: 'invalid', earned: 0, total: 1, message: /not one of the options/ },
  { name: 'single: __proto__ id', kind: 'single', answer: () => ({ optionId: '__proto__' }), status: 'invalid', earned: 0, total: 1 },
  { name: 'single: number id', kind: 'single', answer: () => ({ optionId: 1 }), status: 'invalid', earned: 0, total: 1 },
  { name: 'single: points scale', kind: 'single', patch: { points: 3 }, answer: () => ({ optionId: 'b' }), status: 'correct', earned: 3, total: 3 },
  // multiple: a, b correct of a b c d
  { name: 'multiple: exact', kind: 'multiple', answer: () => ({ optionIds: ['b', 'a'] }), status: 'correct', earned: 4, total: 4 },
  { name: 'multiple: one missing', kind: 'multiple', answer: () => ({ optionIds: ['a'] }), status: 'partial', earned: 3, total: 4, message: /3 of 4/ },
  { name: 'multiple: all ticked', kind: 'multiple', answer: () => ({ optionIds: ['a', 'b', 'c', 'd'] }), status: 'partial', earned: 2, total: 4 },
  { name: 'multiple: all wrong', kind: 'multiple', answer: () => ({ optionIds: ['c', 'd'] }), status: 'incorrect', earned: 0, total: 4 },
  { name: 'multiple: duplicates ignored', kind: 'multiple', answer: () => ({ optionIds: ['a', 'a', 'b'] }), status: 'correct', earned: 4, total: 4 },
  { name: 'multiple: points 2 of 4 parts', kind: 'multiple', patch: { points: 2 }, answer: () => ({ optionIds: ['a'] }), status: 'partial', earned: 1.5, total: 2 },
  { name: 'multiple: empty', kind: 'multiple', answer: () => ({ optionIds: [] }), status: 'invalid', earned: 0, total: 4, message: /at least one/ },
  { name: 'multiple: unknown id', kind: 'multiple', answer: () => ({ optionIds: ['a', 'x'] }), status: 'invalid', earned: 0, total: 4 },
  { name: 'multiple: not a list', kind: 'multiple', answer: () => ({ optionIds: 'a' }), status: 'invalid', earned: 0, total: 4 },
  { name: 'multiple: sparse list', kind: 'multiple', answer: () => ({ optionIds: [, 'a'] }), status: 'invalid', earned: 0, total: 4 },
  // true-false (answer false)
  { name: 'true-false: right', kind: 'true-false', answer: () => ({ value: false }), status: 'correct', earned: 1, total: 1 },
  { name: 'true-false: wrong', kind: 'true-false', answer: () => ({ value: true }), status: 'incorrect', earned: 0, total: 1 },
  { name: 'true-false: string', kind: 'true-false', answer: () => ({ value: 'false' }), status: 'invalid', earned: 0, total: 1 },
  // fill-blanks
  { name: 'fill: right', kind: 'fill-blanks', answer: () => ({ blanks: { kind: 'Service', type: 'ClusterIP' } }), status: 'correct', earned: 2, total: 2 },
  { name: 'fill: alt answer, case-insensitive, spaces', kind: 'fill-blanks', answer: () => ({ blanks: { kind: ' Service ', type: 'CLUSTER-IP' } }), status: 'correct', earned: 2, total: 2 },
  { name: 'fill: case-sensitive blank', kind: 'fill-blanks', answer: () => ({ blanks: { kind: 'service', type: 'ClusterIP' } }), status: 'partial', earned: 1, total: 2, message: /1 of 2 blanks/ },
  { name: 'fill: both wrong', kind: 'fill-blanks', answer: () => ({ blanks: { kind: 'Pod', type: 'Pod' } }), status: 'incorrect', earned: 0, total: 2 },
  { name: 'fill: empty blank', kind: 'fill-blanks', answer: () => ({ blanks: { kind: 'Service', type: '   ' } }), status: 'invalid', earned: 0, total: 2, message: /empty blank/ },
  { name: 'fill: missing blank', kind: 'fill-blanks', answer: () => ({ blanks: { kind: 'Service' } }), status: 'invalid', earned: 0, total: 2 },
  { name: 'fill: unknown blank', kind: 'fill-blanks', answer: () => ({ blanks: { kind: 'Service', type: 'ClusterIP', extra: 'x' } }), status: 'invalid', earned: 0, total: 2, message: /"extra" is not a blank/ },
  { name: 'fill: __proto__ key', kind: 'fill-blanks', answer: () => ({ blanks: hostileRecord }), status: 'invalid', earned: 0, total: 2, message: /__proto__/ },
  { name: 'fill: huge string', kind: 'fill-blanks', answer: () => ({ blanks: { kind: 'x'.repeat(100_000), type: 'ClusterIP' } }), status: 'invalid', earned: 0, total: 2, message: /too long/ },
  { name: 'fill: array instead of record', kind: 'fill-blanks', answer: () => ({ blanks: ['Service', 'ClusterIP'] }), status: 'invalid', earned: 0, total: 2 },
  // ordering
  { name: 'ordering: right', kind: 'ordering', answer: (q) => ({ order: itemIds(q) }), status: 'correct', earned: 4, total: 4 },
  {
    name: 'ordering: two swapped',
    kind: 'ordering',
    answer: (q) => {
      const [a = '', b = '', ...rest] = itemIds(q);
      return { order: [b, a, ...rest] };
    },
    status: 'partial',
    earned: 2,
    total: 4,
    message: /2 of 4 items/,
  },
  { name: 'ordering: reversed', kind: 'ordering', answer: (q) => ({ order: itemIds(q).reverse() }), status: 'incorrect', earned: 0, total: 4 },
  { name: 'ordering: too few', kind: 'ordering', answer: (q) => ({ order: itemIds(q).slice(1) }), status: 'invalid', earned: 0, total: 4, message: /Place all 4/ },
  {
    name: 'ordering: duplicate',
    kind: 'ordering',
    answer: (q) => {
      const ids = itemIds(q);
      return { order: [ids[0], ...ids.slice(0, 3)] };
    },
    status: 'invalid',
    earned: 0,
    total: 4,
    message: /exactly once/,
  },
  { name: 'ordering: unknown id', kind: 'ordering', answer: () => ({ order: ['a', 'b', 'c', 'd'] }), status: 'invalid', earned: 0, total: 4 },
  // pick-output
  { name: 'pick: computed output', kind: 'pick-output', answer: (q) => ({ optionId: pickIds(q).right }), status: 'correct', earned: 1, total: 1 },
  { name: 'pick: distractor', kind: 'pick-output', answer: (q) => ({ optionId: pickIds(q).wrong }), status: 'incorrect', earned: 0, total: 1 },
  { name: 'pick: none', kind: 'pick-output', answer: () => ({ optionId: '' }), status: 'invalid', earned: 0, total: 1 },
  // find-error: error on line 7 of 7
  { name: 'find: right line', kind: 'find-error', answer: () => ({ line: 7 }), status: 'correct', earned: 1, total: 1 },
  { name: 'find: wrong line with note', kind: 'find-error', answer: () => ({ line: 2 }), status: 'incorrect', earned: 0, total: 1, message: /Line 2 is not/ },
  { name: 'find: out of range', kind: 'find-error', answer: () => ({ line: 8 }), status: 'invalid', earned: 0, total: 1, message: /1–7/ },
  { name: 'find: NaN', kind: 'find-error', answer: () => ({ line: Number.NaN }), status: 'invalid', earned: 0, total: 1 },
  { name: 'find: fraction', kind: 'find-error', answer: () => ({ line: 2.5 }), status: 'invalid', earned: 0, total: 1 },
  { name: 'find: string', kind: 'find-error', answer: () => ({ line: '7' }), status: 'invalid', earned: 0, total: 1 },
  // open: 3 checklist items
  { name: 'open: all covered', kind: 'open', answer: () => ({ text: 'My answer', checked: [0, 1, 2] }), status: 'correct', earned: 3, total: 3 },
  { name: 'open: some covered', kind: 'open', answer: () => ({ text: 'My answer', checked: [2, 0, 0] }), status: 'partial', earned: 2, total: 3, message: /2 of 3/ },
  { name: 'open: none covered', kind: 'open', answer: () => ({ text: 'My answer', checked: [] }), status: 'incorrect', earned: 0, total: 3 },
  { name: 'open: empty text', kind: 'open', answer: () => ({ text: '  \n ', checked: [0] }), status: 'invalid', earned: 0, total: 3, message: /Write your answer/ },
  { name: 'open: index out of range', kind: 'open', answer: () => ({ text: 'x', checked: [3] }), status: 'invalid', earned: 0, total: 3 },
  { name: 'open: NaN index', kind: 'open', answer: () => ({ text: 'x', checked: [Number.NaN] }), status: 'invalid', earned: 0, total: 3 },
  { name: 'open: huge text', kind: 'open', answer: () => ({ text: 'x'.repeat(1_000_000), checked: [] }), status: 'invalid', earned: 0, total: 3 },
  // numeric: 256 addresses
  ...(
    [
      ['256', 'correct'],
      [' 256 ', 'correct'],
      ['256 addresses', 'correct'],
      ['256 Address', 'correct'],
      ['+256.0', 'correct'],
      ['255', 'incorrect'],
      ['1,024', 'incorrect'],
      ['256 bananas', 'invalid'],
      ['abc', 'invalid'],
      ['', 'invalid'],
      ['25 6', 'invalid'],
      ['2,56', 'invalid'],
      ['NaN', 'invalid'],
      ['Infinity', 'invalid'],
    ] as const
  ).map(([value, status]): Row => ({
    name: `numeric: "${value}"`,
    kind: 'numeric',
    answer: () => ({ value }),
    status,
    earned: status === 'correct' ? 1 : 0,
    total: 1,
  })),
  { name: 'numeric: thousands comma', kind: 'numeric', patch: { answer: 1024 }, answer: () => ({ value: '1,024 addresses' }), status: 'correct', earned: 1, total: 1 },
  { name: 'numeric: tolerance', kind: 'numeric', patch: { answer: 1.5, tolerance: 0.1, unit: undefined }, answer: () => ({ value: '1.58' }), status: 'correct', earned: 1, total: 1 },
  { name: 'numeric: unit not allowed', kind: 'numeric', patch: { unit: undefined }, answer: () => ({ value: '256 addresses' }), status: 'invalid', earned: 0, total: 1, message: /without "addresses"/ },
  { name: 'numeric: bananas message', kind: 'numeric', answer: () => ({ value: '256 bananas' }), status: 'invalid', earned: 0, total: 1, message: /answer in addresses/ },
  { name: 'numeric: NaN number', kind: 'numeric', answer: () => ({ value: Number.NaN }), status: 'invalid', earned: 0, total: 1 },
  { name: 'numeric: plain number accepted', kind: 'numeric', answer: () => ({ value: 256 }), status: 'correct', earned: 1, total: 1 },
  // cidr: 10.244.1.0/24
  ...(
    [
      ['10.244.1.0/24', 'correct', /Correct/],
      [' 10.244.1.0 / 24 ', 'correct', /Correct/],
      ['010.244.001.000/24', 'correct', /Correct/],
      ['10.244.1.5/24', 'incorrect', /host bits set.*10\.244\.1\.0\/24/],
      ['10.244.1.0/16', 'incorrect', /host bits set.*10\.244\.0\.0\/16/],
      ['10.244.1.0/25', 'incorrect', /check the prefix length/],
      ['10.244.2.0/24', 'incorrect', /not the right network/],
      ['10.244.1.0', 'invalid', /prefix length/],
      ['10.244.1/24', 'invalid', /not an IPv4 address/],
      ['10.244.1.256/24', 'invalid', /not an IPv4 address/],
      ['10.244.1.0/33', 'invalid', /\/0 to \/32/],
      ['banana', 'invalid', /prefix/],
    ] as const
  ).map(([value, status, message]): Row => ({
    name: `cidr: "${value}"`,
    kind: 'cidr',
    answer: () => ({ value }),
    status,
    earned: status === 'correct' ? 1 : 0,
    total: 1,
    message,
  })),
  // simulator: frontend→backend:80 succeeds; :443 blocked; back→frontend:80 blocked
  { name: 'simulator: right', kind: 'simulator', answer: () => ({ succeeds: ['c1'] }), status: 'correct', earned: 3, total: 3 },
  { name: 'simulator: none ticked is valid', kind: 'simulator', answer: () => ({ succeeds: [] }), status: 'partial', earned: 2, total: 3 },
  { name: 'simulator: all ticked', kind: 'simulator', answer: () => ({ succeeds: ['c1', 'c2', 'back'] }), status: 'partial', earned: 1, total: 3, message: /1 of 3 connections/ },
  { name: 'simulator: all wrong', kind: 'simulator', answer: () => ({ succeeds: ['c2', 'back'] }), status: 'incorrect', earned: 0, total: 3 },
  { name: 'simulator: unknown id', kind: 'simulator', answer: () => ({ succeeds: ['c9'] }), status: 'invalid', earned: 0, total: 3 },
  { name: 'simulator: missing field', kind: 'simulator', answer: () => ({}), status: 'invalid', earned: 0, total: 3 },
];

describe('grade', () => {
  it.each(rows)('$name → $status $earned/$total', (row) => {
    const q = resolvedFixture(row.kind, row.patch);
    const result = grade(q, row.answer(q) as Answer);
    expect(result.status).toBe(row.status);
    expect(result.earned).toBe(row.earned);
    expect(result.total).toBe(row.total);
    if (row.message !== undefined) expect(result.message).toMatch(row.message);
    if (row.status === 'invalid') expect(result.parts).toEqual([]);
  });

  it.each(QUESTION_KINDS.map((kind) => ({ kind })))('$kind: non-object answers are invalid', ({ kind }) => {
    const q = resolvedFixture(kind);
    for (const answer of [null, undefined, 42, 'b', [], true]) {
      expect(grade(q, answer as unknown as Answer).status).toBe('invalid');
    }
  });

  it('grades the same from a { public, key } pair as from the resolved question', () => {
    for (const row of rows) {
      const q = resolvedFixture(row.kind, row.patch);
      const byId = (r: GradeResult) => ({ ...r, parts: [...r.parts].sort((a, b) => a.id.localeCompare(b.id)) });
      expect(byId(grade(splitQuestion(q, 'some-seed'), row.answer(q) as Answer))).toEqual(byId(grade(q, row.answer(q) as Answer)));
    }
  });

  it('throws when the public half and key belong to different questions', () => {
    const a = splitQuestion(resolvedFixture('single'), 's');
    const b = splitQuestion(resolvedFixture('true-false'), 's');
    expect(() => grade({ public: a.public, key: b.key }, { value: true })).toThrow(/does not match/);
  });

  it('per-part feedback names each multiple-choice option', () => {
    const result = grade(resolvedFixture('multiple'), { optionIds: ['a', 'c'] });
    expect([...result.parts].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'a', correct: true, message: 'Correctly ticked.' },
      { id: 'b', correct: false, message: 'Should be ticked.' },
      { id: 'c', correct: false, message: 'Should not be ticked.' },
      { id: 'd', correct: true, message: 'Correctly left unticked.' },
    ]);
  });

  it('find-error parts carry the line explanation', () => {
    expect(grade(resolvedFixture('find-error'), { line: 7 }).parts[0]?.message).toBe('port must be a number, not a string.');
  });
});

describe('grade (property)', () => {
  const questions = QUESTION_KINDS.map((kind) => resolvedFixture(kind));
  const anything = fc.anything({
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withTypedArray: true,
    withSparseArray: true,
    withBigInt: true,
    withDate: true,
  });
  // Answers shaped like real ones, with hostile contents, reach the per-kind checks.
  const shaped = fc.record(
    {
      optionId: anything,
      optionIds: fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c', 'd', '__proto__'), anything)),
      value: fc.oneof(fc.string(), fc.double(), anything),
      blanks: fc.dictionary(fc.constantFrom('kind', 'type', '__proto__', 'constructor'), fc.oneof(fc.string(), anything)),
      order: fc.array(fc.oneof(fc.string(), anything)),
      line: fc.oneof(fc.integer({ min: -3, max: 10 }), fc.double(), anything),
      text: fc.oneof(fc.string(), anything),
      checked: fc.array(fc.oneof(fc.integer({ min: -1, max: 4 }), anything)),
      succeeds: fc.array(fc.oneof(fc.constantFrom('c1', 'c2', 'back'), anything)),
    },
    { requiredKeys: [] },
  );

  it('never throws and keeps earned within [0, total]', () => {
    fc.assert(
      fc.property(fc.constantFrom(...questions), fc.oneof(anything, shaped), (q, answer) => {
        const result = grade(q, answer as Answer);
        expect(result.earned).toBeGreaterThanOrEqual(0);
        expect(result.earned).toBeLessThanOrEqual(result.total);
        expect(['correct', 'partial', 'incorrect', 'invalid']).toContain(result.status);
        if (result.status === 'invalid') expect(result.earned).toBe(0);
      }),
      { numRuns: 1500 },
    );
  });
});
