/**
 * What runs inside a container when a learner types `kubectl exec POD -- CMD ...`. Stateless: every call answers
 * from the host's current state.
 *
 * Tools come from the container's image (workloads/images.ts):
 * - a program the image does not ship fails as containerd + runc fail it (oci.ts), or, inside `sh -c`, as the
 *   image's shell does (shell.ts);
 * - a program the image ships and the simulator implements runs that implementation: busybox wget / nc /
 *   nslookup / ping (busybox:1.36 and Alpine's busybox), curl 7.88.1 (Debian) or 8.14.1 (Alpine), BIND dig, and
 *   cat / hostname / echo / true / false for the files the simulator knows (files.ts);
 * - a program the image ships but the simulator does not implement (e.g. `ls`, or netshoot's openbsd `nc`)
 *   answers with one line saying so, never a fake "not found";
 * - for an image whose list of programs is not known completely (Alpine- and buildpack-based ones) a program not
 *   in the list answers that the simulator does not know whether the image ships it;
 * - an image the simulator does not model at all (anything not in images.ts): the simulator does not know what it
 *   ships, so every command answers that it cannot tell (one line), rather than guessing.
 * argv[0] is looked up by its last path component (`/bin/sh` = `sh`); the simulator does not check which directory
 * of $PATH holds it.
 */
import type { ContainerModel, PodModel } from '../types.ts';
import { imageProfile } from '../workloads/images.ts';
import type { ImageProfile, ToolId } from '../workloads/images.ts';
import { busyboxWget } from './busybox-wget.ts';
import { busyboxNc } from './busybox-nc.ts';
import { busyboxNslookup } from './busybox-nslookup.ts';
import { busyboxPing } from './busybox-ping.ts';
import { busyboxIp } from '../datapath/busybox-ip.ts';
import { podNetwork } from '../datapath/node-network.ts';
import { busyboxTraceroute } from '../datapath/traceroute.ts';
import { curl } from './curl.ts';
import { bindDig } from './dig.ts';
import { cat, echo, falseTool, hostname, trueTool } from './files.ts';
import { executableNotFound } from './oci.ts';
import { notFound, planShell } from './shell.ts';
import type { ExecContext, ExecHost, ExecOut, Tool } from './types.ts';

export type { ExecHost, ExecOut } from './types.ts';

/** kubectl exec's session flags that change what a shell does. */
export interface ExecOptions {
  /** The container kubectl picked (default: the pod's first). */
  container?: ContainerModel;
  /** -i/--stdin given. */
  stdin?: boolean;
}

const IMPLEMENTATIONS: Record<ToolId, Tool> = {
  'busybox-wget': busyboxWget,
  'busybox-nc': busyboxNc,
  'busybox-nslookup': busyboxNslookup,
  'busybox-ping': busyboxPing,
  'busybox-ip': (ctx, args) => {
    const ns = podNetwork(ctx.host.state(), ctx.pod);
    if (!ns) return { stdout: '', stderr: `[simulator] ${ctx.pod.name} has no network namespace yet\n`, exitCode: 1, internal: true };
    // A pod's containers have no CAP_NET_ADMIN unless its securityContext adds it, so route changes get EPERM.
    return busyboxIp(ns, args, { netAdmin: false });
  },
  'busybox-traceroute': (ctx, args) => busyboxTraceroute(ctx.host.state(), ctx.pod, args, (r) => ctx.host.connect(r)),
  'curl-7.88.1': (ctx, args) => curl(ctx, args, '7.88.1'),
  'curl-8': (ctx, args) => curl(ctx, args, '8.14.1'),
  'bind-dig': bindDig,
};

/** Programs answered from the simulator's model of any image that ships them. */
const GENERIC: Record<string, Tool> = { cat, hostname, echo, true: trueTool, false: falseTool };

const SHELLS = new Set(['sh', 'ash', 'bash', 'zsh', 'dash', 'hush']);

const baseName = (p: string) => p.split('/').pop() ?? p;

const note = (text: string): ExecOut => ({ stdout: '', stderr: `[simulator] ${text}\n`, exitCode: 1, internal: true });

function imageName(ctx: ExecContext): string {
  return ctx.container.image;
}

/** Runs one program of the image (argv[0] already known to be shipped, or unknown for incomplete lists). */
function runProgram(ctx: ExecContext, argv: string[], opts: ExecOptions): ExecOut {
  const bin = baseName(argv[0] ?? '');
  const args = argv.slice(1);
  const profile = ctx.profile as ImageProfile;
  if (SHELLS.has(bin)) {
    const plan = planShell(bin, args, opts.stdin === true);
    if ('result' in plan) return plan.result;
    const inner = baseName(plan.run[0] ?? '');
    if (!profile.binaries.has(inner)) {
      if (SHELLS.has(inner) || !profile.complete) return note(`whether ${imageName(ctx)} ships "${inner}" is not known to the simulator.`);
      return notFound(profile.shell, bin, plan.run[0] ?? inner);
    }
    return runProgram(ctx, plan.run, opts);
  }
  const toolId = profile.tools[bin];
  if (toolId) return IMPLEMENTATIONS[toolId](ctx, args);
  const generic = GENERIC[bin];
  if (generic) return generic(ctx, args);
  return note(`"${bin}" is in ${imageName(ctx)}, but the simulator does not model what it prints.`);
}

/** Runs argv in a container of the pod, as `kubectl exec POD [-c CONTAINER] -- argv...` does. */
export function execInPod(host: ExecHost, pod: PodModel, argv: string[], opts: ExecOptions = {}): ExecOut {
  const container = opts.container ?? pod.containers[0];
  if (!container || argv.length === 0) return { stdout: '', stderr: 'error: you must specify at least one command for the container\n', exitCode: 1, internal: true };
  const profile = imageProfile(container.image);
  const ctx: ExecContext = { host, pod, container, profile };
  const bin = baseName(argv[0] as string);
  if (!profile) return note(`image ${container.image} is not modelled, so the simulator cannot tell whether it ships "${bin}" or what it prints.`);
  if (!profile.binaries.has(bin)) {
    if (!profile.complete) return note(`whether ${container.image} ships "${bin}" is not known to the simulator.`);
    return executableNotFound(pod, argv);
  }
  return runProgram(ctx, argv, opts);
}
