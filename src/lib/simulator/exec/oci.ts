/**
 * How `kubectl exec` fails when the container has no such program, on containerd 2.x with runc: runc's init cannot
 * find argv[0] (libcontainer/setns_init_linux.go: exec.LookPath → Go's `exec: "curl": executable file not found in
 * $PATH`), runc exec wraps it (`exec failed: unable to start container process: …`, exec.go and
 * container_linux.go), the shim prefixes `OCI runtime exec failed: ` (cmd/containerd-shim-runc-v2/process/exec.go
 * runtimeError) and the gRPC code Unknown adds `: unknown` (errdefs/pkg/errgrpc ToNative), containerd's CRI adds
 * `failed to start exec "<exec id>": ` and `failed to exec in container: ` (internal/cri/server/container_execsync.go,
 * streaming.go), the CRI streaming server `error executing command in container: ` and `Internal error occurred: `
 * (cri-streaming remotecommand/exec.go ServeExec, status.go newInternalError). client-go's errorDecoderV4 turns the
 * Failure status without an exit code into a plain error (tools/remotecommand/v4.go) and kubectl's CheckErr prints it
 * with `error: ` and exits 1 (DefaultErrorExitCode): no "command terminated with exit code" line.
 */
import { fnv1a } from '../ipam.ts';
import { keyOf } from '../state.ts';
import type { PodModel } from '../types.ts';
import type { ExecOut } from './types.ts';

/** containerd's exec id: 32 random bytes in hex (util.GenerateID); here derived from the pod and the command. */
export function execId(pod: PodModel, argv: readonly string[]): string {
  const seed = `${keyOf(pod)}\u0000${argv.join('\u0000')}`;
  let out = '';
  for (let i = 0; i < 8; i++) out += (fnv1a(seed, 0x811c9dc5 + i * 0x9e3779b1) >>> 0).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}

/** The error kubectl prints when argv[0] is not in the container. */
export function executableNotFound(pod: PodModel, argv: readonly string[]): ExecOut {
  const bin = argv[0] ?? '';
  // exec.LookPath with a slash stats the path itself: `exec: "/bin/bash": stat /bin/bash: no such file or directory`.
  const why = bin.includes('/') ? `stat ${bin}: no such file or directory` : 'executable file not found in $PATH';
  return {
    stdout: '',
    stderr: `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId(pod, argv)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${bin}": ${why}: unknown\n`,
    exitCode: 1,
    internal: true,
  };
}
