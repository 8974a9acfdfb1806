import { describe, it, expect } from 'vitest';
import { createCluster } from './cluster.ts';
import { podRouteDelivers, routePodToPod, routeToExternal } from './routing.ts';
import { POLICY_FINAL } from './policy/fixture.ts';
import { TraceBuilder, trackerTable } from './trace.ts';
import { LESSON_YAML } from './fixtures.ts';

describe('routing', () => {
  const c = createCluster(LESSON_YAML);
  const a = c.state.pods.get('default/pod-a')!;
  const b = c.state.pods.get('default/pod-b')!;
  const remote = c.model.pods.find((p) => p.nodeName === 'node-2')!;

  it.each([
    ['same node', b, 'same-node', ['node-1 bridge (cni0)'], 64],
    ['cross node', remote, 'cross-node', ['node-1', 'node-2 bridge (cni0)'], 62],
    ['loopback', a, 'loopback', ['pod-a'], 64],
  ])('%s', (_n, dst, kind, actors, ttl) => {
    const r = routePodToPod(c.state, a, dst);
    expect(r.kind).toBe(kind);
    expect(r.hops.map((h) => h.actor)).toEqual(actors);
    expect(r.ttl).toBe(ttl);
  });

  it('names the route used to reach another node and masquerades external traffic', () => {
    const r = routePodToPod(c.state, a, remote);
    const node2 = c.state.nodes.get('node-2')!;
    expect(r.hops[0]?.details).toContain(`route ${node2.podCIDR} via ${node2.internalIP}`);
    expect(routeToExternal(c.state, a, '1.1.1.1').hops[0]?.details).toContain('masquerades');
  });
});

describe('trace builder', () => {
  it('snapshots the tracker after every step and orders the rows', () => {
    const tb = new TraceBuilder();
    tb.track('pod-a', 'Idle');
    tb.add({ actor: 'pod-a', action: 'send', details: 'd', result: 'r', phase: 'delivery', set: { 'pod-a': 'Waiting' } });
    tb.track('Network policy', 'Not checked');
    tb.add({ actor: 'NetworkPolicy', action: 'check', details: 'd', result: 'r', phase: 'policy', set: { 'Network policy': 'Allowed', DNS: 'x' } });
    tb.finish();
    expect(tb.actors).toEqual(['pod-a', 'DNS', 'Network policy']);
    expect(tb.steps.map((s) => s.state)).toEqual([
      { 'pod-a': 'Waiting', DNS: 'Idle', 'Network policy': 'Not checked' },
      { 'pod-a': 'Waiting', DNS: 'x', 'Network policy': 'Allowed' },
    ]);
    expect(trackerTable({ actors: tb.actors, steps: tb.steps, initialState: tb.initialState }).rows[0]).toEqual({ actor: 'pod-a', cells: ['Idle', 'Waiting', 'Waiting'] });
  });
});

describe('podRouteDelivers', () => {
  // The reachability grid's routing verdict, without texts: it must be exactly the trace's (lost when the route is
  // unroutable or dropped, or when the reply is lost), for every pair of pods, host-network ones included.
  it('equals routePodToPod\'s verdict on every pair of pods, under route edits, VXLAN firewalls and SNAT', () => {
    const settings = [
      {},
      { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }] },
      { routes: [{ node: 'node-1', delete: '10.244.1.0/24' }, { node: 'node-1', add: '10.244.1.0/24', via: '172.18.0.4' }] },
      { routes: [{ node: 'node-2', add: '10.244.0.8/32', via: '172.18.0.4' }, { node: 'node-3', delete: 'default' }] },
      { datapath: 'vxlan' as const, firewall: [{ node: 'node-3', protocol: 'UDP' as const, port: 8472, action: 'DROP' as const }] },
      { podToPodSnat: true, routes: [{ node: 'node-1', delete: '10.244.1.0/24' }] },
      { systemDaemonSets: true },
    ];
    for (const s of settings) {
      const c = createCluster(POLICY_FINAL, s);
      const pods = c.model.pods.filter((p) => p.ip);
      for (const src of pods) {
        for (const dst of pods) {
          const r = routePodToPod(c.state, src, dst);
          const delivered = r.kind !== 'unroutable' && r.kind !== 'dropped' && !r.replyLost;
          expect(podRouteDelivers(c.state, src, dst), `${JSON.stringify(s)} ${src.name} → ${dst.name}`).toBe(delivered);
        }
      }
    }
  });
});
