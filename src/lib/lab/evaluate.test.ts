import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
  });

  it('puts an invalid field on its line and column', () => {
    const text = withPolicies(ALLOW_8080.replace('podSelector:\n    matchLabels:\n      app: backend', 'podSelectr:\n    matchLabels:\n      app: backend'));
    const error = errorOf(evaluateManifests(text));
    expect(error.message).toContain('unknown field "spec.podSelectr"');
    expect(error.line).toBe(lineOf(text, 'podSelectr'));
    expect(error.column).toBe(3);
    expect(error.path).toBe('spec.podSelectr');
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
    const pieces = [' ', '\n', ':', '-', 'a', '{', '}', '[', '"', '#', '1', '\n---\n', '---\n', '  ', 'kind: Pod\n', '\t', 'name: pod-a', '&x ', '*x', 'Namespace'];
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
