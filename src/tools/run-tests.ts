/**
 * `npm test`: every stage in order (type check, unit and contract tests, the course build, the fixture
 * build for the engine tests, the size budget, the end-to-end and accessibility tests), stopping at the
 * first failure, and printing how long each stage took at the end.
 * Run: node src/tools/run-tests.ts   (E2E_PORT / E2E_BASE_PORT move the e2e servers)
 */
import { spawnSync } from 'node:child_process';

const STAGES: [name: string, script: string][] = [
  ['type check (astro check)', 'check'],
  ['unit and contract tests (vitest)', 'test:unit'],
  ['course build (dist/)', 'build'],
  ['fixture build for the engine tests (dist-e2e/)', 'build:e2e'],
  ['size budget (Chromium)', 'budget'],
  ['end-to-end and accessibility tests (Playwright)', 'test:e2e'],
];

const times: [string, number, boolean][] = [];
let failed: string | undefined;
const started = performance.now();
for (const [name, script] of STAGES) {
  console.log(`\n▶ ${name}: npm run ${script}`);
  const start = performance.now();
  const result = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  times.push([name, (performance.now() - start) / 1000, ok]);
  if (!ok) {
    failed = result.signal ? `${name} (stopped by ${result.signal}, not by a failing test)` : result.error ? `${name} (${result.error.message})` : name;
    break;
  }
}

// Whole seconds are rounded before they are split, so 119.6 s reads "2 min 0 s", not "1 min 60 s".
const format = (seconds: number) => (seconds >= 59.95 ? `${Math.floor(Math.round(seconds) / 60)} min ${Math.round(seconds) % 60} s` : `${seconds.toFixed(1)} s`);
console.log('\nStage times:');
for (const [name, seconds, ok] of times) console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${format(seconds).padStart(12)}  ${name}`);
console.log(`  total ${format((performance.now() - started) / 1000)}`);
if (failed) {
  console.error(`\nnpm test failed at: ${failed}`);
  process.exit(1);
}
