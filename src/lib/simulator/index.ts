/** Public API of the cluster simulator: createCluster and the types and helpers lessons, quizzes and the lab use, with kubectl. */
import { installTerminal } from './cluster.ts';
import { runOnExternalClient } from './exec/external-client.ts';
import { runKubectl } from './kubectl.ts';

installTerminal({ kubectl: runKubectl, external: runOnExternalClient });

export * from './core.ts';
export { runKubectl, tokenize } from './kubectl.ts';
