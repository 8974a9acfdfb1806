/**
 * Unit tests (Vitest): every `*.test.ts` under src/, beside its module. Property tests run with a
 * fixed, printed seed (src/test-setup/).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    dir: 'src',
    setupFiles: ['./src/test-setup/fast-check-seed.ts'],
    globalSetup: ['./src/test-setup/print-seed.ts'],
  },
});
