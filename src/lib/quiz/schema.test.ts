import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatQuestionFileError, parseQuestionFile, questionFileSchema, QUESTION_KINDS } from './schema.ts';
import { RAW } from './test-fixtures.ts';

const FILE = 'content/lessons/x/questions.yaml';

/** The formatted error for a file holding `questions`, or '' when valid. */
function errorsFor(questions: unknown[]): string {
  const data = { questions };
  const result = questionFileSchema.safeParse(data);
  return result.success ? '' : formatQuestionFileError(FILE, result.error, data);
}

describe('questionFileSchema: valid questions', () => {
  it.each(QUESTION_KINDS.map((kind) => ({ kind })))('accepts the $kind fixture', ({ kind }) => {
    expect(errorsFor([RAW[kind]])).toBe('');
  });

  it('lets open questions omit explanation (checklist and sample answer explain)', () => {
    expect(errorsFor([{ ...RAW.open, explanation: undefined }])).toBe('');
    expect(errorsFor([{ ...RAW.single, explanation: undefined }])).toContain('explanation: is required');
  });

  it('parses a YAML file as authors write it', () => {
    const yaml = `
questions:
  - id: vq-policy-step
    set: visual-quiz
    kind: single
    difficulty: beginner
    prompt: "Which step applies the NetworkPolicy?"
    explanation: "The CNI enforces it."
    attempts: 2
    options:
      - { id: a, text: "kube-proxy" }
      - { id: b, text: "the CNI plugin", correct: true }
  - id: find-port
    set: try
    kind: find-error
    prompt: Find the broken line.
    explanation: Ports are numbers.
    code: |
      ports:
        - port: "80"
    errorLines: [2]
    lineExplanations:
      2: quoted port
`;
    const file = parseQuestionFile(FILE, parseYaml(yaml));
    expect(file.questions.map((q) => q.id)).toEqual(['vq-policy-step', 'find-port']);
  });
});

type Row = { name: string; question: Record<string, unknown>; expected: string };

const rows: Row[] = [
  {
    name: 'single with two correct options',
    question: { ...RAW.single, options: [{ id: 'a', text: 'x', correct: true }, { id: 'b', text: 'y', correct: true }] },
    expected: 'question "q-single" (#1): options: exactly one option must be marked correct (found 2)',
  },
  {
    name: 'single with no correct option',
    question: { ...RAW.single, options: [{ id: 'a', text: 'x' }, { id: 'b', text: 'y' }] },
    expected: 'question "q-single" (#1): options: exactly one option must be marked correct (found 0)',
  },
  {
    name: 'single with one option',
    question: { ...RAW.single, options: [{ id: 'a', text: 'x', correct: true }] },
    expected: 'question "q-single" (#1): options: needs at least 2 options',
  },
  {
    name: 'duplicate option ids',
    question: { ...RAW.single, options: [{ id: 'a', text: 'x', correct: true }, { id: 'a', text: 'y' }] },
    expected: 'question "q-single" (#1): options[1].id: option id "a" repeats entry 1',
  },
  {
    name: 'multiple with nothing correct',
    question: { ...RAW.multiple, options: [{ id: 'a', text: 'x' }, { id: 'b', text: 'y' }] },
    expected: 'question "q-multiple" (#1): options: at least one option must be marked correct',
  },
  { name: 'missing explanation', question: { ...RAW['true-false'], explanation: undefined }, expected: 'question "q-tf" (#1): explanation: is required' },
  { name: 'empty prompt', question: { ...RAW['true-false'], prompt: '  ' }, expected: 'question "q-tf" (#1): prompt: must not be empty' },
  { name: 'answer not boolean', question: { ...RAW['true-false'], answer: 'yes' }, expected: 'question "q-tf" (#1): answer: must be true or false' },
  { name: 'misspelled field', question: { ...RAW['true-false'], anwser: true }, expected: 'question "q-tf" (#1): unknown field "anwser" (check the spelling)' },
  { name: 'unknown kind', question: { ...RAW['true-false'], kind: 'essay' }, expected: 'question "q-tf" (#1): kind: must be one of: single, multiple, true-false' },
  { name: 'id not kebab-case', question: { ...RAW['true-false'], id: 'Q_1' }, expected: 'question "Q_1" (#1): id: must be kebab-case' },
  { name: 'bad difficulty', question: { ...RAW['true-false'], difficulty: 'easy' }, expected: 'question "q-tf" (#1): difficulty: must be one of: beginner, intermediate, advanced' },
  { name: 'attempts zero', question: { ...RAW['true-false'], attempts: 0 }, expected: 'question "q-tf" (#1): attempts: must be greater than 0' },
  { name: 'fractional time limit', question: { ...RAW['true-false'], timeLimitSeconds: 1.5 }, expected: 'question "q-tf" (#1): timeLimitSeconds: must be a whole number' },
  {
    name: 'template blank without definition',
    question: { ...RAW['fill-blanks'], template: '{{kind}} {{type}} {{port}}' },
    expected: 'question "q-fill" (#1): template: uses {{port}} but blanks has no id "port"',
  },
  {
    name: 'blank written with spaces',
    question: { ...RAW['fill-blanks'], template: '{{kind}} {{ type }}' },
    expected: 'question "q-fill" (#1): template: write blanks without spaces: {{type}}, not {{ type }}',
  },
  {
    name: 'blank missing from template',
    question: { ...RAW['fill-blanks'], template: 'kind: {{kind}}' },
    expected: 'question "q-fill" (#1): blanks[1].id: blank "type" does not appear in the template as {{type}}',
  },
  {
    name: 'bank missing a first answer',
    question: { ...RAW['fill-blanks'], bank: ['Service', 'Pod'] },
    expected: 'question "q-fill" (#1): blanks[1].answers[0]: "ClusterIP" (the first answer of blank "type") must also be in bank',
  },
  { name: 'ordering with two items', question: { ...RAW.ordering, items: ['a', 'b'] }, expected: 'question "q-order" (#1): items: needs at least 3 items' },
  { name: 'pick-output with one distractor', question: { ...RAW['pick-output'], distractors: ['x'] }, expected: 'question "q-pick" (#1): distractors: needs at least 2 wrong outputs' },
  { name: 'find-error line past end', question: { ...RAW['find-error'], errorLines: [9] }, expected: 'question "q-find" (#1): errorLines[0]: line 9 is past the end of code (7 lines)' },
  { name: 'find-error without code', question: { ...RAW['find-error'], code: undefined }, expected: 'question "q-find" (#1): code: is required' },
  { name: 'open without checklist', question: { ...RAW.open, checklist: [] }, expected: 'question "q-open" (#1): checklist: needs at least one item' },
  { name: 'numeric answer as text', question: { ...RAW.numeric, answer: '256' }, expected: 'question "q-num" (#1): answer: must be a number' },
  { name: 'cidr with host bits', question: { ...RAW.cidr, answer: '10.244.1.5/24' }, expected: 'question "q-cidr" (#1): answer: 10.244.1.5/24 has host bits set; write the network 10.244.1.0/24' },
  { name: 'cidr malformed', question: { ...RAW.cidr, answer: '10.244.1.0' }, expected: 'question "q-cidr" (#1): answer: Add a prefix length' },
  {
    name: 'simulator bad from',
    question: { ...RAW.simulator, connections: [{ from: 'frontend', to: 'x', port: 80 }, { from: 'a/b', to: 'x', port: 80 }] },
    expected: 'question "q-sim" (#1): connections[0].from: must be "namespace/pod"',
  },
  {
    name: 'simulator port out of range',
    question: { ...RAW.simulator, connections: [{ from: 'a/b', to: 'x', port: 70000 }, { from: 'a/b', to: 'x', port: 80 }] },
    expected: 'question "q-sim" (#1): connections[0].port: must be 1–65535',
  },
  { name: 'not a mapping', question: 'just text' as unknown as Record<string, unknown>, expected: 'question #1: must be a mapping' },
];

describe('questionFileSchema: error messages name the question and field', () => {
  it.each(rows)('$name', ({ question, expected }) => {
    const message = errorsFor([question]);
    expect(message.split('\n')).toContainEqual(expect.stringContaining(`${FILE}: ${expected}`));
  });

  it('rejects duplicate ids, reporting them together with other errors', () => {
    const message = errorsFor([RAW.single, { ...RAW['true-false'], id: 'q-single', answer: 'x' }]);
    expect(message).toContain(`${FILE}: question "q-single" (#2): id: duplicate id "q-single": question #1 already uses it`);
    expect(message).toContain(`${FILE}: question "q-single" (#2): answer: must be true or false`);
  });

  it('reports a file without questions', () => {
    const result = questionFileSchema.safeParse({});
    expect(result.success ? '' : formatQuestionFileError(FILE, result.error, {})).toBe(`${FILE}: questions: is required`);
  });

  it('parseQuestionFile throws the formatted message', () => {
    expect(() => parseQuestionFile(FILE, { questions: [{ ...RAW.cidr, answer: 'nope' }] })).toThrow(`${FILE}: question "q-cidr" (#1): answer:`);
  });
});
