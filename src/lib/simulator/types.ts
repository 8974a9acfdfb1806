/** Shared data model of the cluster simulator: plain, serialisable, immutable-by-convention objects. */
import type { ProbeSpec } from './workloads/probes.ts';
import type { Verdict } from './verdict.ts';

/** Transport protocols that NetworkPolicy and Services understand. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** The protocols the simulator can send: NetworkPolicy ones plus ICMP (ping). */
export type WireProtocol = Protocol | 'ICMP';

/** The list of protocols NetworkPolicy governs, in canonical order. */
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** Operators allowed in a label selector's matchExpressions. */
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One matchExpressions entry of a label selector. */
export interface LabelSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

/** A normalised metav1.LabelSelector (missing parts are empty). */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
}

/** A Namespace object (declared or implicit). */
export interface NamespaceModel {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** True when no manifest declared it (created because a pod named it, or a system namespace). */
  implicit: boolean;
}

/** A Node object with its allocated pod CIDR and InternalIP. */
export interface NodeModel {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  podCIDR: string;
  internalIP: string;
  implicit: boolean;
  /** The node's CNI files and host-local state (cni/node-state.ts); set by the model builder. */
  cni?: import('./cni/node-state.ts').NodeCniState;
}

/** One declared container port. */
export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
  /** ports[].hostPort: the node port the portmap plugin forwards to this port (hostNetwork pods: the containerPort). */
  hostPort?: number;
}

/** One container of a pod. */
export interface ContainerModel {
  name: string;
  image: string;
  ports: ContainerPort[];
  /** spec.containers[].command as written (replaces the image's ENTRYPOINT); undefined when absent. */
  command?: string[];
  /** spec.containers[].args as written (replaces the image's CMD); undefined when absent. */
  args?: string[];
  /** spec.containers[].readinessProbe (httpGet, tcpSocket or exec); undefined when absent (always ready). */
  readinessProbe?: ProbeSpec;
  /** volumeMounts as written (name, mountPath); undefined when none. */
  volumeMounts?: Array<{ name: string; mountPath: string }>;
  /** Init containers only: restartPolicy Always (a native sidecar, started and kept running). */
  sidecar?: boolean;
}

/** A pod volume the simulator models: a node directory (hostPath) or a ConfigMap's keys as files; any other source by name only. */
export interface VolumeModel {
  name: string;
  hostPath?: { path: string };
  /** `items` maps keys to file paths; without it every key is a file of its own name. */
  configMap?: { name: string; items?: Array<{ key: string; path: string }>; optional?: boolean };
}

/** The pod's init containers as the kubelet ran them (workloads/init-containers.ts). */
export interface InitStatus {
  /** Init containers that finished (or, for sidecars, started), in order. */
  done: number;
  /** Set when the next init container failed (exit code): the pod stays initialising. */
  blocked?: { reason: 'Error'; exitCode: number };
  /** `[simulator]` notes: init containers whose effect is not modelled. */
  notes: string[];
  /** Fingerprint of the init containers and volumes that ran (a changed spec runs them again). */
  spec: string;
}

/** Pod lifecycle phases as in PodStatus.phase. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** A Pod object with scheduling and addressing resolved. */
export interface PodModel {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Node name; '' when the pod is unscheduled (Pending without a node). */
  nodeName: string;
  /** Pod IP; '' when the pod has no IP (not started). */
  ip: string;
  phase: PodPhase;
  /** True when Running and no Ready=False condition is set. */
  ready: boolean;
  containers: ContainerModel[];
  hostname?: string;
  subdomain?: string;
  /** 'ns/name' of the Deployment that generated this pod, if any. */
  ownerDeployment?: string;
  /** 'ns/name' of the DaemonSet that generated this pod, if any. */
  ownerDaemonSet?: string;
  /** 'ns/name' of the StatefulSet that generated this pod, if any. */
  ownerStatefulSet?: string;
  /** True for pods the simulator created on its own (CoreDNS). */
  implicit: boolean;
  /** True when metadata.deletionTimestamp is set: the pod is shutting down (its endpoint is serving/terminating). */
  terminating?: boolean;
  /** spec.hostNetwork: the pod uses its node's network namespace (and IP). */
  hostNetwork?: boolean;
  /** spec.dnsPolicy and spec.dnsConfig as written (absent: ClusterFirst, no dnsConfig). */
  dns?: PodDnsSpec;
  /**
   * Who chose nodeName: `scheduler` (default-scheduler bound the pod: a Scheduled event) or `spec` (written in the
   * manifest: the kubelet runs the pod without scheduling). Undefined is read as `spec` for bare pods; replicas of a
   * Deployment without a template nodeName are always scheduled.
   */
  nodeAssignment?: 'scheduler' | 'spec';
  /**
   * Why the pod has not started, as the component that reports it words it: the scheduler found no node
   * (`FailedScheduling`), the kubelet found the node's network not ready (`NetworkNotReady`), or the runtime's
   * CNI ADD failed (`FailedCreatePodSandBox`), or a volume could not be mounted (`FailedMount`, before the sandbox).
   * Such a pod is Pending and has no IP.
   */
  startError?: { reason: 'FailedScheduling' | 'NetworkNotReady' | 'FailedCreatePodSandBox' | 'FailedMount'; message: string };
  /** Containers whose readiness probe fails (workloads/probes.ts), with the kubelet's Unhealthy event message (null: none modelled). */
  probeFailures?: Record<string, string | null>;
  /** Containers whose readiness probe the simulator cannot evaluate (workloads/probes.ts), with why; they count as ready. */
  probeUnknown?: Record<string, string>;
  /** spec.initContainers, run in order once the sandbox exists. */
  initContainers?: ContainerModel[];
  /** spec.volumes (hostPath and configMap are modelled). */
  volumes?: VolumeModel[];
  /** spec.tolerations (a DaemonSet's pods: the template's plus the controller's). */
  tolerations?: TolerationModel[];
  /** How far the init containers got (set by the builder for pods with init containers). */
  init?: InitStatus;
}

/** spec.dnsPolicy values (pkg/apis/core/types.go DNSPolicy). */
export type DnsPolicy = 'ClusterFirstWithHostNet' | 'ClusterFirst' | 'Default' | 'None';

/** spec.dnsConfig (PodDNSConfig): appended to the policy's resolver settings by the kubelet. */
export interface PodDnsConfig {
  nameservers: string[];
  searches: string[];
  /** Options in order; `value` undefined for a flag such as `rotate`. */
  options: Array<{ name: string; value?: string }>;
}

/** A pod's DNS fields. */
export interface PodDnsSpec {
  policy: DnsPolicy;
  config?: PodDnsConfig;
}

/** Service types the simulator supports. */
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

/** One port of a Service. */
export interface ServicePortModel {
  name?: string;
  port: number;
  targetPort: number | string;
  protocol: Protocol;
  nodePort?: number;
}

/** A Service object with its ClusterIP resolved ('None' for headless). */
export interface ServiceModel {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  type: ServiceType;
  clusterIP: string;
  headless: boolean;
  /** Selector (matchLabels semantics); null when the Service has no selector. */
  selector: Record<string, string> | null;
  ports: ServicePortModel[];
  /** LoadBalancer ingress IPs from status, if given. */
  loadBalancerIPs: string[];
  /** Those of loadBalancerIPs whose ingress entry has `ipMode: Proxy` (kube-proxy does not capture them); absent: none. */
  loadBalancerProxyIPs?: string[];
  /** spec.loadBalancerSourceRanges (absent: none, every source allowed). */
  loadBalancerSourceRanges?: string[];
  implicit: boolean;
  /** spec.externalIPs (absent: none). */
  externalIPs?: string[];
  /** spec.externalTrafficPolicy of an externally accessible Service (absent: Cluster, the API default). */
  externalTrafficPolicy?: 'Cluster' | 'Local';
  /** spec.internalTrafficPolicy (absent: Cluster, the API default). */
  internalTrafficPolicy?: 'Cluster' | 'Local';
  /** spec.publishNotReadyAddresses: endpoints are `ready` whatever the pod's readiness. */
  publishNotReadyAddresses?: boolean;
  /** spec.sessionAffinity ClientIP with sessionAffinityConfig.clientIP.timeoutSeconds (default 10800); absent: None. */
  sessionAffinity?: { timeoutSeconds: number };
}

/** One port entry of a NetworkPolicy rule. */
export interface PolicyPortModel {
  protocol: Protocol;
  /** Undefined means every port of the protocol. */
  port?: number | string;
  endPort?: number;
}

/** An ipBlock peer. */
export interface IPBlockModel {
  cidr: string;
  except: string[];
}

/** One NetworkPolicyPeer; exactly as the API allows: selectors (alone or together) or an ipBlock. */
export interface PolicyPeerModel {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlockModel;
}

/** One ingress or egress rule. `peers: null` means the from/to list was empty or missing (all peers). */
export interface PolicyRuleModel {
  peers: PolicyPeerModel[] | null;
  /** Empty means all ports and protocols. */
  ports: PolicyPortModel[];
}

/** The direction a NetworkPolicy applies to. */
export type PolicyType = 'Ingress' | 'Egress';

/** A NetworkPolicy with its policyTypes default resolved. */
export interface NetworkPolicyModel {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  podSelector: LabelSelector;
  policyTypes: PolicyType[];
  ingress: PolicyRuleModel[];
  egress: PolicyRuleModel[];
  /** Whether policyTypes was written in the manifest (describe shows the resolved list either way). */
  policyTypesDeclared: boolean;
}

/** A Deployment (its pods are expanded into PodModel entries). */
export interface DeploymentModel {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  replicas: number;
  selector: LabelSelector;
  templateLabels: Record<string, string>;
  templateAnnotations: Record<string, string>;
  containers: ContainerModel[];
  /** Optional pinned node for every replica (template spec.nodeName). */
  nodeName?: string;
  /** Template spec.hostNetwork. */
  hostNetwork?: boolean;
  /** Template spec.dnsPolicy / spec.dnsConfig. */
  dns?: PodDnsSpec;
  /** Template spec.initContainers, spec.volumes and spec.tolerations. */
  initContainers?: ContainerModel[];
  volumes?: VolumeModel[];
  tolerations?: TolerationModel[];
  implicit: boolean;
}

/** One toleration of a pod (spec.tolerations[]); an empty key with Exists tolerates every taint. */
export interface TolerationModel {
  key?: string;
  operator: 'Exists' | 'Equal';
  value?: string;
  /** Empty: every effect. */
  effect?: string;
  /** How long a NoExecute taint is tolerated before eviction (absent: forever). */
  tolerationSeconds?: number;
}

/** A DaemonSet (its pods, one per eligible node, are expanded into PodModel entries). */
export interface DaemonSetModel {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  selector: LabelSelector;
  templateLabels: Record<string, string>;
  templateAnnotations: Record<string, string>;
  containers: ContainerModel[];
  /** Template spec.hostNetwork: the pods use their node's address. */
  hostNetwork?: boolean;
  /** Template spec.dnsPolicy / spec.dnsConfig. */
  dns?: PodDnsSpec;
  /** Template spec.tolerations (the controller adds its own for not-ready/unreachable NoExecute and the like). */
  tolerations: TolerationModel[];
  /** Template spec.nodeSelector: only nodes with these labels get a pod. */
  nodeSelector?: Record<string, string>;
  /** Template spec.initContainers and spec.volumes. */
  initContainers?: ContainerModel[];
  volumes?: VolumeModel[];
  implicit: boolean;
}

/**
 * kube-proxy's mode: `iptables` is the default; `nftables` is GA since v1.33; `ipvs` is deprecated as of v1.35
 * (under IPVS every ClusterIP is bound to the node's `kube-ipvs0` dummy interface).
 */
export type KubeProxyMode = 'iptables' | 'nftables' | 'ipvs';

/**
 * The network plugin's NetworkPolicy behaviour, for what the API leaves to the plugin (ICMP above all):
 * `calico` and `cilium` enforce policies; `none` stores policies but enforces nothing (e.g. flannel alone).
 */
export type PolicyPlugin = 'calico' | 'cilium' | 'none';

/** How pod traffic crosses nodes (flannel's backends): plain routes to each node, or VXLAN encapsulation. */
export type DatapathMode = 'host-gw' | 'vxlan';

/** The datapath modes, in the order settings list them (default first). */
export const DATAPATH_MODES: readonly DatapathMode[] = ['host-gw', 'vxlan'];

/** kube-proxy's modes, default first. */
export const KUBE_PROXY_MODES: readonly KubeProxyMode[] = ['iptables', 'nftables', 'ipvs'];

/** The policy plugins, default first. */
export const POLICY_PLUGINS: readonly PolicyPlugin[] = ['calico', 'cilium', 'none'];

/**
 * One change to a node's main routing table, as `ip route del <dst>` or `ip route add <dst> via <gw> dev <dev>`
 * on that node makes it: exactly one of `delete` and `add` (a CIDR or `default`).
 */
export interface RouteEdit {
  node: string;
  delete?: string;
  add?: string;
  /** Gateway of an added route. */
  via?: string;
  /** Device of an added route (default: the device that reaches `via`, else eth0). */
  dev?: string;
}

/** A node firewall rule, like `iptables -A INPUT -p udp --dport 8472 -j DROP` on that node: matching packets arriving at the node are dropped. */
export interface FirewallRule {
  node: string;
  protocol: WireProtocol;
  /** Destination port; every port of the protocol when absent. */
  port?: number;
  action: 'DROP';
}

/** The implementation choices Kubernetes leaves open, fixed per cluster (createCluster options). */
export interface NetworkSettings {
  kubeProxyMode: KubeProxyMode;
  policyPlugin: PolicyPlugin;
  datapath: DatapathMode;
  /** Counterfactual, non-conformant: the source node SNATs pod-to-pod traffic to its own IP. */
  podToPodSnat?: boolean;
  /**
   * Whether egress policy judges Service traffic after kube-proxy's DNAT (true, the default: the chosen pod's
   * IP and targetPort, as Calico and Cilium do) or before it (false: the ClusterIP and the Service port). The
   * concept page leaves the order of NAT and policy undefined ("ipBlock" notes).
   */
  policyAfterDnat?: boolean;
  /** Changes an admin made to nodes' routing tables, in order. */
  routes?: readonly RouteEdit[];
  /** Node firewall rules. */
  firewall?: readonly FirewallRule[];
  /** The DNS resolver outside the cluster (nodes' /etc/resolv.conf, CoreDNS's `forward`); absent: the default, with no records. */
  upstreamDns?: UpstreamDnsSettings;
}

/** The resolver outside the cluster: its address and the external names it answers (others are NXDOMAIN). */
export interface UpstreamDnsSettings {
  /** Its IPv4 address (default 192.0.2.53, a documentation address). */
  server: string;
  /** External A records: lower-case name (no trailing dot) → addresses. */
  records: Record<string, string[]>;
}

/**
 * An object of a kind the simulator stores but does not simulate (ConfigMap, ServiceAccount, RBAC, PVCs…):
 * accepted by apply, listed by `kubectl get`, with no effect on networking.
 */
export interface StoredObjectModel {
  apiVersion: string;
  kind: string;
  name: string;
  /** '' for cluster-scoped kinds. */
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The object as written in the manifest. */
  raw: Record<string, unknown>;
  /** For a StatefulSet: what its controller runs (the pods are expanded into PodModel entries: workloads/statefulsets.ts). */
  statefulSet?: StatefulSetSpecModel;
}

/** The parts of a StatefulSet's spec its controller uses. */
export interface StatefulSetSpecModel {
  replicas: number;
  /** spec.serviceName: the governing (headless) Service; each pod's subdomain. '' when unset. */
  serviceName: string;
  templateLabels: Record<string, string>;
  templateAnnotations: Record<string, string>;
  containers: ContainerModel[];
  nodeName?: string;
  hostNetwork?: boolean;
  dns?: PodDnsSpec;
}

/** The complete, resolved state of a simulated cluster. */
export interface ClusterModel {
  clusterCIDR: string;
  serviceCIDR: string;
  network: NetworkSettings;
  /** Objects of kinds that are stored but not simulated, in 'kind/ns/name' order. */
  storedObjects: StoredObjectModel[];
  namespaces: NamespaceModel[];
  nodes: NodeModel[];
  pods: PodModel[];
  services: ServiceModel[];
  networkPolicies: NetworkPolicyModel[];
  deployments: DeploymentModel[];
  /** DaemonSets (absent in models built before DaemonSets were simulated). */
  daemonSets?: DaemonSetModel[];
  /** The L7 controllers the cluster runs (cluster options gatewayChannel, gatewayControllers, ingressControllers); absent: the defaults. */
  l7?: L7Settings;
}

/** Which Gateway API CRDs and which L7 controllers a cluster has (see src/lib/simulator/l7/). */
export interface L7Settings {
  /** Gateway API v1.6.1 CRDs installed: the Standard channel (default) or the Experimental one. */
  gatewayChannel?: 'standard' | 'experimental';
  /** controllerNames of GatewayClasses the cluster's Gateway controller implements (default [example.net/sim-gateway-controller]). */
  gatewayControllers?: string[];
  /** IngressClass `spec.controller` values the cluster's Ingress controller implements (default [example.net/sim-ingress-controller]). */
  ingressControllers?: string[];
}

/** One endpoint of an EndpointSlice. */
export interface EndpointModel {
  ip: string;
  /** 'ns/name' of the pod; '' for an endpoint that is not a pod (kube-apiserver behind default/kubernetes). */
  pod: string;
  nodeName: string;
  /** conditions.ready: serving and not terminating. */
  ready: boolean;
  /** conditions.serving: the pod passes readiness, terminating or not. */
  serving: boolean;
  /** conditions.terminating: the pod has a deletionTimestamp. */
  terminating: boolean;
}

/** One resolved port of an EndpointSlice. */
export interface EndpointPortModel {
  name?: string;
  port: number;
  protocol: Protocol;
}

/** A computed EndpointSlice (discovery.k8s.io/v1). */
export interface EndpointSliceModel {
  name: string;
  namespace: string;
  service: string;
  endpoints: EndpointModel[];
  ports: EndpointPortModel[];
}

/**
 * Phase a trace step belongs to (lesson tables colour rows by it): a connection's phases, then a pod lifecycle's
 * (scheduling, the CRI sandbox, the CNI chain, IPAM, the kubelet's status).
 */
export type TracePhase = 'dns' | 'policy' | 'service' | 'routing' | 'delivery' | 'response' | 'schedule' | 'sandbox' | 'cni' | 'ipam' | 'status' | 'l7';

/** The headers of the packet on the wire at one step: what tcpdump would show there. */
export interface PacketHeaders {
  protocol: WireProtocol;
  src: string;
  dst: string;
  srcPort?: number;
  dstPort?: number;
  ttl: number;
  /**
   * The outer header while the packet is VXLAN-encapsulated between nodes: `srcPort` is the flow-hashed source
   * port the kernel's VXLAN driver picks, `overhead` the bytes encapsulation adds (outer IPv4 20 + UDP 8 + VXLAN 8
   * + inner Ethernet 14 = 50).
   */
  outer?: { src: string; dst: string; protocol: 'UDP'; dstPort: number; vni: number; srcPort?: number; overhead?: number };
}

/**
 * Where a datapath step leaves the packet: the node, the network namespace (a pod's, or the node's root one), the
 * interface it is on after the step, the node interfaces it passed on the way, and the route the kernel looked up
 * for it (as iproute2's `ip route` prints it), when the step looked one up.
 */
export interface PacketPlace {
  /** The node the step happens on. */
  node: string;
  /** 'ns/name' when the step happens in a pod's network namespace (`dev` is then the pod's interface). */
  pod?: string;
  /** The interface the packet is on after the step: the one it leaves by, or the one it was received on. */
  dev: string;
  /** Interfaces of the node's root namespace the packet passed before `dev` (e.g. the bridge it arrived on). */
  through?: string[];
  /** The route the kernel picked, e.g. `10.244.1.0/24 via 172.18.0.3 dev eth0`. */
  route?: string;
}

/** One row of a lesson's process table, plus the status tracker after it. */
export interface TraceStep {
  /** 1-based position in the trace. */
  step: number;
  actor: string;
  action: string;
  details: string;
  result: string;
  outcome: 'ok' | 'denied' | 'error';
  state: Record<string, string>;
  phase: TracePhase;
  /** The packet as it is on the wire after this step (absent for steps that move no packet, e.g. policy checks). */
  packet?: PacketHeaders;
  /** Where the packet is after this step (pod-to-pod datapath steps; absent elsewhere). */
  place?: PacketPlace;
}

/** How a connection attempt ended. */
export type ConnectStatus =
  | 'connected'
  | 'policy-denied'
  | 'refused'
  | 'timeout'
  | 'nxdomain'
  | 'dns-timeout'
  | 'error';

/** What connect() resolved the target to. */
export interface ResolvedTarget {
  /** Address the client dialled (a ClusterIP, a pod IP or an external IP). */
  ip: string;
  port: number;
  protocol: WireProtocol;
  /** 'ns/name' of the Service dialled, if any. */
  service?: string;
  /** 'ns/name' of the pod that received the packets (after DNAT), if any. */
  pod?: string;
  podIP?: string;
  targetPort?: number;
  /** The DNS name looked up, if any, and its fully-qualified form. */
  dnsName?: string;
  fqdn?: string;
}

/** Result of Cluster.connect(). */
export interface ConnectResult {
  allowed: boolean;
  reason: string;
  steps: TraceStep[];
  /** Ordered status-tracker rows (keys of every step's state). */
  actors: string[];
  /** The tracker's "Start" column. */
  initialState: Record<string, string>;
  status: ConnectStatus;
  /** 'ns/name' of the source pod, when it exists. */
  source?: string;
  target?: ResolvedTarget;
  /** The source address the destination saw (the pod IP, or the node IP after masquerading), when a packet arrived. */
  seenSource?: string;
  /** How it ended as the client sees it (verdict.ts); absent when nothing could be attempted (status 'error'). */
  verdict?: Verdict;
  /** Index into `steps` of the first step that failed; absent when none did. */
  failingStep?: number;
}

/** Input of Cluster.connect(). */
export interface ConnectRequest {
  from: string;
  to: string;
  port?: number;
  protocol?: WireProtocol | Lowercase<WireProtocol>;
  /** Preferred Service backend ('ns/name', pod name or pod IP); default is the first ready endpoint by IP. */
  backend?: string;
  /** Show the nodes the packet crosses (and the wire between them, for VXLAN) as tracker rows; off by default. */
  nodeRows?: boolean;
  /**
   * Which connection of this client to this destination it is (0, the default, is the first): each new connection
   * gets a new ephemeral source port, and kube-proxy's random backend choice is seeded by the connection's tuple.
   */
  connection?: number;
  /** Show each DNS query the resolver sends (one step per search-list candidate, rows Query and Queries); off by default. */
  dnsQueries?: boolean;
}

/** Result of Cluster.reachability(). */
export interface ReachabilityMatrix {
  pods: string[];
  allowed: boolean[][];
}

/** A run of text one stream wrote, in the order it reached the terminal. */
export interface OutputChunk {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** Result of Cluster.kubectl(). */
export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /**
   * Both streams in the order a terminal shows them, present only when some stderr came before stdout (a
   * warning before a table, wget's `Connecting to` before the page); absent, stdout came first.
   */
  chunks?: readonly OutputChunk[];
}
