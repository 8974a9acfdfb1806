/**
 * End-to-end tests against the built site, served by `astro preview`:
 * the root build (dist/) on port 4321 and a base-path build (dist-base/, BASE=/course/) on 4322.
 * Chromium comes from the system (Debian's /usr/bin/chromium) when present, or CHROMIUM_PATH.
 * E2E_PORT / E2E_BASE_PORT move the two servers (so two checkouts can test at once); a server already
 * listening is reused only when E2E_REUSE=1. No retries: a test that fails once is a defect to find.
 */
import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

const port = Number(process.env.E2E_PORT ?? 4321);
const basePort = Number(process.env.E2E_BASE_PORT ?? port + 1);
const reuse = process.env.E2E_REUSE === '1';
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: '.',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(systemChromium ? { executablePath: systemChromium } : {}),
          args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
        },
      },
    },
  ],
  webServer: [
    {
      command: `npx astro preview --ignore-lock --host 127.0.0.1 --port ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: reuse,
      cwd: '..',
    },
    {
      command: `npx astro preview --ignore-lock --host 127.0.0.1 --port ${basePort}`,
      url: `http://127.0.0.1:${basePort}/course/`,
      reuseExistingServer: reuse,
      cwd: '..',
      env: { BASE: '/course/', OUT_DIR: './dist-base' },
    },
  ],
});
