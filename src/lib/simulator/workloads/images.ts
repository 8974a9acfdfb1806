/**
 * The container images the simulator knows: how a reference such as `docker.io/library/busybox:1.36` maps to
 * a profile, which binaries the image puts on $PATH, and what it runs when the pod spec sets no command.
 * An image not listed here is "unmodelled": the simulator does not know what it ships or runs
 * (see `listeners.ts` for what that means for its ports).
 */

/** The images the simulator models. */
export type ImageId =
  | 'busybox'
  | 'nginx'
  | 'nginx-unprivileged'
  | 'curl'
  | 'netshoot'
  | 'agnhost'
  | 'dnsutils'
  | 'python'
  | 'http-echo'
  | 'coredns';

/** What the simulator knows about one image. */
export interface ImageProfile {
  id: ImageId;
  /** The image's ENTRYPOINT (empty when none). */
  entrypoint: readonly string[];
  /** The image's CMD (empty when none). */
  cmd: readonly string[];
  /** Binaries the image ships on $PATH, by basename (whether or not the simulator implements them). */
  binaries: ReadonlySet<string>;
}

/** A parsed image reference: registry/repository path without tag or digest, and the tag ('latest' when none). */
export interface ImageRef {
  repository: string;
  tag: string;
}

/** Splits `registry/path/name:tag@sha256:…` into repository (registry and docker.io/library/ dropped) and tag. */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  const at = rest.indexOf('@');
  if (at >= 0) rest = rest.slice(0, at);
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag = 'latest';
  if (colon > slash) {
    tag = rest.slice(colon + 1) || 'latest';
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  // A first part with a dot or a port, or `localhost`, is a registry host.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0] ?? '')) parts.shift();
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  return { repository: parts.join('/').toLowerCase(), tag };
}

const BUSYBOX_APPLETS = [
  // The busybox:1.36 image is one binary with every applet of its default configuration linked into /bin.
  'sh', 'ash', 'cat', 'echo', 'hostname', 'true', 'false', 'sleep', 'ls', 'ps', 'env', 'id', 'mkdir', 'printf',
  'wget', 'nc', 'nslookup', 'ping', 'ping6', 'ip', 'ifconfig', 'route', 'traceroute', 'netstat', 'arp', 'telnet',
  'httpd', 'udhcpc', 'tail', 'head', 'grep', 'sed', 'awk', 'vi', 'top', 'uname', 'date', 'whoami', 'busybox',
];

const DEBIAN_BASE = ['sh', 'bash', 'cat', 'echo', 'hostname', 'true', 'false', 'sleep', 'ls', 'env', 'id', 'mkdir', 'printf', 'tail', 'head', 'grep', 'sed', 'uname', 'date', 'whoami'];

const PROFILES: Record<ImageId, Omit<ImageProfile, 'id'>> = {
  busybox: { entrypoint: [], cmd: ['sh'], binaries: new Set(BUSYBOX_APPLETS) },
  // nginx's Debian image: nginx plus the base system and curl (docker-nginx mainline/debian/Dockerfile).
  nginx: { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], binaries: new Set([...DEBIAN_BASE, 'nginx', 'curl']) },
  'nginx-unprivileged': { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], binaries: new Set([...DEBIAN_BASE, 'nginx', 'curl']) },
  // curlimages/curl: Alpine with curl; its entrypoint runs curl with the given arguments.
  curl: { entrypoint: ['/entrypoint.sh'], cmd: ['curl'], binaries: new Set(['sh', 'ash', 'cat', 'echo', 'hostname', 'true', 'false', 'sleep', 'ls', 'env', 'wget', 'nc', 'nslookup', 'ping', 'curl', 'ip', 'tail', 'grep', 'sed']) },
  netshoot: {
    entrypoint: [],
    cmd: ['zsh'],
    binaries: new Set([...DEBIAN_BASE, 'zsh', 'curl', 'wget', 'nc', 'nslookup', 'dig', 'host', 'ping', 'ip', 'traceroute', 'tcpdump', 'ss', 'netstat', 'iptables', 'nft', 'conntrack', 'bridge', 'drill', 'iperf3', 'socat', 'mtr', 'nmap']),
  },
  agnhost: { entrypoint: ['/agnhost'], cmd: [], binaries: new Set(['agnhost', 'sh', 'cat', 'echo', 'hostname', 'true', 'false', 'sleep', 'ls', 'nc', 'nslookup', 'wget', 'ping', 'ip', 'curl', 'dig']) },
  dnsutils: { entrypoint: [], cmd: [], binaries: new Set([...DEBIAN_BASE, 'dig', 'nslookup', 'host', 'ping', 'nc', 'curl', 'wget']) },
  python: { entrypoint: [], cmd: ['python3'], binaries: new Set([...DEBIAN_BASE, 'python', 'python3', 'curl', 'wget']) },
  'http-echo': { entrypoint: ['/http-echo'], cmd: [], binaries: new Set(['http-echo']) },
  coredns: { entrypoint: ['/coredns'], cmd: [], binaries: new Set(['coredns']) },
};

const REPOSITORIES: Array<[RegExp, ImageId]> = [
  [/^busybox$/, 'busybox'],
  [/^nginxinc\/nginx-unprivileged$|^nginx\/nginx-unprivileged$/, 'nginx-unprivileged'],
  [/^nginx$/, 'nginx'],
  [/^curlimages\/curl$/, 'curl'],
  [/^nicolaka\/netshoot$/, 'netshoot'],
  [/(^|\/)agnhost$/, 'agnhost'],
  [/(^|\/)(jessie-)?dnsutils$/, 'dnsutils'],
  [/^python$/, 'python'],
  [/^hashicorp\/http-echo$/, 'http-echo'],
  [/(^|\/)coredns$/, 'coredns'],
];

/** The profile of a modelled image, or null for an image the simulator does not model. */
export function imageProfile(image: string): ImageProfile | null {
  const { repository } = parseImageRef(image);
  for (const [re, id] of REPOSITORIES) if (re.test(repository)) return { id, ...PROFILES[id] };
  return null;
}

/** The argv a container runs: spec command/args over the image's ENTRYPOINT/CMD, as the kubelet combines them. */
export function effectiveArgv(profile: ImageProfile | null, command: readonly string[] | undefined, args: readonly string[] | undefined): string[] {
  // https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#notes
  if (command !== undefined) return [...command, ...(args ?? [])];
  const entrypoint = profile?.entrypoint ?? [];
  return [...entrypoint, ...(args ?? profile?.cmd ?? [])];
}
