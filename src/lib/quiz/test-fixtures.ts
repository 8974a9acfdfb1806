/**
 * Shared test fixtures: one valid authored question of every kind, a fake
 * simulator context, and helpers to resolve and split them. Used only by tests.
 */
import type { Question } from './schema.ts';
import { questionFileSchema } from './schema.ts';
import type { ResolveContext, ResolvedQuestion } from './resolve.ts';
import { resolveQuestion } from './resolve.ts';

/** Output the fake `kubectl` prints for `get pods` in the `two-pods` scenario. */
export const PODS_OUTPUT = 'NAME       READY   STATUS    RESTARTS   AGE\nfrontend   1/1     Running   0          5m\nbackend    1/1     Running   0          5m';

/** A fake simulator: `get pods` in `two-pods`; only frontend → anything on port 80 connects. */
export const fakeContext: ResolveContext = {
  kubectl(scenario, command) {
    if (scenario === 'two-pods' && command === 'kubectl get pods') return `${PODS_OUTPUT}\n`;
    if (scenario === 'two-pods' && command === 'kubectl get nothing') return '\n';
    throw new Error(`unknown command "${command}" in scenario "${scenario}"`);
  },
  connects(_scenario, c) {
    return c.from === 'default/frontend' && c.port === 80 && c.protocol === 'TCP';
  },
};

const common = { set: 'quick-check', prompt: 'A prompt', explanation: 'Because.' };

/** One valid authored question per kind, keyed by kind (raw, as parsed from YAML). */
export const RAW: Record<Question['kind'], Record<string, unknown>> = {
  single: {
    ...common,
    id: 'q-single',
    kind: 'single',
    options: [
      { id: 'a', text: 'ClusterIP' },
      { id: 'b', text: 'NodePort', correct: true },
      { id: 'c', text: 'LoadBalancer' },
    ],
  },
  multiple: {
    ...common,
    id: 'q-multiple',
    kind: 'multiple',
    options: [
      { id: 'a', text: 'kube-proxy', correct: true },
      { id: 'b', text: 'CoreDNS', correct: true },
      { id: 'c', text: 'etcd' },
      { id: 'd', text: 'kubectl' },
    ],
  },
  'true-false': { ...common, id: 'q-tf', kind: 'true-false', answer: false },
  'fill-blanks': {
    ...common,
    id: 'q-fill',
    kind: 'fill-blanks',
    template: 'kind: {{kind}}\nspec:\n  type: {{type}}',
    blanks: [
      { id: 'kind', answers: ['Service'] },
      { id: 'type', answers: ['ClusterIP', 'cluster-ip'], caseSensitive: false },
    ],
    bank: ['Service', 'ClusterIP', 'Pod'],
  },
  ordering: {
    ...common,
    id: 'q-order',
    kind: 'ordering',
    items: ['DNS lookup', 'Connect to ClusterIP', 'kube-proxy rewrites', 'Pod receives'],
  },
  'pick-output': {
    ...common,
    id: 'q-pick',
    kind: 'pick-output',
    scenario: 'two-pods',
    command: 'kubectl get pods',
    distractors: ['No resources found in default namespace.', 'error: the server does not have resource type "pods"'],
  },
  'find-error': {
    ...common,
    id: 'q-find',
    kind: 'find-error',
    code: 'apiVersion: v1\nkind: Service\nspec:\n  selector:\n    app: web\n  ports:\n    - port: "80"\n',
    codeLang: 'yaml',
    errorLines: [7],
    lineExplanations: { 7: 'port must be a number, not a string.', 2: 'This line is fine.' },
  },
  open: {
    ...common,
    id: 'q-open',
    kind: 'open',
    checklist: ['mentions the ClusterIP', 'mentions kube-proxy', 'mentions endpoints'],
    sampleAnswer: 'The ClusterIP is virtual; kube-proxy rewrites it to an endpoint.',
  },
  numeric: { ...common, id: 'q-num', kind: 'numeric', answer: 256, unit: 'addresses' },
  cidr: { ...common, id: 'q-cidr', kind: 'cidr', answer: '10.244.1.0/24' },
  simulator: {
    ...common,
    id: 'q-sim',
    kind: 'simulator',
    scenario: 'two-pods',
    connections: [
      { from: 'default/frontend', to: 'default/backend', port: 80 },
      { from: 'default/frontend', to: 'default/backend', port: 443 },
      { id: 'back', from: 'default/backend', to: 'default/frontend', port: 80 },
    ],
  },
};

/** Parses a raw question through the file schema, throwing on failure. */
export function parseOne(raw: Record<string, unknown>): Question {
  const file = questionFileSchema.parse({ questions: [raw] });
  const [q] = file.questions;
  if (q === undefined) throw new Error('no question');
  return q;
}

/** The fixture of `kind`, validated and resolved with the fake context. */
export function resolvedFixture<K extends Question['kind']>(kind: K, patch: Record<string, unknown> = {}): Extract<ResolvedQuestion, { kind: K }> {
  return resolveQuestion(parseOne({ ...RAW[kind], ...patch }), fakeContext) as Extract<ResolvedQuestion, { kind: K }>;
}
