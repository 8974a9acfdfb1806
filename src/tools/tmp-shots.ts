import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { POLICY_FINAL } from '../lib/simulator/policy/fixture.ts';
const dist = resolve('dist-e2e');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let file = join(dist, path.startsWith('/course/') ? path.slice(7) : path);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }); res.end(readFileSync(file));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [w, h] of [[390, 844], [1280, 800]]) for (const scheme of ['light', 'dark'] as const) {
  const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme });
  await page.goto(`${origin}/course/lessons/fixture-lesson/lab/`);
  const editor = page.getByRole('textbox', { name: 'Manifests (YAML)' });
  await editor.scrollIntoViewIfNeeded();
  await page.locator('[data-editor="codemirror"]').waitFor();
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+a');
  const base = POLICY_FINAL.replace(/---\napiVersion: networking.k8s.io\/v1\nkind: NetworkPolicy\nmetadata: \{ name: prometheus-scrape[\s\S]*$/, '');
  await editor.evaluate((el, t) => { const d = new DataTransfer(); d.setData('text/plain', t); el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: d, bubbles: true, cancelable: true })); }, base);
  await page.getByText(/^The manifests are valid: 8 pods/).waitFor();
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText(POLICY_FINAL.slice(base.length));
  await page.getByText(/^The manifests are valid: 8 pods, 7 NetworkPolicies/).waitFor();
  await page.getByRole('button', { name: 'Matrix port' }).first().isVisible().catch(() => false);
  await page.getByRole('group', { name: 'Matrix port' }).getByRole('button', { name: 'TCP 9090' }).click();
  await page.getByRole('button', { name: /^monitoring\/grafana → shop\/backend-1, TCP 9090/ }).click();
  await page.getByRole('region', { name: /^Why / }).waitFor();
  await page.waitForTimeout(300);
  const matrix = page.locator('.lab-matrix');
  await matrix.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shot-${w}-${scheme}.png`, fullPage: false });
  await matrix.screenshot({ path: `/tmp/shot-${w}-${scheme}-matrix.png` });
  await page.locator('.lab-editor-pane').screenshot({ path: `/tmp/shot-${w}-${scheme}-editor.png` }).catch(() => undefined);
  await page.close();
}
await browser.close(); server.close();
