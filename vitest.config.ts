/**
 * Unit tests (Vitest): every `*.test.ts` under src/, beside its module. Property tests run with a
 * fixed, printed seed (src/test-setup/).
 *
 * No test may fail because the machine is slow: Vitest's default 5 s per test is a timing assertion, and
 * property tests that build a hundred clusters passed alone but timed out with the machine busy. The
 * limit here only catches a test that hangs.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    dir: 'src',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    setupFiles: ['./src/test-setup/fast-check-seed.ts'],
    globalSetup: ['./src/test-setup/print-seed.ts'],
  },
});
