/**
 * The few files and small programs the simulator can answer for inside any container: /etc/resolv.conf (kubelet's
 * DNS config for the pod's dnsPolicy/dnsConfig as containerd writes it: dns/resolver.ts), /etc/hosts (kubelet's managed hosts file, pkg/kubelet/kubelet_pods.go
 * managedHostsFileContent), /etc/hostname, and `cat`, `hostname`, `echo`, `true`, `false`. Error texts follow the
 * image's implementation: busybox (`cat: can't open 'F': No such file or directory`) or GNU coreutils
 * (`cat: F: No such file or directory`). Any other file is not modelled and says so.
 */
import { podResolver, renderResolvConf } from '../dns/index.ts';
import type { ClusterState } from '../state.ts';
import type { PodModel } from '../types.ts';
import type { ExecContext, ExecOut } from './types.ts';

/** kubelet's managed /etc/hosts for a pod. */
export function hostsFile(pod: PodModel): string {
  const name = pod.hostname ?? pod.name;
  const fqdn = pod.subdomain ? `${name}.${pod.subdomain}.${pod.namespace}.svc.cluster.local\t` : '';
  return `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.ip}\t${fqdn}${name}\n`;
}

/** The content of a file the simulator knows, or null. */
export function knownFile(state: ClusterState, pod: PodModel, path: string): string | null {
  const p = path.replace(/\/+/g, '/');
  if (p === '/etc/resolv.conf') return renderResolvConf(podResolver(state, pod));
  if (p === '/etc/hosts') return hostsFile(pod);
  if (p === '/etc/hostname') return `${pod.hostname ?? pod.name}\n`;
  return null;
}

const isBusybox = (ctx: ExecContext) => ctx.profile?.shell === 'busybox-ash';

/** cat FILE... */
export function cat(ctx: ExecContext, args: string[]): ExecOut {
  let out = '';
  for (const f of args.filter((a) => a !== '--')) {
    if (f.startsWith('-') && f !== '-') continue;
    const text = knownFile(ctx.host.state(), ctx.pod, f);
    if (text !== null) {
      out += text;
      continue;
    }
    if (f === '-') continue; // stdin is empty under kubectl exec without -i
    return { stdout: out, stderr: `[simulator] the container's files are not modelled, except /etc/resolv.conf, /etc/hosts and /etc/hostname: cannot show ${f}.\n`, exitCode: 1, internal: true };
  }
  return { stdout: out, stderr: '', exitCode: 0 };
}

/** hostname [-i] */
export function hostname(ctx: ExecContext, args: string[]): ExecOut {
  if (args.includes('-i')) return { stdout: `${ctx.pod.ip}\n`, stderr: '', exitCode: 0 };
  return { stdout: `${ctx.pod.hostname ?? ctx.pod.name}\n`, stderr: '', exitCode: 0 };
}

/** echo [-n] WORDS (no -e escapes: busybox and coreutils print words as given without it). */
export function echo(_ctx: ExecContext, args: string[]): ExecOut {
  const noNewline = args[0] === '-n';
  const words = noNewline ? args.slice(1) : args;
  return { stdout: `${words.join(' ')}${noNewline ? '' : '\n'}`, stderr: '', exitCode: 0 };
}

/** true / false */
export const trueTool = (): ExecOut => ({ stdout: '', stderr: '', exitCode: 0 });
export const falseTool = (): ExecOut => ({ stdout: '', stderr: '', exitCode: 1 });

export { isBusybox };
