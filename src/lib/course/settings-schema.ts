/**
 * The schema of a scenario's cluster settings: what a real cluster decides outside its API objects (the
 * plugin's backend, kube-proxy's mode, the address ranges, state an admin changed on a node). lesson.yaml
 * declares them per scenario (`settings: { <scenario>: {…} }`), lab.yaml for its starting scenario
 * (`settings: {…}`); both map to the simulator's ClusterOptions with `clusterOptions`. The schema checks
 * spelling and shapes; what needs the cluster (does node-3 exist? do the ranges overlap?) is checked when
 * the cluster is built, and reported with the same field path (see `settingsProblem`).
 */
import { z } from 'astro/zod';
import type { ClusterOptions } from '../simulator/cluster.ts';
import { isRouteDestination } from '../simulator/cluster-settings.ts';
import { ipToInt, parseCidr } from '../simulator/ipam.ts';
import { DATAPATH_MODES, KUBE_PROXY_MODES, POLICY_PLUGINS } from '../simulator/types.ts';
import type { DatapathMode, KubeProxyMode, PolicyPlugin } from '../simulator/types.ts';
import { bool, list, oneOf, port, text, typeError } from './field-schemas.ts';

const cidr = (example: string) =>
  z.string({ error: typeError('text') }).refine((value) => parseCidr(value) !== null && value.includes('/'), `must be an IPv4 CIDR such as ${example}`);
const ip = () => z.string({ error: typeError('text') }).refine((value) => ipToInt(value) !== null, 'must be an IPv4 address such as 172.18.0.3');
const destination = () => z.string({ error: typeError('text') }).refine(isRouteDestination, 'must be "default" or an IPv4 CIDR such as 10.244.1.0/24');

/** One routing-table change on a node: `{ node, delete: <dst> }` or `{ node, add: <dst>, via?, dev? }`. */
export const routeEditSchema = z
  .strictObject(
    {
      /** The node whose table changes. */
      node: text(),
      /** A route to remove, as `ip route del <dst>`. */
      delete: destination().optional(),
      /** A route to add, as `ip route add <dst> via <via> dev <dev>`. */
      add: destination().optional(),
      /** The added route's gateway. */
      via: ip().optional(),
      /** The added route's device (eth0, cni0, flannel.1). */
      dev: text().optional(),
    },
    { error: typeError('a mapping with node and delete, or node and add (with via and/or dev)') },
  )
  .superRefine((edit, ctx) => {
    if ((edit.delete === undefined) === (edit.add === undefined)) ctx.addIssue({ code: 'custom', message: 'needs exactly one of delete and add' });
    else if (edit.delete !== undefined && (edit.via !== undefined || edit.dev !== undefined)) ctx.addIssue({ code: 'custom', message: 'a deleted route takes no via or dev' });
    else if (edit.add !== undefined && edit.via === undefined && edit.dev === undefined) ctx.addIssue({ code: 'custom', message: 'an added route needs via, dev or both' });
  });

/** One node firewall rule: packets of `protocol` (to `port`) arriving at `node` are dropped. */
export const firewallRuleSchema = z
  .strictObject(
    {
      /** The node the rule is on. */
      node: text(),
      /** The protocol it matches. */
      protocol: oneOf(['TCP', 'UDP', 'SCTP', 'ICMP']),
      /** The destination port it matches (every port when omitted). */
      port: port().optional(),
      /** What it does to a matching packet. */
      action: oneOf(['DROP']),
    },
    { error: typeError('a mapping with node, protocol, port and action') },
  )
  .refine((rule) => !(rule.protocol === 'ICMP' && rule.port !== undefined), { message: 'ICMP has no ports', path: ['port'] });

/** One node's CNI files, replacing the defaults: what `/etc/cni/net.d` and `/opt/cni/bin` hold, and host-local's last address. */
export const nodeCniSchema = z.strictObject(
  {
    /** The files of /etc/cni/net.d by name (`{}` leaves the directory empty: the node's network is not ready). */
    confFiles: z.record(text(), z.string({ error: typeError('text (the file\'s content)') }), { error: typeError('a mapping of file names to their content') }).optional(),
    /** The plugin binaries in /opt/cni/bin. */
    binaries: list(text()).optional(),
    /** host-local's last_reserved_ip.0, as if earlier pods had taken addresses up to it. */
    lastReservedIP: ip().optional(),
  },
  { error: typeError('a mapping with confFiles, binaries and/or lastReservedIP') },
);

/** The nodes' CNI setup: portmap in the default chain or not, and per-node files. */
export const cniSettingsSchema = z.strictObject(
  {
    /** Keep portmap in the default chain (default true; false makes hostPort have no effect). */
    portmap: bool().optional(),
    /** Per node, by name. */
    nodes: z.record(text(), nodeCniSchema, { error: typeError('a mapping of node names to their CNI files') }).optional(),
  },
  { error: typeError('a mapping with portmap and/or nodes') },
);

/** A scenario's cluster settings (every field optional: the defaults are the course's kind-like cluster). */
const EXTERNAL_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+\.?$/;

/** The resolver outside the cluster: `server` (default 192.0.2.53) and `records` (external name → IPv4 addresses). */
export const upstreamDnsSchema = z.strictObject(
  {
    server: ip().optional(),
    records: z
      .record(z.string(), z.array(ip(), { error: typeError('a list of IPv4 addresses') }).min(1, 'needs at least one IPv4 address'), {
        error: typeError('a mapping of external names to lists of IPv4 addresses'),
      })
      .superRefine((records, ctx) => {
        for (const name of Object.keys(records)) {
          if (!EXTERNAL_NAME.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'must be a DNS name with at least two labels, such as api.payments.example' });
          else if (/(^|\.)cluster\.local\.?$/i.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'is inside the cluster domain, which CoreDNS answers itself' });
        }
      })
      .optional(),
  },
  { error: typeError('a mapping with server and records') },
);

export const clusterSettingsSchema = z.strictObject(
  {
    /** flannel's backend: host-gw routes (default) or VXLAN (VNI 1, UDP 8472, MTU 1450). */
    datapath: oneOf(DATAPATH_MODES as [DatapathMode, ...DatapathMode[]]).optional(),
    /** kube-proxy's mode (default iptables). */
    kubeProxyMode: oneOf(KUBE_PROXY_MODES as [KubeProxyMode, ...KubeProxyMode[]]).optional(),
    /** How NetworkPolicy is enforced (default calico). */
    policyPlugin: oneOf(POLICY_PLUGINS as [PolicyPlugin, ...PolicyPlugin[]]).optional(),
    /** The pod network (default 10.244.0.0/16, a /24 per node). */
    clusterCIDR: cidr('10.244.0.0/16').optional(),
    /** The Service network (default 10.96.0.0/12). */
    serviceCIDR: cidr('10.96.0.0/12').optional(),
    /** Counterfactual, non-conformant: the source node SNATs pod-to-pod traffic. */
    podToPodSnat: bool().optional(),
    /** Changes to nodes' routing tables, applied in order. */
    routes: list(routeEditSchema).optional(),
    /** Node firewall rules. */
    firewall: list(firewallRuleSchema).optional(),
    /** The nodes' CNI configuration, binaries and host-local state (default: bridge + host-local + portmap everywhere). */
    cni: cniSettingsSchema.optional(),
    /** Run kube-proxy and the flannel agent as DaemonSets (kube-system / kube-flannel), as a kubeadm cluster with flannel does. */
    systemDaemonSets: bool().optional(),
    /** The resolver outside the cluster that nodes use and CoreDNS forwards to, with the external names it answers. */
    upstreamDns: upstreamDnsSchema.optional(),
    /** Gateway API v1.6.1 CRDs installed: standard or experimental channel (absent: not installed). */
    gatewayChannel: oneOf(['standard', 'experimental'] as ['standard', 'experimental']).optional(),
    /** controllerNames the cluster's Gateway controller implements (default example.net/sim-gateway-controller). */
    gatewayControllers: list(z.string().min(1)).optional(),
    /** IngressClass controllers the cluster's Ingress controller implements (default example.net/sim-ingress-controller). */
    ingressControllers: list(z.string().min(1)).optional(),
  },
  { error: typeError('a mapping of cluster settings (datapath, kubeProxyMode, policyPlugin, clusterCIDR, serviceCIDR, podToPodSnat, routes, firewall, cni, systemDaemonSets, upstreamDns, gatewayChannel, gatewayControllers, ingressControllers)') },
);

/** A scenario's validated cluster settings. */
export type ClusterSettings = z.infer<typeof clusterSettingsSchema>;

/** The simulator options for a scenario's settings (nothing for none). */
export function clusterOptions(settings: ClusterSettings | undefined): ClusterOptions {
  if (!settings) return {};
  const options: ClusterOptions = {};
  if (settings.datapath) options.datapath = settings.datapath;
  if (settings.kubeProxyMode) options.kubeProxyMode = settings.kubeProxyMode;
  if (settings.policyPlugin) options.policyPlugin = settings.policyPlugin;
  if (settings.clusterCIDR) options.clusterCIDR = settings.clusterCIDR;
  if (settings.serviceCIDR) options.serviceCIDR = settings.serviceCIDR;
  if (settings.podToPodSnat) options.podToPodSnat = true;
  if (settings.routes?.length) {
    options.routes = settings.routes.map((r) => ({
      node: r.node,
      ...(r.delete !== undefined ? { delete: r.delete } : {}),
      ...(r.add !== undefined ? { add: r.add } : {}),
      ...(r.via !== undefined ? { via: r.via } : {}),
      ...(r.dev !== undefined ? { dev: r.dev } : {}),
    }));
  }
  if (settings.firewall?.length) options.firewall = settings.firewall.map((f) => ({ node: f.node, protocol: f.protocol, action: f.action, ...(f.port !== undefined ? { port: f.port } : {}) }));
  if (settings.cni) {
    const nodes = settings.cni.nodes
      ? Object.fromEntries(
          Object.entries(settings.cni.nodes).map(([node, files]) => [
            node,
            { ...(files.confFiles ? { confFiles: files.confFiles } : {}), ...(files.binaries ? { binaries: files.binaries } : {}), ...(files.lastReservedIP ? { lastReservedIP: files.lastReservedIP } : {}) },
          ]),
        )
      : undefined;
    options.cni = { ...(settings.cni.portmap !== undefined ? { portmap: settings.cni.portmap } : {}), ...(nodes ? { nodes } : {}) };
  }
  if (settings.systemDaemonSets) options.systemDaemonSets = true;
  if (settings.gatewayChannel) options.gatewayChannel = settings.gatewayChannel;
  if (settings.gatewayControllers) options.gatewayControllers = [...settings.gatewayControllers];
  if (settings.ingressControllers) options.ingressControllers = [...settings.ingressControllers];
  if (settings.upstreamDns) {
    options.upstreamDns = { ...(settings.upstreamDns.server ? { server: settings.upstreamDns.server } : {}), ...(settings.upstreamDns.records ? { records: settings.upstreamDns.records } : {}) };
  }
  return options;
}
