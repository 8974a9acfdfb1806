/**
 * Benchmark of one lab keystroke (run with `npm run bench:lab`): on a 30-pod scenario (3 namespaces,
 * 9 NetworkPolicies, ~12 KB of YAML), each "keystroke" edits a policy's port, and the lab's work for it
 * is timed: parse the changed text into a cluster (the incremental evaluator the lab runs), then compute
 * everything it draws (topology, the 30×30 reachability matrix, the task checks). After a warm-up, the
 * median and 95th percentile of many keystrokes are printed against the 16 ms frame budget, next to the
 * same work with a whole-text parse for comparison. The browser's own figure (the same work plus Preact
 * redrawing the DOM) is measured by e2e/lab.spec.ts. Exits 1 when the median is over 16 ms.
 */
import { benchScenario, keystroke } from '../lib/lab/bench-scenario.ts';
import type { CheckableTask } from '../lib/lab/check-tasks.ts';
import { createEvaluator, evaluateManifests } from '../lib/lab/evaluate.ts';
import { labSnapshot } from '../lib/lab/view.ts';

const TARGET_MS = 16;
const WARMUP = 40;
const RUNS = 301;

const tasks: CheckableTask[] = [
  {
    id: 'shop-to-api',
    expect: [
      { from: 'shop/web-1', to: 'api/orders-1', port: 8080, protocol: 'TCP', allowed: true },
      { from: 'data/db-1', to: 'api/orders-1', port: 8080, protocol: 'TCP', allowed: false },
    ],
  },
  {
    id: 'data-locked',
    expect: [
      { from: 'api/orders-2', to: 'data/db-2', port: 8080, protocol: 'TCP', allowed: true },
      { from: 'shop/cart-5', to: 'data/db-2', port: 8080, protocol: 'TCP', allowed: false },
      { from: 'shop/cart-5', to: 'orders.api', port: 80, protocol: 'TCP', allowed: true },
    ],
  },
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

/** Times `keystrokes` consecutive edits of the scenario with `work`; returns sorted milliseconds. */
function time(work: (text: string) => void, keystrokes: number): number[] {
  let text = benchScenario();
  const times: number[] = [];
  for (let i = 0; i < keystrokes; i += 1) {
    text = keystroke(text, i);
    const start = performance.now();
    work(text);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const text = benchScenario();
const first = evaluateManifests(text);
if (!first.ok) {
  console.error(`The bench scenario does not build: ${first.error.message}`);
  process.exit(1);
}
const pods = first.cluster.model.pods.filter((pod) => !pod.implicit).length;
const policies = first.cluster.model.networkPolicies.length;
const before = labSnapshot(first.cluster, tasks, 8080, 'TCP');
const edited = evaluateManifests(keystroke(text, 0));
const after = edited.ok ? labSnapshot(edited.cluster, tasks, 8080, 'TCP') : null;
if (!after || JSON.stringify(after.matrix.allowed) === JSON.stringify(before.matrix.allowed)) {
  console.error('A keystroke should change the matrix; the bench scenario is wrong.');
  process.exit(1);
}

const evaluator = createEvaluator();
const incremental = (t: string) => {
  const running = evaluator.update(t).running;
  if (running) labSnapshot(running, tasks, 8080, 'TCP');
};
const whole = (t: string) => {
  const result = evaluateManifests(t);
  if (result.ok) labSnapshot(result.cluster, tasks, 8080, 'TCP');
};
const drawOnly = (() => {
  const cluster = first.cluster;
  return () => labSnapshot(cluster, tasks, 8080, 'TCP');
})();

time(incremental, WARMUP);
time(whole, WARMUP);
const inc = time(incremental, RUNS);
const full = time(whole, RUNS);
const draw = time(drawOnly, RUNS);

const rows: Array<[string, number[]]> = [
  ['keystroke, incremental parse (what the lab runs)', inc],
  ['keystroke, whole-text parse (for comparison)', full],
  ['  of which topology + matrix + task checks', draw],
];
console.log(`Lab keystroke benchmark: ${pods} pods, ${policies} NetworkPolicies, ${(text.length / 1024).toFixed(1)} KB of YAML, ${RUNS} keystrokes after ${WARMUP} warm-up`);
console.log(`${'measure'.padEnd(50)}  ${'median'.padStart(9)}  ${'p95'.padStart(9)}  target`);
for (const [name, times] of rows) {
  console.log(`${name.padEnd(50)}  ${`${percentile(times, 0.5).toFixed(2)} ms`.padStart(9)}  ${`${percentile(times, 0.95).toFixed(2)} ms`.padStart(9)}  ${name.startsWith(' ') ? '' : `${TARGET_MS} ms`}`);
}
const median = percentile(inc, 0.5);
const ok = median <= TARGET_MS;
console.log(`${ok ? 'PASS' : 'FAIL'}: a keystroke costs ${median.toFixed(2)} ms (median) of the ${TARGET_MS} ms frame, before the DOM update.`);
process.exit(ok ? 0 : 1);
