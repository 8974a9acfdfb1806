/**
 * Layout of the process-flow diagram: the cluster's nodes and pods, CoreDNS,
 * the NetworkPolicy checkpoints and the cluster network, with one numbered
 * marker per trace step placed on the actor that performs it. Pure geometry:
 * the same model renders the build-time SVG and the step-through player.
 */

/** A pod as the diagram shows it. */
export interface DiagramPod {
  /** 'namespace/name'. */
  key: string;
  /** Pod name. */
  name: string;
  /** Node it runs on ('' when unscheduled). */
  node: string;
  /** Pod IP ('' when it has none). */
  ip: string;
  /** Labels as `k=v` text. */
  labels: string;
  /** Whether the pod is Running and ready. */
  ready: boolean;
}

/** A node as the diagram shows it. */
export interface DiagramNode {
  /** Node name. */
  name: string;
  /** The node's pod CIDR. */
  podCIDR: string;
}

/** The part of a trace step the layout needs. */
export interface DiagramStep {
  step: number;
  actor: string;
  action: string;
  phase: string;
  outcome: 'ok' | 'denied' | 'error';
}

/** Everything the layout needs. */
export interface FlowDiagramInput {
  nodes: DiagramNode[];
  pods: DiagramPod[];
  /** The client pod's key. */
  source?: string | undefined;
  /** The pod that receives the request (after DNS and DNAT), if any. */
  destination?: string | undefined;
  steps: DiagramStep[];
}

/** A labelled box. */
export interface Box {
  id: string;
  kind: 'node' | 'pod' | 'dns' | 'network' | 'policy';
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  sublabel?: string | undefined;
  /** Pods: source, destination or other; policies: egress or ingress. */
  role?: string | undefined;
  /** Pods that are not ready are drawn dimmed. */
  dimmed?: boolean | undefined;
}

/** One numbered step marker. */
export interface Marker {
  step: number;
  x: number;
  y: number;
  outcome: DiagramStep['outcome'];
  /** Id of the box this step happens at. */
  at: string;
}

/** The laid-out diagram. */
export interface FlowDiagram {
  width: number;
  height: number;
  boxes: Box[];
  markers: Marker[];
  /** SVG path of the request (source → destination), when both pods are drawn. */
  requestPath?: string | undefined;
  /** SVG path of the DNS query, when the trace has DNS steps. */
  dnsPath?: string | undefined;
}

const WIDTH = 760;
const MARGIN = 16;
const NODE_TOP = 96;
const POD_HEIGHT = 54;
const POD_GAP = 12;
const MARKER_GAP = 26;

/** Lays out the diagram for a trace on a cluster. */
export function layoutFlowDiagram(input: FlowDiagramInput): FlowDiagram {
  const nodes = input.nodes.length > 0 ? input.nodes : [{ name: 'node', podCIDR: '' }];
  const hasDns = input.steps.some((step) => step.phase === 'dns');
  const boxes: Box[] = [];
  const nodeWidth = (WIDTH - MARGIN * (nodes.length + 1)) / nodes.length;
  const podsByNode = nodes.map((node) => input.pods.filter((pod) => pod.node === node.name));
  const unscheduled = input.pods.filter((pod) => !nodes.some((node) => node.name === pod.node));
  if (unscheduled.length > 0) podsByNode[0]?.push(...unscheduled);
  const tallest = Math.max(1, ...podsByNode.map((pods) => pods.length));
  const nodeHeight = 56 + tallest * (POD_HEIGHT + POD_GAP);

  if (hasDns) {
    boxes.push({ id: 'dns', kind: 'dns', x: WIDTH / 2 - 110, y: 12, width: 220, height: 48, label: 'CoreDNS', sublabel: 'kube-dns 10.96.0.10' });
  }
  nodes.forEach((node, index) => {
    const x = MARGIN + index * (nodeWidth + MARGIN);
    boxes.push({ id: `node:${node.name}`, kind: 'node', x, y: NODE_TOP, width: nodeWidth, height: nodeHeight, label: node.name, sublabel: node.podCIDR });
    (podsByNode[index] ?? []).forEach((pod, podIndex) => {
      const role = pod.key === input.source ? 'source' : pod.key === input.destination ? 'destination' : 'other';
      boxes.push({
        id: `pod:${pod.key}`,
        kind: 'pod',
        x: x + 14,
        y: NODE_TOP + 50 + podIndex * (POD_HEIGHT + POD_GAP),
        width: nodeWidth - 28,
        height: POD_HEIGHT,
        label: pod.name,
        sublabel: [pod.ip || 'no IP', pod.labels].filter(Boolean).join(' · '),
        role,
        dimmed: !pod.ready,
      });
    });
  });
  const networkY = NODE_TOP + nodeHeight + 22;
  boxes.push({ id: 'network', kind: 'network', x: MARGIN, y: networkY, width: WIDTH - 2 * MARGIN, height: 34, label: 'Cluster network (routes or overlay, set up by the CNI plugin)' });

  const box = (id: string) => boxes.find((candidate) => candidate.id === id);
  const source = input.source ? box(`pod:${input.source}`) : undefined;
  const destination = input.destination ? box(`pod:${input.destination}`) : undefined;
  // Policy checkpoints sit on the pods' interfaces: egress at the source, ingress at the destination.
  if (source) boxes.push(shieldFor(source, 'egress'));
  if (destination) boxes.push(shieldFor(destination, 'ingress'));

  const markers: Marker[] = [];
  const used = new Map<string, number>();
  for (const step of input.steps) {
    const anchor = anchorFor(step, input, boxes);
    if (!anchor) continue;
    const count = used.get(anchor.id) ?? 0;
    used.set(anchor.id, count + 1);
    // Markers sit where they cover no text: right of a policy checkpoint, at the right end of a pod,
    // in the title row of a node, and along the right of the network bar and CoreDNS.
    const x =
      anchor.kind === 'policy' ? anchor.x + anchor.width + 16 + count * MARKER_GAP : anchor.x + anchor.width - 18 - count * MARKER_GAP;
    const y =
      anchor.kind === 'policy'
        ? anchor.y + anchor.height / 2
        : anchor.kind === 'node'
          ? anchor.y + 18
          : anchor.y + anchor.height / 2;
    markers.push({ step: step.step, x, y, outcome: step.outcome, at: anchor.id });
  }

  const network = box('network');
  let requestPath: string | undefined;
  if (source && destination && network) {
    const start = { x: source.x + source.width / 2, y: source.y + source.height };
    const end = { x: destination.x + destination.width / 2, y: destination.y + destination.height };
    const lane = network.y + network.height / 2;
    requestPath =
      source.id === destination.id
        ? undefined
        : `M ${start.x} ${start.y} L ${start.x} ${lane} L ${end.x} ${lane} L ${end.x} ${end.y}`;
  }
  const dns = box('dns');
  const dnsPath = dns && source ? `M ${source.x + source.width / 2} ${source.y} L ${dns.x + dns.width / 2} ${dns.y + dns.height}` : undefined;

  return { width: WIDTH, height: networkY + 34 + MARGIN, boxes, markers, requestPath, dnsPath };
}

function shieldFor(pod: Box, direction: 'egress' | 'ingress'): Box {
  return {
    id: `policy:${direction}`,
    kind: 'policy',
    x: pod.x + 8,
    y: pod.y + pod.height - 4,
    width: 96,
    height: 18,
    label: `${direction} policy`,
    role: direction,
  };
}

function anchorFor(step: DiagramStep, input: FlowDiagramInput, boxes: Box[]): Box | undefined {
  const find = (id: string) => boxes.find((candidate) => candidate.id === id);
  const actor = step.actor.toLowerCase();
  if (step.phase === 'dns' && (actor.includes('dns') || actor.includes('coredns'))) return find('dns');
  if (step.phase === 'policy' || actor.includes('networkpolicy') || actor === 'network policy') {
    const direction = /egress/i.test(step.action) ? 'egress' : 'ingress';
    return find(`policy:${direction}`) ?? find('network');
  }
  const pod = input.pods.find((candidate) => candidate.name === step.actor || candidate.key === step.actor);
  if (pod) return find(`pod:${pod.key}`);
  if (step.phase === 'dns') return find('dns') ?? find('network');
  const node = input.nodes.find((candidate) => actor.startsWith(candidate.name.toLowerCase()));
  if (node) return find(`node:${node.name}`);
  return find('network');
}
