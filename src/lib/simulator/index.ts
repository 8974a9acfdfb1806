/** Public API of the cluster simulator: createCluster and the types and helpers lessons, quizzes and the lab use, with kubectl. */
import { installKubectl } from './cluster.ts';
import { runKubectl } from './kubectl.ts';

installKubectl(runKubectl);

export * from './core.ts';
export { runKubectl, tokenize } from './kubectl.ts';
