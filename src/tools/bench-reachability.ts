/**
 * Benchmark of the reachability matrix (run with `npm run bench`).
 * Generates, deterministically (seeded PRNG), a cluster of 1,000 pods in 20 namespaces with 200 varied
 * NetworkPolicies, times the fast matrix (warm-up, then median of several runs) against the naive
 * pair-by-pair evaluation, checks both give identical answers, and times a 30-pod lab scenario.
 * Exits with code 1 when the results differ, 2 when a target is missed.
 */
import { createCluster } from '../lib/simulator/index.ts';
import type { Cluster } from '../lib/simulator/index.ts';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APPS = ['web', 'api', 'db', 'cache', 'worker'];
const TIERS = ['frontend', 'backend', 'data'];
const ENVS = ['prod', 'staging', 'dev'];
const TEAMS = ['red', 'blue', 'green', 'gold'];

/** Builds the manifest objects of a synthetic cluster. */
function generate(namespaces: number, podsPerNs: number, policiesPerNs: number, seed: number): Array<Record<string, unknown>> {
  const rnd = mulberry32(seed);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const objs: Array<Record<string, unknown>> = [];
  const nodeCount = Math.max(1, Math.ceil((namespaces * podsPerNs) / 100));
  for (let n = 0; n < nodeCount; n++) objs.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${n + 1}` } });
  for (let i = 0; i < namespaces; i++) {
    const ns = `ns-${String(i).padStart(2, '0')}`;
    objs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { env: ENVS[i % 3] as string, team: TEAMS[i % 4] as string } } });
    for (let p = 0; p < podsPerNs; p++) {
      objs.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `pod-${String(p).padStart(3, '0')}`, namespace: ns, labels: { app: pick(APPS), tier: pick(TIERS), ...(rnd() < 0.5 ? { version: `v${1 + Math.floor(rnd() * 3)}` } : {}) } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'agnhost',
              ports: [
                { name: 'http', containerPort: rnd() < 0.8 ? 80 : 8080 },
                { name: 'https', containerPort: 443 },
                { name: 'pg', containerPort: 5432 },
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
              ],
            },
          ],
        },
      });
    }
    for (let k = 0; k < policiesPerNs; k++) {
      const kind = (i * policiesPerNs + k) % 10;
      const sel = (): Record<string, unknown> => (rnd() < 0.3 ? {} : rnd() < 0.5 ? { matchLabels: { app: pick(APPS) } } : { matchExpressions: [{ key: 'tier', operator: rnd() < 0.5 ? 'In' : 'NotIn', values: [pick(TIERS), pick(TIERS)] }] });
      let spec: Record<string, unknown>;
      switch (kind) {
        case 0:
          spec = { podSelector: sel(), policyTypes: ['Ingress'] };
          break;
        case 1:
          spec = { podSelector: sel(), ingress: [{ from: [{ podSelector: { matchLabels: { app: pick(APPS) } } }], ports: [{ port: 80 }] }] };
          break;
        case 2:
          spec = { podSelector: sel(), ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: pick(ENVS) } }, podSelector: { matchLabels: { tier: pick(TIERS) } } }] }] };
          break;
        case 3:
          spec = { podSelector: sel(), policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: [pick(TEAMS), pick(TEAMS)] }] } }] }, { ports: [{ protocol: 'UDP', port: 53 }] }] };
          break;
        case 4:
          spec = { podSelector: sel(), policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.244.0.0/16', except: [`10.244.${Math.floor(rnd() * nodeCount)}.0/24`] } }] }] };
          break;
        case 5:
          spec = { podSelector: sel(), ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 'http' }] }] };
          break;
        case 6:
          spec = { podSelector: sel(), ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'version', operator: rnd() < 0.5 ? 'Exists' : 'DoesNotExist' }] } }, { ipBlock: { cidr: `10.244.${Math.floor(rnd() * nodeCount)}.0/24` } }] }] };
          break;
        case 7:
          spec = { podSelector: sel(), policyTypes: ['Ingress', 'Egress'], ingress: [{ ports: [{ port: 1, endPort: 1024 }] }], egress: [{ to: [{ podSelector: {} }], ports: [{ port: 80 }, { port: 5000, endPort: 6000 }] }] };
          break;
        case 8:
          spec = { podSelector: sel(), ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: pick(TEAMS) } } }], ports: [{ port: 443 }, { protocol: 'UDP', port: 53 }] }] };
          break;
        default:
          spec = { podSelector: sel(), ingress: [{}], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': `ns-${String(Math.floor(rnd() * namespaces)).padStart(2, '0')}` } } }] }] };
      }
      objs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `policy-${k}`, namespace: ns }, spec });
    }
  }
  return objs;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function timeIt(f: () => void, warmup: number, runs: number): number {
  for (let i = 0; i < warmup; i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function same(a: boolean[][], b: boolean[][]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const ra = a[i] as boolean[];
    const rb = b[i] as boolean[];
    if (ra.length !== rb.length) return false;
    for (let j = 0; j < ra.length; j++) if (ra[j] !== rb[j]) return false;
  }
  return true;
}

const opts = { port: 80, protocol: 'TCP' as const };
const big: Cluster = createCluster(generate(20, 50, 10, 42));
const pods = big.reachability(opts).pods.length;
const policies = big.model.networkPolicies.length;

const fastMs = timeIt(() => big.reachability(opts), 3, 9);
const fast = big.reachability(opts);
const t0 = performance.now();
const naive = big.naiveReachability(opts);
const naiveMs = performance.now() - t0;
const identical = same(fast.allowed, naive.allowed) && fast.pods.join() === naive.pods.join();
const allowedCells = fast.allowed.reduce((n, r) => n + r.filter(Boolean).length, 0);

const small: Cluster = createCluster(generate(3, 10, 2, 7));
const smallMs = timeIt(() => small.reachability(opts), 20, 51);
const smallNaive = small.naiveReachability(opts);
const smallSame = same(small.reachability(opts).allowed, smallNaive.allowed);

// Services: 300 pods, 100 Services; connections through a ClusterIP by DNS name (issue 12 "Performance": < 1 ms each).
const svcObjs: Array<Record<string, unknown>> = [];
for (let n = 1; n <= 3; n++) svcObjs.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${n}` } });
for (let i = 0; i < 6; i++) svcObjs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${String(i).padStart(2, '0')}` } });
for (let p = 0; p < 300; p++) {
  svcObjs.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${String(p).padStart(3, '0')}`, namespace: `ns-${String(p % 6).padStart(2, '0')}`, labels: { app: `app-${p % 100}` } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }] } });
}
for (let i = 0; i < 100; i++) {
  svcObjs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${String(i).padStart(3, '0')}`, namespace: `ns-${String(i % 6).padStart(2, '0')}` }, spec: { selector: { app: `app-${i}` }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
}
const svcCluster: Cluster = createCluster(svcObjs);
const clients = svcCluster.model.pods.filter((p) => p.namespace.startsWith('ns-')).slice(0, 30);
const svcNames = svcCluster.model.services.filter((x) => x.name.startsWith('svc-'));
let k = 0;
let connected = 0;
const connectOnce = (): void => {
  const client = clients[k % clients.length];
  const svc = svcNames[(k * 7) % svcNames.length];
  k++;
  if (!client || !svc) return;
  const r = svcCluster.connect({ from: `${client.namespace}/${client.name}`, to: `${svc.name}.${svc.namespace}`, port: 80, connection: k });
  if (r.status === 'connected') connected++;
};
const perConnMs = timeIt(() => {
  for (let i = 0; i < 100; i++) connectOnce();
}, 2, 7) / 100;
const svcOk = perConnMs < 1;

const ratio = naiveMs / fastMs;
const fastOk = fastMs <= 100;
const ratioOk = ratio >= 20;
const smallOk = smallMs <= 4;

const rows: Array<[string, string, string, string]> = [
  ['fast matrix (median of 9)', `${fastMs.toFixed(1)} ms`, '<= 100 ms', fastOk ? 'PASS' : 'FAIL'],
  ['naive pair-by-pair', `${naiveMs.toFixed(1)} ms`, '', ''],
  ['speed-up (naive / fast)', `${ratio.toFixed(1)}x`, '>= 20x', ratioOk ? 'PASS' : 'FAIL'],
  ['identical results', identical ? 'yes' : 'NO', 'yes', identical ? 'PASS' : 'FAIL'],
  [`30-pod lab scenario (${small.reachability(opts).pods.length} pods)`, `${smallMs.toFixed(3)} ms`, '<= 4 ms (well under a 16 ms frame)', smallOk && smallSame ? 'PASS' : 'FAIL'],
  [`connect via Service (${svcCluster.model.pods.length} pods, ${svcCluster.model.services.length} Services; DNS + DNAT)`, `${perConnMs.toFixed(3)} ms`, '< 1 ms per connection', svcOk ? 'PASS' : 'FAIL'],
];
const w = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0), ['measure', 'value', 'target', 'result'][c]?.length ?? 0));
const line = (r: string[]) => r.map((cell, c) => cell.padEnd(w[c] ?? 0)).join('  ');
console.log(`Reachability benchmark: ${pods} pods, 20 namespaces, ${policies} NetworkPolicies, TCP/80 (${allowedCells} of ${pods * pods} pairs allowed)`);
console.log(line(['measure', 'value', 'target', 'result']));
console.log(line(w.map((n) => '-'.repeat(n))));
for (const r of rows) console.log(line(r));

if (!identical || !smallSame) {
  console.error('FAIL: fast and naive matrices differ');
  process.exit(1);
}
console.log(`(${connected} of ${k} Service connections connected)`);
if (!fastOk || !ratioOk || !smallOk || !svcOk) process.exit(2);
