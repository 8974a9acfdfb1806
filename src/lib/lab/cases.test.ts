import { describe, expect, it } from 'vitest';
import { answerHash, caseStatus, checkedTaskIds, diagnosisChoices, fnv1a, isRightDiagnosis, labDone, labScore, rootCauseKey, rootCauseLabel, taskStanding } from './cases.ts';
import { labSchema, labTaskSchema } from './lab-schema.ts';

const selector = { layer: 'service', object: 'Service shop/backend', field: 'spec.selector' };
const policy = { layer: 'policy', object: 'NetworkPolicy shop/backend-ingress', field: 'spec.ingress[0].from' };
const port = { layer: 'service', object: 'Service shop/backend', field: 'spec.ports[0].targetPort' };
const extra = { layer: 'dns', object: 'ConfigMap kube-system/coredns', field: 'data.Corefile' };
const tasks = [
  { id: 'selector-typo', diagnosis: { answer: selector, choices: [extra] } },
  { id: 'policy-deny', diagnosis: { answer: policy } },
  { id: 'wrong-port', diagnosis: { answer: port, choices: [selector] } },
  { id: 'plain' },
];

describe('diagnosis choices', () => {
  it('offers the answer, the other cases answers and the extra distractors, each once', () => {
    const keys = diagnosisChoices(tasks[2]!, tasks).map((choice) => choice.key).sort();
    expect(keys).toEqual([rootCauseKey(policy), rootCauseKey(port), rootCauseKey(selector)].sort());
    expect(diagnosisChoices(tasks[0]!, tasks)).toHaveLength(4);
    expect(diagnosisChoices(tasks[3]!, tasks)).toEqual([]);
  });

  it('orders them the same on every call, from the task id alone (no randomness)', () => {
    const once = diagnosisChoices(tasks[0]!, tasks).map((c) => c.key);
    expect(diagnosisChoices(tasks[0]!, [...tasks].reverse()).map((c) => c.key)).toEqual(once);
    // Another id orders the same four causes by other hashes: the answer does not always come first.
    const firsts = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => diagnosisChoices({ ...tasks[0]!, id }, tasks)[0]!.key);
    expect(new Set(firsts).size).toBeGreaterThan(1);
  });

  it('names a cause by the method card layer, the object and the field', () => {
    expect(rootCauseLabel(policy)).toBe('NetworkPolicy: NetworkPolicy shop/backend-ingress, spec.ingress[0].from');
    expect(rootCauseKey({ ...selector, object: '  service  shop/backend ' })).toBe(rootCauseKey(selector));
  });

  it('checks a pick against the hash the page carries, never the answer itself', () => {
    const hash = answerHash('selector-typo', selector);
    expect(hash).toMatch(/^[0-9a-f]{8}$/);
    expect(isRightDiagnosis('selector-typo', rootCauseKey(selector), hash)).toBe(true);
    expect(isRightDiagnosis('selector-typo', rootCauseKey(policy), hash)).toBe(false);
    expect(isRightDiagnosis('policy-deny', rootCauseKey(selector), hash)).toBe(false);
    // FNV-1a 32-bit test vectors (http://www.isthe.com/chongo/tech/comp/fnv/ "FNV-1a" of "" and "a").
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
  });
});

describe('case status and score', () => {
  it('passes a case only with the right diagnosis and the checks passing', () => {
    expect(caseStatus(true, true, true).passed).toBe(true);
    expect(caseStatus(true, true, false)).toEqual({ diagnosed: false, fixed: true, passed: false });
    expect(caseStatus(false, true, true)).toEqual({ diagnosed: true, fixed: false, passed: false });
    expect(caseStatus(true, false, false).passed).toBe(true);
  });

  it('gives half a point for a case passed after its last hint, and never blocks it', () => {
    const list = [{ id: 'a', hints: 3 }, { id: 'b', hints: 3 }, { id: 'c', hints: 1 }];
    expect(labScore(list, new Set(['a', 'b', 'c']), { a: 3, b: 2, c: 1 })).toEqual({ points: 2.5, max: 3 });
    expect(labScore(list, new Set(['a']), { a: 3 })).toEqual({ points: 0.5, max: 3 });
  });
});

describe('lab.yaml case fields', () => {
  const base = { id: 'selector-typo', title: 'Checkout is down', goal: 'Find out why frontend cannot reach backend.', expect: [{ from: 'shop/frontend', to: 'shop/backend', port: 8080, allowed: true }] };
  const solution = { apply: 'kind: Service\n' };

  it('accepts a case: scenario, settings, symptom, diagnosis, keep, hints and its own solution', () => {
    const task = labTaskSchema.parse({
      ...base,
      scenario: 'case-selector-typo',
      settings: { datapath: 'vxlan' },
      symptom: { command: 'kubectl -n shop exec frontend -- wget -qO- -T 2 backend' },
      diagnosis: { answer: selector, choices: [extra] },
      keep: { expect: [{ from: 'shop/intruder', to: 'shop/backend', port: 8080, allowed: false }] },
      hints: ['Layer: the Service.', 'Run kubectl get endpointslices.', 'Compare the selector and the labels.'],
      solution,
    });
    expect(task.diagnosis?.prompt).toBe('What is the root cause?');
    expect(task.keep?.expect).toHaveLength(1);
    expect(task.keep?.http).toEqual([]);
  });

  it.each([
    ['neither hint nor hints', {}, 'needs hint (one nudge) or hints'],
    ['both', { hint: 'Look.', hints: ['Look.'] }, 'give hint or hints, not both'],
    ['four hints', { hints: ['one', 'two', 'three', 'four'] }, 'at most 3 hints'],
    ['a scenario without its fix', { hint: 'Look.', scenario: 'case-a' }, 'is required with scenario'],
    ['settings without a scenario', { hint: 'Look.', settings: { datapath: 'vxlan' } }, 'settings belong to a task with its own scenario'],
    ['a fix without a scenario', { hint: 'Look.', solution }, 'needs the task\'s own scenario'],
    ['an unknown layer', { hint: 'Look.', scenario: 'a', solution, diagnosis: { answer: { ...selector, layer: 'kernel' } } }, 'must be one of: client, dns, service'],
    ['a diagnosis without an object', { hint: 'Look.', scenario: 'a', solution, diagnosis: { answer: { layer: 'dns', field: 'x' } } }, 'is required'],
  ])('rejects %s with a clear message', (_name, fields, message) => {
    const result = labTaskSchema.safeParse({ ...base, ...fields });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toContain(message);
  });

  it('needs the lab-level solution only while some task shares the sandbox', () => {
    const cases = [{ ...base, hint: 'Look.', scenario: 'case-a', solution }];
    expect(labSchema.safeParse({ scenario: 'base', tasks: cases }).success).toBe(true);
    const mixed = labSchema.safeParse({ scenario: 'base', tasks: [...cases, { ...base, id: 'shared', hint: 'Look.' }] });
    expect(mixed.error?.issues.map((issue) => issue.message)).toContain('is required: tasks without their own scenario are solved in the shared sandbox');
  });
});

describe('lab progress with cases', () => {
  const shared = [{ id: 'a', isCase: false }, { id: 'b', isCase: false }];
  const mixed = [{ id: 'a', isCase: false }, { id: 'c1', isCase: true }, { id: 'c2', isCase: true }];

  it('checks the open case alone, else every shared task', () => {
    expect(checkedTaskIds(mixed, 'c2')).toEqual(['c2']);
    expect(checkedTaskIds(mixed, undefined)).toEqual(['a']);
    expect(checkedTaskIds(mixed, 'a')).toEqual(['a']);
    expect(checkedTaskIds(mixed, 'gone')).toEqual(['a']);
  });

  it('keeps a lab without cases done only when every task passes at once', () => {
    expect(labDone(shared, new Map([['a', true], ['b', false]]), new Set(['b']))).toBe(false);
    expect(labDone(shared, new Map([['a', true], ['b', true]]), new Set())).toBe(true);
  });

  it('calls a lab with cases done when every task passed, now or before', () => {
    expect(labDone(mixed, new Map([['c2', true]]), new Set(['a']))).toBe(false);
    expect(labDone(mixed, new Map([['c2', true]]), new Set(['a', 'c1']))).toBe(true);
    expect(taskStanding(mixed, new Map([['c2', false]]), new Set(['c1', 'c2']))).toEqual(new Map([['a', false], ['c1', true], ['c2', false]]));
  });
});
