/**
 * End-to-end tests against built sites, served by `astro preview`, in two projects:
 * - `course`: the course itself (dist/, root path) on E2E_PORT (4321): the frame (home map, navigation,
 *   theme, search, links, sitemap), axe on every page, and each lesson's pages, modes and lab solution.
 * - `engine`: the fixture lesson (e2e/fixtures/content, built into dist-e2e/ under BASE=/course/) on
 *   E2E_BASE_PORT (E2E_PORT + 1): quiz kinds, flashcards, lab editor, player, narration and progress.
 *   Editing a course lesson breaks none of these; the base path is exercised on every engine test.
 * Chromium comes from the system (Debian's /usr/bin/chromium) when present, or CHROMIUM_PATH.
 * A server already listening is reused only when E2E_REUSE=1; E2E_WORKERS sets the parallelism (2).
 * No retries: a test that fails once is a defect to find.
 */
import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

const port = Number(process.env.E2E_PORT ?? 4321);
const basePort = Number(process.env.E2E_BASE_PORT ?? port + 1);
const reuse = process.env.E2E_REUSE === '1';
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** The engine specs, run on the fixture lesson. */
const ENGINE = /\/(quiz|flashcards|lab|lab-cases|lab-matrix|visualize|lifecycle|progress|listen|narration-diagram|a11y-engine)\.spec\.ts$/;

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    ...(systemChromium ? { executablePath: systemChromium } : {}),
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  },
};

export default defineConfig({
  testDir: '.',
  fullyParallel: true,
  // Two workers: the machines this runs on have two cores (Playwright's default would use one).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'course',
      testIgnore: ENGINE,
      use: { ...chromium, baseURL: `http://127.0.0.1:${port}` },
    },
    {
      name: 'engine',
      testMatch: ENGINE,
      // Relative URLs (`lessons/…`) resolve under the fixture site's base path.
      use: { ...chromium, baseURL: `http://127.0.0.1:${basePort}/course/` },
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
      env: { BASE: '/course/', OUT_DIR: './dist-e2e', CONTENT_ROOT: 'e2e/fixtures/content' },
    },
  ],
});
