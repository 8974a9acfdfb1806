/**
 * Lab questions whose answer key the simulator computes from the cluster the learner is looking at (never written in
 * lab.yaml): a task's `ask:` names a fact (`key: { conflist: { node, of } }`) of the network configuration list that
 * containerd loads on a node (cni/node-state.ts loadNetwork: the lexically first file of /etc/cni/net.d), and the
 * learner's answers are compared with it on every check, so a change to the cluster that changes the key re-opens
 * the question. The facts follow the CNI spec (containernetworking/cni SPEC.md, tag spec-v1.1.0):
 * - ADD runs the `plugins` in list order ("Adding an attachment"), DEL in reverse order ("Deleting an attachment");
 * - the IPAM plugin is not in the list: it is the `ipam.type` of the plugin that delegates to it ("ipam (dictionary)",
 *   "Section 4: Plugin Delegation"), and that plugin executes it;
 * - the version the runtime speaks is the highest of `cniVersion` and `cniVersions` it supports ("Version
 *   considerations"), libcni's choice (cni/conflist.ts parseConfList `version`).
 * Pure: a cluster and questions in, results out; the key itself never leaves this module.
 */
import type { Cluster } from '../simulator/core.ts';
import type { NetworkConfList } from '../simulator/cni/conflist.ts';
import { loadNetwork } from '../simulator/cni/node-state.ts';
import type { AnswerResult } from './task-results.ts';

/** What a conflist question can ask (lab-schema.ts `key.conflist.of`). */
export const CONFLIST_FACTS = ['ipam-plugin', 'first-on-add', 'last-on-add', 'first-on-del', 'last-on-del', 'cni-version', 'subnet'] as const;

/** One fact of a conflist. */
export type ConflistFact = (typeof CONFLIST_FACTS)[number];

/** The facts whose answer is a plugin's type: the learner picks it from the node's plugins. */
const PLUGIN_FACTS: ReadonlySet<ConflistFact> = new Set(['ipam-plugin', 'first-on-add', 'last-on-add', 'first-on-del', 'last-on-del']);

/** Where a question's key comes from: a fact of the conflist containerd loads on `node`. */
export interface AnswerKeySpec {
  readonly conflist: { readonly node: string; readonly of: ConflistFact };
}

/** One question of a task, as checkAnswers needs it. */
export interface AskQuestion {
  /** Stable id, unique in the task (the key of the saved answer). */
  readonly id: string;
  /** Where its key comes from. */
  readonly key: AnswerKeySpec;
}

/** A computed fact, or why it cannot be computed. */
export type Computed = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

const fail = (error: string): Computed => ({ ok: false, error });

/** One fact of a parsed conflist, as the CNI spec defines it. */
export function conflistFact(conf: NetworkConfList, of: ConflistFact): Computed {
  const types = conf.plugins.map((plugin) => plugin.type);
  switch (of) {
    case 'first-on-add':
    case 'last-on-del':
      return types.length ? { ok: true, value: types[0]! } : fail('the chain has no plugins');
    case 'last-on-add':
    case 'first-on-del':
      return types.length ? { ok: true, value: types.at(-1)! } : fail('the chain has no plugins');
    case 'ipam-plugin': {
      const delegates = [...new Set(conf.plugins.flatMap((plugin) => (plugin.ipam ? [plugin.ipam.type] : [])))];
      if (delegates.length === 0) return fail(`no plugin of the chain (${types.join(', ')}) has an ipam section`);
      if (delegates.length > 1) return fail(`more than one IPAM plugin is delegated to (${delegates.join(', ')})`);
      return { ok: true, value: delegates[0]! };
    }
    case 'cni-version':
      return conf.version === '' ? fail('the list gives no cniVersion') : { ok: true, value: conf.version };
    case 'subnet': {
      const ipam = conf.plugins.find((plugin) => plugin.ipam)?.ipam;
      const ranges = ipam?.ranges.flat() ?? [];
      if (!ipam || ipam.type !== 'host-local') return fail(`the chain delegates no host-local IPAM${ipam ? ` (its IPAM is ${ipam.type})` : ''}, so it has no subnet`);
      if (ranges.length !== 1) return fail(`host-local has ${ranges.length} ranges, so "the subnet" is ambiguous`);
      return { ok: true, value: ranges[0]!.subnet };
    }
  }
}

/** The conflist containerd loads on `node` of `cluster`, or why there is none. */
function loadedConf(cluster: Cluster, node: string): { ok: true; conf: NetworkConfList; binaries: readonly string[] } | { ok: false; error: string } {
  const model = cluster.state.nodes.get(node);
  if (!model) return { ok: false, error: `no node "${node}" in this cluster (nodes: ${[...cluster.state.nodes.keys()].join(', ')})` };
  if (!model.cni) return { ok: false, error: `node ${node} has no CNI state` };
  const loaded = loadNetwork(model.cni);
  if (!loaded.ok) return { ok: false, error: `containerd on ${node} loads no network (${loaded.error})` };
  return { ok: true, conf: loaded.conf, binaries: model.cni.binaries };
}

/** The key of `spec` on `cluster`: the fact of the conflist the node loads, or why it cannot be computed. */
export function computeKey(cluster: Cluster, spec: AnswerKeySpec): Computed {
  const loaded = loadedConf(cluster, spec.conflist.node);
  return loaded.ok ? conflistFact(loaded.conf, spec.conflist.of) : fail(loaded.error);
}

/**
 * The choices a plugin question offers: every plugin type the chain names (its plugins and their IPAM) and every
 * binary in the node's /opt/cni/bin, sorted by name (so the order never gives the key away); null for a question the
 * learner answers by typing (cni-version, subnet) or when the node loads no conflist.
 */
export function answerChoices(cluster: Cluster, spec: AnswerKeySpec): string[] | null {
  if (!PLUGIN_FACTS.has(spec.conflist.of)) return null;
  const loaded = loadedConf(cluster, spec.conflist.node);
  if (!loaded.ok) return null;
  const names = [...loaded.conf.plugins.flatMap((plugin) => [plugin.type, ...(plugin.ipam ? [plugin.ipam.type] : [])]), ...loaded.binaries];
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** An answer as compared: surrounding spaces dropped. */
export const normalizeAnswer = (answer: string): string => answer.trim();

/** Checks each question on `cluster` against the learner's answers (by question id); the results never hold the key. */
export function checkAnswers(cluster: Cluster, questions: readonly AskQuestion[], answers: Readonly<Record<string, string>> = {}): AnswerResult[] {
  return questions.map((question) => {
    const key = computeKey(cluster, question.key);
    const given = answers[question.id];
    const answered = given !== undefined && normalizeAnswer(given) !== '';
    return {
      id: question.id,
      choices: answerChoices(cluster, question.key),
      answered,
      right: key.ok && answered && normalizeAnswer(given) === key.value,
      ...(key.ok ? {} : { error: key.error }),
    };
  });
}
