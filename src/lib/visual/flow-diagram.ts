/**
 * Layout of the process-flow diagram: the nodes and pods a request involves, CoreDNS,
 * the policy (and kube-proxy) checkpoints on the pods' interfaces and the cluster
 * network, with the path of the request drawn hop by hop: each trace step moves the
 * request from the previous step's station to its own, on one of three routes (the DNS
 * round trip, the request, the reply). A denied or failed step ends its route with a
 * stop mark, so a dropped packet visibly goes no further.
 *
 * Two widths: `wide` for a laptop column and `narrow` for a phone; at either, text is
 * sized so that it renders at 11 px or more down to the layout's `minRenderWidth`.
 * Lines run in lanes kept clear of text, and markers are placed where they cover no
 * label, line or other marker (the unit tests check all three). Pure geometry: the
 * same model renders on the server and in the islands.
 */
import { circleRect, inflate, labelRect, polylineHitsRect, rectsOverlap, textWidth, wrapText, type Label, type Point, type Rect } from './geometry.ts';

export type { Label, Point, Rect } from './geometry.ts';

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
  /** The node interface the packet is on after the step, as `node:interface` (datapath steps in a node's namespace). */
  iface?: string | undefined;
}

/** A node interface the diagram draws (one the trace's packet is on or passes). */
export interface DiagramInterface {
  name: string;
  /** Its IPv4 address, when it has one. */
  address?: string | undefined;
  /** For a host-side veth: the pod at its other end. */
  pod?: string | undefined;
}

/** Everything the layout needs: the cluster's nodes and pods, who connects to whom, and the trace. */
export interface FlowDiagramInput {
  nodes: DiagramNode[];
  pods: DiagramPod[];
  /** 'namespace/name' of the client pod. */
  source?: string | undefined;
  /** 'namespace/name' of the pod the request is for, when there is one. */
  destination?: string | undefined;
  steps: DiagramStep[];
  /** The interfaces to draw on each node, in `ip link` order (datapath traces; none by default). */
  interfaces?: Record<string, DiagramInterface[]> | undefined;
}

/** A node interface drawn as a chip in its node: highlighted at the steps whose packet is on it. */
export interface Port extends Rect {
  /** `node:interface`. */
  id: string;
  labels: Label[];
  /** The steps at which the packet is on this interface. */
  steps: number[];
}

/** A drawn box: a node, a pod, CoreDNS or the cluster network, with its text. */
export interface Box extends Rect {
  id: string;
  kind: 'node' | 'pod' | 'dns' | 'network';
  /** For pods: the client, the pod asked for, or another pod. */
  role?: 'source' | 'destination' | 'other' | undefined;
  /** Drawn faded (a pod that is not ready). */
  dimmed?: boolean | undefined;
  labels: Label[];
}

/** A check on the path: a pod's egress or ingress policy, or kube-proxy's Service rules. */
export interface Checkpoint {
  id: 'policy:egress' | 'policy:ingress' | 'service';
  kind: 'policy' | 'service';
  /** Centre of its icon, on the request's path. */
  x: number;
  y: number;
  labels: Label[];
}

/** The piece of a route one step draws: from the previous step's station to its own. */
export interface Hop {
  step: number;
  route: 'dns' | 'request' | 'reply';
  points: Point[];
  outcome: DiagramStep['outcome'];
  /** True when the hop reaches the end of its route (it gets an arrowhead). */
  last: boolean;
}

/** A numbered step marker. */
export interface Marker {
  step: number;
  x: number;
  y: number;
  outcome: DiagramStep['outcome'];
  /** The box or checkpoint the step happens at (highlighted while it is current). */
  at: string;
}

/** Where a denied or failed step stops the request. */
export interface Stop {
  step: number;
  x: number;
  y: number;
}

/** The laid-out diagram. */
export interface FlowDiagram {
  width: number;
  height: number;
  boxes: Box[];
  checkpoints: Checkpoint[];
  /** One per step that moves along a route, in step order. */
  hops: Hop[];
  /** One per step, in step order (the reading order). */
  markers: Marker[];
  stops: Stop[];
  /** The node interfaces of a datapath trace (empty otherwise). */
  ports: Port[];
  /** Lines of text under the diagram (nodes left out for room, unscheduled pods). */
  notes: Label[];
}

/** A layout width and the narrowest it may be drawn at (text stays ≥ 11 px down to it). */
export interface LayoutSize {
  /** Width of the viewBox. */
  width: number;
  /** Narrowest rendered width in CSS pixels the layout is used at. */
  minRenderWidth: number;
}

/** The two layouts: a laptop column and a phone screen. */
export const DIAGRAM_LAYOUTS = {
  wide: { width: 600, minRenderWidth: 540 },
  narrow: { width: 330, minRenderWidth: 300 },
} as const satisfies Record<string, LayoutSize>;

/** Radius of a step marker. */
export const MARKER_RADIUS = 9;

/** Font sizes in viewBox units (the smallest, 12.5, renders at 11.25 px at the wide layout's narrowest). */
const FONT = { name: 14, sub: 12.5, marker: 12.5 } as const;
const LINE = 16;
const M = 10;
const INSET = 8;
const MIN_NODE = 140;
/** From a pod's right edge: the request lane, and the reply (and DNS answer) lane 12 units right of it. */
const LANE_FROM_RIGHT = 34;
const LANE_GAP = 12;
const MARKER_OFFSET = 18;
/** Checkpoint label names, one place. */
const CHECK_TEXT = { egress: 'egress policy', ingress: 'ingress policy', service: 'kube-proxy rules' } as const;
/** What they are called where the full name needs two lines (the player's legend spells them out). */
const CHECK_TEXT_SHORT = { egress: 'egress', ingress: 'ingress', service: 'kube-proxy' } as const;

type RouteName = Hop['route'];
interface Waypoint {
  name: string;
  point: Point;
}

/** Lays out the diagram of a trace at one of the two sizes. */
export function layoutFlowDiagram(input: FlowDiagramInput, size: LayoutSize = DIAGRAM_LAYOUTS.wide): FlowDiagram {
  const W = size.width;
  const src = input.source ? input.pods.find((pod) => pod.key === input.source) : undefined;
  const dst = input.destination ? input.pods.find((pod) => pod.key === input.destination) : undefined;
  const hasDns = input.steps.some((step) => step.phase === 'dns');
  const hasService = input.steps.some((step) => step.phase === 'service');
  const known = new Set(input.nodes.map((node) => node.name));

  // Nodes on the path first (source, then destination), the rest after, as many as fit side by side.
  const ordered = [...new Set([src?.node, dst?.node, ...input.nodes.map((node) => node.name)].filter((name): name is string => !!name && known.has(name)))];
  if (ordered.length === 0) ordered.push(input.nodes[0]?.name ?? 'node');
  const columns = Math.max(1, Math.min(ordered.length, Math.floor((W - M) / (MIN_NODE + M))));
  const shown = ordered.slice(0, columns);
  const hidden = ordered.slice(columns);
  const nodeWidth = (W - M * (columns + 1)) / columns;
  const sameNode = !!src && !!dst && src.key !== dst.key && src.node === dst.node;
  const crossNode = !!src && !!dst && src.node !== dst.node && shown.includes(dst.node);
  // The DNS lanes leave the client's top edge; for a same-node request they keep to the far right, clear of its checks.
  const dnsFromRight = sameNode ? 22 : LANE_FROM_RIGHT;
  // Stations on a pod's way out or in sit one label apart: further when the checks' labels need two lines.
  const checkRoom = sameNode
    ? nodeWidth - 2 * INSET - 14 - LANE_GAP - MARKER_OFFSET - MARKER_RADIUS - 3 - dnsFromRight - 8
    : nodeWidth - INSET - LANE_FROM_RIGHT - MARKER_OFFSET - MARKER_RADIUS - 6 - 3;
  const fullNames = Object.values(CHECK_TEXT).every((text) => wrapText(text, FONT.sub, checkRoom).length === 1);
  const checkText = fullNames ? CHECK_TEXT : CHECK_TEXT_SHORT;
  const checkLines = Math.max(...Object.values(checkText).map((text) => wrapText(text, FONT.sub, checkRoom).length));
  const STATION_GAP = checkLines > 1 ? 15 * checkLines + 4 : 20;

  const boxes: Box[] = [];
  const checkpoints: Checkpoint[] = [];
  const ports: Port[] = [];
  let y = M;

  // CoreDNS sits above the client's node, its right edge past the two DNS lanes.
  let dnsBox: Box | undefined;
  const srcColumn = src ? Math.max(0, shown.indexOf(src.node)) : 0;
  const columnX = (index: number) => M + index * (nodeWidth + M);
  const podRight = (column: number) => columnX(column) + nodeWidth - INSET;
  if (hasDns) {
    // Its left edge just left of the two lanes, its text right of them (so no lane crosses it).
    const laneX = podRight(srcColumn) - dnsFromRight;
    const x = Math.max(M, laneX - 14);
    const textX = laneX + LANE_GAP + 12;
    const room = W - M - INSET - textX;
    const labels = stackLabels(textX, y, [
      { text: 'CoreDNS', size: FONT.name, bold: true },
      ...wrapText('kube-dns 10.96.0.10', FONT.sub, room).map((text) => ({ text, size: FONT.sub, muted: true })),
    ]);
    const textRight = Math.max(...labels.map((label) => label.x + textWidth(label.text, label.size, label.bold)));
    const height = boxHeight(labels.length);
    dnsBox = { id: 'dns', kind: 'dns', x, y, width: Math.min(W - M, textRight + 12) - x, height, labels };
    boxes.push(dnsBox);
    y += height + 28;
  }

  const nodesTop = y;
  interface Column {
    node: DiagramNode;
    box: Box;
    pods: Box[];
    contentBottom: number;
  }
  const columnsLaidOut: Column[] = shown.map((name, index) => {
    const node = input.nodes.find((candidate) => candidate.name === name) ?? { name, podCIDR: '' };
    const x = columnX(index);
    const laneX = x + nodeWidth - INSET - (index === srcColumn ? dnsFromRight : LANE_FROM_RIGHT);
    // Node text stays left of the lanes that cross the node's title row.
    const titleRoom = laneX - 8 - (x + INSET);
    const labels = stackLabels(x + INSET, nodesTop, [
      { text: node.name, size: FONT.name, bold: true },
      ...cidrLines(node.podCIDR, titleRoom).map((text) => ({ text, size: FONT.sub, muted: true })),
    ]);
    const box: Box = { id: `node:${node.name}`, kind: 'node', x, y: nodesTop, width: nodeWidth, height: 0, labels };
    let cursor = nodesTop + boxHeight(labels.length) - 4;
    // The node's interfaces the packet uses, as chips in rows under its name (left of any lane crossing the node's top).
    const chipRight = hasDns && index === srcColumn ? laneX - 8 : x + nodeWidth - INSET;
    const chips = layoutChips(node.name, input.interfaces?.[node.name] ?? [], x + INSET, cursor + 4, chipRight, input.steps);
    ports.push(...chips.ports);
    cursor = chips.bottom;
    const inNode = input.pods.filter((pod) => pod.node === name);
    const order = [
      ...inNode.filter((pod) => pod.key !== src?.key && pod.key !== dst?.key),
      ...(dst && dst.node === name ? [dst] : []),
      ...(src && src.node === name ? [src] : []),
    ];
    const pods = order.map((pod, podIndex) => {
      const role: Box['role'] = pod.key === src?.key ? 'source' : pod.key === dst?.key ? 'destination' : 'other';
      // Room above the client for its DNS answer marker; between the two pods of a same-node request, for its checks.
      cursor += role === 'source' && sameNode ? 14 + STATION_GAP * (hasService ? 5 : 4) + 14 : podIndex === 0 ? 8 : 10;
      const podX = x + INSET;
      const width = nodeWidth - 2 * INSET;
      // Pods the DNS lanes cross keep their text left of them.
      const crossed = hasDns && src && pod.node === src.node && role !== 'source';
      const room = crossed ? laneX - 8 - (podX + INSET) : width - 2 * INSET;
      const details = [pod.ip || 'no IP', pod.labels, pod.ready ? '' : 'not ready'].filter(Boolean).join(' · ');
      const podLabels = stackLabels(podX + INSET, cursor, [
        { text: pod.name, size: FONT.name, bold: true },
        ...wrapText(details, FONT.sub, room).map((text) => ({ text, size: FONT.sub, muted: true })),
      ]);
      const podBox: Box = {
        id: `pod:${pod.key}`,
        kind: 'pod',
        x: podX,
        y: cursor,
        width,
        height: boxHeight(podLabels.length),
        labels: podLabels,
        role,
        dimmed: !pod.ready,
      };
      cursor += podBox.height;
      return podBox;
    });
    // Room under the pods for the checks on the request's way out (client) or in (destination).
    const hasSrc = crossNode && src?.node === name;
    const hasDst = crossNode && dst?.node === name;
    const below = hasSrc ? 14 + STATION_GAP * (hasService ? 3 : 2) : hasDst ? 14 + STATION_GAP * 2 : 10;
    return { node, box, pods, contentBottom: cursor + below };
  });
  const nodesBottom = Math.max(...columnsLaidOut.map((column) => column.contentBottom)) + 4;
  for (const column of columnsLaidOut) {
    // Pods sit at the bottom of their node, so the request leaves and enters every node at the same height.
    const shift = nodesBottom - 4 - column.contentBottom;
    for (const pod of column.pods) {
      pod.y += shift;
      for (const label of pod.labels) label.y += shift;
    }
    column.box.height = nodesBottom - nodesTop;
    boxes.push(column.box, ...column.pods);
  }
  y = nodesBottom + 12;

  // The cluster network: two lanes on top (request, reply), its name under them.
  const bandY = y;
  const requestLane = bandY + 16;
  const replyLane = requestLane + 20;
  const bandRoom = W - 2 * M - 2 * INSET;
  const longBand = 'Cluster network (routes or overlay, set up by the CNI plugin)';
  const bandText = wrapText(textWidth(longBand, FONT.sub, true) <= bandRoom ? longBand : 'Cluster network (set up by the CNI plugin)', FONT.sub, bandRoom, true);
  const bandLabels = bandText.map((text, index) => ({ x: M + INSET, y: replyLane + 20 + LINE * index, text, size: FONT.sub, anchor: 'start' as const, bold: true }));
  const band: Box = { id: 'network', kind: 'network', x: M, y: bandY, width: W - 2 * M, height: replyLane + 20 + LINE * (bandText.length - 1) + 9 - bandY, labels: bandLabels };
  boxes.push(band);
  y = band.y + band.height + 8;

  const notes: Label[] = [];
  const unscheduled = input.pods.filter((pod) => !known.has(pod.node));
  const noteTexts = [
    ...hidden.map((name) => {
      const names = input.pods.filter((pod) => pod.node === name).map((pod) => pod.name);
      return `Also in the cluster: ${name}${names.length ? ` (${names.join(', ')})` : ''}`;
    }),
    ...(unscheduled.length ? [`Not scheduled on a node yet: ${unscheduled.map((pod) => pod.name).join(', ')}`] : []),
  ];
  for (const text of noteTexts) {
    for (const line of wrapText(text, FONT.sub, W - 2 * M)) {
      y += LINE;
      notes.push({ x: M, y, text: line, size: FONT.sub, anchor: 'start', muted: true });
    }
  }

  const find = (id: string) => boxes.find((box) => box.id === id);
  const srcBox = src ? find(`pod:${src.key}`) : undefined;
  const dstBox = dst ? find(`pod:${dst.key}`) : undefined;

  // Routes, as named waypoints; a step's station is one of the names.
  const routes: Partial<Record<RouteName, Waypoint[]>> = {};
  const sides: Record<RouteName, number> = { dns: -1, request: -1, reply: 1 };
  if (srcBox && dnsBox) {
    const qx = srcBox.x + srcBox.width - dnsFromRight;
    routes.dns = [
      { name: 'start', point: { x: qx, y: srcBox.y } },
      { name: 'query', point: { x: qx, y: dnsBox.y + dnsBox.height } },
      { name: 'turn', point: { x: qx + LANE_GAP, y: dnsBox.y + dnsBox.height } },
      { name: 'answer', point: { x: qx + LANE_GAP, y: srcBox.y } },
    ];
  }
  if (srcBox && dstBox && crossNode) {
    const x1 = srcBox.x + srcBox.width - LANE_FROM_RIGHT;
    const x2 = dstBox.x + dstBox.width - LANE_FROM_RIGHT;
    const out = srcBox.y + srcBox.height;
    const into = dstBox.y + dstBox.height;
    const sourceSide = ['leave', ...(hasService ? ['service'] : []), 'egress'];
    routes.request = [
      { name: 'start', point: { x: x1, y: out } },
      ...sourceSide.map((name, index) => ({ name, point: { x: x1, y: out + 14 + STATION_GAP * index } })),
      { name: 'exit', point: { x: x1, y: requestLane } },
      { name: 'arrive', point: { x: x2, y: requestLane } },
      { name: 'bridge', point: { x: x2, y: into + 14 + STATION_GAP } },
      { name: 'ingress', point: { x: x2, y: into + 14 } },
      { name: 'end', point: { x: x2, y: into } },
    ];
    routes.reply = [
      { name: 'start', point: { x: x2 + LANE_GAP, y: into } },
      { name: 'send', point: { x: x2 + LANE_GAP, y: replyLane } },
      { name: 'return', point: { x: x1 + LANE_GAP, y: replyLane } },
      { name: 'end', point: { x: x1 + LANE_GAP, y: out } },
    ];
  } else if (srcBox && dstBox && sameNode) {
    // Same node: straight up from the client to the pod above it, on the left of the pods (the DNS lanes are on the right).
    const x1 = srcBox.x + 14;
    const top = srcBox.y;
    const into = dstBox.y + dstBox.height;
    const sourceSide = ['leave', ...(hasService ? ['service'] : []), 'egress'];
    routes.request = [
      { name: 'start', point: { x: x1, y: top } },
      ...sourceSide.map((name, index) => ({ name, point: { x: x1, y: top - 14 - STATION_GAP * index } })),
      { name: 'bridge', point: { x: x1, y: into + 14 + STATION_GAP } },
      { name: 'ingress', point: { x: x1, y: into + 14 } },
      { name: 'end', point: { x: x1, y: into } },
    ];
    routes.reply = [
      { name: 'start', point: { x: x1 + LANE_GAP, y: into } },
      { name: 'send', point: { x: x1 + LANE_GAP, y: (into + top) / 2 } },
      { name: 'end', point: { x: x1 + LANE_GAP, y: top } },
    ];
    sides.request = 1;
    sides.reply = 1;
  } else if (srcBox) {
    // No pod to reach (an address outside the pods shown): the request goes out onto the network.
    const x1 = srcBox.x + srcBox.width - LANE_FROM_RIGHT;
    const out = srcBox.y + srcBox.height;
    routes.request = [
      { name: 'start', point: { x: x1, y: out } },
      { name: 'leave', point: { x: x1, y: out + 14 } },
      ...(hasService ? [{ name: 'service', point: { x: x1, y: out + 14 + STATION_GAP } }] : []),
      { name: 'egress', point: { x: x1, y: out + 14 + STATION_GAP * (hasService ? 2 : 1) } },
      { name: 'exit', point: { x: x1, y: requestLane } },
      { name: 'arrive', point: { x: Math.min(W - M - 30, x1 + 120), y: requestLane } },
    ];
    routes.reply = [
      { name: 'start', point: { x: Math.min(W - M - 30, x1 + 120), y: replyLane } },
      { name: 'send', point: { x: x1 + LANE_GAP + 40, y: replyLane } },
      { name: 'return', point: { x: x1 + LANE_GAP, y: replyLane } },
      { name: 'end', point: { x: x1 + LANE_GAP, y: out } },
    ];
  }

  // Checkpoints on the request route, labelled on the side away from the markers.
  const request = routes.request;
  const labelSide = sides.request > 0 ? 1 : -1;
  for (const [name, id, kind] of [
    ['egress', 'policy:egress', 'policy'],
    ['ingress', 'policy:ingress', 'policy'],
    ['service', 'service', 'service'],
  ] as const) {
    const text = checkText[name];
    const at = request?.find((waypoint) => waypoint.name === name)?.point;
    if (!at) continue;
    const owner = name === 'ingress' ? dstBox : srcBox;
    const anchorX = labelSide < 0 ? at.x - MARKER_OFFSET - MARKER_RADIUS - 6 : at.x + LANE_GAP + MARKER_OFFSET + MARKER_RADIUS + 3;
    // Two-line labels are centred on their station.
    // Left of the lane: up to the pod's node edge; right of it (same node): up to the DNS lanes.
    const room = labelSide < 0 ? anchorX - ((owner?.x ?? M) - INSET + 3) : (owner ? owner.x + owner.width - dnsFromRight - 8 : W - M) - anchorX;
    const lines = wrapText(text, FONT.sub, room);
    checkpoints.push({
      id,
      kind,
      x: at.x,
      y: at.y,
      labels: lines.map((line, index) => ({
        x: anchorX,
        y: at.y + 4 + (index - (lines.length - 1) / 2) * 15,
        text: line,
        size: FONT.sub,
        anchor: labelSide < 0 ? 'end' : 'start',
      })),
    });
  }

  // Each step's station, hop and marker.
  const hops: Hop[] = [];
  const stops: Stop[] = [];
  const placed: Marker[] = [];
  const reached: Partial<Record<RouteName, number>> = {};
  const context = { src, dst, srcNode: src?.node, dstNode: dst?.node, sameNode };
  for (const step of input.steps) {
    const station = stationFor(step, context);
    const route = station ? routes[station.route] : undefined;
    const index = route && station ? route.findIndex((waypoint) => waypoint.name === station.name) : -1;
    const at = atFor(step, context, boxes, checkpoints);
    let point: Point | undefined;
    let side = -1;
    if (route && station && index >= 0) {
      const from = reached[station.route] ?? 0;
      const to = Math.max(index, from);
      hops.push({ step: step.step, route: station.route, points: route.slice(from, to + 1).map((waypoint) => waypoint.point), outcome: step.outcome, last: to === route.length - 1 });
      reached[station.route] = to;
      point = route[to]!.point;
      side = sides[station.route];
      if (step.outcome !== 'ok') stops.push({ step: step.step, x: point.x, y: point.y });
    }
    placed.push(placeMarker(step, point, side, station, at, boxes, checkpoints, hops, routes, placed, W, ports));
  }

  // A marker pushed below the network band by a crowded route still fits inside the drawing.
  const height = Math.max(y + M, ...placed.map((marker) => marker.y + MARKER_RADIUS + 2));
  return { width: W, height, boxes, checkpoints, hops, markers: placed, stops, ports, notes };
}

const CHIP = { height: 19, gap: 4, pad: 6 } as const;

/** An interface's chip text: name and address (or the veth's pod) where it fits, else the name alone. */
function chipText(iface: DiagramInterface, room: number): string {
  const full = iface.address ? `${iface.name} ${iface.address}` : iface.pod ? `${iface.name} → ${iface.pod}` : iface.name;
  return textWidth(full, FONT.sub) + 2 * CHIP.pad <= room ? full : iface.name;
}

/** A node's interface chips, flowed in rows from (left, top) up to `right`; returns them and the y under the last row. */
function layoutChips(node: string, interfaces: readonly DiagramInterface[], left: number, top: number, right: number, steps: readonly DiagramStep[]): { ports: Port[]; bottom: number } {
  const ports: Port[] = [];
  let x = left;
  let y = top;
  for (const iface of interfaces) {
    const text = chipText(iface, right - left);
    const width = Math.min(right - left, textWidth(text, FONT.sub) + 2 * CHIP.pad);
    if (x > left && x + width > right) {
      x = left;
      y += CHIP.height + CHIP.gap;
    }
    const id = `${node}:${iface.name}`;
    ports.push({ id, x, y, width, height: CHIP.height, labels: [{ x: x + CHIP.pad, y: y + 13.5, text, size: FONT.sub, anchor: 'start' }], steps: steps.filter((step) => step.iface === id).map((step) => step.step) });
    x += width + CHIP.gap;
  }
  return { ports, bottom: ports.length ? y + CHIP.height + 2 : top - 4 };
}

/** A node's pod CIDR: "pod CIDR 10.244.0.0/24" where it fits on a line, else the CIDR alone. */
function cidrLines(cidr: string, room: number): string[] {
  if (!cidr) return [];
  const full = `pod CIDR ${cidr}`;
  return textWidth(full, FONT.sub) <= room ? [full] : wrapText(cidr, FONT.sub, room);
}

/** Labels stacked from a box's top: the first line bold at 20, the rest 16 apart. */
function stackLabels(x: number, top: number, lines: { text: string; size: number; bold?: boolean; muted?: boolean }[]): Label[] {
  return lines.map((line, index) => ({ x, y: top + 20 + LINE * index, text: line.text, size: line.size, bold: line.bold, muted: line.muted, anchor: 'start' as const }));
}

/** Height of a box holding `lines` stacked labels. */
function boxHeight(lines: number): number {
  return 20 + LINE * (lines - 1) + 10;
}

interface StepContext {
  src: DiagramPod | undefined;
  dst: DiagramPod | undefined;
  srcNode: string | undefined;
  dstNode: string | undefined;
  sameNode: boolean;
}

const isPod = (actor: string, pod: DiagramPod | undefined) => !!pod && (actor === pod.name || actor === pod.key);
const onNode = (actor: string, node: string | undefined) => !!node && actor.toLowerCase().startsWith(node.toLowerCase());

/** Which route a step moves along and the station it reaches, or null when it happens off the path. */
export function stationFor(step: DiagramStep, context: StepContext): { route: RouteName; name: string } | null {
  const { actor, action, phase } = step;
  switch (phase) {
    case 'dns':
      if (isPod(actor, context.src)) return { route: 'dns', name: 'query' };
      if (/dns/i.test(actor)) return { route: 'dns', name: 'answer' };
      return null;
    case 'policy':
      if (/egress/i.test(action)) return { route: 'request', name: 'egress' };
      if (/ingress/i.test(action)) return { route: 'request', name: 'ingress' };
      return null;
    case 'service':
      return { route: 'request', name: 'service' };
    case 'delivery':
      if (isPod(actor, context.src)) return { route: 'request', name: 'leave' };
      if (isPod(actor, context.dst)) return { route: 'request', name: 'end' };
      return null;
    case 'routing':
      if (context.sameNode) return { route: 'request', name: 'bridge' };
      if (onNode(actor, context.dstNode)) return { route: 'request', name: 'bridge' };
      return { route: 'request', name: 'arrive' };
    case 'response':
      return isPod(actor, context.src) ? { route: 'reply', name: 'end' } : { route: 'reply', name: 'send' };
    default:
      return null;
  }
}

/** The box or checkpoint a step happens at. */
function atFor(step: DiagramStep, context: StepContext, boxes: Box[], checkpoints: Checkpoint[]): string {
  const actor = step.actor;
  if (step.phase === 'policy') {
    const id = /egress/i.test(step.action) ? 'policy:egress' : 'policy:ingress';
    if (checkpoints.some((checkpoint) => checkpoint.id === id)) return id;
  }
  if (step.phase === 'service' && checkpoints.some((checkpoint) => checkpoint.id === 'service')) return 'service';
  if (step.phase === 'dns' && /dns/i.test(actor) && boxes.some((box) => box.id === 'dns')) return 'dns';
  const pod = [context.src, context.dst].find((candidate) => isPod(actor, candidate));
  if (pod && boxes.some((box) => box.id === `pod:${pod.key}`)) return `pod:${pod.key}`;
  const other = boxes.find((box) => box.kind === 'pod' && (box.id === `pod:${actor}` || box.id.endsWith(`/${actor}`)));
  if (other) return other.id;
  const node = boxes.find((box) => box.kind === 'node' && onNode(actor, box.id.slice('node:'.length)));
  if (node) return node.id;
  return 'network';
}

/**
 * Puts a step's marker beside its station (on the side of its route away from the other route), or in the
 * top-right corner of its box when it is off the path; then moves it until it covers no label, line or marker.
 */
function placeMarker(
  step: DiagramStep,
  point: Point | undefined,
  side: number,
  station: { route: RouteName; name: string } | null,
  at: string,
  boxes: Box[],
  checkpoints: Checkpoint[],
  hops: Hop[],
  routes: Partial<Record<RouteName, Waypoint[]>>,
  placed: Marker[],
  width: number,
  ports: Port[],
): Marker {
  const candidates: Point[] = [];
  const route = station?.route;
  const box = boxes.find((candidate) => candidate.id === at) ?? boxes.find((candidate) => candidate.id === 'network')!;
  // A request or reply arriving in a pod is numbered inside the pod's top-right corner.
  if (point && station?.name === 'end' && box.kind === 'pod') {
    for (let i = 0; i < 3; i += 1) candidates.push({ x: box.x + box.width - 13 - i * 22, y: box.y + 13 });
  }
  if (point) {
    // Right of a request lane means right of the reply lane beside it too.
    const offset = side > 0 ? LANE_GAP + MARKER_OFFSET : -MARKER_OFFSET;
    if (route === 'dns') {
      // The query's marker under CoreDNS, left of the lanes; the answer's above the client, right of them.
      const query = routes.dns?.[1]?.point;
      const isQuery = query && point.x === query.x && point.y === query.y;
      candidates.push(isQuery ? { x: point.x - MARKER_OFFSET, y: point.y + 16 } : { x: point.x + MARKER_OFFSET, y: point.y - 14 });
      candidates.push(isQuery ? { x: point.x - MARKER_OFFSET, y: point.y + 34 } : { x: point.x - LANE_GAP - MARKER_OFFSET, y: point.y - 14 });
    } else {
      const base = { x: route === 'reply' ? point.x + MARKER_OFFSET : point.x + offset, y: point.y };
      candidates.push(base, { x: base.x, y: base.y - 12 }, { x: base.x, y: base.y + 12 });
    }
    for (const dy of [0, -20, 20, -40, 40]) for (const dx of [-40, 40, -64, 64]) candidates.push({ x: point.x + dx, y: point.y + dy });
  }
  const cornerY = box.y + 14;
  for (let i = 0; i < 8; i += 1) candidates.push({ x: box.x + box.width - 14 - i * 22, y: cornerY });
  const labels = [...boxes.flatMap((candidate) => candidate.labels), ...checkpoints.flatMap((checkpoint) => checkpoint.labels), ...ports].map((item) => ('text' in item ? inflate(labelRect(item), 2) : inflate(item, 1)));
  const icons = checkpoints.map((checkpoint) => ({ x: checkpoint.x - 8, y: checkpoint.y - 7, width: 16, height: 14 }));
  const lines = [...Object.values(routes).map((waypoints) => waypoints.map((waypoint) => waypoint.point)), ...hops.map((hop) => hop.points)];
  const free = (center: Point) => {
    const area = circleRect(center, MARKER_RADIUS + 1);
    if (area.x < 0 || area.x + area.width > width) return false;
    if (labels.some((rect) => rectsOverlap(rect, area))) return false;
    if (icons.some((rect) => rectsOverlap(rect, area))) return false;
    if (lines.some((polyline) => polylineHitsRect(polyline, area))) return false;
    return placed.every((marker) => Math.hypot(marker.x - center.x, marker.y - center.y) >= 2 * MARKER_RADIUS + 2);
  };
  const chosen = candidates.find(free) ?? candidates[0] ?? { x: box.x + box.width - 14, y: cornerY };
  return { step: step.step, x: chosen.x, y: chosen.y, outcome: step.outcome, at };
}

/** Every rectangle a label occupies in the diagram (for tests and checks). */
export function diagramLabelRects(diagram: FlowDiagram): { text: string; rect: Rect }[] {
  return [...diagram.boxes.flatMap((box) => box.labels), ...diagram.checkpoints.flatMap((checkpoint) => checkpoint.labels), ...diagram.ports.flatMap((port) => port.labels), ...diagram.notes].map(
    (label) => ({ text: label.text, rect: labelRect(label) }),
  );
}

/** The smallest font size in the diagram, in viewBox units. */
export function smallestFont(diagram: FlowDiagram): number {
  const sizes = [...diagram.boxes.flatMap((box) => box.labels), ...diagram.checkpoints.flatMap((checkpoint) => checkpoint.labels), ...diagram.ports.flatMap((port) => port.labels), ...diagram.notes].map((label) => label.size);
  return Math.min(FONT.marker, ...sizes);
}

/** Estimated width of a label's text (re-exported for the SVG renderer's tests). */
export const estimateTextWidth = textWidth;

/** Rounds a number to tenths of a pixel (finer than any screen shows), so a diagram ships without 16-digit floats. */
function toTenths(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A copy of a laid-out diagram with every coordinate and size rounded to a tenth of a pixel, for shipping in the page. */
export function compactDiagram<T>(value: T): T {
  if (typeof value === 'number') return toTenths(value) as T;
  if (Array.isArray(value)) return value.map((item) => compactDiagram(item)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compactDiagram(item)])) as T;
  return value;
}
