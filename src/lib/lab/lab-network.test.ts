import { describe, expect, it } from 'vitest';
import { createCluster } from '../simulator/index.ts';
import { runLabCommand } from './lab-commands.ts';
import { evaluateManifests } from './evaluate.ts';
import { DEFAULT_LAB_NETWORK, isLabNetwork, labNetworkFrom, labState, parseLabRecord, sameLabState, toRecord } from './lab-state.ts';

const YAML = `apiVersion: v1
kind: Node
metadata: {name: node-1}
spec: {podCIDR: 10.244.0.0/24}
---
apiVersion: v1
kind: Node
metadata: {name: node-2}
spec: {podCIDR: 10.244.1.0/24}
---
apiVersion: v1
kind: Pod
metadata: {name: pod-a}
spec: {nodeName: node-1, containers: [{name: c, image: busybox:1.36, command: [sleep, "86400"]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: pod-b}
spec: {nodeName: node-2, containers: [{name: web, image: nginxinc/nginx-unprivileged:1.27}]}
`;

describe('the lab keeps cluster settings and node route edits', () => {
  it('a node shell that changes a route reports the new edits for the lab to keep; reading commands change nothing', () => {
    const cluster = createCluster(YAML);
    expect(runLabCommand(cluster, 'kubectl debug node/node-1 -it --image=busybox:1.36 --profile=general -- ip route', YAML, true).effect).toBe('none');
    const del = runLabCommand(cluster, 'kubectl debug node/node-1 -it --image=busybox:1.36 --profile=netadmin -- ip route del 10.244.1.0/24', YAML, true);
    expect(del).toMatchObject({ effect: 'network', routes: [{ node: 'node-1', delete: '10.244.1.0/24' }] });
    expect(del.note).toContain('kept with the lab');
    // The lab rebuilds its cluster from the text and the network: the edit survives the rebuild.
    const rebuilt = evaluateManifests(YAML, { ...DEFAULT_LAB_NETWORK, routes: del.routes ?? [] });
    expect(rebuilt.ok && rebuilt.cluster.connect({ from: 'pod-a', to: 'default/pod-b', port: 8080 }).status).toBe('timeout');
    const refused = runLabCommand(cluster, 'kubectl debug node/node-1 -it --image=busybox:1.36 --profile=general -- ip route add 10.244.1.0/24 via 172.18.0.3', YAML, true);
    expect(refused.effect).toBe('none');
  });

  it('settings and routes are saved and shared, and read back; a tampered record is refused', () => {
    const network = labNetworkFrom({ datapath: 'vxlan', routes: [{ node: 'node-1', delete: '10.244.1.0/24' }], firewall: [{ node: 'node-2', protocol: 'UDP', port: 8472, action: 'DROP' }] });
    const state = labState(YAML, 8080, 'TCP', network);
    const record = JSON.parse(JSON.stringify(toRecord('l', state)));
    const back = parseLabRecord(record, 'l');
    expect(back.ok && sameLabState(back.state, state)).toBe(true);
    expect(isLabNetwork({ ...network, routes: [{ node: 'node-1' }] })).toBe(false);
    expect(isLabNetwork({ ...network, firewall: [{ node: 'node-2', protocol: 'UDP', port: 8472, action: 'ACCEPT' }] })).toBe(false);
    expect(parseLabRecord({ ...record, network: { ...record.network, datapath: 'geneve' } }, 'l').ok).toBe(false);
    // The default network is not written into records (older records read the same).
    expect(toRecord('l', labState(YAML, 80, 'TCP')).network).toBeUndefined();
  });

  it('a settings problem in the lab is a readable error, not a crash', () => {
    const bad = evaluateManifests(YAML, { ...DEFAULT_LAB_NETWORK, serviceCIDR: '10.244.0.0/16' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toContain('serviceCIDR: 10.244.0.0/16 overlaps the pod network');
  });
});
