import { describe, expect, it } from 'vitest';
import { circleRect, inflate, labelRect, polylineHitsRect, rectsOverlap } from './geometry.ts';
import { compactDiagram, DIAGRAM_LAYOUTS, diagramLabelRects, layoutFlowDiagram, MARKER_RADIUS, smallestFont, type DiagramStep, type FlowDiagram, type FlowDiagramInput } from './flow-diagram.ts';

// Step shapes as the simulator writes them (src/lib/simulator/connect.ts): actors and actions as in lesson 1's traces.
const dns: DiagramStep[] = [
  { step: 1, actor: 'pod-a', action: 'pod-a asks DNS for "pod-b"', phase: 'dns', outcome: 'ok' },
  { step: 2, actor: 'CoreDNS', action: 'CoreDNS answers', phase: 'dns', outcome: 'ok' },
];
const allowSteps: DiagramStep[] = [
  ...dns,
  { step: 3, actor: 'pod-a', action: 'pod-a sends the request', phase: 'delivery', outcome: 'ok' },
  { step: 4, actor: 'NetworkPolicy', action: 'Egress policies of pod-a checked', phase: 'policy', outcome: 'ok' },
  { step: 5, actor: 'node-1', action: 'Source node routes to the destination node', phase: 'routing', outcome: 'ok' },
  { step: 6, actor: 'node-2 bridge (cni0)', action: 'Destination node bridges to the pod', phase: 'routing', outcome: 'ok' },
  { step: 7, actor: 'NetworkPolicy', action: 'Ingress policies of pod-b checked', phase: 'policy', outcome: 'ok' },
  { step: 8, actor: 'pod-b', action: 'pod-b receives and processes the request', phase: 'delivery', outcome: 'ok' },
  { step: 9, actor: 'pod-b', action: 'pod-b sends the response', phase: 'response', outcome: 'ok' },
  { step: 10, actor: 'pod-a', action: 'pod-a receives the response', phase: 'response', outcome: 'ok' },
];
const denySteps: DiagramStep[] = [...allowSteps.slice(0, 6), { ...allowSteps[6]!, outcome: 'denied' }];
const notRunningSteps: DiagramStep[] = [dns[0]!, { step: 2, actor: 'CoreDNS', action: 'CoreDNS answers NXDOMAIN', phase: 'dns', outcome: 'error' }];

const cluster: Omit<FlowDiagramInput, 'steps'> = {
  nodes: [
    { name: 'node-1', podCIDR: '10.244.0.0/24' },
    { name: 'node-2', podCIDR: '10.244.1.0/24' },
  ],
  pods: [
    { key: 'default/pod-a', name: 'pod-a', node: 'node-1', ip: '10.244.0.3', labels: 'app=frontend', ready: true },
    { key: 'default/pod-b', name: 'pod-b', node: 'node-2', ip: '10.244.1.3', labels: 'app=backend', ready: true },
  ],
  source: 'default/pod-a',
  destination: 'default/pod-b',
};

const sameNode: FlowDiagramInput = {
  ...cluster,
  pods: [cluster.pods[0]!, { ...cluster.pods[1]!, node: 'node-1', ip: '10.244.0.4' }],
  steps: allowSteps.map((step) => (step.step === 5 ? { ...step, actor: 'node-1 bridge (cni0)', action: 'Bridge forwards to the pod' } : step)).filter((step) => step.step !== 6),
};

const threeNodesWithService: FlowDiagramInput = {
  nodes: [...cluster.nodes, { name: 'node-3', podCIDR: '10.244.2.0/24' }],
  pods: [
    ...cluster.pods,
    { key: 'default/pod-c', name: 'pod-c', node: 'node-3', ip: '10.244.2.5', labels: 'app=backend', ready: true },
    { key: 'default/batch', name: 'batch', node: 'node-1', ip: '10.244.0.9', labels: 'app=batch,tier=jobs', ready: true },
  ],
  source: 'default/pod-a',
  destination: 'default/pod-b',
  steps: [
    ...dns,
    { step: 3, actor: 'pod-a', action: 'pod-a sends the request to the Service', phase: 'delivery', outcome: 'ok' },
    { step: 4, actor: 'kube-proxy (node-1)', action: 'Service DNAT', phase: 'service', outcome: 'ok' },
    ...allowSteps.slice(3).map((step) => ({ ...step, step: step.step + 1 })),
  ],
};

// A VXLAN trace as the simulator writes it (src/lib/simulator/routing.ts, datapath/places.ts): each datapath step names the node interface the packet is on.
const vxlanSteps: DiagramStep[] = [
  { step: 1, actor: 'pod-a', action: 'pod-a sends the request', phase: 'delivery', outcome: 'ok' },
  { step: 2, actor: 'NetworkPolicy', action: 'Egress policies of pod-a checked', phase: 'policy', outcome: 'ok' },
  { step: 3, actor: 'node-1', action: 'Source node routes to flannel.1', phase: 'routing', outcome: 'ok', iface: 'node-1:flannel.1' },
  { step: 4, actor: 'node-1 (flannel.1)', action: 'Source node encapsulates in VXLAN', phase: 'routing', outcome: 'ok', iface: 'node-1:eth0' },
  { step: 5, actor: 'Node network', action: 'The node network carries the outer packet', phase: 'routing', outcome: 'ok' },
  { step: 6, actor: 'node-2 (flannel.1)', action: 'Destination node decapsulates', phase: 'routing', outcome: 'ok', iface: 'node-2:flannel.1' },
  { step: 7, actor: 'node-2 bridge (cni0)', action: 'Destination node routes to cni0 and bridges to the pod', phase: 'routing', outcome: 'ok', iface: 'node-2:vethdd8a2fac' },
  { step: 8, actor: 'NetworkPolicy', action: 'Ingress policies of pod-b checked', phase: 'policy', outcome: 'ok' },
  { step: 9, actor: 'pod-b', action: 'pod-b receives and processes the request', phase: 'delivery', outcome: 'ok' },
  { step: 10, actor: 'pod-b', action: 'pod-b sends the response', phase: 'response', outcome: 'ok' },
  { step: 11, actor: 'pod-a', action: 'pod-a receives the response', phase: 'response', outcome: 'ok' },
];
const nodeInterfaces = (n: number, pod: string, veth: string) => [
  { name: 'eth0', address: `172.18.0.${n + 2}` },
  { name: 'flannel.1', address: `10.244.${n}.0` },
  { name: 'cni0', address: `10.244.${n}.1` },
  { name: veth, pod },
];
const vxlan: FlowDiagramInput = {
  ...cluster,
  steps: vxlanSteps,
  interfaces: { 'node-1': nodeInterfaces(0, 'pod-a', 'veth3c1f07aa'), 'node-2': nodeInterfaces(1, 'pod-b', 'vethdd8a2fac') },
};
const datapathFixtures: [string, FlowDiagramInput][] = [
  ['VXLAN with interfaces', vxlan],
  ['VXLAN with interfaces and a DNS lookup', { ...vxlan, steps: [...dns, ...vxlanSteps.map((step) => ({ ...step, step: step.step + 2 }))] }],
  ['same node with interfaces', { ...sameNode, interfaces: { 'node-1': [{ name: 'cni0', address: '10.244.0.1' }, { name: 'veth3c1f07aa', pod: 'pod-a' }, { name: 'veth0b7e55d1', pod: 'pod-b' }] } }],
];

const fixtures: [string, FlowDiagramInput][] = [
  ['allow', { ...cluster, steps: allowSteps }],
  ['deny', { ...cluster, steps: denySteps }],
  ['not-running', { ...cluster, pods: [cluster.pods[0]!, { ...cluster.pods[1]!, ip: '', ready: false }], steps: notRunningSteps }],
  ['same node', sameNode],
  ['three nodes and a Service', threeNodesWithService],
  ...datapathFixtures,
];
const sizes = Object.entries(DIAGRAM_LAYOUTS);

function lines(diagram: FlowDiagram) {
  return diagram.hops.map((hop) => ({ step: hop.step, points: hop.points }));
}

describe.each(sizes)('the %s layout', (_name, size) => {
  it.each(fixtures)('%s: no line runs through a label', (_label, input) => {
    const diagram = layoutFlowDiagram(input, size);
    const labels = diagramLabelRects(diagram);
    const crossings = lines(diagram).flatMap((line) =>
      labels.filter((label) => polylineHitsRect(line.points, inflate(label.rect, 1))).map((label) => `step ${line.step} crosses "${label.text}"`),
    );
    expect(crossings).toEqual([]);
  });

  it.each(fixtures)('%s: no label overlaps another', (_label, input) => {
    const labels = diagramLabelRects(layoutFlowDiagram(input, size));
    const overlaps = labels.flatMap((label, index) =>
      labels.slice(index + 1).filter((other) => rectsOverlap(label.rect, other.rect)).map((other) => `"${label.text}" and "${other.text}"`),
    );
    expect(overlaps).toEqual([]);
  });

  it.each(fixtures)('%s: markers cover no label, no line and no other marker', (_label, input) => {
    const diagram = layoutFlowDiagram(input, size);
    const labels = diagramLabelRects(diagram);
    const problems: string[] = [];
    diagram.markers.forEach((marker, index) => {
      const area = circleRect(marker, MARKER_RADIUS);
      for (const label of labels) if (rectsOverlap(area, label.rect)) problems.push(`marker ${marker.step} on "${label.text}"`);
      for (const line of lines(diagram)) if (polylineHitsRect(line.points, area)) problems.push(`marker ${marker.step} on the line of step ${line.step}`);
      for (const other of diagram.markers.slice(index + 1)) {
        if (Math.hypot(other.x - marker.x, other.y - marker.y) < 2 * MARKER_RADIUS) problems.push(`markers ${marker.step} and ${other.step} overlap`);
      }
      if (area.x < 0 || area.x + area.width > diagram.width || area.y < 0 || area.y + area.height > diagram.height) problems.push(`marker ${marker.step} outside the diagram`);
    });
    expect(problems).toEqual([]);
  });

  it.each(fixtures)('%s: one marker per step, in step order, and each hop continues the previous one on its route', (_label, input) => {
    const diagram = layoutFlowDiagram(input, size);
    expect(diagram.markers.map((marker) => marker.step)).toEqual(input.steps.map((step) => step.step));
    const ends = new Map<string, { x: number; y: number }>();
    for (const hop of diagram.hops) {
      const previous = ends.get(hop.route);
      if (previous) expect(hop.points[0]).toEqual(previous);
      ends.set(hop.route, hop.points.at(-1)!);
    }
  });

  it.each(fixtures)('%s: text renders at 11 px or more at the narrowest width the layout is used at', (_label, input) => {
    const diagram = layoutFlowDiagram(input, size);
    expect(smallestFont(diagram) * (size.minRenderWidth / diagram.width)).toBeGreaterThanOrEqual(11);
  });

  it.each(fixtures)('%s: every pod sits inside its node and every label inside its box', (_label, input) => {
    const diagram = layoutFlowDiagram(input, size);
    const outside: string[] = [];
    for (const box of diagram.boxes) {
      for (const label of box.labels) {
        const rect = labelRect(label);
        if (rect.x < box.x || rect.x + rect.width > box.x + box.width || rect.y < box.y || rect.y + rect.height > box.y + box.height) outside.push(label.text);
      }
      if (box.kind === 'pod') {
        const node = diagram.boxes.find((candidate) => candidate.kind === 'node' && box.x >= candidate.x && box.x + box.width <= candidate.x + candidate.width);
        expect(node, box.id).toBeDefined();
        expect(box.y).toBeGreaterThanOrEqual(node!.y);
        expect(box.y + box.height).toBeLessThanOrEqual(node!.y + node!.height);
      }
    }
    expect(outside).toEqual([]);
  });
});

describe('layoutFlowDiagram', () => {
  it('routes an allowed request from the client, through both checks and the cluster network, into the destination, and the reply back', () => {
    const diagram = layoutFlowDiagram({ ...cluster, steps: allowSteps });
    const podA = diagram.boxes.find((box) => box.id === 'pod:default/pod-a')!;
    const podB = diagram.boxes.find((box) => box.id === 'pod:default/pod-b')!;
    const network = diagram.boxes.find((box) => box.kind === 'network')!;
    const request = diagram.hops.filter((hop) => hop.route === 'request').flatMap((hop) => hop.points);
    expect(request[0]!.y).toBe(podA.y + podA.height);
    expect(request.some((point) => point.y > network.y && point.y < network.y + network.height)).toBe(true);
    expect(request.at(-1)!.y).toBe(podB.y + podB.height);
    const reply = diagram.hops.filter((hop) => hop.route === 'reply');
    expect(reply.map((hop) => hop.step)).toEqual([9, 10]);
    expect(reply.at(-1)!.points.at(-1)!.y).toBe(podA.y + podA.height);
    expect(diagram.checkpoints.map((checkpoint) => checkpoint.id).sort()).toEqual(['policy:egress', 'policy:ingress']);
    expect(diagram.stops).toEqual([]);
  });

  it('stops a denied request at the ingress check: no hop reaches the destination', () => {
    const diagram = layoutFlowDiagram({ ...cluster, steps: denySteps });
    const ingress = diagram.checkpoints.find((checkpoint) => checkpoint.id === 'policy:ingress')!;
    const last = diagram.hops.at(-1)!;
    expect(last.step).toBe(7);
    expect(last.points.at(-1)).toEqual({ x: ingress.x, y: ingress.y });
    expect(diagram.stops).toEqual([{ step: 7, x: ingress.x, y: ingress.y }]);
    expect(diagram.hops.some((hop) => hop.route === 'reply')).toBe(false);
    expect(diagram.markers.at(-1)).toMatchObject({ step: 7, outcome: 'denied', at: 'policy:ingress' });
  });

  it('ends a failed lookup on the DNS round trip, before any request is sent', () => {
    const diagram = layoutFlowDiagram({ ...cluster, steps: notRunningSteps });
    expect(diagram.hops.map((hop) => [hop.step, hop.route, hop.outcome])).toEqual([
      [1, 'dns', 'ok'],
      [2, 'dns', 'error'],
    ]);
    expect(diagram.stops.map((stop) => stop.step)).toEqual([2]);
  });

  it('places each step on the actor performing it', () => {
    const diagram = layoutFlowDiagram({ ...cluster, steps: allowSteps });
    expect(diagram.markers.map((marker) => marker.at)).toEqual([
      'pod:default/pod-a',
      'dns',
      'pod:default/pod-a',
      'policy:egress',
      'node:node-1',
      'node:node-2',
      'policy:ingress',
      'pod:default/pod-b',
      'pod:default/pod-b',
      'pod:default/pod-a',
    ]);
  });

  it('draws CoreDNS only when the trace resolves a name', () => {
    const withoutDns = layoutFlowDiagram({ ...cluster, steps: allowSteps.slice(2) });
    expect(withoutDns.boxes.some((box) => box.kind === 'dns')).toBe(false);
    expect(withoutDns.hops.some((hop) => hop.route === 'dns')).toBe(false);
  });

  it('keeps a same-node request inside its node', () => {
    const diagram = layoutFlowDiagram(sameNode);
    const node = diagram.boxes.find((box) => box.id === 'node:node-1')!;
    for (const hop of diagram.hops.filter((candidate) => candidate.route !== 'dns')) {
      for (const point of hop.points) expect(point.y).toBeLessThanOrEqual(node.y + node.height);
    }
  });

  it('names nodes it has no room for under the diagram', () => {
    const diagram = layoutFlowDiagram(threeNodesWithService, DIAGRAM_LAYOUTS.narrow);
    expect(diagram.boxes.filter((box) => box.kind === 'node').map((box) => box.id)).toEqual(['node:node-1', 'node:node-2']);
    expect(diagram.notes.map((note) => note.text).join(' ')).toContain('node-3 (pod-c)');
    expect(layoutFlowDiagram(threeNodesWithService, DIAGRAM_LAYOUTS.wide).boxes.filter((box) => box.kind === 'node')).toHaveLength(3);
  });

  it('dims pods that are not ready and says so', () => {
    const diagram = layoutFlowDiagram(fixtures[2]![1]);
    const podB = diagram.boxes.find((box) => box.id === 'pod:default/pod-b')!;
    expect(podB.dimmed).toBe(true);
    expect(podB.labels.map((label) => label.text).join(' ')).toContain('not ready');
  });
});

describe('compactDiagram', () => {
  it.each(fixtures)('%s: ships every coordinate to a tenth of a pixel, with the same boxes, texts and hops', (_label, input) => {
    const diagram = layoutFlowDiagram(input, DIAGRAM_LAYOUTS.wide);
    const compact = compactDiagram(diagram);
    const numbers: number[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'number') numbers.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(compact);
    expect(numbers.length).toBeGreaterThan(20);
    expect(numbers.filter((n) => Math.round(n * 10) / 10 !== n)).toEqual([]);
    expect(compact.boxes.map((box) => box.labels.map((l) => l.text))).toEqual(diagram.boxes.map((box) => box.labels.map((l) => l.text)));
    expect(compact.hops.map((hop) => hop.points.length)).toEqual(diagram.hops.map((hop) => hop.points.length));
    for (const [i, box] of compact.boxes.entries()) expect(Math.abs(box.x - diagram.boxes[i]!.x)).toBeLessThanOrEqual(0.05);
  });
  it('rounds the thirds of a pixel a three-node layout has (box widths split a column)', () => {
    const diagram = layoutFlowDiagram(threeNodesWithService, DIAGRAM_LAYOUTS.wide);
    expect(JSON.stringify(diagram)).toMatch(/\.\d{5,}/);
    expect(JSON.stringify(compactDiagram(diagram))).not.toMatch(/\d\.\d{2,}[,}\]]/);
  });
});

describe.each(sizes)('the %s layout of a datapath trace', (_name, size) => {
  it.each(datapathFixtures)('%s: every interface sits in its node, above its pods, clear of the others, its text inside it', (_label, input) => {
    const diagram = layoutFlowDiagram(input, size);
    const problems: string[] = [];
    for (const port of diagram.ports) {
      const node = diagram.boxes.find((box) => box.id === `node:${port.id.split(':')[0]}`)!;
      if (port.x < node.x || port.x + port.width > node.x + node.width || port.y < node.y) problems.push(`${port.id} outside its node`);
      for (const label of port.labels) {
        const rect = labelRect(label);
        if (rect.x < port.x || rect.x + rect.width > port.x + port.width + 0.5) problems.push(`"${label.text}" overflows its chip`);
      }
      for (const box of diagram.boxes.filter((candidate) => candidate.kind === 'pod')) if (rectsOverlap(box, port)) problems.push(`${port.id} on ${box.id}`);
      for (const other of diagram.ports) if (other !== port && rectsOverlap(other, port)) problems.push(`${port.id} on ${other.id}`);
    }
    expect(problems).toEqual([]);
    expect(diagram.ports.length).toBe(Object.values(input.interfaces ?? {}).flat().length);
  });

  it('draws each node\'s interfaces and highlights, at each step, the one the packet is on', () => {
    const diagram = layoutFlowDiagram(vxlan, size);
    expect(diagram.ports.map((port) => port.id)).toEqual(['node-1:eth0', 'node-1:flannel.1', 'node-1:cni0', 'node-1:veth3c1f07aa', 'node-2:eth0', 'node-2:flannel.1', 'node-2:cni0', 'node-2:vethdd8a2fac']);
    const at = (id: string) => diagram.ports.find((port) => port.id === id)!.steps;
    expect(at('node-1:flannel.1')).toEqual([3]);
    expect(at('node-1:eth0')).toEqual([4]);
    expect(at('node-2:flannel.1')).toEqual([6]);
    expect(at('node-2:vethdd8a2fac')).toEqual([7]);
    expect(at('node-1:cni0')).toEqual([]);
    // Text of each chip: the interface and its address, or the veth and its pod, where the node has room.
    const text = (id: string) => diagram.ports.find((port) => port.id === id)!.labels[0]!.text;
    expect(text('node-1:eth0')).toBe('eth0 172.18.0.2');
    expect(text('node-2:vethdd8a2fac')).toMatch(/^vethdd8a2fac( → pod-b)?$/);
  });

  it('draws no interfaces for a trace that names none', () => {
    expect(layoutFlowDiagram({ ...cluster, steps: allowSteps }, size).ports).toEqual([]);
  });
});
