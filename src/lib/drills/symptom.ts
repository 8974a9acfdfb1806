/**
 * The symptom of a drill: its command run by the simulator's own kubectl (or the outside client's curl) on the
 * broken cluster. Imports the full simulator (terminal tools included), so the review page loads it only when a
 * drill opens.
 */
import '../simulator/index.ts';
import { drillCluster } from './check.ts';
import type { DrillInstance } from './types.ts';
import { terminalText } from '../terminal-order.ts';

/** What the symptom command prints: its command line, output and exit code. */
export interface SymptomOutput {
  readonly command: string;
  readonly output: string;
  readonly exitCode: number;
}

/** Run the drill's symptom command on its starting (broken) cluster. */
export function drillSymptom(instance: DrillInstance): SymptomOutput {
  const cluster = drillCluster(instance, instance.answer === 'manifest' ? instance.start : '');
  const { symptom } = instance;
  const result = symptom.kind === 'kubectl' ? cluster.kubectl(symptom.command.replace(/^kubectl\s+/, '')) : cluster.external(symptom.client, symptom.command);
  return { command: symptom.command, output: terminalText(result).replace(/\n+$/, ''), exitCode: result.exitCode };
}
