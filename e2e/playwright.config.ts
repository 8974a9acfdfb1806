/**
 * End-to-end tests against the built site, served by `astro preview`:
 * the root build (dist/) on port 4321 and a base-path build (dist-base/, BASE=/course/) on 4322.
 * Chromium comes from the system (Debian's /usr/bin/chromium) when present, or CHROMIUM_PATH.
 */
import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: '.',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: 'http://127.0.0.1:4321',
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
      command: 'npx astro preview --ignore-lock --host 127.0.0.1 --port 4321',
      url: 'http://127.0.0.1:4321/',
      reuseExistingServer: !process.env.CI,
      cwd: '..',
    },
    {
      command: 'npx astro preview --ignore-lock --host 127.0.0.1 --port 4322',
      url: 'http://127.0.0.1:4322/course/',
      reuseExistingServer: !process.env.CI,
      cwd: '..',
      env: { BASE: '/course/', OUT_DIR: './dist-base' },
    },
  ],
});
