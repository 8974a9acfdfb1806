/**
 * `kubectl debug node/NAME --image=IMAGE [-it] [--profile=P] -- COMMAND...`, as kubectl v1.35 runs it
 * (kubernetes/kubectl tag kubernetes-1.35.7, pkg/cmd/debug/debug.go generateNodeDebugPod and profiles.go): a pod
 * `node-debugger-<node>-<5 random chars>` with one container `debugger` on that node. The profile decides what the
 * container gets: `legacy` (v1.35's default, with a deprecation warning) and `general` put it in the node's network,
 * PID and IPC namespaces and mount the node's root filesystem at /host, without extra capabilities; `netadmin` adds
 * NET_ADMIN and NET_RAW in the host namespaces but mounts nothing; `sysadmin` makes it privileged, in the host
 * namespaces, with /host; `baseline` and `restricted` keep it out of the host namespaces. So `ip route add` on the
 * node needs `--profile=netadmin` or `sysadmin` (without NET_ADMIN the kernel answers EPERM), and the node's files
 * are under /host (`cat /host/run/flannel/subnet.env`, or `chroot /host` to run the node's own tools).
 * With -it, kubectl attaches (pkg/cmd/attach/attach.go prints its two notices on stderr). Only one-shot commands
 * run: an interactive shell (no COMMAND) is not simulated, as for `kubectl exec`. The debug pod itself is not added
 * to the cluster's pods. Stateless apart from the route changes it makes through the host.
 */
import { fnv1a } from './ipam.ts';
import { err, isOut, last, NAMESPACE_FLAGS, parseFlags } from './kubectl-args.ts';
import type { Out } from './kubectl-args.ts';
import type { ClusterState } from './state.ts';
import type { RouteEdit } from './types.ts';
import { busyboxIp } from './datapath/busybox-ip.ts';
import type { RouteEditResult } from './datapath/node-network.ts';
import { nodeNetwork } from './datapath/node-network.ts';
import { bridgeFdbShow, flannelSubnetEnv, iproute2DetailedVxlanLink } from './datapath/node-tools.ts';
import { planShell } from './exec/shell.ts';
import { busyboxCat, busyboxLs } from './cni/node-shell-files.ts';
import { runKubeProxyTool } from './kube-proxy/tools.ts';
import { conntrackCommand } from './kube-proxy/conntrack.ts';
import type { ConntrackTable } from './kube-proxy/conntrack.ts';
import { imageProfile } from './workloads/images.ts';
import { terminalChunks, Transcript } from './output.ts';

/** What the node debugger needs from the cluster. */
export interface DebugHost {
  state(): ClusterState;
  /** The nodes' conntrack tables (absent: empty tables). */
  conntrack?(): ConntrackTable;
  /** Changes a node's routing table; absent when the cluster cannot be changed. */
  editRoute?(edit: RouteEdit): { ok: true } | Extract<RouteEditResult, { ok: false }>;
}

/** kubectl v1.35's debug profiles. */
const PROFILES = ['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'] as const;
type Profile = (typeof PROFILES)[number];

/** What a profile gives a node debugging container (profiles.go). */
function grants(profile: Profile): { hostNamespaces: boolean; hostRoot: boolean; netAdmin: boolean } {
  switch (profile) {
    case 'legacy':
    case 'general':
      return { hostNamespaces: true, hostRoot: true, netAdmin: false };
    case 'netadmin':
      return { hostNamespaces: true, hostRoot: false, netAdmin: true };
    case 'sysadmin':
      return { hostNamespaces: true, hostRoot: true, netAdmin: true };
    default:
      return { hostNamespaces: false, hostRoot: false, netAdmin: false };
  }
}

/** utilrand.String(5): characters from "bcdfghjklmnpqrstvwxz2456789"; derived from the command here, so reproducible. */
export function debugPodSuffix(seed: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < 5; i++) out += alphabet[fnv1a(seed, 0x811c9dc5 + i * 0x01000193) % alphabet.length];
  return out;
}

interface NodeContext {
  host: DebugHost;
  node: string;
  hostRoot: boolean;
  netAdmin: boolean;
  /** Whether stdout is a terminal (-t): busybox ls formats differently. */
  tty: boolean;
}

type Result = { stdout: string; stderr: string; exitCode: number };
const note = (text: string): Result => ({ stdout: '', stderr: `[simulator] ${text}\n`, exitCode: 1 });

/** A busybox:1.36 program in the debug container (the node's network namespace). */
function runBusybox(ctx: NodeContext, argv: string[]): Result {
  const [bin = '', ...args] = argv;
  const name = bin.split('/').pop() ?? bin;
  const state = ctx.host.state();
  if (name === 'sh' || name === 'ash') {
    const plan = planShell(name, args, false);
    if ('result' in plan) return plan.result;
    return runBusybox(ctx, plan.run);
  }
  if (name === 'ip') {
    const ns = nodeNetwork(state, ctx.node);
    if (!ns) return note(`node ${ctx.node} has no network in the model`);
    const edit = ctx.host.editRoute;
    return busyboxIp(ns, args, { netAdmin: ctx.netAdmin, ...(edit ? { edit: (e: RouteEdit) => edit({ ...e, node: ctx.node }) } : {}) });
  }
  if (name === 'hostname') return { stdout: `${ctx.node}\n`, stderr: '', exitCode: 0 };
  if (name === 'cat' && args.length === 1 && args[0]?.replace(/\/+/g, '/') === '/host/run/flannel/subnet.env') {
    const content = ctx.hostRoot ? flannelSubnetEnv(state, ctx.node) : null;
    return content === null ? { stdout: '', stderr: `cat: can't open '${args[0]}': No such file or directory\n`, exitCode: 1 } : { stdout: content, stderr: '', exitCode: 0 };
  }
  if (name === 'cat' || name === 'ls') {
    // The node's files are under /host only with a profile that mounts its root (legacy, general, sysadmin).
    if (!ctx.hostRoot) return { stdout: '', stderr: name === 'cat' ? `cat: can't open '${args.at(-1) ?? ''}': No such file or directory\n` : `ls: ${args.at(-1) ?? ''}: No such file or directory\n`, exitCode: 1 };
    const cni = state.nodes.get(ctx.node)?.cni;
    return name === 'cat' ? busyboxCat(cni, args, '/host') : busyboxLs(cni, args, '/host', ctx.tty);
  }
  if (name === 'chroot') {
    const [root, ...command] = args;
    if (root === undefined) return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: chroot NEWROOT [PROG ARGS]\n\nRun PROG with root directory set to NEWROOT\n', exitCode: 1 };
    if (root.replace(/\/+$/, '') !== '/host' || !ctx.hostRoot) return { stdout: '', stderr: `chroot: can't change root directory to '${root}': No such file or directory\n`, exitCode: 1 };
    if (command.length === 0) return note('chroot /host without a command starts an interactive shell, which is not simulated: run one command, e.g. chroot /host bridge fdb show');
    return runNodeImage(ctx, command);
  }
  if (imageProfile('busybox:1.36')?.binaries.has(name)) return note(`"${name}" is in busybox:1.36, but the simulator does not model what it prints on a node.`);
  return { stdout: '', stderr: `error: Internal error occurred: error executing command in container: failed to exec in container: exec: "${bin}": executable file not found in $PATH: unknown\n`, exitCode: 1 };
}

/** A program of the node's own image (after `chroot /host`): iproute2's `ip -d link show` and `bridge fdb show`, `cat`. */
function runNodeImage(ctx: NodeContext, argv: string[]): Result {
  const [bin = '', ...args] = argv;
  const state = ctx.host.state();
  const proxyTool = runKubeProxyTool(state, ctx.node, bin, args, ctx.netAdmin);
  if (proxyTool) return proxyTool;
  if (bin === 'conntrack') {
    // Reading conntrack over netlink needs CAP_NET_ADMIN (nfnetlink_rcv_msg checks it).
    if (!ctx.netAdmin) return { stdout: '', stderr: 'conntrack v1.4.7 (conntrack-tools): Operation failed: Operation not permitted\n', exitCode: 1 };
    return conntrackCommand(ctx.host.conntrack?.(), ctx.node, args);
  }
  if (bin === 'bridge') {
    if (args[0] !== 'fdb') return note('only "bridge fdb show" is modelled');
    return bridgeFdbShow(state, ctx.node, args.slice(1));
  }
  if (bin === 'ip' && (args[0] === '-d' || args[0] === '-details') && args[1] === 'link' && args[2] === 'show') {
    const dev = args[3] === 'dev' ? args[4] : args[3];
    if (dev === 'flannel.1') {
      const text = iproute2DetailedVxlanLink(state, ctx.node);
      return text === null ? { stdout: '', stderr: 'Device "flannel.1" does not exist.\n', exitCode: 1 } : { stdout: text, stderr: '', exitCode: 0 };
    }
  }
  if (bin === 'cat' && args.length === 1 && args[0]?.replace(/\/+/g, '/') === '/run/flannel/subnet.env') {
    const content = flannelSubnetEnv(state, ctx.node);
    return content === null ? { stdout: '', stderr: `cat: ${args[0]}: No such file or directory\n`, exitCode: 1 } : { stdout: content, stderr: '', exitCode: 0 };
  }
  if (bin === 'cat' || bin === 'ls') {
    const cni = state.nodes.get(ctx.node)?.cni;
    return bin === 'cat' ? busyboxCat(cni, args, '') : busyboxLs(cni, args, '', ctx.tty);
  }
  if (bin === 'ip') return note("on the node's own iproute2 only `ip -d link show flannel.1` is modelled; busybox's ip (without chroot) shows addresses, links and routes");
  return note(`the node's "${bin}" is not modelled`);
}

/** Runs `kubectl debug …` (tokens after `debug`). */
export function cmdDebug(host: DebugHost, tokens: string[]): Out {
  const p = parseFlags('debug', tokens, [
    ...NAMESPACE_FLAGS,
    { long: 'image', value: true },
    { long: 'profile', value: true },
    { long: 'container', short: 'c', value: true },
    { long: 'stdin', short: 'i', value: false },
    { long: 'tty', short: 't', value: false },
    { long: 'quiet', short: 'q', value: false },
    { long: 'attach', value: false },
  ]);
  if (isOut(p)) return p;
  const target = p.args[0];
  if (target === undefined) return err('error: NAME or filename is required for debug');
  const m = /^(?:node|nodes|no)\/(.+)$/.exec(target);
  if (!m) return err('[simulator] only node debugging (kubectl debug node/NAME --image=…) is modelled; to look inside a pod, use kubectl exec');
  const nodeName = m[1] as string;
  const profile = (last(p, 'profile') ?? 'legacy') as Profile;
  if (!PROFILES.includes(profile)) return err(`error: unknown profile: ${profile}`);
  const stdin = last(p, 'stdin') === 'true';
  const tty = last(p, 'tty') === 'true';
  const image = last(p, 'image');
  if (!image) return err('error: you must specify --image when not using --copy-to.');
  if (tty && !stdin) return err('error: -i/--stdin is required for containers with -t/--tty=true');
  const warning = profile === 'legacy' ? '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n' : '';
  const state = host.state();
  if (!state.nodes.has(nodeName)) return err(`${warning}Error from server (NotFound): nodes "${nodeName}" not found`);
  const container = last(p, 'container') ?? 'debugger';
  const command = p.rest ?? [];
  const podName = `node-debugger-${nodeName}-${debugPodSuffix(`${nodeName}\u0000${image}\u0000${command.join('\u0000')}`)}`;
  const quiet = last(p, 'quiet') === 'true';
  const created = quiet ? '' : `Creating debugging pod ${podName} with container ${container} on node ${nodeName}.\n`;
  const attach = stdin ? (quiet ? '' : "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n") : '';
  // In terminal order: the --profile warning (Complete), "Creating debugging pod" (Run), the attach notice, then
  // whatever the container printed.
  const t = new Transcript().err(warning).out(created);
  if (command.length === 0) {
    if (!stdin) return t.result(0);
    return t.err(`${attach}[simulator] interactive shells are not simulated; run one command, e.g. kubectl debug node/${nodeName} -it --image=${image} -- ip route\n`).result(1);
  }
  const g = grants(profile);
  if (!g.hostNamespaces) return t.err(`[simulator] with --profile=${profile} the debugging pod does not use the node's network namespace; use --profile=general, netadmin or sysadmin to look at the node\n`).result(1);
  const shell = imageProfile(image);
  if (!shell || shell.shell !== 'busybox-ash' || !/busybox/.test(image)) return t.err(`[simulator] node shells are modelled with the busybox image (--image=busybox:1.36); ${image} is not\n`).result(1);
  const result = runBusybox({ host, node: nodeName, hostRoot: g.hostRoot, netAdmin: g.netAdmin, tty }, command);
  // Without -i the command runs in the pod and its output goes to the pod's log, not to the terminal.
  if (!stdin) return t.result(0);
  t.err(attach);
  // Attached, the container's output streams back (a TTY has one stream, so stderr joins stdout); attach reports no
  // exit code, so kubectl exits 0 whatever the command returned.
  if (result.stderr.startsWith('[simulator]')) return t.write(result).result(1);
  if (tty) return t.out(terminalChunks(result).map((chunk) => chunk.text).join('')).result(0);
  return t.write(result).result(0);
}
