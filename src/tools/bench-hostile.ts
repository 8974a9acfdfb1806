/**
 * Hostile-input benchmark (run with `npm run bench:hostile`): parses every input of
 * src/lib/simulator/hostile-inputs.ts (each under the 1 MB limit) and prints its size, the time
 * parseManifests took, and what it yielded (objects, or the ManifestError's message); then the time
 * createCluster takes on the inputs that parse (for information). The lab's 30-pod scenario is parsed five
 * times first, as the lab page parses its scenario before a learner pastes anything. Exits 1 when any parse
 * took longer than 1 s. Times vary with the machine's load (printed): other processes share its cores.
 */
import { cpus, loadavg } from 'node:os';
import { createCluster } from '../lib/simulator/cluster.ts';
import { hostileInputs } from '../lib/simulator/hostile-inputs.ts';
import { ManifestError, parseManifests } from '../lib/simulator/manifest.ts';
import { utf8Length } from '../lib/utf8-length.ts';
import { benchScenario } from '../lib/lab/bench-scenario.ts';

const LIMIT_MS = 1000;

function outcome(run: () => unknown): { ms: number; result: string } {
  const start = performance.now();
  let result: string;
  try {
    const value = run();
    result = Array.isArray(value) ? `parsed: ${value.length} objects` : 'built';
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    result = `refused: ${e.message.length > 110 ? `${e.message.slice(0, 110)}…` : e.message}`;
  }
  return { ms: performance.now() - start, result };
}

for (let i = 0; i < 5; i += 1) parseManifests(benchScenario());

const rows: Array<{ name: string; bytes: number; parse: number; build: number | null; result: string }> = [];
for (const input of hostileInputs()) {
  const parsed = outcome(() => parseManifests(input.text));
  const build = parsed.result.startsWith('parsed') ? outcome(() => createCluster(input.text)).ms : null;
  rows.push({ name: input.name, bytes: utf8Length(input.text), parse: parsed.ms, build, result: parsed.result });
}

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`${pad('input', 22)}${pad('bytes', 10)}${pad('parse ms', 10)}${pad('build ms', 10)}outcome`);
for (const r of rows) {
  console.log(`${pad(r.name, 22)}${pad(String(r.bytes), 10)}${pad(r.parse.toFixed(0), 10)}${pad(r.build === null ? '-' : r.build.toFixed(0), 10)}${r.result}`);
}
const slowest = rows.reduce((a, b) => (b.parse > a.parse ? b : a));
const slowestBuild = rows.filter((r) => r.build !== null).reduce((a, b) => ((b.build ?? 0) > (a.build ?? 0) ? b : a));
console.log(`\nload average: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
console.log(`slowest parse: ${slowest.name} ${slowest.parse.toFixed(0)} ms (limit ${LIMIT_MS} ms)`);
console.log(`slowest createCluster (information): ${slowestBuild.name} ${(slowestBuild.build ?? 0).toFixed(0)} ms`);
if (slowest.parse > LIMIT_MS) {
  console.error(`FAIL: ${slowest.name} took ${slowest.parse.toFixed(0)} ms to parse`);
  process.exit(1);
}
