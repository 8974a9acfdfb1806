/**
 * The lab's terminal: kubectl commands run against the running cluster. Reading commands (get, describe,
 * exec) just answer. A command that changes the cluster (label, delete) is written back into the editor's
 * manifests when they can express it, so the editor stays the one source of truth (saved, shared, reset);
 * otherwise the change lives in the running cluster only, until the next edit or reload, and the terminal
 * says so. `apply` needs a file, and the lab's file is the editor, so the terminal points there.
 */
import { installTerminal, type Cluster, type RouteEdit } from '../simulator/core.ts';
import { runOnExternalClient } from '../simulator/exec/external-client.ts';
import { runKubectl } from '../simulator/kubectl.ts';
import { kubectlArguments, kubectlVerb } from './terminal-history.ts';
import { modelFingerprint, writeBack } from './write-back.ts';
import type { OutputChunk } from '../simulator/types.ts';

// This module is the lab's terminal, loaded with its first command: it brings kubectl and the outside host's curl.
installTerminal({ kubectl: runKubectl, external: runOnExternalClient });

/** The address of the lab's outside client (the external hosts of lessons 5–8 use 198.51.100.7). */
export const DEFAULT_EXTERNAL_CLIENT = '198.51.100.7';

/** What a command did, beyond its output ('network': it changed a node's routes, kept in the lab's settings). */
export type CommandEffect = 'none' | 'written' | 'session' | 'network';

/** The result of one terminal command in the lab. */
export interface LabCommandResult {
  /** kubectl's standard output. */
  readonly stdout: string;
  /** kubectl's standard error. */
  readonly stderr: string;
  /** kubectl's exit code. */
  readonly exitCode: number;
  /** Both streams in terminal order, when stderr came first. */
  readonly chunks?: readonly OutputChunk[];
  /** Whether the command changed the cluster, and where the change lives. */
  readonly effect: CommandEffect;
  /** The editor's new text, when the change was written into the manifests. */
  readonly text?: string;
  /** The route edits now in force, when a node shell (`kubectl debug node/…`) changed a routing table. */
  readonly routes?: readonly RouteEdit[];
  /** A sentence for the learner about where the change went, if it changed anything. */
  readonly note?: string;
}

const CHANGING = new Set(['label', 'delete']);

/**
 * Runs `command` (with or without the leading `kubectl`) on `cluster`, which was built from `editorText`
 * (`editorValid` false when the editor currently holds an invalid text and `cluster` is the last valid one).
 */
export function runLabCommand(cluster: Cluster, command: string, editorText: string, editorValid: boolean, externalClient = DEFAULT_EXTERNAL_CLIENT): LabCommandResult {
  // `curl …` (without kubectl) runs on the host outside the cluster, as a client on the internet would.
  if (/^\s*curl(\s|$)/.test(command)) return { ...cluster.external(externalClient, command), effect: 'none' };
  const args = kubectlArguments(command);
  const verb = kubectlVerb(command);
  if (verb === 'apply' && !/(?:^|\s)(?:-h|--help)(?:\s|$)/.test(args)) {
    return {
      stdout: '',
      stderr: 'error: this terminal has no files to apply: edit the manifests in the editor above instead, every change is applied as you type\n',
      exitCode: 1,
      effect: 'none',
    };
  }
  if (verb === 'debug') {
    // `ip route add|del` in a node debugging pod changes the node's table: the lab keeps it with its settings.
    const before = JSON.stringify(cluster.routeEdits);
    const result = cluster.kubectl(args);
    if (JSON.stringify(cluster.routeEdits) === before) return { ...result, effect: 'none' };
    return { ...result, effect: 'network', routes: [...cluster.routeEdits], note: 'The route change is kept with the lab (saved, shared, and undone by a reset).' };
  }
  if (!CHANGING.has(verb)) return { ...cluster.kubectl(args), effect: 'none' };
  const before = modelFingerprint(cluster.model);
  const result = cluster.kubectl(args);
  if (modelFingerprint(cluster.model) === before) return { ...result, effect: 'none' };
  if (!editorValid) {
    return { ...result, effect: 'session', note: 'The editor has an error, so this change lives only in the running cluster, until your next edit or a reload.' };
  }
  const written = writeBack(editorText, cluster.model);
  if (written.ok && written.changed) return { ...result, effect: 'written', text: written.text, note: 'Written into the manifests in the editor.' };
  const reason = written.ok ? 'the manifests already say so' : written.reason;
  return {
    ...result,
    effect: 'session',
    note: `Not written into the manifests (${reason}): this change lives only in the running cluster, until your next edit or a reload.`,
  };
}
