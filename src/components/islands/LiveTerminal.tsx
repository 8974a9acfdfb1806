/**
 * A kubectl terminal on one of the lesson's scenarios: shows the commands the page prepared (their
 * output computed at build time), then runs whatever the learner types against a simulated cluster of
 * the same scenario. The simulator and the scenario start loading as soon as the learner focuses or
 * types in the command line, so the first command answers at once and the page itself stays light.
 * Given several scenarios, the terminal follows the step-through player (`knet:player-branch` events):
 * it switches to the scenario of the branch shown, each scenario keeping its own log and cluster.
 * State: the scenario shown, each scenario's log, and each scenario's cluster (created on first use;
 * `label` and `delete` change it for this visit).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import KubectlTerminal, { type TerminalEntry, type TerminalOutput } from './KubectlTerminal.tsx';
import type { Cluster, ClusterOptions } from '../../lib/simulator/index.ts';
import { kubectlArguments } from '../../lib/lab/terminal-history.ts';

/** One scenario the terminal can run on. */
export interface TerminalSession {
  /** Scenario file name, e.g. "allow". */
  scenario: string;
  /** URL of the scenario's manifests (YAML), the cluster the commands run against. */
  manifestsUrl: string;
  /** Commands already run on a fresh cluster of it, with their output. */
  initial: TerminalEntry[];
  /** The scenario's cluster settings (lesson.yaml's `settings.<scenario>`), so typed commands see the same cluster. */
  options?: ClusterOptions;
}

interface Props {
  /** The scenarios, the first shown first. */
  sessions: TerminalSession[];
  /** Whether the terminal switches scenario with the step-through player on the page. */
  followsPlayer?: boolean | undefined;
}

/** The live terminal. */
export default function LiveTerminal({ sessions, followsPlayer = false }: Props) {
  const [scenario, setScenario] = useState(sessions[0]?.scenario ?? '');
  const [branchLabel, setBranchLabel] = useState('');
  const clusters = useRef(new Map<string, Promise<Cluster>>());
  const logs = useRef(new Map<string, TerminalEntry[]>());
  const session = sessions.find((candidate) => candidate.scenario === scenario) ?? sessions[0]!;

  useEffect(() => {
    if (!followsPlayer) return undefined;
    const show = (detail: { scenario?: string | undefined; label?: string | undefined } | undefined) => {
      if (detail?.scenario && sessions.some((candidate) => candidate.scenario === detail.scenario)) {
        setScenario(detail.scenario);
        setBranchLabel(detail.label ?? '');
      }
    };
    // The player may have switched before this island came alive: start from what it shows.
    const player = document.querySelector<HTMLElement>('.step-player[data-scenario]');
    show({ scenario: player?.dataset.scenario, label: player?.dataset.branchLabel });
    const follow = (event: Event) => show((event as CustomEvent<{ scenario?: string; label?: string }>).detail);
    document.addEventListener('knet:player-branch', follow);
    return () => document.removeEventListener('knet:player-branch', follow);
  }, []);

  const cluster = (of: TerminalSession): Promise<Cluster> => {
    let loading = clusters.current.get(of.scenario);
    if (!loading) {
      loading = Promise.all([
        import('../../lib/simulator/index.ts'),
        fetch(of.manifestsUrl).then((response) => {
          if (!response.ok) throw new Error(`could not load the scenario (HTTP ${response.status})`);
          return response.text();
        }),
      ]).then(([{ createCluster }, manifests]) => createCluster(manifests, of.options));
      clusters.current.set(of.scenario, loading);
      loading.catch(() => clusters.current.delete(of.scenario));
    }
    return loading;
  };

  const run = async (command: string): Promise<TerminalOutput> => {
    const { stdout, stderr, exitCode, chunks } = (await cluster(session)).kubectl(kubectlArguments(command));
    return { stdout, stderr, exitCode, chunks };
  };

  const banner = followsPlayer
    ? `Scenario: ${session.scenario}${branchLabel ? ` (${branchLabel})` : ''}. It follows the scenario chosen in the player above.`
    : undefined;

  return (
    <KubectlTerminal
      key={session.scenario}
      label={`Terminal on the ${session.scenario} scenario`}
      initial={logs.current.get(session.scenario) ?? session.initial}
      run={run}
      banner={banner}
      onWarm={() => void cluster(session).catch(() => undefined)}
      onEntries={(entries) => logs.current.set(session.scenario, entries)}
    />
  );
}
