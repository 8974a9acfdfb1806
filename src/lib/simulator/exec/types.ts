/** The shapes every in-pod tool shares: what it is given (the host, the pod, the container) and what it returns. */
import type { ClusterState } from '../state.ts';
import type { ConnectRequest, ConnectResult, ContainerModel, KubectlResult, PodModel } from '../types.ts';
import type { ImageProfile } from '../workloads/images.ts';

/** What an in-pod tool needs from the cluster: its current state and a way to attempt connections. */
export interface ExecHost {
  state(): ClusterState;
  connect(request: ConnectRequest): ConnectResult;
  /** Counts this terminal's HTTP requests per client and URL (0 for the first): weighted backends rotate with it. Absent: always 0. */
  nextRequest?(key: string): number;
}

/** The outcome of a command run in a container. */
export interface ExecOut extends KubectlResult {
  /** True when the error is kubectl's own or the runtime's (kubectl prints it and exits 1, no "command terminated" line). */
  internal?: boolean;
}

/** Where a tool runs: the pod, the container kubectl picked and that container's image profile (null: unmodelled). */
export interface ExecContext {
  host: ExecHost;
  pod: PodModel;
  container: ContainerModel;
  profile: ImageProfile | null;
  /** Who the client is to cluster.http when not the pod itself (`external:<IP>` for the lab's outside terminal). */
  client?: string;
}

/** A tool's entry point: its arguments (argv without argv[0]) and the context. */
export type Tool = (ctx: ExecContext, args: string[]) => ExecOut;

/** A successful result with the given stdout and stderr. */
export const done = (stdout: string, stderr = '', exitCode = 0): ExecOut => ({ stdout, stderr, exitCode });
