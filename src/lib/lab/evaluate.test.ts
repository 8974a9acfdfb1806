import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitDocuments } from './documents.ts';
import { createEvaluator, evaluateManifests, type Evaluation } from './evaluate.ts';
import { ALLOW_8080, LAB_YAML, withPolicies } from './test-fixtures.ts';

function errorOf(evaluation: Evaluation) {
  if (evaluation.ok) throw new Error('expected an error');
  return evaluation.error;
}

/** The same answer: the same model, or the same error at the same place. */
function same(a: Evaluation, b: Evaluation): void {
  expect(a.ok).toBe(b.ok);
  if (a.ok && b.ok) expect(JSON.stringify(a.cluster.model)).toBe(JSON.stringify(b.cluster.model));
  if (!a.ok && !b.ok) expect(a.error).toEqual(b.error);
}

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('evaluateManifests', () => {
  it('builds the lab scenario', () => {
    const evaluation = evaluateManifests(LAB_YAML);
    expect(evaluation.ok).toBe(true);
    if (evaluation.ok) expect(evaluation.cluster.model.pods.filter((pod) => !pod.implicit).map((pod) => pod.name)).toEqual(['pod-a', 'pod-b', 'pod-c']);
  });

  it('puts a YAML syntax error on its line', () => {
    const text = LAB_YAML.replace('  name: pod-c\n', '  name: pod-c\n   oops: [\n');
    const error = errorOf(evaluateManifests(text));
    expect(error.message).toContain('invalid YAML');
    // The parser reports it where the mapping breaks: the line before the over-indented key.
    expect(error.line).toBe(lineOf(text, 'oops') - 1);
    expect(error.column).toBe(9);
    // The lab shows the line and column beside the message ("Line 12, column 9: …"): the message names the document only.
    expect(error.message).toMatch(/^document \d+: invalid YAML: /);
    expect(error.message).not.toMatch(/line \d+|column \d+/);
  });

  it('puts an invalid field on its line and column', () => {
    const text = withPolicies(ALLOW_8080.replace('podSelector:\n    matchLabels:\n      app: backend', 'podSelectr:\n    matchLabels:\n      app: backend'));
    const error = errorOf(evaluateManifests(text));
    expect(error.message).toContain('unknown field "spec.podSelectr"');
    expect(error.line).toBe(lineOf(text, 'podSelectr'));
    expect(error.column).toBe(3);
    expect(error.path).toBe('spec.podSelectr');
    expect(error.message).not.toMatch(/line \d+|column \d+/);
  });

  it('finds the line of an error the simulator reports without one (a duplicate object)', () => {
    const text = withPolicies(ALLOW_8080, ALLOW_8080);
    const error = errorOf(evaluateManifests(text));
    expect(error.message).toContain('duplicate object');
    expect(error.path).toBe('metadata.name');
    expect(error.line).toBe(text.slice(0, text.lastIndexOf('name: allow-frontend')).split('\n').length);
  });
});

describe('createEvaluator', () => {
  it('agrees with the whole-text evaluation on the scenarios', () => {
    const evaluator = createEvaluator();
    for (const text of [LAB_YAML, withPolicies(ALLOW_8080), withPolicies(ALLOW_8080, ALLOW_8080), '', '---\n', '# only a comment\n', '%YAML 1.2\n---\nkind: Pod\n']) {
      same(evaluator.update(text).evaluation, evaluateManifests(text));
    }
  });

  it('keeps the last valid cluster running while the text is broken', () => {
    const evaluator = createEvaluator();
    const first = evaluator.update(withPolicies(ALLOW_8080));
    expect(first.stale).toBe(false);
    const broken = evaluator.update(withPolicies(ALLOW_8080).replace('kind: Pod', 'kind: Pdo'));
    expect(broken.evaluation.ok).toBe(false);
    expect(broken.stale).toBe(true);
    expect(broken.running).toBe(first.running);
    const fixed = evaluator.update(LAB_YAML);
    expect(fixed.stale).toBe(false);
    expect(fixed.running).not.toBe(first.running);
    expect(fixed.running?.model.networkPolicies.map((p) => p.name)).toEqual(['default-deny-ingress']);
  });

  it('starts from the initial cluster, and has none without one', () => {
    const scenario = evaluateManifests(LAB_YAML);
    if (!scenario.ok) throw new Error('scenario');
    expect(createEvaluator({ initial: scenario.cluster }).update('kind: [').running).toBe(scenario.cluster);
    const none = createEvaluator().update('kind: [');
    expect(none.running).toBeNull();
    expect(none.stale).toBe(false);
  });

  it('agrees with the whole-text evaluation after any sequence of edits (incremental parsing is invisible)', () => {
    const base = withPolicies(ALLOW_8080);
    const pieces = [' ', '\n', ':', '-', 'a', '{', '}', '[', ']', '"', "'", '#', '1', '\n---\n', '---\n', '\n--- ', '---', '  ', 'kind: Pod\n', '\t', 'name: pod-a', '&x ', '*x', 'Namespace', '|', '>-\n', '? ', '!!str ', '\r\n', '\\', 'a: b: c', '- ', ',', '<<: *x\n'];
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.constantFrom(...pieces) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const evaluator = createEvaluator();
        let text = base;
        evaluator.update(text);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          same(evaluator.update(text).evaluation, evaluateManifests(text));
        }
      }),
      { numRuns: Number(process.env.LAB_FUZZ_RUNS ?? 150) },
    );
  }, 120_000);
});

describe('createEvaluator: the reading of each --- document is cached', () => {
  const text = withPolicies(ALLOW_8080);
  const pieces = splitDocuments(text)!.map((chunk) => chunk.text);
  /** `text` with document `n` (1-based, as the pieces are) replaced by `edit(document)`. */
  const editDocument = (n: number, edit: (document: string) => string, from = pieces): string => from.map((piece, i) => (i === n - 1 ? edit(piece) : piece)).join('');

  it('reads every document once, then only the document an edit changed', () => {
    expect(pieces.length).toBe(8);
    const evaluator = createEvaluator();
    same(evaluator.update(text).evaluation, evaluateManifests(text));
    expect(evaluator.reads()).toBe(8);
    // Document 3 is pod-a: relabel it.
    const edited = editDocument(3, (doc) => doc.replace('app: frontend', 'app: frontendx'));
    const result = evaluator.update(edited);
    expect(evaluator.reads()).toBe(9);
    same(result.evaluation, evaluateManifests(edited));
    expect(result.running?.model.pods.find((pod) => pod.name === 'pod-a')?.labels).toEqual({ app: 'frontendx' });
    // The same text again, and back: nothing new to read for the first, one document for the second.
    evaluator.update(edited);
    expect(evaluator.reads()).toBe(9);
    evaluator.update(text);
    expect(evaluator.reads()).toBe(10);
  });

  it('reads the two halves when an edit adds a --- line, and the joined document when it removes it', () => {
    const evaluator = createEvaluator();
    evaluator.update(text);
    // Split document 6 (the Service) from document 7 (default-deny-ingress) is already there; split document 3 in two:
    // its comment stays above a `---` of its own (an empty document), then the pod.
    const split = editDocument(3, (doc) => doc.replace('apiVersion: v1\nkind: Pod', '---\napiVersion: v1\nkind: Pod'));
    const added = evaluator.update(split);
    expect(evaluator.reads()).toBe(8 + 2);
    same(added.evaluation, evaluateManifests(split));
    const removed = evaluator.update(text);
    expect(evaluator.reads()).toBe(8 + 2 + 1);
    same(removed.evaluation, evaluateManifests(text));
    // Removing a --- between two documents joins them: one reading, and the whole text's answer (a mapping of both).
    const joined = editDocument(5, (doc) => doc.replace(/^---\n/, ''));
    const evaluation = evaluator.update(joined).evaluation;
    expect(evaluator.reads()).toBe(8 + 2 + 1 + 1);
    same(evaluation, evaluateManifests(joined));
  });

  it('reports a document made invalid at its line, then builds again when it is valid again', () => {
    const evaluator = createEvaluator();
    const first = evaluator.update(text);
    // Document 4 (pod-b): an unclosed flow sequence.
    const broken = editDocument(4, (doc) => doc.replace('containerPort: 8080', 'containerPort: [8080'));
    const result = evaluator.update(broken);
    same(result.evaluation, evaluateManifests(broken));
    expect(result.stale).toBe(true);
    expect(result.running).toBe(first.running);
    const error = errorOf(result.evaluation);
    expect(error.documentIndex).toBe(4);
    expect(error.message).toContain('invalid YAML');
    expect(error.line).toBeGreaterThan(lineOf(text, 'name: pod-b'));
    expect(evaluator.reads()).toBe(9);
    const fixed = evaluator.update(text);
    expect(fixed.evaluation.ok).toBe(true);
    expect(fixed.stale).toBe(false);
    expect(evaluator.reads()).toBe(10);
  });

  it('puts a broken unclosed quote where the whole text does (its end is looked for in the documents after it)', () => {
    const evaluator = createEvaluator();
    evaluator.update(text);
    const broken = editDocument(4, (doc) => doc.replace('          containerPort: 9090', '"          containerPort: 9090'));
    same(evaluator.update(broken).evaluation, evaluateManifests(broken));
    expect(errorOf(evaluateManifests(broken)).message).toContain('Missing closing "quote');
  });

  it('shifts the lines of a later document when an earlier one gains lines, without reading it again', () => {
    const evaluator = createEvaluator();
    // An unknown field in document 8 (allow-frontend): a validation error located by the document's own reading.
    const invalid = editDocument(8, (doc) => doc.replace('podSelector:\n    matchLabels:\n      app: backend', 'podSelectr:\n    matchLabels:\n      app: backend'));
    const before = errorOf(evaluator.update(invalid).evaluation);
    expect(before.path).toBe('spec.podSelectr');
    expect(before.line).toBe(lineOf(invalid, 'podSelectr'));
    const reads = evaluator.update(invalid) && evaluator.reads();
    // Two comment lines in document 2: document 8 moves down two lines.
    const longer = editDocument(2, (doc) => doc.replace('apiVersion: v1', '# one\n# two\napiVersion: v1'), splitDocuments(invalid)!.map((c) => c.text));
    const after = errorOf(evaluator.update(longer).evaluation);
    expect(evaluator.reads()).toBe(reads + 1);
    expect(after.line).toBe((before.line ?? 0) + 2);
    expect(after.column).toBe(before.column);
    expect(after).toEqual(errorOf(evaluateManifests(longer)));
    // A syntax error in document 7 moves too.
    const syntax = editDocument(7, (doc) => doc.replace('podSelector: {}', 'podSelector: {'), splitDocuments(longer)!.map((c) => c.text));
    const moved = editDocument(1, (doc) => `# a\n# b\n# c\n${doc}`, splitDocuments(syntax)!.map((c) => c.text));
    const syntaxError = errorOf(evaluator.update(syntax).evaluation);
    const movedError = errorOf(evaluator.update(moved).evaluation);
    expect(movedError.line).toBe((syntaxError.line ?? 0) + 3);
    expect(movedError).toEqual(errorOf(evaluateManifests(moved)));
  });

  it('locates an error the simulator gives no line (a duplicate object) in the document that holds it', () => {
    const evaluator = createEvaluator();
    const twice = withPolicies(ALLOW_8080, ALLOW_8080);
    evaluator.update(twice);
    const longer = `# head\n# more\n${twice}`;
    const error = errorOf(evaluator.update(longer).evaluation);
    expect(error.message).toContain('duplicate object');
    expect(error).toEqual(errorOf(evaluateManifests(longer)));
    expect(error.line).toBe(longer.slice(0, longer.lastIndexOf('name: allow-frontend')).split('\n').length);
  });
});

describe('network settings', () => {
  it('builds the cluster with the kube-proxy mode and plugin the learner chose', () => {
    const evaluator = createEvaluator();
    const enforced = evaluator.update(LAB_YAML).running!;
    expect(enforced.model.network).toMatchObject({ kubeProxyMode: 'iptables', policyPlugin: 'calico' });
    const open = evaluator.update(LAB_YAML, { kubeProxyMode: 'nftables', policyPlugin: 'none' }).running!;
    expect(open.model.network).toMatchObject({ kubeProxyMode: 'nftables', policyPlugin: 'none' });
    // With no enforcing plugin, the lab's default-deny stops nothing.
    expect(enforced.connect({ from: 'default/pod-a', to: 'default/pod-b', port: 8080 }).allowed).toBe(false);
    expect(open.connect({ from: 'default/pod-a', to: 'default/pod-b', port: 8080 }).allowed).toBe(true);
    expect(evaluateManifests(LAB_YAML, { kubeProxyMode: 'ipvs', policyPlugin: 'cilium' })).toMatchObject({ ok: true });
  });
});
