import { describe, expect, it } from 'vitest';
import { createCluster } from '../simulator/index.ts';
import { runLabCommand } from './lab-commands.ts';
import { LAB_YAML } from './test-fixtures.ts';

describe('runLabCommand', () => {
  it('answers reading commands with or without kubectl', () => {
    const cluster = createCluster(LAB_YAML);
    const a = runLabCommand(cluster, 'kubectl get pods', LAB_YAML, true);
    const b = runLabCommand(cluster, 'get pods', LAB_YAML, true);
    expect(a).toEqual(b);
    expect(a.effect).toBe('none');
    expect(a.stdout).toContain('pod-a');
  });

  it('writes label and delete into the manifests', () => {
    const result = runLabCommand(createCluster(LAB_YAML), 'kubectl label pod pod-c app=frontend --overwrite', LAB_YAML, true);
    expect(result).toMatchObject({ exitCode: 0, effect: 'written', note: 'Written into the manifests in the editor.' });
    expect(result.text).toContain('    app: frontend\n');
    const deleted = runLabCommand(createCluster(LAB_YAML), 'delete pod pod-c', LAB_YAML, true);
    expect(deleted.effect).toBe('written');
    expect(deleted.text).not.toContain('name: pod-c');
  });

  it('keeps inexpressible changes, and changes made while the editor is broken, in the running cluster only', () => {
    const cluster = createCluster(LAB_YAML);
    const ns = runLabCommand(cluster, 'label namespace default team=web', LAB_YAML, true);
    expect(ns.effect).toBe('session');
    expect(ns.note).toContain('lives only in the running cluster');
    expect(cluster.model.namespaces.find((n) => n.name === 'default')?.labels.team).toBe('web');
    const broken = runLabCommand(createCluster(LAB_YAML), 'delete pod pod-c', 'kind: [', false);
    expect(broken.effect).toBe('session');
    expect(broken.note).toContain('editor has an error');
  });

  it('reports failed changes as kubectl does, without effect', () => {
    const result = runLabCommand(createCluster(LAB_YAML), 'delete pod nope', LAB_YAML, true);
    expect(result).toMatchObject({ exitCode: 1, effect: 'none' });
    expect(result.stderr).toContain('NotFound');
  });

  it('points apply at the editor', () => {
    const result = runLabCommand(createCluster(LAB_YAML), 'kubectl apply -f policy.yaml', LAB_YAML, true);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('edit the manifests in the editor');
  });
});
