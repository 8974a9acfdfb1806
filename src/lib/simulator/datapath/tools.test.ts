/**
 * Golden outputs of the tools that print the datapath. Every expected text is written from the tool's source,
 * not from the simulator:
 * - busybox 1.36.1 `ip` (github.com/mirror/busybox tag 1_36_1): networking/libiproute/ipaddress.c print_linkinfo
 *   ("%d: %s", "@%s: " with ll_index_to_name, ",M-DOWN" when the peer's flags are unknown, "mtu %u ", "qdisc %s ",
 *   "master %s ", "state %s ", print_queuelen "qlen %d" only when non-zero, "\n    link/%s ", " brd "),
 *   print_addrinfo ("    inet ", "/%d ", "brd %s ", "scope %s ", the label, "\n       valid_lft forever
 *   preferred_lft forever"), iproute.c print_route ("default ", "via %s ", "dev %s ", "scope %s ", " src %s ",
 *   "onlink ", no proto) and iproute_get (RTM_F_CLONED: no scope), libnetlink.c rtnl_talk ("RTNETLINK answers: "
 *   + strerror, exit 2), ip_parse_common_args (unknown option: bb_show_usage);
 * - busybox 1.36.1 networking/traceroute.c ("traceroute to %s (%s)", ", %d hops max, %d byte packets\n", "%2d",
 *   "  %s", "  %u.%03u ms", "  *"; packlen 20 + 8 + sizeof(struct outdata_t) 18 = 46);
 * - kubectl v1.35 (github.com/kubernetes/kubectl tag kubernetes-1.35.7): pkg/cmd/debug/debug.go (the
 *   "Creating debugging pod %s with container %s on node %s." line, the legacy-profile warning, the default
 *   profile "legacy", "you must specify --image when not using --copy-to."), profiles.go (which profile grants
 *   /host and NET_ADMIN), pkg/cmd/attach/attach.go (the two notices printed on attach);
 * - flannel's WriteSubnetFile (flannel-io/flannel pkg/subnet: FLANNEL_NETWORK, FLANNEL_SUBNET, FLANNEL_MTU,
 *   FLANNEL_IPMASQ) and its VXLAN backend (one FDB entry per remote node: VTEP MAC, dst = node IP);
 * - iproute2 v6.1.0 (github.com/iproute2/iproute2): bridge/fdb.c print_fdb ("%s ", "dev %s " unless filtered,
 *   "dst %s ", "self ", "permanent"), ip/ipaddress.c print_linkinfo details and ip/iplink_vxlan.c vxlan_print_opt.
 * MAC addresses and interface indexes are the model's (the kernel picks them at random); the tests take them from
 * the model's interfaces and check where and how they are printed.
 */
import { describe, expect, it } from 'vitest';
import { threePodsYaml } from '../fixtures.ts';
import { createCluster } from '../index.ts';
import { nodeNetwork, podNetwork } from './node-network.ts';
import { IP_USAGE } from './busybox-ip.ts';
import { vtepMac } from './node-tools.ts';

const YAML = threePodsYaml(80);

const ATTACH = "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n";
const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';
const created = (stdout: string, node: string) => {
  const m = /^Creating debugging pod (node-debugger-(\S+)-([bcdfghjklmnpqrstvwxz2456789]{5})) with container debugger on node (\S+)\.\n/.exec(stdout);
  expect(m?.[2]).toBe(node);
  expect(m?.[4]).toBe(node);
  return stdout.slice(m?.[0].length ?? 0);
};

describe('busybox ip in a pod', () => {
  const c = createCluster(YAML);
  const pod = c.state.pods.get('default/pod-a')!;
  const ns = podNetwork(c.state, pod)!;
  const eth0 = ns.interfaces[1]!;
  it('ip addr: lo and eth0@if<host veth> (M-DOWN: the peer is in another namespace)', () => {
    const hostVeth = nodeNetwork(c.state, 'node-1')!.interfaces.find((i) => i.peerPod === 'default/pod-a')!;
    expect(c.kubectl('exec pod-a -- ip addr')).toEqual({
      stdout:
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n' +
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
        '    inet 127.0.0.1/8 scope host lo\n' +
        '       valid_lft forever preferred_lft forever\n' +
        `2: eth0@if${hostVeth.index}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP qlen 1000\n` +
        `    link/ether ${eth0.mac} brd ff:ff:ff:ff:ff:ff\n` +
        '    inet 10.244.0.5/24 brd 10.244.0.255 scope global eth0\n' +
        '       valid_lft forever preferred_lft forever\n',
      stderr: '',
      exitCode: 0,
    });
  });
  it('ip link shows the link lines only; ip link show eth0 one device; an unknown device fails', () => {
    const link = c.kubectl('exec pod-a -- ip link').stdout;
    expect(link.split('\n').filter((l) => l.includes('inet'))).toEqual([]);
    expect(c.kubectl('exec pod-a -- ip link show eth0').stdout.startsWith('2: eth0@if')).toBe(true);
    expect(c.kubectl('exec pod-a -- ip link show eth9')).toMatchObject({ stderr: "ip: can't find device 'eth9'\ncommand terminated with exit code 1\n", exitCode: 1 });
  });
  it('ip route: the CNI bridge plugin\'s routes, printed without proto and with busybox\'s spacing', () => {
    expect(c.kubectl('exec pod-a -- ip route').stdout).toBe('default via 10.244.0.1 dev eth0 \n10.244.0.0/24 dev eth0 scope link  src 10.244.0.5 \n');
  });
  it('ip route get: the chosen route and source', () => {
    expect(c.kubectl('exec pod-a -- ip route get 10.244.1.5').stdout).toBe('10.244.1.5 via 10.244.0.1 dev eth0  src 10.244.0.5 \n');
    expect(c.kubectl('exec pod-a -- ip route get 10.244.0.6').stdout).toBe('10.244.0.6 dev eth0  src 10.244.0.5 \n');
    expect(c.kubectl('exec pod-a -- ip route get 10.244.0.5').stdout).toBe('local 10.244.0.5 dev lo  src 10.244.0.5 \n');
    expect(c.kubectl('exec pod-a -- ip route get nowhere')).toMatchObject({ stderr: 'ip: an inet prefix is expected rather than "nowhere"\ncommand terminated with exit code 1\n', exitCode: 1 });
  });
  it('a pod has no NET_ADMIN: route changes are refused; -d is not a busybox option', () => {
    expect(c.kubectl('exec pod-a -- ip route add 10.9.0.0/16 via 10.244.0.1')).toEqual({ stdout: '', stderr: 'ip: RTNETLINK answers: Operation not permitted\ncommand terminated with exit code 2\n', exitCode: 2 });
    expect(c.kubectl('exec pod-a -- ip -d link show eth0')).toEqual({ stdout: '', stderr: `${IP_USAGE}command terminated with exit code 1\n`, exitCode: 1 });
    expect(IP_USAGE).toContain('Usage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\nOPTIONS := -f[amily] inet|inet6|link | -o[neline]\n');
  });
  it('a container whose image has no ip (nginx) cannot run it', () => {
    expect(c.kubectl('exec pod-b -- ip addr').exitCode).not.toBe(0);
  });
});

describe('busybox traceroute -n from a pod', () => {
  const hopLines = (stdout: string) => stdout.split('\n').slice(1, -1).map((l) => l.replace(/ {2}\d+\.\d{3} ms/g, '  T'));
  it('host-gw: cni0 of node-1, then node-2 (eth0 address, its route back), then pod-b', () => {
    const r = createCluster(YAML).kubectl('exec pod-a -- traceroute -n 10.244.1.5');
    expect(r.stdout.split('\n')[0]).toBe('traceroute to 10.244.1.5 (10.244.1.5), 30 hops max, 46 byte packets');
    expect(hopLines(r.stdout)).toEqual([' 1  10.244.0.1  T  T  T', ' 2  172.18.0.3  T  T  T', ' 3  10.244.1.5  T  T  T']);
  });
  it('vxlan: the middle hop is node-2\'s flannel.1 address (its route back to 10.244.0.0/24 goes through flannel.1)', () => {
    const r = createCluster(YAML, { datapath: 'vxlan' }).kubectl('exec pod-a -- traceroute -n 10.244.1.5');
    expect(hopLines(r.stdout)).toEqual([' 1  10.244.0.1  T  T  T', ' 2  10.244.1.0  T  T  T', ' 3  10.244.1.5  T  T  T']);
  });
  it('same node: the bridge is no router, so the destination is hop 1', () => {
    expect(hopLines(createCluster(YAML).kubectl('exec pod-a -- traceroute -n 10.244.0.6').stdout)).toEqual([' 1  10.244.0.6  T  T  T']);
  });
  it('a deleted route: the default gateway answers, then silence to 30 hops', () => {
    const lines = hopLines(createCluster(YAML, { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }] }).kubectl('exec pod-a -- traceroute -n 10.244.1.5').stdout);
    expect(lines.slice(0, 3)).toEqual([' 1  10.244.0.1  T  T  T', ' 2  172.18.0.1  T  T  T', ' 3  *  *  *']);
    expect(lines).toHaveLength(30);
    expect(lines[29]).toBe('30  *  *  *');
  });
});

describe('kubectl debug node/… (kubectl v1.35)', () => {
  it('the default profile is legacy (with its warning); attaching prints the two notices; ip runs in the node namespace', () => {
    const c = createCluster(YAML);
    const r = c.kubectl('debug node/node-1 -it --image=busybox:1.36 -- ip route');
    expect(r.stderr).toBe(LEGACY + ATTACH);
    expect(r.exitCode).toBe(0);
    // On the terminal: the profile warning (debug.go Complete), "Creating debugging pod" (Run), the attach notices,
    // then the output, as in Inspektor Gadget's documented `kubectl debug --profile=sysadmin node/… -ti` session.
    expect(r.chunks?.map((chunk) => [chunk.stream, chunk.text.split('\n')[0]])).toEqual([
      ['stderr', LEGACY.split('\n')[0]],
      ['stdout', expect.stringMatching(/^Creating debugging pod node-debugger-node-1-\w{5} with container debugger on node node-1\.$/)],
      ['stderr', ATTACH.split('\n')[0]],
      ['stdout', 'default via 172.18.0.1 dev eth0 '],
    ]);
    expect(created(r.stdout, 'node-1')).toBe('default via 172.18.0.1 dev eth0 \n10.244.0.0/24 dev cni0 scope link  src 10.244.0.1 \n10.244.1.0/24 via 172.18.0.3 dev eth0 \n172.18.0.0/16 dev eth0 scope link  src 172.18.0.2 \n');
  });
  it('ip link on the node: host-side veths are enslaved to cni0; busybox names their peer index 2 after the node\'s own eth0', () => {
    const c = createCluster(YAML);
    const veth = nodeNetwork(c.state, 'node-1')!.interfaces.find((i) => i.peerPod === 'default/pod-a')!;
    const out = created(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=general -- ip link').stdout, 'node-1');
    expect(out).toContain(`${veth.index}: ${veth.name}@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master cni0 state UP qlen 1000\n    link/ether ${veth.mac} brd ff:ff:ff:ff:ff:ff\n`);
  });
  it('vxlan: flannel.1 holds the lease network address as a /32, has no queue and its route is onlink', () => {
    const c = createCluster(YAML, { datapath: 'vxlan' });
    const vtep = nodeNetwork(c.state, 'node-1')!.interfaces.find((i) => i.name === 'flannel.1')!;
    const addr = created(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=general -- ip addr show flannel.1').stdout, 'node-1');
    expect(addr).toBe(`${vtep.index}: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN \n    link/ether ${vtep.mac} brd ff:ff:ff:ff:ff:ff\n    inet 10.244.0.0/32 scope global flannel.1\n       valid_lft forever preferred_lft forever\n`);
    expect(created(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=general -- ip route').stdout, 'node-1')).toContain('10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink \n');
  });
  it('ip route del needs NET_ADMIN (netadmin or sysadmin); with it, the route goes and pod-a → pod-b times out; add brings it back', () => {
    const c = createCluster(YAML);
    expect(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=general -- ip route del 10.244.1.0/24').stdout).toMatch(/ip: RTNETLINK answers: Operation not permitted\n$/);
    expect(c.connect({ from: 'pod-a', to: '10.244.1.5', port: 8080 }).status).toBe('connected');
    const del = c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=netadmin -- ip route del 10.244.1.0/24');
    expect(created(del.stdout, 'node-1')).toBe('');
    expect(del.stderr).toBe(ATTACH);
    expect(c.connect({ from: 'pod-a', to: '10.244.1.5', port: 8080 }).status).toBe('timeout');
    expect(created(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=sysadmin -- ip route del 10.244.1.0/24').stdout, 'node-1')).toBe('ip: RTNETLINK answers: No such process\n');
    expect(created(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=netadmin -- ip route add 10.244.1.0/24 via 172.19.0.3').stdout, 'node-1')).toBe('ip: RTNETLINK answers: Network is unreachable\n');
    c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=netadmin -- ip route add 10.244.1.0/24 via 172.18.0.3');
    expect(c.connect({ from: 'pod-a', to: '10.244.1.5', port: 8080 }).status).toBe('connected');
    expect(c.routeEdits).toEqual([{ node: 'node-1', delete: '10.244.1.0/24' }, { node: 'node-1', add: '10.244.1.0/24', via: '172.18.0.3' }]);
  });
  it('the node\'s files are under /host (legacy, general, sysadmin), not with netadmin', () => {
    const c = createCluster(YAML, { datapath: 'vxlan' });
    expect(created(c.kubectl('debug node/node-2 -it --image=busybox:1.36 --profile=general -- cat /host/run/flannel/subnet.env').stdout, 'node-2')).toBe('FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.1.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n');
    expect(created(createCluster(YAML).kubectl('debug node/node-2 -it --image=busybox:1.36 --profile=general -- cat /host/run/flannel/subnet.env').stdout, 'node-2')).toContain('FLANNEL_MTU=1500\n');
    expect(created(c.kubectl('debug node/node-2 -it --image=busybox:1.36 --profile=general -- cat /run/flannel/subnet.env').stdout, 'node-2')).toBe("cat: can't open '/run/flannel/subnet.env': No such file or directory\n");
    expect(created(c.kubectl('debug node/node-2 -it --image=busybox:1.36 --profile=netadmin -- cat /host/run/flannel/subnet.env').stdout, 'node-2')).toBe("cat: can't open '/host/run/flannel/subnet.env': No such file or directory\n");
  });
  it('chroot /host: the node\'s bridge fdb shows flannel\'s entry for each remote VTEP, and ip -d link the VXLAN device', () => {
    const c = createCluster(YAML, { datapath: 'vxlan' });
    expect(created(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=sysadmin -- chroot /host bridge fdb show').stdout, 'node-1')).toBe(`${vtepMac('node-2')} dev flannel.1 dst 172.18.0.3 self permanent\n`);
    expect(created(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=sysadmin -- chroot /host bridge fdb show dev flannel.1').stdout, 'node-1')).toBe(`${vtepMac('node-2')} dst 172.18.0.3 self permanent\n`);
    // The MAC in node-1's FDB entry is the one node-2's own flannel.1 carries.
    expect(nodeNetwork(c.state, 'node-2')!.interfaces.find((i) => i.name === 'flannel.1')?.mac).toBe(vtepMac('node-2'));
    const detail = created(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=sysadmin -- chroot /host ip -d link show flannel.1').stdout, 'node-1').split('\n');
    expect(detail[0]).toMatch(/^\d+: flannel\.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default $/);
    expect(detail[2]).toMatch(/^ {4}vxlan id 1 local 172\.18\.0\.2 dev eth0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx /);
    expect(created(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=netadmin -- chroot /host bridge fdb show').stdout, 'node-1')).toBe("chroot: can't change root directory to '/host': No such file or directory\n");
  });
  it('errors kubectl gives', () => {
    const c = createCluster(YAML);
    expect(c.kubectl('debug node/node-1 -it -- ip route')).toMatchObject({ stderr: 'error: you must specify --image when not using --copy-to.\n', exitCode: 1 });
    expect(c.kubectl('debug node/node-9 -it --image=busybox:1.36 --profile=general -- ip route')).toMatchObject({ stderr: 'Error from server (NotFound): nodes "node-9" not found\n', exitCode: 1 });
    expect(c.kubectl('debug node/node-1 -t --image=busybox:1.36 --profile=general -- ip route')).toMatchObject({ stderr: 'error: -i/--stdin is required for containers with -t/--tty=true\n', exitCode: 1 });
    expect(c.kubectl('debug node/node-1 -it --image=busybox:1.36 --profile=admin -- ip route')).toMatchObject({ stderr: 'error: unknown profile: admin\n', exitCode: 1 });
  });
  it('without -i the command runs in the pod (its output goes to the pod log), and a route change still happens', () => {
    const c = createCluster(YAML);
    const r = c.kubectl('debug node/node-1 --image=busybox:1.36 --profile=netadmin -- ip route del 10.244.1.0/24');
    expect(created(r.stdout, 'node-1')).toBe('');
    expect(c.connect({ from: 'pod-a', to: '10.244.1.5', port: 8080 }).status).toBe('timeout');
  });
});
