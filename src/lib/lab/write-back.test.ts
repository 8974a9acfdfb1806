import { describe, expect, it } from 'vitest';
import { createCluster } from '../simulator/index.ts';
import { modelFingerprint, writeBack, yamlString } from './write-back.ts';
import { ALLOW_8080, LAB_YAML, withPolicies } from './test-fixtures.ts';

/** Runs kubectl on a cluster of `text` and writes the result back. */
function run(text: string, command: string) {
  const cluster = createCluster(text);
  const result = cluster.kubectl(command);
  expect(result.exitCode, result.stderr).toBe(0);
  return { cluster, written: writeBack(text, cluster.model) };
}

describe('writeBack', () => {
  it('rewrites the labels of a labelled pod in place, leaving the rest of the text alone', () => {
    const { cluster, written } = run(LAB_YAML, 'label pod pod-c app=frontend tier=web --overwrite');
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    expect(written.changed).toBe(true);
    expect(written.text).toContain('  name: pod-c\n  labels:\n    app: frontend\n    tier: web\nspec:');
    expect(written.text.replace('    app: frontend\n    tier: web\n', '    app: batch\n')).toBe(LAB_YAML);
    expect(modelFingerprint(createCluster(written.text).model)).toBe(modelFingerprint(cluster.model));
  });

  it('adds labels to an object that had none, and removes the last label', () => {
    const added = run(withPolicies(ALLOW_8080), 'label networkpolicy allow-frontend team=web');
    expect(added.written.ok && added.written.text).toContain('metadata:\n  labels:\n    team: web\n  name: allow-frontend\n');
    if (!added.written.ok) return;
    const removed = run(added.written.text, 'label networkpolicy allow-frontend team-');
    expect(removed.written.ok && removed.written.text).toContain('metadata:\n  labels: {}\n  name: allow-frontend\n');
  });

  it('removes the document of a deleted object', () => {
    const text = withPolicies(ALLOW_8080);
    const { written } = run(text, 'delete networkpolicy default-deny-ingress');
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    expect(written.text).not.toContain('name: default-deny-ingress');
    expect(written.text).toContain('# Lesson 1, scenario "lab"');
    expect(createCluster(written.text).model.networkPolicies.map((p) => p.name)).toEqual(['allow-frontend']);
  });

  it('removes the first document without losing the header comment', () => {
    const { written } = run(LAB_YAML, 'delete node node-1');
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    expect(written.text.startsWith('# Lesson 1, scenario "lab"')).toBe(true);
    expect(written.text).toContain("`kubectl get nodes`.\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: node-2\n");
    expect(written.text).not.toContain('name: node-1');
  });

  it('quotes label values that YAML would read as something else', () => {
    expect(['web', 'v1.2', 'true', 'yes', '1', '', 'a b', 'kubernetes.io/name'].map(yamlString)).toEqual(['web', 'v1.2', '"true"', '"yes"', '"1"', '""', '"a b"', 'kubernetes.io/name']);
    const { written } = run(LAB_YAML, 'label pod pod-c enabled=true version=2');
    expect(written.ok).toBe(true);
    if (written.ok) expect(createCluster(written.text).model.pods.find((p) => p.name === 'pod-c')?.labels).toEqual({ app: 'batch', enabled: 'true', version: '2' });
  });

  it('refuses changes the manifests cannot express', () => {
    const { written } = run(LAB_YAML, 'label namespace default team=web');
    expect(written).toEqual({ ok: false, reason: 'the change concerns objects the manifests do not declare' });
    const dns = run(LAB_YAML, 'delete service kube-dns -n kube-system');
    expect(dns.written.ok).toBe(false);
  });

  it('refuses to write into invalid manifests', () => {
    expect(writeBack('kind: [', createCluster(LAB_YAML).model)).toEqual({ ok: false, reason: 'the manifests in the editor have an error' });
  });

  it('reports no change when the model matches the text', () => {
    expect(writeBack(LAB_YAML, createCluster(LAB_YAML).model)).toEqual({ ok: true, text: LAB_YAML, changed: false });
  });
});
