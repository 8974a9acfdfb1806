/**
 * The lab's pod and node checks (check-tasks.ts checkPod/checkNode) and their schema (lab-schema.ts).
 * What they read is what kubectl shows: a pod whose sandbox has no address is Pending with no IP
 * (kubectl prints STATUS ContainerCreating: pkg/printers/internalversion printPod uses the waiting reason the
 * kubelet sets, pkg/kubelet/kubelet_pods.go), and a node whose runtime network is not ready has Ready=False
 * (pkg/kubelet/nodestatus/setters.go ReadyCondition; containerd internal/cri/server/status.go).
 * host-local's /29 has five addresses, .2–.6 (containernetworking/plugins backend/allocator/range.go).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../simulator/index.ts';
import { checkNode, checkPod, checkTasks } from './check-tasks.ts';
import { labSchema, labTaskSchema } from './lab-schema.ts';
import { formatIssues } from '../course/field-schemas.ts';

const node = (name: string, cidr: string) => `apiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\nspec: {podCIDR: ${cidr}}`;
const pod = (name: string, on: string, ip?: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec: {nodeName: ${on}, containers: [{name: c, image: "busybox:1.36", command: [sleep, "86400"]}]}${ip ? `\nstatus: {podIP: ${ip}}` : ''}`;
// node-2 is a /29 whose five addresses are held; pod-d is pinned there with none left. node-3 has no CNI config.
const FULL = [node('node-1', '10.244.0.0/24'), node('node-2', '10.244.1.0/29'), node('node-3', '10.244.2.0/24'), ...['.2', '.3', '.4', '.5', '.6'].map((x, i) => pod(`held-${i}`, 'node-2', `10.244.1${x}`)), pod('pod-d', 'node-2'), pod('pod-e', 'node-3')].join('\n---\n');
const NO_CONF = { cni: { nodes: { 'node-3': { confFiles: {} } } } };

describe('checkPod', () => {
  const c = createCluster(FULL, NO_CONF);
  it('a pod on a full node is Pending, not ready, with no IP', () => {
    expect(checkPod(c, { pod: 'pod-d', phase: 'Running' })).toEqual({ subject: 'pod default/pod-d', passed: false, actual: 'Pending (ContainerCreating), not ready, no IP' });
    expect(checkPod(c, { pod: 'default/pod-d', phase: 'Pending', ready: false }).passed).toBe(true);
    expect(checkPod(c, { pod: 'pod-d', ipIn: '10.244.1.0/29' }).passed).toBe(false);
  });
  it('reads a running pod\'s address, exactly or inside a range', () => {
    expect(checkPod(c, { pod: 'held-3', phase: 'Running', ready: true, ip: '10.244.1.5' }).passed).toBe(true);
    expect(checkPod(c, { pod: 'held-3', ipIn: '10.244.1.0/29' }).passed).toBe(true);
    expect(checkPod(c, { pod: 'held-3', ipIn: '10.244.0.0/24' })).toMatchObject({ passed: false, actual: 'Running, ready, 10.244.1.5' });
  });
  it('exists: false passes only when the pod is gone', () => {
    expect(checkPod(c, { pod: 'held-0', exists: false })).toMatchObject({ passed: false, actual: 'still exists (Running)' });
    expect(checkPod(c, { pod: 'nope', exists: false })).toMatchObject({ passed: true, actual: 'not found' });
    expect(checkPod(c, { pod: 'nope', phase: 'Running' })).toMatchObject({ passed: false, actual: 'not found' });
  });
  it('deleting a holder frees an address: pod-d then runs with an IP in node-2\'s range', () => {
    const after = createCluster(FULL.split('\n---\n').filter((d) => !d.includes('name: held-1}')).join('\n---\n'), NO_CONF);
    expect(checkPod(after, { pod: 'pod-d', phase: 'Running', ready: true, ip: '10.244.1.3' }).passed).toBe(true);
  });
});

describe('checkNode', () => {
  const c = createCluster(FULL, NO_CONF);
  it('a node without CNI config is NotReady; the others Ready', () => {
    expect(checkNode(c, { node: 'node-3', ready: false })).toEqual({ subject: 'node node-3', passed: true, actual: 'NotReady' });
    expect(checkNode(c, { node: 'node-2', ready: true })).toMatchObject({ passed: true, actual: 'Ready' });
    expect(checkNode(c, { node: 'node-9', ready: true })).toMatchObject({ passed: false, actual: 'not found' });
  });
  it('a task passes only when its connections, pods and nodes all hold', () => {
    const [t] = checkTasks(c, [{ id: 't', expect: [], pods: [{ pod: 'pod-e', phase: 'Pending' }], nodes: [{ node: 'node-3', ready: true }] }]);
    expect(t).toMatchObject({ passed: false, pods: [{ passed: true }], nodes: [{ passed: false }] });
  });
});

describe('lab.yaml pod and node checks: errors name the field', () => {
  const task = (extra: Record<string, unknown>) => ({ id: 't', title: 'Title', goal: 'A goal long enough', hint: 'Hint', ...extra });
  const issues = (value: unknown) => {
    const r = labTaskSchema.safeParse(value);
    return r.success ? [] : formatIssues('lab.yaml', r.error);
  };
  it('a task needs at least one check of any kind', () => {
    expect(issues(task({}))).toEqual([expect.stringMatching(/needs at least one check: a connection under expect, a pod under pods, a node under nodes, a name under dns, a request under http, a status under conditions or a question under ask/)]);
    expect(issues(task({ nodes: [{ node: 'node-3', ready: true }] }))).toEqual([]);
  });
  it('names a bad field of a pod check', () => {
    expect(issues(task({ pods: [{ pod: 'pod-d', phase: 'ContainerCreating' }] })).join('\n')).toMatch(/pods\[0\]\.phase/);
    expect(issues(task({ pods: [{ pod: 'pod-d', ipIn: '10.244.1.0' }] })).join('\n')).toMatch(/pods\[0\]\.ipIn: must be a CIDR/);
    expect(issues(task({ pods: [{ pod: 'pod-d' }] })).join('\n')).toMatch(/pods\[0\].*needs at least one of exists, phase, ready, ip or ipIn/);
    expect(issues(task({ pods: [{ pod: 'pod-d', exists: false, phase: 'Running' }] })).join('\n')).toMatch(/exists: false checks that the pod is gone/);
    expect(issues(task({ nodes: [{ node: 'node-3' }] })).join('\n')).toMatch(/nodes\[0\]\.ready/);
  });
  it('a whole lab with pod checks parses', () => {
    expect(labSchema.safeParse({ scenario: 's', tasks: [task({ pods: [{ pod: 'pod-d', phase: 'Running' }] })], solution: { commands: ['kubectl delete pod x'] } }).success).toBe(true);
  });
});
