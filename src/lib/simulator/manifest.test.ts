import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ManifestError, parseManifests } from './manifest.ts';
import { createCluster } from './cluster.ts';

function errorOf(input: unknown): ManifestError {
  try {
    parseManifests(input);
  } catch (e) {
    if (e instanceof ManifestError) return e;
    throw e;
  }
  throw new Error('expected a ManifestError');
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n';

describe('manifest parsing', () => {
  it('parses multi-document YAML, skipping empty documents', () => {
    const objs = parseManifests(`${POD}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: prod}\n---\n`);
    expect(objs.map((o) => o.kind)).toEqual(['Pod', 'Namespace']);
    const ns = objs[1];
    expect(ns?.kind === 'Namespace' && ns.value.labels['kubernetes.io/metadata.name']).toBe('prod');
  });

  it('accepts parsed objects and List kinds', () => {
    const objs = parseManifests({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } }] });
    expect(objs.map((o) => o.value.name)).toEqual(['a', 'b']);
  });

  it('defaults policyTypes as documented', () => {
    const [a, b] = parseManifests([
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'a' }, spec: { podSelector: {} } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'b' }, spec: { podSelector: {}, egress: [{}] } },
    ]);
    expect(a?.kind === 'NetworkPolicy' && a.value.policyTypes).toEqual(['Ingress']);
    expect(b?.kind === 'NetworkPolicy' && b.value.policyTypes).toEqual(['Egress', 'Ingress']);
  });

  it.each([
    ['YAML syntax error with document, line and column', `${POD}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n`, { documentIndex: 2, line: 14 }, /document 2, line 14, column \d+: invalid YAML/],
    ['unknown kind', 'apiVersion: v1\nkind: Widget\nmetadata: {name: x}\n', { path: 'kind' }, /unknown kind "Widget", expected one of Namespace, Node, Pod, Service, Deployment, NetworkPolicy/],
    ['wrong apiVersion', 'apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec: {podSelector: {}}\n', { path: 'apiVersion' }, /expected "networking.k8s.io\/v1"/],
    ['missing containers', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec: {}\n', { path: 'spec.containers', documentIndex: 1, line: 5 }, /^Pod "web" \(document 1, line 5, column 1\): spec.containers: required field missing, expected a list of containers/],
    ['missing name', 'apiVersion: v1\nkind: Namespace\nmetadata: {}\n', { path: 'metadata.name' }, /required field missing/],
    ['bad operator', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector:\n    matchExpressions:\n    - {key: a, operator: Equals, values: [b]}\n', { path: 'spec.podSelector.matchExpressions[0].operator' }, /expected one of In, NotIn, Exists, DoesNotExist/],
    ['endPort with a named port', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - {port: http, endPort: 90}\n', { path: 'spec.ingress[0].ports[0].endPort' }, /numeric port/],
    ['ipBlock combined with a selector', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}\n      podSelector: {}\n', { path: 'spec.ingress[0].from[0]' }, /more than 1 peer type/],
    ['except outside cidr', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  egress:\n  - to:\n    - ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}\n', { path: 'spec.egress[0].to[0].ipBlock.except[0]' }, /strict subset/],
    ['typo in a policy field', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podselector: {}\n', { path: 'spec.podselector' }, /unknown field "podselector"/],
    ['port out of range', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 70000}]\n', { path: 'spec.ports[0].port' }, /between 1 and 65535/],
    ['numeric label value', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  labels: {version: 2}\n', { path: 'metadata.labels.version' }, /quote it/],
    ['duplicate keys', 'apiVersion: v1\nkind: Namespace\nkind: Pod\nmetadata: {name: n}\n', { documentIndex: 1, line: 3 }, /invalid YAML/],
  ])('%s', (_name, input, fields, message) => {
    const e = errorOf(input);
    expect(e).toMatchObject(fields);
    expect(e.message).toMatch(message);
  });

  it('refuses input over 1 MB with the size in the message', () => {
    const big = `# ${'x'.repeat(1_048_600)}\n`;
    const e = errorOf(big);
    expect(e.message).toBe(`Manifest input is ${big.length} bytes; the limit is 1 MB (1,048,576 bytes)`);
  });

  it('rejects duplicate objects and conflicting addresses at cluster build', () => {
    expect(() => createCluster(`${POD}---\n${POD}`)).toThrow(/duplicate object, already defined in document 1/);
    expect(() => createCluster('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  clusterIP: 10.96.0.10\n  ports: [{port: 80}]\n')).toThrow(/already allocated/);
  });

  it('fuzz: random strings only ever throw ManifestError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: fc.constantFrom('a', ':', ' ', '\n', '-', '{', '}', '[', ']', '"', "'", 'kind', 'Pod', 'apiVersion', 'v1', '&a', '*a', '!!', '#', '|', '>', '---'), maxLength: 60 })), (text) => {
        try {
          createCluster(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ManifestError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fuzz: random objects (including near-valid manifests) only ever throw ManifestError', () => {
    const kinds = fc.constantFrom('Pod', 'Service', 'NetworkPolicy', 'Namespace', 'Node', 'Deployment', 'List', 'Other');
    const near = fc.record({ apiVersion: fc.constantFrom('v1', 'apps/v1', 'networking.k8s.io/v1', 'x'), kind: kinds, metadata: fc.anything({ maxDepth: 2 }), spec: fc.anything({ maxDepth: 4 }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(fc.anything({ maxDepth: 3 }), near, fc.array(near, { maxLength: 3 })), (input) => {
        try {
          createCluster(input as never);
        } catch (e) {
          expect(e).toBeInstanceOf(ManifestError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
