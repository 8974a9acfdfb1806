import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
const dist = '/work/wt-int/dist';
const T = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
const srv = createServer((req, res) => { let p = join(dist, decodeURIComponent(req.url.split('?')[0])); if (existsSync(p) && statSync(p).isDirectory()) p = join(p, 'index.html'); if (!existsSync(p)) { res.statusCode = 404; return res.end(); } res.setHeader('content-type', T[extname(p)] ?? 'application/octet-stream'); res.end(readFileSync(p)); }).listen(4471);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const [, , ...urls] = process.argv;
for (const url of urls) for (const [w, h] of [[390, 844], [1280, 800]]) for (const scheme of ['light', 'dark']) {
  const ctx = await b.newContext({ viewport: { width: w, height: h }, colorScheme: scheme });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('http://127.0.0.1:4471' + url);
  await page.waitForTimeout(500);
  const name = url.replace(/\//g, '_') + `${w}-${scheme}.png`;
  await page.screenshot({ path: '/tmp/shots/' + name, fullPage: false });
  if (errors.length) console.log(url, 'ERRORS', errors);
  await ctx.close();
}
await b.close(); srv.close();
console.log('done');
