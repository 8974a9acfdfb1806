/**
 * Hostile-input benchmark (run with `npm run bench:hostile`): parses every input of
 * src/lib/simulator/hostile-inputs.ts (each under the 1 MB limit) and prints its size, the time
 * parseManifests took, and what it yielded (objects, or the ManifestError's message); then the time
 * createCluster takes on the inputs that parse (for information). The lab's 30-pod scenario is parsed five
 * times first, as the lab page parses its scenario before a learner pastes anything.
 *
 * Two times are printed per parse: wall-clock, and the CPU time of this process (user + system). The
 * machine's cores are shared with other processes (its load average is printed), and a wall-clock time
 * includes the time spent waiting for them; the CPU time is the work the parse itself did. Exits 1 when a
 * parse used more than 1 s of CPU time.
 */
import { cpus, loadavg } from 'node:os';
import { benchScenario } from '../lib/lab/bench-scenario.ts';
import { createCluster } from '../lib/simulator/cluster.ts';
import { hostileInputs } from '../lib/simulator/hostile-inputs.ts';
import { ManifestError, parseManifests } from '../lib/simulator/manifest.ts';
import { utf8Length } from '../lib/utf8-length.ts';

const LIMIT_MS = 1000;

interface Timed {
  wall: number;
  cpu: number;
  result: string;
}

function timed(run: () => unknown): Timed {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let result: string;
  try {
    const value = run();
    result = Array.isArray(value) ? `parsed: ${value.length} objects` : 'built';
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    result = `refused: ${e.message.length > 100 ? `${e.message.slice(0, 100)}…` : e.message}`;
  }
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu0);
  return { wall, cpu: (used.user + used.system) / 1000, result };
}

for (let i = 0; i < 5; i += 1) parseManifests(benchScenario());

const rows: Array<{ name: string; bytes: number; parse: Timed; build: Timed | null }> = [];
for (const input of hostileInputs()) {
  const parse = timed(() => parseManifests(input.text));
  const build = parse.result.startsWith('parsed') ? timed(() => createCluster(input.text)) : null;
  rows.push({ name: input.name, bytes: utf8Length(input.text), parse, build });
}

const pad = (s: string, n: number) => s.padEnd(n);
const ms = (n: number) => n.toFixed(0);
console.log(`${pad('input', 22)}${pad('bytes', 9)}${pad('cpu ms', 8)}${pad('wall ms', 9)}${pad('build', 7)}outcome`);
for (const r of rows) {
  console.log(`${pad(r.name, 22)}${pad(String(r.bytes), 9)}${pad(ms(r.parse.cpu), 8)}${pad(ms(r.parse.wall), 9)}${pad(r.build ? ms(r.build.cpu) : '-', 7)}${r.parse.result}`);
}
const slowest = rows.reduce((a, b) => (b.parse.cpu > a.parse.cpu ? b : a));
const slowestWall = rows.reduce((a, b) => (b.parse.wall > a.parse.wall ? b : a));
const built = rows.filter((r) => r.build !== null);
const slowestBuild = built.reduce((a, b) => ((b.build?.cpu ?? 0) > (a.build?.cpu ?? 0) ? b : a));
console.log(`\nload average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
console.log(`slowest parse: ${slowest.name} ${ms(slowest.parse.cpu)} ms of CPU (limit ${LIMIT_MS} ms); slowest wall-clock: ${slowestWall.name} ${ms(slowestWall.parse.wall)} ms`);
console.log(`slowest createCluster (parse + build, for information): ${slowestBuild.name} ${ms(slowestBuild.build?.cpu ?? 0)} ms of CPU`);
if (slowest.parse.cpu > LIMIT_MS) {
  console.error(`FAIL: ${slowest.name} used ${ms(slowest.parse.cpu)} ms of CPU to parse`);
  process.exit(1);
}
