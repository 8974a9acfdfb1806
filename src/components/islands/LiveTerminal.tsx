/**
 * A kubectl terminal on one of the lesson's scenarios: shows the commands the page
 * prepared (their output computed at build time), then runs whatever the learner
 * types against a simulated cluster of the same scenario. The simulator and the
 * scenario load on the first typed command, so the page itself stays light. State: the session's
 * cluster (created on first use; `label` and `delete` change it for this visit).
 */
import { useRef } from 'preact/hooks';
import KubectlTerminal, { type TerminalEntry, type TerminalOutput } from './KubectlTerminal.tsx';
import type { Cluster } from '../../lib/simulator/index.ts';
import { kubectlArguments } from '../../lib/lab/terminal-history.ts';

interface Props {
  /** Accessible name, e.g. "Terminal on the allow scenario". */
  label: string;
  /** URL of the scenario's manifests (YAML), the cluster the commands run against. */
  manifestsUrl: string;
  /** Commands already run, with their output. */
  initial: TerminalEntry[];
}

/** The live terminal. */
export default function LiveTerminal({ label, manifestsUrl, initial }: Props) {
  const cluster = useRef<Promise<Cluster> | undefined>(undefined);
  const run = async (command: string): Promise<TerminalOutput> => {
    cluster.current ??= Promise.all([
      import('../../lib/simulator/index.ts'),
      fetch(manifestsUrl).then((response) => {
        if (!response.ok) throw new Error(`could not load the scenario (HTTP ${response.status})`);
        return response.text();
      }),
    ]).then(([{ createCluster }, manifests]) => createCluster(manifests));
    cluster.current.catch(() => {
      cluster.current = undefined;
    });
    const { stdout, stderr, exitCode } = (await cluster.current).kubectl(kubectlArguments(command));
    return { stdout, stderr, exitCode };
  };
  return <KubectlTerminal label={label} initial={initial} run={run} />;
}
