/**
 * Benchmark of the reachability matrix (run with `npm run bench`).
 * Generates, deterministically (seeded PRNG, seed printed), a cluster of 1,000 pods in 20 namespaces with 200
 * varied NetworkPolicies. Every pod runs a server (agnhost netexec on its `http` port, 80 or 8080), so the
 * matrix is not short-circuited by closed ports: the naive evaluation has to judge policies for most pairs.
 * It times the lab's full multi-namespace grid (every namespace, the CoreDNS pods and two external hosts as
 * extra columns): cold (the first call in a fresh process, before the JIT has seen any of it: the median of 5
 * child processes) and warm (median of 9), against the naive cell-by-cell grid, checks both give identical
 * answers, and times a 30-pod lab scenario. Grid times are main-thread CPU time (process.threadCpuUsage), so a
 * machine loaded by other processes does not inflate them; the cold wall-clock time and the load are printed too.
 * Exits with code 1 when the results differ, 2 when a target is missed.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createCluster } from '../lib/simulator/index.ts';
import { columnAnswers, naiveReachabilityGrid, reachabilityGrid, type GridOptions } from '../lib/simulator/reachability-grid.ts';
import type { Cluster } from '../lib/simulator/index.ts';
import { matrixOf } from '../lib/lab/view.ts';

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
      const http = rnd() < 0.8 ? 80 : 8080;
      objs.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `pod-${String(p).padStart(3, '0')}`, namespace: ns, labels: { app: pick(APPS), tier: pick(TIERS), ...(rnd() < 0.5 ? { version: `v${1 + Math.floor(rnd() * 3)}` } : {}) } },
        spec: {
          containers: [
            {
              name: 'app',
              // A real server: netexec answers HTTP on --http-port (and UDP 8081), so the port is open.
              image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
              args: ['netexec', `--http-port=${http}`],
              ports: [
                { name: 'http', containerPort: http },
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

/** Median time of `runs` calls after `warmup`; `clock` is main-thread CPU for long runs, wall clock for sub-ms ones (CPU accounting is too coarse). */
function timeIt(f: () => void, warmup: number, runs: number, clock: () => number = () => performance.now()): number {
  for (let i = 0; i < warmup; i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = clock();
    f();
    times.push(clock() - t0);
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

const SEED = 42;
const COLD_RUNS = 5;
const opts = { port: 80, protocol: 'TCP' as const };

/** Main-thread CPU time in ms (GC and JIT threads excluded; not inflated when other processes load the machine). */
function threadMs(): number {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
}

/** Builds the 1,000-pod cluster and the grid's span (every namespace, the CoreDNS pods, two external hosts). */
function bigCluster(): { big: Cluster; span: GridOptions; namespaces: string[] } {
  const big = createCluster(generate(20, 50, 10, SEED));
  const namespaces = [...new Set(big.model.pods.filter((p) => !p.implicit).map((p) => p.namespace))];
  return { big, namespaces, span: { ...opts, namespaces, system: ['kube-system/coredns'], external: ['203.0.113.20', '198.51.100.7'] } };
}

if (process.argv.includes('--cold')) {
  // Child: the first grid of a fresh process (nothing compiled or cached yet), as the lab's first keystroke meets it.
  const { big, span } = bigCluster();
  const w0 = performance.now();
  const c0 = threadMs();
  reachabilityGrid(big.state, span);
  console.log(JSON.stringify({ wall: performance.now() - w0, cpu: threadMs() - c0 }));
  process.exit(0);
}

const colds = Array.from({ length: COLD_RUNS }, () => {
  const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--cold'], { encoding: 'utf8' });
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}') as { wall: number; cpu: number };
});
const coldWall = median(colds.map((c) => c.wall));
const coldMs = median(colds.map((c) => c.cpu));
const { big, span, namespaces } = bigCluster();
const fast = reachabilityGrid(big.state, span);
const fastMs = timeIt(() => reachabilityGrid(big.state, span), 3, 9, threadMs);
// What the lab draws: the grid and its refused cells (a pod reached that does not listen), from one judging of the policies.
const labSpan = { namespaces, system: span.system ?? [], external: span.external ?? [] };
const labMatrix = matrixOf(big, opts.port, opts.protocol, labSpan);
const refusedCount = labMatrix.refused.reduce((n, r) => n + r.length, 0);
const labMs = timeIt(() => matrixOf(big, opts.port, opts.protocol, labSpan), 3, 9, threadMs);
const n0 = threadMs();
const naive = naiveReachabilityGrid(big.state, span);
const naiveMs = threadMs() - n0;
const pods = fast.rows.length;
const policies = big.model.networkPolicies.length;
const identical = same(fast.allowed, naive.allowed) && fast.columns.join() === naive.columns.join() && fast.rows.join() === naive.rows.join();
const cells = fast.rows.length * fast.columns.length;
const allowedCells = fast.allowed.reduce((n, r) => n + r.filter(Boolean).length, 0);
const listening = fast.columns.filter((col) => columnAnswers(big.state, col, opts.port, opts.protocol)).length;

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

const ratio = naiveMs / coldMs;
const fastOk = coldMs <= 100 && fastMs <= 100 && labMs <= 100;
const load = loadavg()[0] ?? 0;
const ratioOk = ratio >= 20;
const smallOk = smallMs <= 4;

const rows: Array<[string, string, string, string]> = [
  [`fast grid, cold (first call; median of ${COLD_RUNS} fresh processes)`, `${coldMs.toFixed(1)} ms`, '<= 100 ms', coldMs <= 100 ? 'PASS' : 'FAIL'],
  ['  same, wall clock (machine load included)', `${coldWall.toFixed(1)} ms`, '', ''],
  ['fast grid, warm (median of 9)', `${fastMs.toFixed(1)} ms`, '<= 100 ms', fastMs <= 100 ? 'PASS' : 'FAIL'],
  [`lab matrix, warm (grid + ${refusedCount} refused cells; median of 9)`, `${labMs.toFixed(1)} ms`, '<= 100 ms', labMs <= 100 ? 'PASS' : 'FAIL'],
  ['naive cell-by-cell', `${naiveMs.toFixed(1)} ms`, '', ''],
  ['speed-up (naive / fast cold)', `${ratio.toFixed(1)}x`, '>= 20x', ratioOk ? 'PASS' : 'FAIL'],
  ['identical results', identical ? 'yes' : 'NO', 'yes', identical ? 'PASS' : 'FAIL'],
  [`30-pod lab scenario (${small.reachability(opts).pods.length} pods)`, `${smallMs.toFixed(3)} ms (wall)`, '<= 4 ms (well under a 16 ms frame)', smallOk && smallSame ? 'PASS' : 'FAIL'],
  [`connect via Service (${svcCluster.model.pods.length} pods, ${svcCluster.model.services.length} Services; DNS + DNAT)`, `${perConnMs.toFixed(3)} ms (wall)`, '< 1 ms per connection', svcOk ? 'PASS' : 'FAIL'],
];
const w = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0), ['measure', 'value', 'target', 'result'][c]?.length ?? 0));
const line = (r: string[]) => r.map((cell, c) => cell.padEnd(w[c] ?? 0)).join('  ');
console.log(`Reachability benchmark (seed ${SEED}): ${pods} pods in ${namespaces.length} namespaces, ${policies} NetworkPolicies, TCP/80; grid ${fast.rows.length} × ${fast.columns.length} (pods, CoreDNS pods, 2 external hosts): ${allowedCells} of ${cells} cells allowed; ${listening} of ${fast.columns.length} columns answer on TCP/80`);
console.log(`Grid times are main-thread CPU time (process.threadCpuUsage) unless marked wall clock; sub-millisecond ones are wall clock; load average ${load.toFixed(2)} on ${availableParallelism()} cores.`);
console.log(line(['measure', 'value', 'target', 'result']));
console.log(line(w.map((n) => '-'.repeat(n))));
for (const r of rows) console.log(line(r));

if (!identical || !smallSame) {
  console.error('FAIL: fast and naive matrices differ');
  process.exit(1);
}
console.log(`(${connected} of ${k} Service connections connected)`);
if (!fastOk || !ratioOk || !smallOk || !svcOk) process.exit(2);
