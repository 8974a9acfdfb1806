/**
 * Turns validated objects into a complete ClusterModel, deterministically and independently of input order:
 * implicit namespaces/nodes/CoreDNS/kube-dns and the default/kubernetes Service (the API server itself is not
 * modelled: connections to it are refused for want of endpoints), Deployment expansion, scheduling and address allocation.
 *
 * Allocation rules (all derived from names, never from time or randomness):
 * - nodes sorted by name get the lowest free /24 of the cluster CIDR (explicit spec.podCIDR honoured) and
 *   InternalIPs 172.18.0.2, .3, … (explicit status.addresses honoured), as in a kind cluster;
 * - a pod without spec.nodeName goes to the node with fewest pods (ties: node name), pods taken in
 *   'ns/name' order, system pods first; a Pending pod without a node stays unscheduled;
 * - scheduled pods (Running, or Pending on a node: ContainerCreating) get their IP from their node's CNI chain:
 *   host-local's round-robin over the node's range (the first model of a node hands out its lowest free addresses
 *   from .2, .1 being the cni0 bridge), status.podIP honoured; unscheduled and finished pods have none; a pod whose
 *   node's network is not ready or whose ADD fails stays Pending with the kubelet's event (cni/pod-network.ts);
 *   hostNetwork pods take their node's InternalIP; nodes whose network is not ready get no scheduled pods;
 * - Services get a ClusterIP derived from a hash of 'ns/name' inside 10.96.0.0/12 (linear probing on
 *   collision; 10.96.0.1 and 10.96.0.10 are reserved for kubernetes and kube-dns), spec.clusterIP honoured;
 * - values allocated in a previous model are kept for the same object (so `kubectl apply` does not renumber).
 */
import { duplicateObjectError, ManifestError, objectKey } from './manifest.ts';
import type { ParsedObject } from './manifest.ts';
import { assignPodAddresses, nodeCniState, nodeTaints, noNodeAvailableMessage } from './cni/pod-network.ts';
import { expandDaemonSet, flannelDaemonSet, kubeProxyDaemonSet, tolerates } from './workloads/daemonsets.ts';
import { expandStatefulSet } from './workloads/statefulsets.ts';
import { withReadiness } from './workloads/probes.ts';
import { initSpec, mountProblem, runInitContainers } from './workloads/init-containers.ts';
import type { CniSettings } from './cni/node-state.ts';
import { allocateHashed, allocateLowest, cidrContains, fnv1a, ipToInt, nthSubnet, parseCidr, safeHash } from './ipam.ts';
import { compareStrings, keyOf, sortByKey } from './state.ts';
import type { ClusterModel, DaemonSetModel, DeploymentModel, NamespaceModel, NetworkSettings, NodeModel, PodModel, ServiceModel, StoredObjectModel } from './types.ts';

/** Default cluster (pod) CIDR. */
export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';
/** Default Service CIDR. */
export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';
/** ClusterIP of the implicit kube-dns Service. */
export const KUBE_DNS_IP = '10.96.0.10';
/** Namespaces every cluster has. */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
/** Name of the node created when no manifest declares or names one. */
export const DEFAULT_NODE_NAME = 'node-1';

/** Options of the model builder. */
export interface BuildOptions {
  clusterCIDR?: string;
  serviceCIDR?: string;
  /** Earlier model whose allocations (IPs, nodes, CIDRs) are kept for objects that still exist. */
  previous?: ClusterModel;
  /** Pod generations: 'ns/name#replica' for a Deployment's replicas, 'ns/name@node' for a DaemonSet's pods; bumped when one is deleted and recreated. */
  generations?: ReadonlyMap<string, number>;
  /** Leave out the implicit CoreDNS Deployment (after `kubectl delete deployment coredns -n kube-system`). */
  omitCoreDns?: boolean;
  /** Leave out the implicit kube-dns Service (after it was deleted). */
  omitKubeDns?: boolean;
  /** kube-proxy mode and policy plugin (defaults: iptables, calico). */
  network?: Partial<NetworkSettings>;
  /** The nodes' CNI configuration (default: the bridge + host-local + portmap conflist on every node). */
  cni?: CniSettings;
  /** Add kube-proxy and flannel's agent as DaemonSets (a kubeadm cluster with flannel); default off. */
  systemDaemonSets?: boolean;
  /** Internal: how many times init containers have changed a node's files in this build (each change is another sync). */
  round?: number;
}

/** Most syncs one build runs after init containers change nodes' CNI files (each can make a node Ready). */
const MAX_ROUNDS = 3;

/** The settings a cluster gets when createCluster names none: kube-proxy in iptables mode, a Calico-like policy plugin, host-gw routes. */
export const DEFAULT_NETWORK: NetworkSettings = { kubeProxyMode: 'iptables', policyPlugin: 'calico', datapath: 'host-gw' };

/** The Deployment that the simulator adds when no CoreDNS pods are declared. */
export function coreDnsDeployment(): DeploymentModel {
  return {
    name: 'coredns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    annotations: {},
    replicas: 2,
    selector: { matchLabels: { 'k8s-app': 'kube-dns' }, matchExpressions: [] },
    templateLabels: { 'k8s-app': 'kube-dns' },
    templateAnnotations: {},
    containers: [
      {
        name: 'coredns',
        image: 'registry.k8s.io/coredns/coredns:v1.12.0',
        ports: [
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
          { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
        ],
      },
    ],
    // kubeadm's CoreDNS Deployment (cmd/kubeadm/app/phases/addons/dns/manifests.go): dnsPolicy Default, so
    // `forward . /etc/resolv.conf` reads the node's resolver, not kube-dns itself.
    dns: { policy: 'Default' },
    implicit: true,
  };
}

/** The kube-dns Service the simulator adds when none is declared. */
export function kubeDnsService(): ServiceModel {
  return {
    name: 'kube-dns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' },
    annotations: {},
    type: 'ClusterIP',
    clusterIP: KUBE_DNS_IP,
    headless: false,
    selector: { 'k8s-app': 'kube-dns' },
    ports: [
      { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
      { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
    ],
    loadBalancerIPs: [],
    implicit: true,
  };
}

/** ClusterIP of the implicit `kubernetes` Service (the API server). */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

/**
 * The `default/kubernetes` Service every cluster has: the API server's virtual IP.
 * It has no selector (its endpoints are the control plane, which the simulator does
 * not model), and the API server recreates it when deleted, so it is always present.
 */
export function kubernetesService(): ServiceModel {
  return {
    name: 'kubernetes',
    namespace: 'default',
    labels: { component: 'apiserver', provider: 'kubernetes' },
    annotations: {},
    type: 'ClusterIP',
    clusterIP: KUBERNETES_SERVICE_IP,
    headless: false,
    selector: null,
    ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }],
    loadBalancerIPs: [],
    implicit: true,
  };
}

/** The pod-template-hash of a Deployment (10 characters, derived from its 'ns/name'). */
export function podTemplateHash(d: { namespace: string; name: string }): string {
  return safeHash(`${d.namespace}/${d.name}`, 10);
}

/** Name of replica `index` (generation `gen`) of a Deployment: `<deploy>-<10-char hash>-<5-char suffix>`. */
export function deploymentPodName(d: { namespace: string; name: string }, index: number, gen: number): string {
  return `${d.name}-${podTemplateHash(d)}-${safeHash(`${d.namespace}/${d.name}#${index}@${gen}`, 5)}`;
}

/** Expands a Deployment into its replica pods (unscheduled, without IPs). */
export function expandDeployment(d: DeploymentModel, generations?: ReadonlyMap<string, number>): PodModel[] {
  const hash = podTemplateHash(d);
  const pods: PodModel[] = [];
  for (let i = 0; i < d.replicas; i++) {
    const gen = generations?.get(`${keyOf(d)}#${i}`) ?? 0;
    const pod: PodModel = {
      name: deploymentPodName(d, i, gen),
      namespace: d.namespace,
      labels: { ...d.templateLabels, 'pod-template-hash': hash },
      annotations: { ...d.templateAnnotations },
      nodeName: d.nodeName ?? '',
      ip: '',
      phase: 'Running',
      ready: true,
      containers: d.containers.map((c) => ({ ...c, ports: c.ports.map((p) => ({ ...p })) })),
      ownerDeployment: keyOf(d),
      implicit: d.implicit,
    };
    if (d.hostNetwork) pod.hostNetwork = true;
    if (d.dns) pod.dns = d.dns;
    if (d.initContainers) pod.initContainers = d.initContainers;
    if (d.volumes) pod.volumes = d.volumes;
    if (d.tolerations) pod.tolerations = d.tolerations;
    pods.push(pod);
  }
  return pods;
}

/** Builds the full model from validated objects. Throws ManifestError on conflicts (duplicates, taken IPs). */
export function buildModel(objects: readonly ParsedObject[], options: BuildOptions = {}): ClusterModel {
  const clusterCIDR = options.clusterCIDR ?? DEFAULT_CLUSTER_CIDR;
  const serviceCIDR = options.serviceCIDR ?? DEFAULT_SERVICE_CIDR;
  const clusterBlock = parseCidr(clusterCIDR);
  const serviceBlock = parseCidr(serviceCIDR);
  if (!clusterBlock || !serviceBlock) throw new ManifestError(`invalid cluster or service CIDR (${clusterCIDR}, ${serviceCIDR})`);
  const prev = options.previous;

  // 1. Collect, rejecting duplicates.
  const seen = new Map<string, number>();
  const namespaces = new Map<string, NamespaceModel>();
  const nodes = new Map<string, NodeModel>();
  let pods: PodModel[] = [];
  const services: ServiceModel[] = [];
  const storedObjects: StoredObjectModel[] = [];
  const deployments: DeploymentModel[] = [];
  const daemonSets: DaemonSetModel[] = [];
  const policies: ClusterModel['networkPolicies'] = [];
  const docOf = new Map<string, number>();
  for (const o of objects) {
    const id = objectKey(o);
    const first = seen.get(id);
    if (first !== undefined) throw duplicateObjectError(o, first);
    seen.set(id, o.documentIndex);
    docOf.set(id, o.documentIndex);
    switch (o.kind) {
      case 'Namespace':
        namespaces.set(o.value.name, o.value);
        break;
      case 'Node':
        nodes.set(o.value.name, o.value);
        break;
      case 'Pod':
        pods.push(o.value);
        break;
      case 'Service':
        services.push(o.value);
        break;
      case 'Deployment':
        deployments.push(o.value);
        break;
      case 'DaemonSet':
        daemonSets.push(o.value);
        break;
      case 'NetworkPolicy':
        policies.push(o.value);
        break;
      case 'Stored':
        storedObjects.push(o.value);
        break;
    }
  }
  storedObjects.sort((a, b) => compareStrings(a.kind, b.kind) || compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name) || compareStrings(a.apiVersion, b.apiVersion));

  // 2. Implicit CoreDNS and kube-dns.
  const hasDnsPods =
    pods.some((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns') ||
    deployments.some((d) => d.namespace === 'kube-system' && d.templateLabels['k8s-app'] === 'kube-dns');
  if (!options.omitCoreDns && !hasDnsPods && !deployments.some((d) => d.namespace === 'kube-system' && d.name === 'coredns')) deployments.push(coreDnsDeployment());
  if (!options.omitKubeDns && !services.some((s) => s.namespace === 'kube-system' && s.name === 'kube-dns')) {
    const dns = kubeDnsService();
    if (!cidrContains(serviceBlock, KUBE_DNS_IP)) dns.clusterIP = '';
    services.push(dns);
  }
  if (!services.some((s) => s.namespace === 'default' && s.name === 'kubernetes')) {
    const api = kubernetesService();
    if (!cidrContains(serviceBlock, KUBERNETES_SERVICE_IP)) api.clusterIP = '';
    services.push(api);
  }

  if (options.systemDaemonSets) {
    for (const ds of [kubeProxyDaemonSet(), flannelDaemonSet()]) if (!daemonSets.some((d) => d.namespace === ds.namespace && d.name === ds.name)) daemonSets.push(ds);
  }

  // 3. Expand Deployments.
  for (const d of sortByKey(deployments)) {
    for (const p of expandDeployment(d, options.generations)) {
      const id = `Pod/${p.namespace}/${p.name}`;
      if (!seen.has(id)) {
        seen.set(id, 0);
        pods.push(p);
      }
    }
  }

  // 3b. Expand StatefulSets (stored objects whose pods the simulator runs).
  for (const o of storedObjects) {
    if (o.kind !== 'StatefulSet' || !o.statefulSet) continue;
    for (const p of expandStatefulSet(o)) {
      const id = `Pod/${p.namespace}/${p.name}`;
      if (!seen.has(id)) {
        seen.set(id, 0);
        pods.push(p);
      }
    }
  }

  // 4. Namespaces: system ones plus every namespace an object names.
  const wanted = new Set<string>(SYSTEM_NAMESPACES);
  for (const x of [...pods, ...services, ...deployments, ...daemonSets, ...policies]) wanted.add(x.namespace);
  for (const name of wanted) {
    if (!namespaces.has(name)) namespaces.set(name, { name, labels: { 'kubernetes.io/metadata.name': name }, annotations: {}, implicit: true });
  }

  // 5. Nodes: declared, named by pods, or one default node.
  for (const p of pods) {
    if (p.nodeName && !nodes.has(p.nodeName)) {
      nodes.set(p.nodeName, { name: p.nodeName, labels: { 'kubernetes.io/hostname': p.nodeName, 'kubernetes.io/os': 'linux' }, annotations: {}, podCIDR: '', internalIP: '', implicit: true });
    }
  }
  if (nodes.size === 0) {
    nodes.set(DEFAULT_NODE_NAME, { name: DEFAULT_NODE_NAME, labels: { 'kubernetes.io/hostname': DEFAULT_NODE_NAME, 'kubernetes.io/os': 'linux' }, annotations: {}, podCIDR: '', internalIP: '', implicit: true });
  }
  const nodeList = [...nodes.values()].sort((a, b) => compareStrings(a.name, b.name)).map((n) => ({ ...n }));
  const prevNodes = new Map((prev?.nodes ?? []).map((n) => [n.name, n]));
  const takenCidrs = new Set<string>();
  for (const n of nodeList) {
    if (!n.podCIDR) {
      const pn = prevNodes.get(n.name);
      if (pn) n.podCIDR = pn.podCIDR;
    }
    if (n.podCIDR) takenCidrs.add(n.podCIDR);
  }
  let next = 0;
  for (const n of nodeList) {
    if (n.podCIDR) continue;
    let cidr: string | null = null;
    while ((cidr = nthSubnet(clusterBlock, 24, next)) !== null && takenCidrs.has(cidr)) next++;
    if (cidr === null) throw new ManifestError(`no free /24 left in cluster CIDR ${clusterCIDR} for node "${n.name}"`);
    n.podCIDR = cidr;
    takenCidrs.add(cidr);
    next++;
  }
  const nodeIPs = new Set<number>();
  for (const n of nodeList) {
    if (!n.internalIP) n.internalIP = prevNodes.get(n.name)?.internalIP ?? '';
    const ip = ipToInt(n.internalIP);
    if (ip !== null) nodeIPs.add(ip);
  }
  const nodeNet = parseCidr('172.18.0.0/16');
  for (const n of nodeList) {
    if (!n.internalIP && nodeNet) n.internalIP = allocateLowest(nodeNet, 2, nodeIPs) ?? '';
  }

  for (const n of nodeList) n.cni = nodeCniState(n, prevNodes.get(n.name), options.cni);

  // DaemonSets: one pod on every node whose taints they tolerate (the not-ready taint of a node without CNI config included).
  for (const ds of sortByKey(daemonSets)) {
    for (const p of expandDaemonSet(ds, nodeList, nodeTaints, options.generations)) {
      const id = `Pod/${p.namespace}/${p.name}`;
      if (!seen.has(id)) {
        seen.set(id, 0);
        pods.push(p);
      }
    }
  }

  // 6. Scheduling (nodes whose runtime network is not ready carry the not-ready taint: the scheduler skips them).
  const prevPods = new Map((prev?.pods ?? []).map((p) => [keyOf(p), p]));
  pods = pods.map((p) => ({ ...p }));
  const load = new Map<string, number>(nodeList.map((n) => [n.name, 0]));
  for (const p of pods) {
    if (!p.nodeName) {
      const pp = prevPods.get(keyOf(p));
      if (pp && pp.nodeName && load.has(pp.nodeName)) {
        p.nodeName = pp.nodeName;
        if (pp.nodeAssignment) p.nodeAssignment = pp.nodeAssignment;
      }
    }
    if (p.nodeName) load.set(p.nodeName, (load.get(p.nodeName) ?? 0) + 1);
  }
  const order = (a: PodModel, b: PodModel) => Number(b.implicit) - Number(a.implicit) || compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name);
  pods.sort(order);
  // TaintToleration filter: a node whose NoSchedule/NoExecute taints the pod does not all tolerate is skipped.
  const fits = (p: PodModel, n: NodeModel) => nodeTaints(n).every((t) => tolerates(p.tolerations ?? [], t));
  for (const p of pods) {
    if (p.nodeName || p.phase === 'Pending') continue;
    let best: NodeModel | undefined;
    for (const n of nodeList) if (fits(p, n) && (!best || (load.get(n.name) ?? 0) < (load.get(best.name) ?? 0))) best = n;
    if (!best) {
      p.phase = 'Pending';
      p.ready = false;
      p.startError = { reason: 'FailedScheduling', message: noNodeAvailableMessage(nodeList.length) };
      continue;
    }
    if (best) {
      p.nodeName = best.name;
      p.nodeAssignment = 'scheduler'; // describe shows the scheduler's Scheduled event
      load.set(best.name, (load.get(best.name) ?? 0) + 1);
    }
  }

  // 6b. Volumes are mounted before the sandbox: a configMap volume that cannot be set up keeps the pod without one.
  const configMaps = new Map(storedObjects.filter((o) => o.kind === 'ConfigMap').map((o) => [`${o.namespace}/${o.name}`, o]));
  const lookup = (ns: string) => (name: string) => {
    const o = configMaps.get(`${ns}/${name}`);
    if (!o) return undefined;
    const data = (o.raw as { data?: Record<string, unknown> }).data ?? {};
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)]));
  };
  for (const p of pods) {
    const problem = p.nodeName && !p.startError && p.phase !== 'Succeeded' && p.phase !== 'Failed' ? mountProblem(p, lookup(p.namespace)) : null;
    if (!problem) continue;
    p.startError = { reason: 'FailedMount', message: problem };
    p.phase = 'Pending';
    p.ready = false;
  }

  // 7. Pod IPs per node: hostNetwork pods take the node's address; the rest go through the node's CNI chain (host-local).
  assignPodAddresses(nodeList, pods, {
    previousPods: prevPods,
    previousNodes: prevNodes,
    settings: options.cni ?? {},
    conflict: (p, ip, owner) => {
      throw new ManifestError(`IP ${ip} is already used by pod ${owner}, expected a unique status.podIP`, { kind: 'Pod', name: p.name, path: 'status.podIP', documentIndex: docOf.get(`Pod/${p.namespace}/${p.name}`) ?? null });
    },
  });

  // 7a. Init containers, in order, once the pod has its sandbox (a finished run is not repeated for the same spec);
  // what they copy into a node's /etc/cni/net.d becomes its CNI config.
  let wrote = false;
  const nodeByName = new Map(nodeList.map((n) => [n.name, n]));
  for (const p of pods) {
    if (!p.initContainers?.length || !p.nodeName || p.phase === 'Succeeded' || p.phase === 'Failed') continue;
    const pp = prevPods.get(keyOf(p));
    const spec = initSpec(p);
    const total = p.initContainers.length;
    if (pp?.init && pp.nodeName === p.nodeName && pp.init.spec === spec && pp.init.done === total) p.init = pp.init;
    else if (p.startError || (!p.ip && !p.hostNetwork)) p.init = { done: 0, notes: [], spec };
    else {
      const run = runInitContainers(p, lookup(p.namespace));
      p.init = run.status;
      const node = nodeByName.get(p.nodeName);
      if (node?.cni && Object.entries(run.writes).some(([f, text]) => node.cni?.confFiles[f] !== text)) {
        node.cni = { ...node.cni, confFiles: { ...node.cni.confFiles, ...run.writes } };
        wrote = true;
      }
    }
    if (p.init.done < total) {
      p.phase = 'Pending';
      p.ready = false;
    }
  }

  // 7b. Readiness probes (kubelet, from the pod's node): a failing probe keeps a Running pod not ready.
  pods = pods.map(withReadiness);

  // 8. Service ClusterIPs and NodePorts.
  const svcList = sortByKey(services).map((s) => ({ ...s, ports: s.ports.map((p) => ({ ...p })) }));
  const prevSvcs = new Map((prev?.services ?? []).map((s) => [keyOf(s), s]));
  const svcIPs = new Map<number, string>();
  const reserveSvc = (ip: string, who: string) => {
    const n = ipToInt(ip);
    if (n !== null) svcIPs.set(n, who);
  };
  reserveSvc('10.96.0.1', 'default/kubernetes');
  const kubeDns = svcList.find((s) => s.namespace === 'kube-system' && s.name === 'kube-dns');
  if (kubeDns && !kubeDns.headless && (kubeDns.clusterIP === '' || kubeDns.clusterIP === KUBE_DNS_IP) && cidrContains(serviceBlock, KUBE_DNS_IP)) {
    reserveSvc(KUBE_DNS_IP, 'kube-system/kube-dns');
  }
  for (const s of svcList) {
    if (!s.clusterIP && !s.headless) {
      const ps = prevSvcs.get(keyOf(s));
      if (ps && !ps.headless && ps.clusterIP && !svcIPs.has(ipToInt(ps.clusterIP) ?? -1)) s.clusterIP = ps.clusterIP;
    }
    if (!s.clusterIP && !s.headless && s.namespace === 'kube-system' && s.name === 'kube-dns' && svcIPs.get(ipToInt(KUBE_DNS_IP) ?? -1) === keyOf(s)) {
      s.clusterIP = KUBE_DNS_IP; // kubeadm's well-known DNS address
    }
    if (s.clusterIP && !s.headless) {
      const doc = docOf.get(`Service/${s.namespace}/${s.name}`) ?? null;
      if (!cidrContains(serviceBlock, s.clusterIP)) {
        throw new ManifestError(`Invalid value "${s.clusterIP}": provided IP is not in the valid range, expected an IP in ${serviceCIDR}`, { kind: 'Service', name: s.name, path: 'spec.clusterIP', documentIndex: doc });
      }
      const n = ipToInt(s.clusterIP) ?? -1;
      const owner = svcIPs.get(n);
      if (owner !== undefined && owner !== keyOf(s)) {
        throw new ManifestError(`Invalid value "${s.clusterIP}": provided IP is already allocated (to ${owner})`, { kind: 'Service', name: s.name, path: 'spec.clusterIP', documentIndex: doc });
      }
      svcIPs.set(n, keyOf(s));
    }
  }
  const svcReserved = new Set(svcIPs.keys());
  for (const s of svcList) {
    if (s.clusterIP || s.headless) continue;
    const ip = allocateHashed(serviceBlock, keyOf(s), svcReserved);
    if (ip === null) throw new ManifestError(`the service CIDR ${serviceCIDR} is full`, { kind: 'Service', name: s.name });
    s.clusterIP = ip;
  }
  const nodePorts = new Set<number>();
  // The API server's node-port allocator (pkg/registry/core/service/portallocator) is one bitmap for the cluster:
  // a port another Service holds is refused, whatever the protocol ("provided port is already allocated").
  const nodePortOwner = new Map<number, string>();
  for (const s of svcList) {
    s.ports.forEach((p, i) => {
      if (p.nodePort === undefined) return;
      const owner = nodePortOwner.get(p.nodePort);
      if (owner !== undefined && owner !== keyOf(s)) {
        throw new ManifestError(`Invalid value: ${p.nodePort}: provided port is already allocated`, { kind: 'Service', name: s.name, path: `spec.ports[${i}].nodePort`, documentIndex: docOf.get(`Service/${s.namespace}/${s.name}`) ?? null });
      }
      nodePortOwner.set(p.nodePort, keyOf(s));
      nodePorts.add(p.nodePort);
    });
  }
  for (const s of svcList) {
    if (s.type === 'ClusterIP') continue;
    const ps = prevSvcs.get(keyOf(s));
    for (const p of s.ports) {
      if (p.nodePort !== undefined) continue;
      const old = ps?.ports.find((x) => x.port === p.port && x.protocol === p.protocol)?.nodePort;
      if (old !== undefined && !nodePorts.has(old)) {
        p.nodePort = old;
        nodePorts.add(old);
        continue;
      }
      let port = 30000 + (fnv1a(`${keyOf(s)}:${p.port}/${p.protocol}`) % 2768);
      while (nodePorts.has(port)) port = port === 32767 ? 30000 : port + 1;
      nodePorts.add(port);
      p.nodePort = port;
    }
  }

  const model: ClusterModel = {
    clusterCIDR: clusterBlock.text,
    serviceCIDR: serviceBlock.text,
    network: { ...DEFAULT_NETWORK, ...options.network },
    storedObjects,
    namespaces: [...namespaces.values()].sort((a, b) => compareStrings(a.name, b.name)),
    nodes: nodeList,
    pods: sortByKey(pods),
    services: svcList,
    networkPolicies: sortByKey(policies),
    deployments: sortByKey(deployments),
    ...(daemonSets.length ? { daemonSets: sortByKey(daemonSets) } : {}),
  };
  // A node whose files changed syncs again (the kubelet's next status update, the scheduler's and kubelet's retries).
  const round = options.round ?? 0;
  return wrote && round < MAX_ROUNDS ? buildModel(objects, { ...options, previous: model, round: round + 1 }) : model;
}
