/**
 * The reachability matrix: for every ordered pair of pods, would a connection from one to the other's pod IP
 * on (port, protocol) succeed? A cell equals `connect({ from, to: 'ns/pod', port, protocol }).allowed`:
 * the source Running with an IP, the destination answering on the port, and (unless from == to, since a pod can
 * always reach itself) egress of the source allowing it, the nodes' routes and firewalls carrying the request and
 * the reply (routing.ts podPath, the lookup connect() routes by), and ingress of the destination allowing the
 * source it sees (the node's address under the counterfactual pod-to-pod SNAT).
 *
 * Rows and columns are the declared pods ('ns/name' order); the implicit kube-system CoreDNS pods are left
 * out unless `includeSystem` is set (or they were declared in the manifests).
 *
 * The fast version precomputes, once per call, the selected-pod bitset of every policy and the peer bitset of
 * every rule (selector results cached per namespace), ORs rule peer-sets into per-pod allow bitsets, then
 * reads the matrix off the bitsets, masked by which pods each node's routes deliver to (looked up once per node
 * and pod, and skipped when every path delivers, as the tables flannel installs do). `naiveReachability` evaluates every pair against every policy, as the
 * specification reads, and exists to check the fast one (tests, property tests, benchmark).
 */
import { ipToInt, parseCidr } from './ipam.ts';
import { directionAllows, ipBlockSkipsClusterEndpoints, policyPortMatches } from './network-policy.ts';
import { matchesSelector, selectorKey } from './selectors.ts';
import { nodeRouteTable, sameRouteAcross } from './datapath/node-network.ts';
import { crossesByPodRoute, pathDelivers, podPath, type PodPath } from './routing.ts';
import { podServes } from './services.ts';
import type { ClusterState } from './state.ts';
import { keyOf } from './state.ts';
import type { LabelSelector, NetworkPolicyModel, PodModel, PolicyPeerModel, PolicyRuleModel, ReachabilityMatrix, WireProtocol } from './types.ts';

/** Options of a reachability computation. */
export interface ReachabilityOptions {
  port?: number;
  protocol?: WireProtocol;
  /** Include the implicit kube-system CoreDNS pods (default false). */
  includeSystem?: boolean;
}

/** The pods that form the matrix rows/columns, in 'ns/name' order. */
export function matrixPods(state: ClusterState, includeSystem = false): PodModel[] {
  return state.model.pods.filter((p) => includeSystem || !p.implicit);
}

/** True when the pod can send: Running with an IP. */
export function canSend(p: PodModel): boolean {
  return p.phase === 'Running' && p.ip !== '';
}

/**
 * True when the pod answers on (port, protocol): Running with an IP and a process listens; ICMP is answered by the
 * kernel of the pod's network namespace, which exists from the sandbox on, so a Pending pod with an IP
 * (ContainerCreating) answers ping too.
 */
export function canAnswer(p: PodModel, port: number, protocol: WireProtocol): boolean {
  if (protocol === 'ICMP') return p.ip !== '' && (p.phase === 'Running' || p.phase === 'Pending');
  return canSend(p) && podServes(p, port, protocol);
}

/** Pair-by-pair evaluation of one cell (the public per-pair semantics used by the naive matrix). */
export function pairAllowed(state: ClusterState, src: PodModel, dst: PodModel, port: number, protocol: WireProtocol): boolean {
  if (!canSend(src) || !canAnswer(dst, port, protocol)) return false;
  if (src === dst || keyOf(src) === keyOf(dst)) return true;
  if (!directionAllows(state, src, { kind: 'pod', pod: dst }, port, protocol, 'Egress')) return false;
  const snat = !!state.model.network.podToPodSnat;
  const path = podPath(state, src.nodeName, dst);
  if (!pathDelivers(path, () => podPath(state, dst.nodeName, src).kind !== 'unroutable', snat)) return false;
  // The counterfactual SNAT rewrites the source to the node's address on the pod routes: ingress judges that address.
  const seen = snat && crossesByPodRoute(path) && path.kind !== 'none' && path.kind !== 'local' ? path.a.internalIP : src.ip;
  return directionAllows(state, dst, seen === src.ip ? { kind: 'pod', pod: src } : { kind: 'ip', ip: seen }, port, protocol, 'Ingress');
}

/** Reachability matrix computed pair by pair (O(pods² × policies)); same answers as `reachability`. */
export function naiveReachability(state: ClusterState, options: ReachabilityOptions = {}): ReachabilityMatrix {
  const port = options.port ?? 80;
  const protocol = options.protocol ?? 'TCP';
  const pods = matrixPods(state, options.includeSystem);
  const allowed = pods.map((src) => pods.map((dst) => pairAllowed(state, src, dst, port, protocol)));
  return { pods: pods.map(keyOf), allowed };
}

/** Reachability matrix computed with precomputed policy bitsets (fast path for the lab). */
export function reachability(state: ClusterState, options: ReachabilityOptions = {}): ReachabilityMatrix {
  const port = options.port ?? 80;
  const protocol = options.protocol ?? 'TCP';
  // Nothing enforced: every cell is cheap. The counterfactual pod-to-pod SNAT judges ingress by node addresses, which
  // the bitsets do not hold: cell by cell too.
  if (state.model.network.policyPlugin === 'none' || state.model.network.podToPodSnat) return naiveReachability(state, options);
  const pods = matrixPods(state, options.includeSystem);
  return { pods: pods.map(keyOf), allowed: fastSquare(state, pods, port, protocol) };
}

/**
 * Which cells of the square over `pods` the nodes' routes and firewalls deliver (request and reply), or null when
 * every one does. It reads the same podPath lookup routePodToPod does, per (node, pod): a path depends only on the
 * source's node and the destination pod, and the reply's on the destination's node and the source pod; where a
 * node's table routes a whole pod CIDR alike (as flannel's tables do), one lookup stands for that CIDR's pods. Not
 * for the counterfactual pod-to-pod SNAT (the caller goes cell by cell there).
 */
export function routeMask(state: ClusterState, pods: readonly PodModel[]): ((i: number, out: Uint32Array) => void) | null {
  const n = pods.length;
  const nodeAt = new Map<string, number>();
  const podNode = new Int32Array(n).fill(-1);
  const ipInts = new Array<number | null>(n).fill(null);
  pods.forEach((p, i) => {
    if (!p.ip || !p.nodeName) return;
    let k = nodeAt.get(p.nodeName);
    if (k === undefined) nodeAt.set(p.nodeName, (k = nodeAt.size));
    podNode[i] = k;
    ipInts[i] = ipToInt(p.ip);
  });
  const names = [...nodeAt.keys()];
  // The pods inside their node's pod CIDR (not hostNetwork), per node: a route lookup that is the same across the
  // whole CIDR (sameRouteAcross) is made once for them all, and what follows it depends only on the two nodes.
  const blocks = names.map((name) => {
    const node = state.nodes.get(name);
    return node ? parseCidr(node.podCIDR) : null;
  });
  const members: number[][] = names.map(() => []);
  const inBlock = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const k = podNode[j]!;
    const block = k >= 0 ? blocks[k] : null;
    const ip = ipInts[j];
    if (!block || ip === null || ip === undefined || (pods[j] as PodModel).hostNetwork || ip < block.base || ip >= block.base + block.size) continue;
    inBlock[j] = 1;
    members[k]!.push(j);
  }
  const odd: number[] = [];
  for (let j = 0; j < n; j++) if (podNode[j]! >= 0 && !inBlock[j]) odd.push(j);
  // A path's code: 1 = lost on the way there (no route, or VXLAN dropped either way), 2 = crosses nodes (the reply
  // is routed by the far node's table), 4 = no route from the node to the pod (what a reply to it from there meets).
  const codeOf = (path: PodPath): number => (pathDelivers(path, () => true, false) ? (path.kind === 'none' || path.kind === 'local' || path.kind === 'same-node' ? 0 : 2) : path.kind === 'unroutable' ? 5 : 1);
  const K = names.length;
  // wholeCode[k*K + b]: the code of node k's path to every pod of node b's CIDR (-1: the CIDR is not routed alike).
  const wholeCode = new Int8Array(K * K).fill(-1);
  const oddCode = new Uint8Array(K * odd.length);
  let lost = false;
  names.forEach((node, k) => {
    const table = nodeRouteTable(state, node);
    members.forEach((js, b) => {
      const block = blocks[b];
      const first = js[0];
      if (first === undefined || !table || !block || !sameRouteAcross(table, block)) return;
      const c = codeOf(podPath(state, node, pods[first] as PodModel, ipInts[first] ?? null));
      if (c & 1) lost = true;
      wholeCode[k * K + b] = c;
    });
    odd.forEach((j, o) => {
      const c = codeOf(podPath(state, node, pods[j] as PodModel, ipInts[j] ?? null));
      if (c & 1) lost = true;
      oddCode[k * odd.length + o] = c;
    });
    // Pods of a CIDR this table does not route alike are looked up one by one.
    members.forEach((js, b) => {
      if (wholeCode[k * K + b] !== -1) return;
      for (const j of js) {
        const c = codeOf(podPath(state, node, pods[j] as PodModel, ipInts[j] ?? null));
        if (c & 1) lost = true;
      }
    });
  });
  if (!lost) return null;
  // Some path is lost: spell out every (node, pod) code.
  const code = new Uint8Array(K * n);
  names.forEach((node, k) => {
    members.forEach((js, b) => {
      const whole = wholeCode[k * K + b]!;
      for (const j of js) code[k * n + j] = whole >= 0 ? whole : codeOf(podPath(state, node, pods[j] as PodModel, ipInts[j] ?? null));
    });
    odd.forEach((j, o) => {
      code[k * n + j] = oddCode[k * odd.length + o]!;
    });
  });
  return (i, out) => {
    out.fill(0);
    const a = podNode[i]!;
    if (a < 0) return;
    const row = a * n;
    for (let j = 0; j < n; j++) {
      const c = code[row + j]!;
      const b = podNode[j]!;
      if (j === i || (b >= 0 && !(c & 1) && (!(c & 2) || !(code[b * n + i]! & 4)))) out[j >>> 5]! |= 1 << (j & 31);
    }
  };
}

/** Which destinations answer on (port, protocol): a listener or ICMP (canAnswer), or those that refuse. */
export type AnswersOn = (p: PodModel, port: number, protocol: WireProtocol) => boolean;

/**
 * The fast square matrix over `pods` (rows and columns in that order), policies enforced (plugin not `none`);
 * each row has `extraColumns` more cells, false, for the caller to fill (so rows are allocated once). `answersOn`
 * says which destinations answer (default: a listener, or ICMP); the policies and routes are judged the same whatever it is.
 */
export function fastSquare(state: ClusterState, pods: readonly PodModel[], port: number, protocol: WireProtocol, extraColumns = 0, answersOn: AnswersOn = canAnswer): boolean[][] {
  return fastSquares(state, pods, port, protocol, extraColumns, answersOn, null).allowed;
}

/** The fast square read twice in one pass: `allowed` as fastSquare's, and for each row the columns `refusing` pods would answer on (null: not asked). */
export interface FastSquares {
  /** allowed[i][j]: the connection from pods[i] gets to pods[j] and pods[j] answers (answersOn). */
  allowed: boolean[][];
  /** refused[i]: the j, ascending, whose connection from pods[i] gets there and pods[j] is one of the `refusing` ones. */
  refused: number[][] | null;
}

/**
 * fastSquare with a second reading of the same policy and route bitsets: the destinations `refusing` picks (the
 * ones that would refuse the connection), so a caller that wants both does not judge the policies twice.
 */
export function fastSquares(
  state: ClusterState,
  pods: readonly PodModel[],
  port: number,
  protocol: WireProtocol,
  extraColumns: number,
  answersOn: AnswersOn,
  refusing: AnswersOn | null,
): FastSquares {
  const n = pods.length;
  const words = (n + 31) >>> 5;
  const full = new Uint32Array(words);
  for (let i = 0; i < n; i++) full[i >>> 5]! |= 1 << (i & 31);

  // Per-namespace pod index lists.
  const nsPods = new Map<string, number[]>();
  pods.forEach((p, i) => {
    const list = nsPods.get(p.namespace);
    if (list) list.push(i);
    else nsPods.set(p.namespace, [i]);
  });
  const ipInts = pods.map((p) => (p.ip ? (ipToInt(p.ip) ?? -1) : -1));

  // Selector evaluation cached per (namespace, selector).
  const selCache = new Map<string, Uint32Array>();
  const podsMatching = (ns: string, sel: LabelSelector | undefined): Uint32Array => {
    const key = `${ns}\u0000${sel ? selectorKey(sel) : '*'}`;
    let bits = selCache.get(key);
    if (bits) return bits;
    bits = new Uint32Array(words);
    for (const i of nsPods.get(ns) ?? []) {
      const p = pods[i];
      if (p && (!sel || matchesSelector(sel, p.labels))) bits[i >>> 5]! |= 1 << (i & 31);
    }
    selCache.set(key, bits);
    return bits;
  };
  const nsCache = new Map<string, string[]>();
  const namespacesMatching = (sel: LabelSelector): string[] => {
    const key = selectorKey(sel);
    let list = nsCache.get(key);
    if (list) return list;
    list = [];
    for (const ns of nsPods.keys()) {
      const model = state.namespaces.get(ns);
      if (matchesSelector(sel, model ? model.labels : { 'kubernetes.io/metadata.name': ns })) list.push(ns);
    }
    nsCache.set(key, list);
    return list;
  };
  const orInto = (dst: Uint32Array, src: Uint32Array): void => {
    for (let w = 0; w < words; w++) dst[w]! |= src[w]!;
  };
  const peerBits = (policy: NetworkPolicyModel, peer: PolicyPeerModel): Uint32Array => {
    const bits = new Uint32Array(words);
    if (peer.ipBlock) {
      if (ipBlockSkipsClusterEndpoints(state)) return bits; // Cilium: CIDR rules never select pods
      const c = parseCidr(peer.ipBlock.cidr);
      if (!c || !peer.ipBlock.cidr.includes('/')) return bits;
      const lo = c.base;
      const hi = c.base + c.size;
      const except = peer.ipBlock.except.map((e) => parseCidr(e)).filter((e) => e !== null);
      for (let i = 0; i < n; i++) {
        const ip = ipInts[i] ?? -1;
        if (ip < lo || ip >= hi) continue;
        let excluded = false;
        for (const e of except) if (ip >= e.base && ip < e.base + e.size) excluded = true;
        if (!excluded) bits[i >>> 5]! |= 1 << (i & 31);
      }
      return bits;
    }
    if (peer.namespaceSelector) {
      for (const ns of namespacesMatching(peer.namespaceSelector)) orInto(bits, podsMatching(ns, peer.podSelector));
      return bits;
    }
    return podsMatching(policy.namespace, peer.podSelector);
  };
  const ruleBits = (policy: NetworkPolicyModel, rule: PolicyRuleModel): Uint32Array => {
    if (rule.peers === null) return full;
    if (rule.peers.length === 1 && rule.peers[0]) return peerBits(policy, rule.peers[0]);
    const bits = new Uint32Array(words);
    for (const peer of rule.peers) orInto(bits, peerBits(policy, peer));
    return bits;
  };
  // Port matching: constant for a rule unless it uses named ports (then it depends on the destination pod).
  const hasNamed = (rule: PolicyRuleModel): boolean => rule.ports.some((e) => typeof e.port === 'string');
  const portsMatch = (rule: PolicyRuleModel, dst: PodModel | null): boolean =>
    rule.ports.length === 0 || rule.ports.some((e) => policyPortMatches(e, port, protocol, dst));

  const ingressIso = new Uint8Array(n);
  const egressIso = new Uint8Array(n);
  // Flat per-source bitsets over destinations: allowOut[i*words ..] = destinations i's egress rules allow,
  // allowInT[i*words ..] = ingress-isolated destinations whose ingress rules admit i (row-major, so a row is
  // read off contiguous words).
  const allowInT = new Uint32Array(n * words);
  const allowOut = new Uint32Array(n * words);
  const orAt = (dst: Uint32Array, at: number, src: Uint32Array): void => {
    const base = at * words;
    for (let w = 0; w < words; w++) dst[base + w]! |= src[w]!;
  };

  for (const policy of state.model.networkPolicies) {
    const selected: number[] = [];
    const selBits = podsMatching(policy.namespace, policy.podSelector);
    for (const i of nsPods.get(policy.namespace) ?? []) if ((selBits[i >>> 5]! >>> (i & 31)) & 1) selected.push(i);
    if (selected.length === 0) continue;
    if (policy.policyTypes.includes('Ingress')) {
      for (const j of selected) ingressIso[j] = 1;
      for (const rule of policy.ingress) {
        const named = hasNamed(rule);
        if (!named && !portsMatch(rule, null)) continue;
        let dsts = selBits;
        if (named) {
          dsts = new Uint32Array(words);
          for (const j of selected) if (portsMatch(rule, pods[j] ?? null)) dsts[j >>> 5]! |= 1 << (j & 31);
        }
        // The selected pods share a namespace, so their bits sit in a few adjacent words: OR only those.
        let lo = 0;
        let hi = words - 1;
        while (lo <= hi && dsts[lo] === 0) lo++;
        while (hi >= lo && dsts[hi] === 0) hi--;
        if (lo > hi) continue;
        const sources = ruleBits(policy, rule);
        for (let w = 0; w < words; w++) {
          let word = sources[w]!;
          while (word !== 0) {
            const bit = 31 - Math.clz32(word & -word);
            word &= word - 1;
            const base = ((w << 5) + bit) * words;
            for (let k = lo; k <= hi; k++) allowInT[base + k]! |= dsts[k]!;
          }
        }
      }
    }
    if (policy.policyTypes.includes('Egress')) {
      for (const i of selected) egressIso[i] = 1;
      for (const rule of policy.egress) {
        const named = hasNamed(rule);
        if (!named && !portsMatch(rule, null)) continue;
        let bits = ruleBits(policy, rule);
        if (named) {
          const masked = new Uint32Array(words);
          for (let j = 0; j < n; j++) {
            if ((bits[j >>> 5]! >>> (j & 31)) & 1 && portsMatch(rule, pods[j] ?? null)) masked[j >>> 5]! |= 1 << (j & 31);
          }
          bits = masked;
        }
        for (const i of selected) orAt(allowOut, i, bits);
      }
    }
  }

  // Destinations that answer (and, when asked, those that would refuse), and the ones not ingress-isolated (open
  // to every source).
  const answers = new Uint32Array(words);
  const refuses = refusing ? new Uint32Array(words) : null;
  const notIsolated = new Uint32Array(words);
  let anyRefuses = false;
  for (let j = 0; j < n; j++) {
    const p = pods[j] as PodModel;
    const bit = 1 << (j & 31);
    if (answersOn(p, port, protocol)) answers[j >>> 5]! |= bit;
    if (refuses && refusing?.(p, port, protocol)) {
      refuses[j >>> 5]! |= bit;
      anyRefuses = true;
    }
    if (!ingressIso[j]) notIsolated[j >>> 5]! |= bit;
  }
  const allowed: boolean[][] = new Array(n);
  const refused: number[][] | null = refuses ? new Array(n) : null;
  // carried[w]: the destinations of word w the source's egress rules, their ingress rules and the routes let through.
  const carried = new Uint32Array(words);
  const bits = new Uint32Array(words);
  const routes = routeMask(state, pods);
  const delivered = routes ? new Uint32Array(words) : null;
  const width = n + extraColumns;
  for (let i = 0; i < n; i++) {
    // Built with the fill builtin (all false, then whole words of true at once), so even the first call, before
    // the JIT has compiled this loop, does not step through a million cells one by one.
    const row: boolean[] = new Array(width).fill(false);
    allowed[i] = row;
    if (refused) refused[i] = [];
    if (!canSend(pods[i] as PodModel)) continue;
    const base = i * words;
    const egress = egressIso[i] === 1;
    for (let w = 0; w < words; w++) carried[w] = (egress ? allowOut[base + w]! : -1) & (notIsolated[w]! | allowInT[base + w]!);
    // A pod always reaches itself, whatever the policies say (the routes deliver it too).
    carried[i >>> 5]! |= 1 << (i & 31);
    if (routes && delivered) {
      routes(i, delivered);
      for (let w = 0; w < words; w++) carried[w]! &= delivered[w]!;
    }
    for (let w = 0; w < words; w++) bits[w] = answers[w]! & carried[w]!;
    for (let w = 0; w < words; w++) {
      let word = bits[w]!;
      if (word === 0) continue;
      const at = w << 5;
      if (word === 0xffffffff && at + 32 <= n) {
        row.fill(true, at, at + 32);
        continue;
      }
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        word &= word - 1;
        row[at + bit] = true;
      }
    }
    if (refused && refuses && anyRefuses) {
      const out = refused[i] as number[];
      for (let w = 0; w < words; w++) {
        let word = refuses[w]! & carried[w]!;
        while (word !== 0) {
          const bit = 31 - Math.clz32(word & -word);
          word &= word - 1;
          out.push((w << 5) + bit);
        }
      }
    }
  }
  return { allowed, refused };
}

/** Renders a matrix as a compact text grid ('✓'/'·') with pod keys, for tests, lessons and debugging. */
export function formatMatrix(m: ReachabilityMatrix): string {
  const width = Math.max(0, ...m.pods.map((p) => p.length));
  const lines = m.pods.map((p, i) => `${p.padEnd(width)} ${(m.allowed[i] ?? []).map((v) => (v ? '✓' : '·')).join('')}`);
  return lines.join('\n');
}
