import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applySolution } from './solution.ts';

const SCENARIO = `# two pods
apiVersion: v1
kind: Pod
metadata:
  name: a
  labels:
    app: one
---
apiVersion: v1
kind: Pod
metadata:
  name: b
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
spec:
  podSelector: {}
`;

const names = (text: string) =>
  parseAllDocuments(text).map((document) => {
    const value = document.toJS() as { kind: string; metadata: { name: string; labels?: Record<string, string> } };
    return `${value.kind}/${value.metadata.name}${value.metadata.labels ? ` ${JSON.stringify(value.metadata.labels)}` : ''}`;
  });

describe('applySolution', () => {
  it('appends new objects after the scenario', () => {
    const result = applySolution(SCENARIO, { apply: '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n' });
    expect(names(result)).toEqual(['Pod/a {"app":"one"}', 'Pod/b', 'NetworkPolicy/deny', 'Service/svc']);
    expect(result.startsWith(SCENARIO)).toBe(true);
  });

  it('replaces an object with the same kind, namespace and name in place, as kubectl apply updates it', () => {
    const result = applySolution(SCENARIO, { apply: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    app: two\n' });
    expect(names(result)).toEqual(['Pod/a {"app":"two"}', 'Pod/b', 'NetworkPolicy/deny']);
  });

  it('treats a missing namespace as default and kinds case-insensitively', () => {
    const result = applySolution(SCENARIO, { apply: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  namespace: default\n  labels:\n    x: y\n' });
    expect(names(result)).toEqual(['Pod/a {"app":"one"}', 'Pod/b {"x":"y"}', 'NetworkPolicy/deny']);
    expect(names(applySolution(SCENARIO, { apply: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  namespace: other\n' }))).toHaveLength(4);
  });

  it('deletes listed objects', () => {
    const result = applySolution(SCENARIO, { delete: [{ kind: 'networkpolicy', name: 'deny' }] });
    expect(names(result)).toEqual(['Pod/a {"app":"one"}', 'Pod/b']);
  });
});
