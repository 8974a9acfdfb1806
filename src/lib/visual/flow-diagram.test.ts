import { describe, expect, it } from 'vitest';
import { layoutFlowDiagram, type FlowDiagramInput } from './flow-diagram.ts';

const base: FlowDiagramInput = {
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
  steps: [
    { step: 1, actor: 'pod-a', action: 'pod-a sends the request', phase: 'delivery', outcome: 'ok' },
    { step: 2, actor: 'NetworkPolicy', action: 'Egress policies of pod-a checked', phase: 'policy', outcome: 'ok' },
    { step: 3, actor: 'node-1', action: 'Source node routes', phase: 'routing', outcome: 'ok' },
    { step: 4, actor: 'node-2 bridge (cni0)', action: 'bridges', phase: 'routing', outcome: 'ok' },
    { step: 5, actor: 'NetworkPolicy', action: 'Ingress policies of pod-b checked', phase: 'policy', outcome: 'denied' },
  ],
};

describe('layoutFlowDiagram', () => {
  it('draws each node with its pods inside it', () => {
    const diagram = layoutFlowDiagram(base);
    const node1 = diagram.boxes.find((box) => box.id === 'node:node-1')!;
    const podA = diagram.boxes.find((box) => box.id === 'pod:default/pod-a')!;
    expect(podA.x).toBeGreaterThan(node1.x);
    expect(podA.x + podA.width).toBeLessThan(node1.x + node1.width);
    expect(podA.role).toBe('source');
    expect(diagram.boxes.find((box) => box.id === 'pod:default/pod-b')?.role).toBe('destination');
  });

  it('places each step on the actor performing it', () => {
    const diagram = layoutFlowDiagram(base);
    expect(diagram.markers.map((marker) => [marker.step, marker.at])).toEqual([
      [1, 'pod:default/pod-a'],
      [2, 'policy:egress'],
      [3, 'node:node-1'],
      [4, 'node:node-2'],
      [5, 'policy:ingress'],
    ]);
    expect(diagram.markers[4]?.outcome).toBe('denied');
  });

  it('draws CoreDNS and the DNS query only when the trace resolves a name', () => {
    expect(layoutFlowDiagram(base).boxes.some((box) => box.kind === 'dns')).toBe(false);
    const withDns = layoutFlowDiagram({
      ...base,
      steps: [{ step: 1, actor: 'CoreDNS', action: 'answers', phase: 'dns', outcome: 'ok' }, ...base.steps],
    });
    expect(withDns.boxes.some((box) => box.kind === 'dns')).toBe(true);
    expect(withDns.dnsPath).toMatch(/^M /);
    expect(withDns.markers[0]?.at).toBe('dns');
  });

  it('routes the request path through the cluster network between different nodes', () => {
    const diagram = layoutFlowDiagram(base);
    const network = diagram.boxes.find((box) => box.kind === 'network')!;
    expect(diagram.requestPath).toContain(String(network.y + network.height / 2));
    expect(diagram.height).toBeGreaterThan(network.y + network.height);
  });

  it('spreads markers that share an actor so they do not overlap', () => {
    const diagram = layoutFlowDiagram({
      ...base,
      steps: [
        { step: 1, actor: 'pod-a', action: 'sends', phase: 'delivery', outcome: 'ok' },
        { step: 2, actor: 'pod-a', action: 'receives', phase: 'response', outcome: 'ok' },
      ],
    });
    const [first, second] = diagram.markers;
    expect(first?.x).not.toBe(second?.x);
  });

  it('dims pods that are not ready', () => {
    const diagram = layoutFlowDiagram({ ...base, pods: base.pods.map((pod) => ({ ...pod, ready: pod.name !== 'pod-b' })) });
    expect(diagram.boxes.find((box) => box.id === 'pod:default/pod-b')?.dimmed).toBe(true);
  });
});
