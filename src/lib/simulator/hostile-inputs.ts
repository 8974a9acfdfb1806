/**
 * Hostile manifest texts: many labels, deep nesting, huge lists, many documents, long strings, alias bombs,
 * many policies and rules, many unknown fields. Most attacks come twice: `-max`, as large as the parser
 * accepts (just under MAX_YAML_NODES: the slowest inputs that are read to the end), and `-1mb`, filling the
 * 1 MB input limit (refused before parsing). Deterministic (no randomness), for the hostile-input benchmark
 * (src/tools/bench-hostile.ts) and the unit tests that pin what each one yields.
 */
import { MAX_MANIFEST_BYTES } from './manifest.ts';
import { estimateNodes, MAX_YAML_NODES } from './manifest-yaml.ts';

/** One generated input. */
export interface HostileInput {
  name: string;
  /** What the input attacks. */
  description: string;
  text: string;
}

const LIMIT = MAX_MANIFEST_BYTES - 1024;

/** The node budget a `-max` input fills (a little under the limit, for the head and tail). */
const NODE_BUDGET = MAX_YAML_NODES - 100;

/**
 * Repeats `line(i)` for i = 0, 1, … while the text stays under `limit` bytes (all generated text is ASCII),
 * at most `max` times, and (with `nodes`) while its estimated YAML nodes stay under the budget.
 */
function fill(head: string, line: (i: number) => string, tail = '', limit = LIMIT, max = Number.POSITIVE_INFINITY, nodes = false): string {
  const parts = [head];
  let size = head.length + tail.length;
  let estimate = estimateNodes(head) + estimateNodes(tail);
  for (let i = 0; i < max; i += 1) {
    const l = line(i);
    const cost = nodes ? estimateNodes(l) : 0;
    if (size + l.length > limit || (nodes && estimate + cost > NODE_BUDGET)) break;
    parts.push(l);
    size += l.length;
    estimate += cost;
  }
  parts.push(tail);
  return parts.join('');
}

/** Both sizes of one attack: as large as the parser accepts, and as large as the input limit. */
function both(add: (name: string, description: string, text: string) => void, name: string, description: string, head: string, line: (i: number) => string, tail = ''): void {
  add(`${name}-max`, `${description}, as many as the parser accepts`, fill(head, line, tail, LIMIT, Number.POSITIVE_INFINITY, true));
  add(`${name}-1mb`, `${description}, filling 1 MB`, fill(head, line, tail));
}

const POD_HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n';
const POD_SPEC = 'spec:\n  containers:\n  - name: c\n    image: nginx\n';

/** Every hostile input, in a fixed order. */
export function hostileInputs(): HostileInput[] {
  const inputs: HostileInput[] = [];
  const add = (name: string, description: string, text: string): void => {
    inputs.push({ name, description, text });
  };

  add('labels-30k', 'a Pod with 30,000 labels (about 410 KB)', fill(`${POD_HEAD}  labels:\n`, (i) => `    k${i}: v\n`, POD_SPEC, LIMIT, 30_000));
  both(add, 'labels', 'a Pod with many labels', `${POD_HEAD}  labels:\n`, (i) => `    k${i}: v\n`, POD_SPEC);
  add('annotation-900kb', 'one 900 KB annotation value', `${POD_HEAD}  annotations:\n    big: "${'x'.repeat(900_000)}"\n${POD_SPEC}`);
  add('label-key-900kb', 'one label key of 900 KB (an explicit `?` key: implicit keys stop at 1024 characters)', `${POD_HEAD}  labels:\n    ? ${'k'.repeat(900_000)}\n    : v\n${POD_SPEC}`);
  add('string-900kb', 'a ConfigMap with one 900 KB plain string', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: ${'a'.repeat(900_000)}\n`);
  both(add, 'block-scalar', 'a ConfigMap with a literal block of short lines', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: |\n', (i) => `    line ${i}\n`);
  add('flow-nesting-500k', '500,000 nested flow sequences', `a: ${'['.repeat(500_000)}${']'.repeat(500_000)}`);
  add('flow-nesting-5k', '5,000 nested flow sequences', `${POD_HEAD}  labels: {a: ${'['.repeat(5_000)}${']'.repeat(5_000)}}\n${POD_SPEC}`);
  add('block-nesting-1000', '1,000 nested block maps', `${POD_HEAD}${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 2)}n${i}:`).join('\n')} x\n${POD_SPEC}`);
  add('compact-seq-300k', '300,000 nested compact sequences (- - - …)', `${'- '.repeat(300_000)}x\n`);
  both(add, 'flow-list', 'a flow list of finalizers', `${POD_HEAD}  finalizers: [`, (i) => `f${i},`, `f]\n${POD_SPEC}`);
  both(add, 'block-list', 'a Pod with a block list of command arguments', `${POD_HEAD}spec:\n  containers:\n  - name: c\n    image: nginx\n    args:\n`, (i) => `    - a${i}\n`);
  both(add, 'containers', 'a Pod with many containers', `${POD_HEAD}spec:\n  containers:\n`, (i) => `  - {name: c${i}, image: nginx}\n`);
  both(add, 'documents', 'many Namespace documents', '', (i) => `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n${i}\n`);
  both(
    add,
    'policies',
    'NetworkPolicies with selectors, peers and ports',
    '',
    (i) =>
      `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p${i}}\nspec:\n  podSelector: {matchLabels: {app: a${i}}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {role: r${i}}}}, {ipBlock: {cidr: 10.${i % 256}.0.0/16, except: [10.${i % 256}.1.0/24]}}]\n    ports: [{port: 80}, {port: 443, protocol: TCP}]\n`,
  );
  both(
    add,
    'rules',
    'one NetworkPolicy with many ingress rules',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n',
    (i) => `  - {from: [{podSelector: {matchLabels: {r: x${i}}}}], ports: [{port: ${1 + (i % 65535)}}]}\n`,
  );
  both(add, 'match-expressions', 'one selector with a long list of values', `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector:\n    matchExpressions:\n    - key: app\n      operator: In\n      values:\n`, (i) => `      - v${i}\n`);
  both(add, 'unknown-fields', 'a Pod spec with many unknown fields', `${POD_HEAD}spec:\n  containers:\n  - name: c\n    image: nginx\n`, (i) => `  f${i}: 1\n`);
  add(
    'billion-laughs',
    'nine levels of anchors, each aliasing the one before nine times',
    ['a0: &a0 [lol]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array.from({ length: 9 }, () => `*a${i}`).join(', ')}]`)].join('\n') + '\n',
  );
  const pod = (name: string, labels: string): string => `- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: ${name}\n    labels: ${labels}\n  spec:\n    containers: [{name: c, image: nginx}]\n`;
  add(
    'alias-fanout',
    'a List of 100 Pods whose labels alias one 5,000-label anchor (100 aliases: within the alias count limit)',
    `apiVersion: v1\nkind: List\nitems:\n${pod('p0', `&l {${Array.from({ length: 5000 }, (_, i) => `k${i}: v`).join(', ')}}`)}${Array.from({ length: 99 }, (_, i) => pod(`p${i + 1}`, '*l')).join('')}`,
  );
  add('deep-json', 'a JSON document nested 100,000 levels deep', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
  return inputs;
}
