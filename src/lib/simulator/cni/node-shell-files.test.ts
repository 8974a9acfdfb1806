/**
 * busybox 1.36 `ls` and `cat` over a node's CNI files in a `kubectl debug node/…` shell. Expected output from
 * mirror/busybox tag 1_36_1: coreutils/ls.c (main: OPT_1 when stdout is not a tty, OPT_C on one; display_files
 * prints one name per line with OPT_1; my_stat: bb_simple_perror_msg(fullname) → `ls: PATH: No such file or
 * directory`) and libbb/bb_cat.c + wfopen_input.c (`cat: can't open 'PATH': No such file or directory`;
 * bb_copyfd_eof's `read error` on a directory). File names and contents from containernetworking/plugins
 * plugins/ipam/host-local/backend/disk/backend.go (one file per IP holding `<id>\r\n<ifname>`, last_reserved_ip.0,
 * lock); the node shell's /host mount from kubectl pkg/cmd/debug/profiles.go (general mounts the node's root).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

const YAML = [
  'apiVersion: v1\nkind: Node\nmetadata: {name: node-1}\nspec: {podCIDR: 10.244.0.0/24}',
  'apiVersion: v1\nkind: Node\nmetadata: {name: node-2}\nspec: {podCIDR: 10.244.1.0/24}',
  'apiVersion: v1\nkind: Pod\nmetadata: {name: pod-b}\nspec: {nodeName: node-2, containers: [{name: web, image: "nginxinc/nginx-unprivileged:1.27"}]}\nstatus: {podIP: 10.244.1.5}',
].join('\n---\n');

/** What the debugging container printed, after kubectl's "Creating debugging pod" line. */
const shell = (c: ReturnType<typeof createCluster>, node: string, flags: string, command: string) => {
  const r = c.kubectl(`debug node/${node} ${flags} --image=busybox:1.36 --profile=general -- ${command}`);
  return { out: r.stdout.replace(/^Creating debugging pod .*\n/, ''), err: r.stderr };
};

describe('ls in a node shell (-i, stdout not a terminal: one name per line)', () => {
  const c = createCluster(YAML);
  it('lists net.d, the plugin binaries and host-local\'s state directory', () => {
    expect(shell(c, 'node-2', '-i', 'ls /host/etc/cni/net.d').out).toBe('10-bridge.conflist\n');
    expect(shell(c, 'node-2', '-i', 'ls /host/opt/cni/bin').out).toBe('bridge\nhost-local\nloopback\nportmap\n');
    expect(shell(c, 'node-2', '-i', 'ls /host/var/lib/cni/networks').out).toBe('cbr0\n');
    // pod-b holds .5 and one CoreDNS replica landed on node-2; last_reserved_ip.0 and lock are the disk backend's.
    const files = shell(c, 'node-2', '-i', 'ls /host/var/lib/cni/networks/cbr0').out.split('\n').filter(Boolean);
    expect(files).toContain('10.244.1.5');
    expect(files.slice(-2)).toEqual(['last_reserved_ip.0', 'lock']);
  });
  it('names a missing path the way busybox does, and the same command after chroot /host', () => {
    expect(shell(c, 'node-2', '-i', 'ls /host/etc/cni/net.d/99-x.conflist').err).toContain('ls: /host/etc/cni/net.d/99-x.conflist: No such file or directory\n');
    expect(shell(c, 'node-2', '-i', 'chroot /host ls /opt/cni/bin').out).toBe('bridge\nhost-local\nloopback\nportmap\n');
  });
  it('on a terminal (-it) needs -1 --color=never, and says so rather than inventing colour columns', () => {
    expect(shell(c, 'node-2', '-it', 'ls -1 --color=never /host/opt/cni/bin').out).toBe('bridge\nhost-local\nloopback\nportmap\n');
    expect(shell(c, 'node-2', '-it', 'ls /host/opt/cni/bin').err).toMatch(/\[simulator\] on a terminal/);
  });
  it('an empty net.d lists nothing', () => {
    const empty = createCluster(YAML, { cni: { nodes: { 'node-2': { confFiles: {} } } } });
    expect(shell(empty, 'node-2', '-i', 'ls /host/etc/cni/net.d')).toEqual({ out: '', err: expect.not.stringContaining('No such file') });
  });
});

describe('cat in a node shell', () => {
  const c = createCluster(YAML);
  it('prints the conflist: bridge on cni0 with host-local over the node\'s podCIDR, then portmap', () => {
    const conf = JSON.parse(shell(c, 'node-2', '-it', 'cat /host/etc/cni/net.d/10-bridge.conflist').out) as { name: string; plugins: { type: string; ipam?: { type: string; ranges: { subnet: string }[][] } }[] };
    expect(conf.name).toBe('cbr0');
    expect(conf.plugins.map((p) => p.type)).toEqual(['bridge', 'portmap']);
    expect(conf.plugins[0]?.ipam).toMatchObject({ type: 'host-local', ranges: [[{ subnet: '10.244.1.0/24' }]] });
  });
  it('prints a reservation file (container ID, CRLF, ifname) and last_reserved_ip.0', () => {
    expect(shell(c, 'node-2', '-i', 'cat /host/var/lib/cni/networks/cbr0/10.244.1.5').out).toMatch(/^[0-9a-f]{64}\r\neth0$/);
    expect(shell(c, 'node-2', '-i', 'cat /host/var/lib/cni/networks/cbr0/last_reserved_ip.0').out).toMatch(/^10\.244\.1\.\d+$/);
  });
  it('answers busybox\'s errors for a missing file and a directory', () => {
    expect(shell(c, 'node-2', '-i', 'cat /host/etc/cni/net.d/nope.conf').err).toContain("cat: can't open '/host/etc/cni/net.d/nope.conf': No such file or directory\n");
    expect(shell(c, 'node-2', '-i', 'cat /host/etc/cni/net.d').err).toContain('cat: read error: Is a directory\n');
  });
  it('needs a profile that mounts the node\'s root, and does not invent files outside the CNI trees', () => {
    const r = c.kubectl('debug node/node-2 -i --image=busybox:1.36 --profile=netadmin -- cat /host/etc/cni/net.d/10-bridge.conflist');
    expect(r.stderr).toContain("cat: can't open '/host/etc/cni/net.d/10-bridge.conflist': No such file or directory\n");
    expect(shell(c, 'node-2', '-i', 'cat /host/etc/hostname').err).toMatch(/\[simulator\] only the node's CNI files are modelled/);
  });
});
